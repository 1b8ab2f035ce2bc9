// Events: the list with filters (#/events?region=76&category=concert&from=2026-12-01) and one event with
// its seats, the person's RSVP (or place on the waitlist), add-to-calendar and share.

import { apiHref, del, get, getRegions, post } from "../api.js";
import { session } from "../auth.js";
import { eventCard, eventWhere } from "../cards.js";
import { pictureImg } from "../pictures.js";
import { reportButton } from "../report.js";
import { shareButton } from "../share.js";
import { externalLink, fill, h, plainText, safeUrl } from "../dom.js";
import {
  EVENT_CATEGORIES, SPOKEN, formatDateTime, formatMoney, formatRange, label, lang, pick, t,
} from "../i18n.js";
import {
  announce, backLink, busy, errorBox, field, focusHeading, foldFilters, geography, loading, main, placeName, select,
  setTitle, tags,
} from "../ui.js";
import { dateField, readDates, showDate } from "../dates.js";
import { venueSection } from "../venue-map.js";
import { alternateFeed, structuredData } from "../feeds.js";
import { eventData } from "../structured-data.js";
import { datesSection } from "../recurrence.js";
import { factCheckNotice } from "../fact-checks.js";
import { addressFilters, backHash, filterForm, pagedCards, regionOptions, showItem } from "./listing.js";

const FILTERS = ["region", "category", "from", "to", "q", "online"];

export function mount(route) {
  return route.name === "event" ? detailView(route) : listView(route);
}

function listView(route) {
  let geo = geography(null);
  const address = addressFilters("events", FILTERS, route, { refresh: sync, reload: () => cards.load(true) });

  const region = select("region", [["", t("any")]], "", { id: "ev-region" });
  const category = select("category", [["", t("any")],
    ...Object.keys(EVENT_CATEGORIES).map((c) => [c, label(EVENT_CATEGORIES, c)])], "", { id: "ev-category" });
  const fromField = dateField(t("fromDate"), "from");
  const toField = dateField(t("toDate"), "to");
  const from = fromField.querySelector("input");
  const to = toField.querySelector("input");
  const q = h("input", { type: "search", name: "q", id: "ev-q", maxlength: 100, autocomplete: "off" });
  const online = select("online", [["", t("anyFormat")], ["true", t("onlineOnly")], ["false", t("inPerson")]], "",
    { id: "ev-online" });
  const form = filterForm("ev-filters", [field(t("region"), region), field(t("category"), category),
    fromField, toField, field(t("format"), online), field(t("q"), q)], () => go({}));
  const notices = h("div", { class: "notices" });
  const cards = pagedCards("/events", (ev) => eventCard(ev, geo), {
    params: () => address.filters, notices, labelledby: "events-title", more: t("loadMoreEvents"), pageSize: 12,
    counted: (shown) => (shown ? t("eventCount", shown) : t("noEvents")),
  });
  const feedLink = h("a", { download: "hromada.ics" }, t("calendarFeedList"));
  const atom = alternateFeed("events", t("atomTitleEvents"));
  const atomLink = h("a", { class: "feed-atom", type: "application/atom+xml" }, t("atomFeedEvents"));

  const unfold = foldFilters(form);
  fill(main, h("h1", { id: "events-title", tabindex: "-1" }, t("eventsTitle")),
    h("p", { class: "lead" }, t("eventsIntro")), unfold, form, h("p", { class: "feeds" }, feedLink, atomLink), notices, cards.status,
    cards.list, cards.more);
  setTitle(t("eventsTitle"));
  focusHeading(route.focus);

  function sync() {
    const { filters } = address;
    region.value = geo.regions.has(filters.region) ? filters.region : "";
    category.value = EVENT_CATEGORIES[filters.category] ? filters.category : "";
    from.value = showDate(filters.from);
    to.value = showDate(filters.to);
    q.value = filters.q || "";
    online.value = ["true", "false"].includes(filters.online) ? filters.online : "";
    unfold.setCount(Object.keys(filters).length);
    apiHref("/events.ics", { ...filters, lang: lang() }).then((href) => { feedLink.href = href; });
    atom.update(filters).then((href) => { atomLink.href = href; });
  }

  function readForm() {
    const dates = readDates(form, notices);
    if (!dates) return null;
    const next = {};
    for (const key of FILTERS) {
      const value = key in dates ? dates[key] : (form.elements[key].value || "").trim();
      if (value) next[key] = value;
    }
    return next;
  }

  function go(next) {
    if (next) address.go(next); // else a date that is not one: said in the notices
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    go(readForm());
  });
  for (const control of [region, category, from, to, online]) control.addEventListener("change", () => go(readForm()));

  getRegions().then((data) => {
    geo = geography(data);
    regionOptions(region, geo);
  }, () => {}).finally(() => {
    sync();
    cards.load(true);
  });
  return { name: "events", update: address.update, destroy: () => { cards.abort(); atom.remove(); } };
}

// ------------------------------------------------------------------ one event

const seatsText = (seats) => t("seatsSummary", seats.confirmed, seats.capacity, seats.waitlisted);

function detailView(route) {
  const controller = new AbortController();
  const back = backLink(backHash("events"), t("backEvents"));
  let removeData = () => {};

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
      [t("seats"), ev.seats && ev.seats.capacity != null ? h("span", { id: "ev-seats" }, seatsText(ev.seats)) : null],
    ].filter(([, value]) => value);
    const ics = await apiHref(`/events/${encodeURIComponent(ev.id)}.ics`, { lang: lang() });
    const rsvpBox = h("div", { class: "rsvp" });
    const datesBox = ev.recurrence || ev.series_id ? h("div") : null; // a series' dates, filled once read
    const shareBox = h("div", { class: "share" });
    fill(main, back,
      h("article", { class: "detail" },
        h("header", {},
          h("h1", { tabindex: "-1", lang: title?.lang }, title?.text || ev.id),
          ev.status === "cancelled" ? h("div", { class: "alert", role: "alert" },
            h("p", { class: "alert-title" }, t("cancelled")), ev.cancel_reason ? h("p", {}, ev.cancel_reason) : null)
            : null,
          tags(ev.categories, EVENT_CATEGORIES),
          pictureImg(ev.picture, { size: "large", className: "poster", eager: true }) || (
            safeUrl(ev.image_url, { httpsOnly: true }) ? h("img", {
            class: "poster", src: safeUrl(ev.image_url, { httpsOnly: true }), alt: t("eventImage"), loading: "lazy",
            referrerpolicy: "no-referrer", onerror: (e) => e.target.remove(),
          }) : null)),
        h("dl", { class: "facts" }, rows.map(([term, value]) => h("div", {}, h("dt", {}, term), h("dd", {}, value)))),
        factCheckNotice(ev),
        h("section", { "aria-labelledby": "ev-about" },
          h("h2", { id: "ev-about" }, t("eventAbout")),
          description ? h("p", { class: "description", lang: description.lang }, plainText(description.text)) : null),
        venue ? venueSection(venue, region ? placeName(region) : null) : null,
        datesBox,
        ev.recurrence ? null // a series is registered for date by date (or as a whole, in its dates' section)
          : h("section", { "aria-labelledby": "ev-rsvp" }, h("h2", { id: "ev-rsvp" }, t("rsvpTitle")), rsvpBox),
        h("section", { "aria-labelledby": "ev-tools" },
          h("h2", { id: "ev-tools" }, t("shareTitle")),
          h("p", { class: "tools" },
            h("a", { class: "button button-quiet", href: ics, download: `${ev.id}.ics` }, t("addToCalendar")),
            shareButton(title?.text, shareBox, t("eventLink"), apiHref(`/share/events/${encodeURIComponent(ev.id)}`)),
            reportButton("event", ev.id, title?.text || ev.id)),
          shareBox)));
    setTitle(title?.text || "");
    removeData();
    removeData = structuredData(eventData(ev, region ? placeName(region) : null));
    focusHeading(route.focus);
    if (!ev.recurrence) rsvp(ev, rsvpBox);
    if (datesBox) datesSection(ev, controller.signal).then((node) => datesBox.replaceWith(node));
  }

  // What the API answered is what the page shows: the seats after my RSVP, my state in one message.
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
    try {
      drawRsvp(ev, box, await get(`/events/${encodeURIComponent(ev.id)}/rsvp`, {}, { signal: controller.signal }));
    } catch (err) {
      if (err.name !== "AbortError") fill(box, errorBox(err, { retry: () => rsvp(ev, box) }));
    }
  }

  /** My RSVP (`mine.status`: confirmed, waitlisted or none); `said` is the live message after an action. */
  function drawRsvp(ev, box, mine, said = null) {
    const path = `/events/${encodeURIComponent(ev.id)}/rsvp`;
    const notices = h("div");
    const state = (text) => {
      if (said) announce(text); // said once, through the page's live region
      return h("p", { class: "rsvp-state" }, text);
    };
    if (mine.status === "confirmed" || mine.status === "waitlisted") {
      const leave = h("button", { type: "button", class: "button button-quiet" }, t("rsvpLeave"));
      leave.addEventListener("click", () => busy(leave, notices, async () => {
        await del(path);
        const fresh = await refreshSeats(ev);
        drawRsvp(fresh, box, { status: "none" }, t("rsvpLeft"));
      }));
      fill(box, state(mine.status === "confirmed" ? t("rsvpConfirmed") : t("rsvpWaiting", mine.position ?? "?")),
        leave, notices);
    } else {
      const join = h("button", { type: "button", class: "button" }, t("rsvpJoin"));
      join.addEventListener("click", () => busy(join, notices, async () => {
        const answer = await post(path);
        const fresh = await refreshSeats(ev);
        drawRsvp(fresh, box, answer, true);
      }));
      const full = ev.seats && ev.seats.available === 0;
      fill(box, typeof said === "string" ? state(said) : null, full ? h("p", {}, t("fullWaitlist")) : null, join,
        notices);
    }
    if (said) box.querySelector("button")?.focus();
  }

  /** The event as the API now has it (seats after my change), its seats shown in the facts. */
  async function refreshSeats(ev) {
    let fresh = ev;
    try {
      fresh = await get(`/events/${encodeURIComponent(ev.id)}`, {}, { signal: controller.signal });
    } catch (err) {
      if (err.name === "AbortError") throw err;
      return ev; // the RSVP itself succeeded: only the count could not be read again
    }
    const seats = main.querySelector("#ev-seats");
    if (seats && fresh.seats) seats.textContent = seatsText(fresh.seats);
    return fresh;
  }

  showItem(route, back, `/events/${encodeURIComponent(route.id)}`, controller.signal, render);
  return { name: "event", destroy: () => { controller.abort(); removeData(); } };
}

