// The map of France's 18 regions: the 13 metropolitan ones with their true outlines (web/vendor/france-regions.js,
// generated from @svg-maps/france.regions by scripts/vendor_web.py; see NOTICE.md), each with its name and the
// number of upcoming events; the five overseas regions in a row of insets below.
// Each region is a link named "Bretagne, 3 événements à venir". The map is one stop for Tab (the chosen region,
// or the first); the arrow keys move to the neighbouring region in that direction, Home and End to the first and
// last; Enter follows the link.

import { s } from "./dom.js";
import { REGIONS, VIEW_BOX } from "../vendor/france-regions.js";

// Metropolitan regions in reading order (north to south, west to east), the order of Home/End and of the DOM.
const ORDER = ["32", "28", "11", "44", "53", "52", "24", "27", "75", "84", "76", "93", "94"];
export const OVERSEAS = ["01", "02", "03", "04", "06"]; // Guadeloupe, Martinique, Guyane, La Réunion, Mayotte
const [VX, VY, VW, VH] = VIEW_BOX.split(/\s+/).map(Number);
const INSET_TOP = VY + VH + 24;
const INSET_HEIGHT = 70;
const INSET_GAP = 8;
const HEIGHT = INSET_TOP + INSET_HEIGHT + 4 - VY;
// Where a name goes when the region's own label point is too tight (Île-de-France is small: its name sits
// above it, the count on it).
const NAME_OFFSET = { "11": -28 };

/** Break a name into lines of about `limit` characters (SVG text does not wrap). */
function lines(name, limit) {
  const words = name.replace(/-/g, "-\u0000").split(/[\s\u0000]+/).filter(Boolean);
  const out = [];
  for (const word of words) {
    const last = out[out.length - 1];
    if (last && (last + word).length + (last.endsWith("-") ? 0 : 1) <= limit) {
      out[out.length - 1] = last.endsWith("-") ? last + word : `${last} ${word}`;
    } else out.push(word);
  }
  return out.slice(0, 3);
}

function label(x0, y, name, size, limit, kind) {
  const text = lines(name, limit);
  const top = y - ((text.length - 1) * size * 1.1);
  // kept inside the map (Corsica's name would run off its right edge)
  const half = (Math.max(...text.map((line) => line.length)) * size * 0.62) / 2;
  const x = Math.min(Math.max(x0, VX + half + 2), VX + VW - half - 2);
  return s("text", { x, y: top, "font-size": size, "text-anchor": "middle", class: `map-name map-name-${kind}`,
    "aria-hidden": "true" },
    text.map((line, i) => s("tspan", { x, dy: i ? size * 1.1 : 0 }, line)));
}

function badge(x, y, n) {
  const text = String(n ?? "…");
  const r = text.length > 2 ? 17 : 13;
  return s("g", { class: "map-count", "aria-hidden": "true" },
    s("circle", { cx: x, cy: y, r }),
    s("text", { x, y: y + 5, "font-size": 14, "text-anchor": "middle" }, text));
}

/** How strongly a region is tinted: 0 (nothing planned) to 3 (the busiest). */
function level(n, max) {
  if (!n) return 0;
  return Math.max(1, Math.ceil((3 * n) / Math.max(max, 1)));
}

/**
 * The map as an <svg>: `names` maps codes to names; `counts` codes to upcoming events (null while unknown);
 * `selected` is highlighted (aria-current); `href(code)` is each region's link; `label` names the whole map;
 * `regionLabel(name, n)` names one region; `overseasLabel` captions the insets.
 */
export function regionMap({ names, counts, selected, href, label: mapLabel, regionLabel, overseasLabel }) {
  const shapes = new Map(REGIONS.map((r) => [r.code, r]));
  const known = counts ? Object.values(counts) : [];
  const max = known.length ? Math.max(...known) : 0;
  const named = (code) => names.get(code) || code;
  const accessible = (code) => (counts ? regionLabel(named(code), counts[code] ?? 0) : named(code));
  const link = (code, x, y, ...children) => s("a", {
    href: href(code), class: "map-region", "aria-label": accessible(code), "data-region": code,
    "data-x": x, "data-y": y, "data-level": counts ? level(counts[code], max) : null,
    "aria-current": code === selected ? "true" : null,
  }, children);

  const metropolitan = ORDER.filter((code) => shapes.has(code)).map((code) => {
    const { d, label: [x, y] } = shapes.get(code);
    const offset = NAME_OFFSET[code] ?? -19;
    return link(code, x, y,
      s("path", { d, class: "map-shape" }),
      label(x, y + offset, named(code), 13, 13, "metro"),
      badge(x, y, counts ? counts[code] ?? 0 : null));
  });
  const width = (VW - 4 * INSET_GAP) / OVERSEAS.length;
  const overseas = OVERSEAS.map((code, i) => {
    const x = VX + i * (width + INSET_GAP);
    const cx = x + width / 2;
    return link(code, cx, INSET_TOP + INSET_HEIGHT / 2,
      s("rect", { x, y: INSET_TOP, width, height: INSET_HEIGHT, rx: 8, class: "map-shape" }),
      label(cx, INSET_TOP + 24, named(code), 14, 16, "overseas"),
      badge(cx, INSET_TOP + 46, counts ? counts[code] ?? 0 : null));
  });
  const links = [...metropolitan, ...overseas];
  const current = links.find((a) => a.dataset.region === selected) || links[0];
  for (const a of links) a.setAttribute("tabindex", a === current ? "0" : "-1");
  const svg = s("svg", {
    viewBox: `${VX} ${VY} ${VW} ${HEIGHT}`, class: "region-map", role: "group", "aria-label": mapLabel,
  },
  s("text", { x: VX, y: INSET_TOP - 8, "font-size": 14, class: "map-caption", "aria-hidden": "true" }, overseasLabel),
  metropolitan,
  // the chosen region's outline drawn again on top, so that its neighbours do not cover it
  shapes.has(selected) ? s("path", { d: shapes.get(selected).d, class: "map-chosen", "aria-hidden": "true" }) : null,
  overseas);
  svg.addEventListener("keydown", (event) => {
    const from = event.target.closest?.(".map-region");
    if (!from) return;
    const next = event.key === "Home" ? links[0] : event.key === "End" ? links[links.length - 1]
      : neighbour(links, from, DIRECTIONS[event.key]);
    if (next === undefined) return;
    event.preventDefault();
    if (!next) return;
    for (const a of links) a.setAttribute("tabindex", a === next ? "0" : "-1");
    next.focus();
  });
  return svg;
}

const DIRECTIONS = { ArrowRight: [1, 0], ArrowLeft: [-1, 0], ArrowDown: [0, 1], ArrowUp: [0, -1] };

const centre = (a) => [Number(a.dataset.x), Number(a.dataset.y)];

/** The nearest region in a direction (distance along it, plus twice the sideways offset); null at the edge. */
function neighbour(links, from, direction) {
  if (!direction) return undefined;
  const [x, y] = centre(from);
  let best = null;
  let bestScore = Infinity;
  for (const a of links) {
    if (a === from) continue;
    const [tx, ty] = centre(a);
    const along = (tx - x) * direction[0] + (ty - y) * direction[1];
    if (along <= 1) continue;
    const sideways = Math.abs((tx - x) * direction[1] + (ty - y) * direction[0]);
    const score = along + 2 * sideways;
    if (score < bestScore) [best, bestScore] = [a, score];
  }
  return best;
}
