// Home: pick a region on the map, then its upcoming events, the latest announcements, the elections under way
// and, for signed-in members, the open polls. The page starts in the member's region: the first region of their
// digest subscription when they are signed in and subscribed (unless they chose another one during this visit),
// else their last choice on this device; "All of France" is always one click away.

import { get, getRegions } from "../api.js";
import { session } from "../auth.js";
import { announcementCard, eventCard, pagedList } from "../cards.js";
import { fill, h } from "../dom.js";
import { ELECTION_STATUS, formatDate, label, pick, t } from "../i18n.js";
import { byName, errorBox, focusHeading, geography, main, placeName, setTitle } from "../ui.js";

const KEY = "hromada.region";
const CHOSEN = "hromada.region.chosen"; // sessionStorage: a region was picked during this visit

function chosenThisVisit() {
  try {
    return sessionStorage.getItem(CHOSEN) === "1";
  } catch {
    return false;
  }
}

/** The region of the signed-in member's confirmed digest subscription, or null. */
async function subscribedRegion(signal) {
  if (!session() || chosenThisVisit()) return null;
  try {
    const mine = await get("/me/subscription", {}, { signal });
    return mine.status === "confirmed" && mine.regions?.length ? mine.regions[0] : null;
  } catch (err) {
    if (err.name === "AbortError") throw err;
    return null;
  }
}

function remembered() {
  try {
    return localStorage.getItem(KEY) || "";
  } catch {
    return "";
  }
}

function remember(code) {
  try {
    if (code) localStorage.setItem(KEY, code);
    else localStorage.removeItem(KEY);
    sessionStorage.setItem(CHOSEN, "1");
  } catch {
    // not remembered
  }
}

export function mount(route) {
  let region = route.params.get("region") ?? remembered();
  if (route.params.has("region")) remember(region);
  let geo = geography(null);
  let counts = null;
  let regionMap = null; // the map's module (and its outlines) come alongside the lists, not before them
  let lists = [];
  const controller = new AbortController();

  const mapBox = h("div", { class: "map-box" });
  const allLink = h("a", { href: "#/?region=", class: "map-all" }, t("seeAllFrance"));
  const regionTitle = h("h2", { id: "home-events" });
  const eventsBox = h("div");
  const newsBox = h("div");
  const votesBox = h("div");
  const bannerBox = h("div"); // the running campaigns, once the first screen is usable
  const picker = h("select", { id: "home-region", name: "region" });
  picker.addEventListener("change", () => { window.location.hash = `#/?region=${picker.value}`; });

  fill(main,
    h("h1", { tabindex: "-1" }, t("homeTitle")),
    h("p", { class: "lead" }, t("homeIntro")),
    bannerBox,
    h("div", { class: "home-grid" }, // the events first (on a phone, before the map); the map on the left otherwise
      h("div", { class: "home-side" },
        h("section", { class: "block", "aria-labelledby": "home-events" }, regionTitle, eventsBox),
        h("section", { class: "block", "aria-labelledby": "home-votes" },
          h("h2", { id: "home-votes" }, t("votesNow")), votesBox)),
      h("section", { class: "block map-section", "aria-labelledby": "home-map" },
        h("div", { class: "map-head" }, h("h2", { id: "home-map" }, t("mapTitle")), allLink),
        h("p", { class: "hint" }, t("mapHint")),
        mapBox,
        h("div", { class: "field" }, h("label", { for: "home-region" }, t("mapSelect")), picker))),
    h("section", { class: "block", "aria-labelledby": "home-news" },
      h("h2", { id: "home-news" }, t("latestNews")), newsBox));
  setTitle(t("homeTitle"));
  focusHeading(route.focus);

  function drawMap() {
    if (!regionMap) return;
    const focused = mapBox.contains(document.activeElement) ? document.activeElement.dataset?.region : null;
    const names = new Map([...geo.regions.values()].map((r) => [r.code, placeName(r)]));
    fill(mapBox, regionMap({
      names, counts, selected: region, href: (code) => `#/?region=${code}`,
      label: t("mapTitle"), regionLabel: (name, n) => t("regionEvents", name, n), overseasLabel: t("overseas"),
    }));
    if (region) allLink.removeAttribute("aria-current");
    else allLink.setAttribute("aria-current", "true");
    if (focused) {  // redrawn with the numbers: the keyboard stays where it was
      const again = mapBox.querySelector(`[data-region="${focused}"]`);
      mapBox.querySelectorAll("[tabindex='0']").forEach((a) => a.setAttribute("tabindex", "-1"));
      again?.setAttribute("tabindex", "0");
      again?.focus();
    }
  }

  function drawPicker() {
    fill(picker, h("option", { value: "" }, t("allFrance")),
      [...geo.regions.values()].sort(byName).map((r) => h("option", { value: r.code }, placeName(r))));
    picker.value = geo.regions.has(region) ? region : "";
  }

  function loadLists() {
    lists.forEach((l) => l.abort());
    const name = geo.regions.get(region);
    regionTitle.textContent = name ? t("eventsIn", placeName(name)) : t("eventsAll");
    const events = pagedList("/events", { region: region || undefined }, (ev) => eventCard(ev, geo, { level: "h3" }),
      { empty: t("noEventsRegion"), labelledby: "home-events", pageSize: 4, more: t("loadMoreEvents") });
    const news = pagedList("/announcements", { region: region || undefined }, (a) => announcementCard(a),
      { empty: t("noNews"), labelledby: "home-news", pageSize: 3 });
    lists = [events, news];
    fill(eventsBox, events.nodes,
      h("p", {}, h("a", { href: region ? `#/events?region=${region}` : "#/events" }, t("allEvents"))));
    fill(newsBox, news.nodes,
      h("p", {}, h("a", { href: region ? `#/announcements?region=${region}` : "#/announcements" }, t("allAnnouncements"))));
  }

  async function loadVotes() {
    fill(votesBox, h("p", { class: "status", role: "status" }, t("loading")));
    try {
      const [elections, polls] = await Promise.all([
        get("/elections", { limit: 20 }, { signal: controller.signal }),
        session() ? get("/polls", { limit: 20 }, { signal: controller.signal }).catch(() => ({ items: [] }))
          : Promise.resolve(null),
      ]);
      const current = (elections.items || []).filter((e) => e.status === "nominations" || e.status === "voting");
      const open = (polls?.items || []).filter((p) => p.status === "open");
      const items = [
        ...current.map((e) => h("li", {},
          h("a", { href: `#/elections/${encodeURIComponent(e.id)}` }, pick(e.title)?.text || e.id),
          " — ", label(ELECTION_STATUS, e.status),
          e.status === "voting" ? ` (${t("closesOn", formatDate(e.voting_closes_at))})` : "")),
        ...open.map((p) => h("li", {},
          h("a", { href: `#/polls/${encodeURIComponent(p.id)}` }, pick(p.question)?.text || p.id),
          " — ", t("pollOpenUntil", formatDate(p.closes_at)))),
      ];
      fill(votesBox,
        items.length ? h("ul", { class: "plain-list" }, items) : h("p", { class: "muted" }, t("noVotesNow")),
        polls === null ? h("p", { class: "hint" }, t("signInForPolls")) : null,
        h("p", {}, h("a", { href: "#/votes" }, t("allVotes"))));
    } catch (err) {
      if (err.name === "AbortError") return;
      fill(votesBox, errorBox(err, { retry: loadVotes }));
    }
  }

  const starting = route.params.has("region") ? Promise.resolve(null) : subscribedRegion(controller.signal);
  // (both fetched at once: the outlines need not wait for map.js to be read)
  const drawing = Promise.all([import("../map.js"), import("../../vendor/france-regions.js")])
    .then(([module]) => { regionMap = module.regionMap; }, (err) => {
      mapBox.append(errorBox(err, { title: t("regionsFailed") }));
    });
  Promise.all([
    getRegions().then((data) => { geo = geography(data); }, (err) => {
      mapBox.append(errorBox(err, { title: t("regionsFailed") }));
    }),
    starting.then((code) => { if (code) region = code; }, () => {}),
  ]).finally(() => {
    if (controller.signal.aborted) return;
    loadLists();
    drawPicker();
    drawing.then(() => {
      if (controller.signal.aborted) return;
      drawMap();
      // the campaigns' banner and the numbers come last, once the map is usable without them (they do not delay
      // the first screen: the banner's module and strings are not on the first page's path)
      import("../campaign-banner.js").then(({ campaignBanner }) => {
        if (!controller.signal.aborted) fill(bannerBox, campaignBanner(controller.signal));
      }, () => {}); // a banner that cannot load is simply not shown
      get("/events/counts", {}, { signal: controller.signal }).then((data) => {
        counts = data.regions || {};
        drawMap();
      }, () => {});
    });
  });
  loadVotes();

  return {
    name: "home",
    update(next) {
      if (!next.params.has("region")) return; // back home: the region shown stays
      const wanted = next.params.get("region");
      remember(wanted);
      if (wanted === region) return;
      region = wanted;
      drawMap();
      drawPicker();
      loadLists();
      (mapBox.querySelector(`[data-region="${region}"]`) || (region ? null : allLink))?.focus();
    },
    destroy() {
      controller.abort();
      lists.forEach((l) => l.abort());
    },
  };
}
