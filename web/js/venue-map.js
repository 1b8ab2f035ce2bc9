// Where an event happens: its address, a link that opens the place in OpenStreetMap and, when the deployment
// names a tile server (config.json: map_tiles_url) and the venue has coordinates, a small Leaflet map.
// Leaflet (web/vendor/leaflet/, see NOTICE.md) is loaded only then, by this page: never on the first page.
// Without a tile server (the local default: offline) nothing is fetched from outside and the page stays whole.

import { config } from "./config.js";
import { externalLink, fill, h } from "./dom.js";
import { t } from "./i18n.js";
import "./more-strings.js";

const ZOOM = 16;

function hasPlace(venue) {
  return Number.isFinite(venue?.latitude) && Number.isFinite(venue?.longitude);
}

/** The place in OpenStreetMap: a pin at the coordinates, else a search for the address. */
export function osmUrl(venue) {
  if (hasPlace(venue)) {
    const { latitude: lat, longitude: lon } = venue;
    return `https://www.openstreetmap.org/?mlat=${lat}&mlon=${lon}#map=${ZOOM}/${lat}/${lon}`;
  }
  const query = [venue.address, `${venue.postal_code} ${venue.city}`].filter(Boolean).join(", ");
  return `https://www.openstreetmap.org/search?query=${encodeURIComponent(query)}`;
}

let leaflet = null;

/** Leaflet's script and stylesheet, once. */
function loadLeaflet() {
  leaflet ??= (async () => {
    const css = new URL("../vendor/leaflet/leaflet.css", import.meta.url).href;
    if (!document.querySelector(`link[href="${css}"]`)) {
      const link = h("link", { rel: "stylesheet", href: css });
      const ready = new Promise((resolve) => { link.onload = resolve; link.onerror = resolve; });
      document.head.append(link);
      await ready;
    }
    await import("../vendor/leaflet/leaflet.js"); // a UMD build: it sets window.L
    return window.L;
  })().catch((err) => {
    leaflet = null;
    throw err;
  });
  return leaflet;
}

/** Text for Leaflet's attribution (which it treats as HTML): the configured words, escaped. */
function escaped(text) {
  const box = document.createElement("span");
  box.textContent = text;
  return box.innerHTML;
}

async function drawMap(box, venue, settings) {
  const L = await loadLeaflet();
  if (!box.isConnected) return;
  const where = [venue.latitude, venue.longitude];
  const map = L.map(box, { zoomControl: false, scrollWheelZoom: false, attributionControl: true })
    .setView(where, ZOOM);
  L.control.zoom({ zoomInTitle: t("mapZoomIn"), zoomOutTitle: t("mapZoomOut") }).addTo(map);
  map.attributionControl.setPrefix(false);
  L.tileLayer(settings.map_tiles_url, {
    maxZoom: 19, attribution: escaped(settings.map_tiles_attribution || ""), crossOrigin: true,
  }).addTo(map);
  L.marker(where, { alt: venue.name, keyboard: false, title: venue.name }).addTo(map);
  // Leaflet's own controls have English labels: ours follow the page's language
  box.querySelectorAll(".leaflet-control-zoom a").forEach((a) => a.setAttribute("aria-label", a.title));
  box.classList.add("venue-map-ready");
}

/** The "getting there" section of an event with a venue. */
export function venueSection(venue, regionName) {
  const address = [venue.name, venue.address, `${venue.postal_code} ${venue.city}`, regionName]
    .filter(Boolean);
  const mapBox = h("div", { class: "venue-map", role: "region", "aria-label": t("venueMapLabel", venue.name) });
  const section = h("section", { class: "venue", "aria-labelledby": "ev-venue" },
    h("h2", { id: "ev-venue" }, t("venueTitle")),
    h("address", { class: "venue-address" }, address.map((line, i) => [i ? h("br") : null, line])),
    h("p", {}, externalLink(osmUrl(venue), t("openInOsm"), { class: "venue-osm" })));
  if (hasPlace(venue)) {
    config().then((settings) => {
      if (!settings.map_tiles_url || !section.isConnected) return;
      section.append(mapBox);
      drawMap(mapBox, venue, settings).catch(() => {
        fill(mapBox, h("p", { class: "muted" }, t("venueMapFailed")));
      });
    });
  }
  return section;
}
