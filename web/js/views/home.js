// Home: pick a region on the map (remembered), then its upcoming events, the latest announcements,
// the elections under way and, for signed-in members, the open polls.

import { get, getRegions } from "../api.js";
import { session } from "../auth.js";
import { announcementCard, eventCard, pagedList } from "../cards.js";
import { fill, h } from "../dom.js";
import { ELECTION_STATUS, formatDate, label, pick, t } from "../i18n.js";
import { byName, errorBox, focusHeading, geography, main, placeName, setTitle } from "../ui.js";
import { regionMap } from "../map.js";

const KEY = "hromada.region";

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
  } catch {
    // not remembered
  }
}

export function mount(route) {
  let region = route.params.get("region") ?? remembered();
  if (route.params.has("region")) remember(region);
  let geo = geography(null);
  let lists = [];
  const controller = new AbortController();

  const mapBox = h("div", { class: "map-box" });
  const regionTitle = h("h2", { id: "home-events" });
  const eventsBox = h("div");
  const newsBox = h("div");
  const votesBox = h("div");
  const picker = h("select", { id: "home-region", name: "region" });
  picker.addEventListener("change", () => { window.location.hash = `#/?region=${picker.value}`; });

  fill(main,
    h("h1", { tabindex: "-1" }, t("homeTitle")),
    h("p", { class: "lead" }, t("homeIntro")),
    h("div", { class: "home-grid" }, // the events first (on a phone, before the map); the map on the left otherwise
      h("div", { class: "home-side" },
        h("section", { class: "block", "aria-labelledby": "home-events" }, regionTitle, eventsBox),
        h("section", { class: "block", "aria-labelledby": "home-votes" },
          h("h2", { id: "home-votes" }, t("votesNow")), votesBox)),
      h("section", { class: "block map-section", "aria-labelledby": "home-map" },
        h("h2", { id: "home-map" }, t("mapTitle")),
        h("p", { class: "hint" }, t("mapHint")),
        mapBox,
        h("div", { class: "field" }, h("label", { for: "home-region" }, t("mapSelect")), picker))),
    h("section", { class: "block", "aria-labelledby": "home-news" },
      h("h2", { id: "home-news" }, t("latestNews")), newsBox));
  setTitle(t("homeTitle"));
  focusHeading(route.focus);

  function drawMap() {
    const names = new Map([...geo.regions.values()].map((r) => [r.code, placeName(r)]));
    fill(mapBox, regionMap({
      names, selected: region, href: (code) => `#/?region=${code}`,
      label: t("mapTitle"), overseasLabel: t("overseas"),
    }));
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

  getRegions().then((data) => { geo = geography(data); }, (err) => {
    mapBox.append(errorBox(err, { title: t("regionsFailed") }));
  }).finally(() => {
    if (controller.signal.aborted) return;
    drawMap();
    loadLists();
  });
  loadVotes();

  return {
    name: "home",
    update(next) {
      const wanted = next.params.get("region") ?? remembered();
      remember(wanted);
      if (wanted === region) return;
      region = wanted;
      drawMap();
      loadLists();
      mapBox.querySelector(`[data-region="${region}"]`)?.focus();
    },
    destroy() {
      controller.abort();
      lists.forEach((l) => l.abort());
    },
  };
}
