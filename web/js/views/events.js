// Events: the list with filters (#/events?region=76&category=concert&from=2026-12-01) and one event with
// its seats, the person's RSVP (or place on the waitlist), add-to-calendar and share.

import { ApiError, apiHref, del, get, getRegions, post } from "../api.js";
import { session } from "../auth.js";
import { eventCard, eventWhere } from "../cards.js";
import { reportButton } from "../report.js";
import { externalLink, fill, h, plainText, safeUrl } from "../dom.js";
import {
  EVENT_CATEGORIES, SPOKEN, formatDateTime, formatMoney, formatRange, label, lang, pick, t,
} from "../i18n.js";
import {
  busy, byName, errorBox, failedPage, field, focusHeading, geography, loading, main, placeName, select, setTitle,
  success, tags,
} from "../ui.js";

const FILTERS = ["region", "category", "from", "to", "q", "online"];
let lastListHash = "#/events";

export function mount(route) {
  return route.name === "event" ? detailView(route) : listView(route);
}

function readFilters(params) {
  const out = {};
  for (const key of FILTERS) {
    const value = (params?.get(key) || "").trim();
    if (value) out[key] = value;
  }
  return out;
}

function listHash(filters) {
  const params = new URLSearchParams();
  for (const key of FILTERS) if (filters[key]) params.set(key, filters[key]);
  const query = params.toString();
  return query ? `#/events?${query}` : "#/events";
}

function listView(route) {
  let filters = readFilters(route.params);
  let geo = geography(null);
  let controller = null;
  let cursor = null;
  let shown = 0;

  const region = select("region", [["", t("any")]], "", { id: "ev-region" });
  const category = select("category", [["", t("any")],
    ...Object.keys(EVENT_CATEGORIES).map((c) => [c, label(EVENT_CATEGORIES, c)])], "", { id: "ev-category" });
  const from = h("input", { type: "date", name: "from", id: "ev-from" });
  const to = h("input", { type: "date", name: "to", id: "ev-to" });
  const q = h("input", { type: "search", name: "q", id: "ev-q", maxlength: 100, autocomplete: "off" });
  const online = select("online", [["", t("anyFormat")], ["true", t("onlineOnly")], ["false", t("inPerson")]], "",
    { id: "ev-online" });
  const form = h("form", { class: "filters", role: "search", "aria-label": t("filters"), novalidate: true },
    field(t("region"), region), field(t("category"), category),
    field(t("fromDate"), from), field(t("toDate"), to), field(t("format"), online), field(t("q"), q),
    h("div", { class: "actions" },
      h("button", { type: "submit", class: "button" }, t("searchBtn")),
      h("button", { type: "button", class: "button button-quiet", onclick: () => go({}) }, t("resetBtn"))));
  const notices = h("div", { class: "notices" });
  const status = h("p", { class: "status", role: "status" });
  const list = h("ul", { class: "cards", "aria-labelledby": "events-title" });
  const more = h("button", { type: "button", class: "button", hidden: true, onclick: () => load(false) },
    t("loadMoreEvents"));
  const feedLink = h("a", { download: "hromada.ics" }, t("calendarFeedList"));

  fill(main, h("h1", { id: "events-title", tabindex: "-1" }, t("eventsTitle")),
    h("p", { class: "lead" }, t("eventsIntro")), form, h("p", {}, feedLink), notices, status, list,
    h("div", { class: "more" }, more));
  setTitle(t("eventsTitle"));
  focusHeading(route.focus);

  function sync() {
    region.value = geo.regions.has(filters.region) ? filters.region : "";
    category.value = EVENT_CATEGORIES[filters.category] ? filters.category : "";
    from.value = filters.from || "";
    to.value = filters.to || "";
    q.value = filters.q || "";
    online.value = ["true", "false"].includes(filters.online) ? filters.online : "";
    apiHref("/events.ics", { ...filters, lang: lang() }).then((href) => { feedLink.href = href; });
  }

  function readForm() {
    const next = {};
    for (const key of FILTERS) {
      const value = (form.elements[key].value || "").trim();
      if (value) next[key] = value;
    }
    return next;
  }

  function go(next) {
    const target = listHash(next);
    if (target === window.location.hash) update({ params: new URLSearchParams(target.split("?")[1] || "") }, true);
    else window.location.hash = target;
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    go(readForm());
  });
  for (const control of [region, category, from, to, online]) control.addEventListener("change", () => go(readForm()));

  async function load(reset) {
    controller?.abort();
    controller = new AbortController();
    const { signal } = controller;
    if (reset) {
      cursor = null;
      shown = 0;
      list.replaceChildren();
    }
    notices.replaceChildren();
    more.hidden = true;
    list.setAttribute("aria-busy", "true");
    status.textContent = t("loading");
    try {
      const page = await get("/events", { ...filters, limit: 12, cursor }, { signal });
      const cards = (page.items || []).map((ev) => eventCard(ev, geo));
      list.append(...cards);
      shown += cards.length;
      cursor = page.next_cursor || null;
      more.hidden = !cursor;
      status.textContent = shown ? t("eventCount", shown) : t("noEvents");
      if (!reset && cards.length) cards[0].querySelector("a").focus();
    } catch (err) {
      if (err.name === "AbortError") return;
      status.textContent = "";
      notices.append(errorBox(err, { retry: () => load(reset) }));
    } finally {
      if (!signal.aborted) list.removeAttribute("aria-busy");
    }
  }

  function update(next, force = false) {
    const wanted = readFilters(next.params);
    const same = listHash(wanted) === listHash(filters);
    filters = wanted;
    lastListHash = listHash(filters);
    sync();
    if (!same || force) load(true);
  }

  lastListHash = listHash(filters);
  getRegions().then((data) => {
    geo = geography(data);
    fill(region, h("option", { value: "" }, t("any")),
      [...geo.regions.values()].sort(byName).map((r) => h("option", { value: r.code }, placeName(r))));
  }, () => {}).finally(() => {
    sync();
    load(true);
  });
  return { name: "events", update, destroy: () => controller?.abort() };
}

// ------------------------------------------------------------------ one event

function detailView(route) {
  const controller = new AbortController();
  const back = h("p", { class: "back" },
    h("a", { href: lastListHash }, h("span", { "aria-hidden": "true" }, "← "), t("backEvents")));
  fill(main, back, loading());
  setTitle(t("loading"));

  async function load() {
    try {
      const [ev, geo] = await Promise.all([
        get(`/events/${encodeURIComponent(route.id)}`, {}, { signal: controller.signal }),
        getRegions().then(geography, () => geography(null)),
      ]);
      await render(ev, geo);
    } catch (err) {
      if (err.name === "AbortError") return;
      failedPage(err, route, load);
      main.prepend(back);
    }
  }

  async function render(ev, geo) {
    const title = pick(ev.title);
    const description = pick(ev.description);
    const venue = ev.venue;
    const region = venue ? geo.regions.get(venue.region) : null;
    const online = safeUrl(ev.online_url, { httpsOnly: true });
    const ticket = safeUrl(ev.ticket_url, { httpsOnly: true });
    const rows = [
      [t("when"), h("span", {}, formatRange(ev.start, ev.end, ev.timezone))],
      [t("where"), venue ? [venue.name, venue.address, `${venue.postal_code} ${venue.city}`,
        region ? placeName(region) : null].filter(Boolean).join(", ") : null],
      [t("onlineLink"), online ? externalLink(online, online) : null],
      [t("organiser"), h("a", { href: `#/associations/${encodeURIComponent(ev.association.slug)}` }, ev.association.name)],
      [t("price"), ev.is_free ? t("free") : [ev.price_cents != null ? formatMoney(ev.price_cents) : t("paid"),
        ticket ? [" — ", externalLink(ticket, t("tickets"))] : null]],
      [t("languages"), (ev.languages || []).map((c) => label(SPOKEN, c)).join(", ")],
      [t("registrationUntil"), ev.registration_deadline
        ? h("time", { datetime: ev.registration_deadline }, formatDateTime(ev.registration_deadline, ev.timezone)) : null],
      [t("seats"), ev.seats && ev.seats.capacity != null
        ? t("seatsSummary", ev.seats.confirmed, ev.seats.capacity, ev.seats.waitlisted) : null],
    ].filter(([, value]) => value);
    const ics = await apiHref(`/events/${encodeURIComponent(ev.id)}.ics`, { lang: lang() });
    const rsvpBox = h("div", { class: "rsvp", "aria-live": "polite" });
    const shareBox = h("div", { class: "share" });
    fill(main, back,
      h("article", { class: "detail" },
        h("header", {},
          h("h1", { tabindex: "-1", lang: title?.lang }, title?.text || ev.id),
          ev.status === "cancelled" ? h("div", { class: "alert", role: "alert" },
            h("p", { class: "alert-title" }, t("cancelled")), ev.cancel_reason ? h("p", {}, ev.cancel_reason) : null)
            : null,
          tags(ev.categories, EVENT_CATEGORIES),
          safeUrl(ev.image_url, { httpsOnly: true }) ? h("img", {
            class: "poster", src: safeUrl(ev.image_url, { httpsOnly: true }), alt: t("eventImage"), loading: "lazy",
            referrerpolicy: "no-referrer", onerror: (e) => e.target.remove(),
          }) : null),
        h("dl", { class: "facts" }, rows.map(([term, value]) => h("div", {}, h("dt", {}, term), h("dd", {}, value)))),
        h("section", { "aria-labelledby": "ev-about" },
          h("h2", { id: "ev-about" }, t("about")),
          description ? h("p", { class: "description", lang: description.lang }, plainText(description.text)) : null),
        h("section", { "aria-labelledby": "ev-rsvp" }, h("h2", { id: "ev-rsvp" }, t("rsvpTitle")), rsvpBox),
        h("section", { "aria-labelledby": "ev-tools" },
          h("h2", { id: "ev-tools" }, t("shareTitle")),
          h("p", { class: "tools" },
            h("a", { class: "button button-quiet", href: ics, download: `${ev.id}.ics` }, t("addToCalendar")),
            h("button", { type: "button", class: "button button-quiet", onclick: () => share(ev, title, shareBox) },
              t("share")),
            reportButton("event", ev.id, title?.text || ev.id)),
          shareBox)));
    setTitle(title?.text || "");
    focusHeading(route.focus);
    rsvp(ev, rsvpBox);
  }

  async function rsvp(ev, box) {
    if (ev.status === "cancelled") {
      fill(box, h("p", { class: "muted" }, t("rsvpCancelledEvent")));
      return;
    }
    if (!session()) {
      fill(box, h("p", {}, t("rsvpSignIn"), " ",
        h("a", { href: `#/signin?next=${encodeURIComponent(window.location.hash)}` }, t("signIn"))));
      return;
    }
    fill(box, loading());
    let mine = null;
    try {
      mine = await get(`/events/${encodeURIComponent(ev.id)}/rsvp`, {}, { signal: controller.signal });
    } catch (err) {
      if (err.name === "AbortError") return;
      if (!(err instanceof ApiError && err.status === 404)) {
        fill(box, errorBox(err, { retry: () => rsvp(ev, box) }));
        return;
      }
    }
    const notices = h("div");
    if (mine) {
      const leave = h("button", { type: "button", class: "button button-quiet" }, t("rsvpLeave"));
      leave.addEventListener("click", () => busy(leave, notices, async () => {
        await del(`/events/${encodeURIComponent(ev.id)}/rsvp`);
        await reload(ev, box, t("rsvpLeft"));
      }));
      fill(box, h("p", { class: "rsvp-state" }, mine.status === "confirmed" ? t("rsvpConfirmed")
        : t("rsvpWaiting", mine.position ?? "?")), leave, notices);
    } else {
      const join = h("button", { type: "button", class: "button" }, t("rsvpJoin"));
      join.addEventListener("click", () => busy(join, notices, async () => {
        const answer = await post(`/events/${encodeURIComponent(ev.id)}/rsvp`);
        await reload(ev, box, answer.status === "confirmed" ? t("rsvpDone") : t("rsvpWaiting", answer.position));
      }));
      const seats = ev.seats;
      fill(box, seats && seats.available === 0 ? h("p", {}, t("fullWaitlist")) : null, join, notices);
    }
  }

  async function reload(ev, box, message) {
    const fresh = await get(`/events/${encodeURIComponent(ev.id)}`);
    await rsvp(fresh, box);
    box.prepend(success(message));
    box.querySelector("button")?.focus();
  }

  async function share(ev, title, box) {
    const url = window.location.href;
    if (navigator.share) {
      try {
        await navigator.share({ title: title?.text || "Hromada", url });
        return;
      } catch (err) {
        if (err.name === "AbortError") return;
      }
    }
    const field = h("input", { type: "url", readonly: true, value: url, id: "share-url" });
    let copied = false;
    try {
      await navigator.clipboard.writeText(url);
      copied = true;
    } catch {
      // no clipboard access: the link is shown to copy by hand
    }
    fill(box, copied ? success(t("linkCopied")) : h("p", { role: "status" }, t("copyByHand")),
      h("div", { class: "field" }, h("label", { for: "share-url" }, t("eventLink")), field));
    if (!copied) field.select();
  }

  load();
  return { name: "event", destroy: () => controller.abort() };
}

