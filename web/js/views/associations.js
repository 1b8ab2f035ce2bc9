// The associations directory (filters in the address: #/associations?region=76&q=lviv) and one
// association's public profile with its upcoming events and announcements.

import { ApiError, apiHref, get, getRegions, put } from "../api.js";
import { session } from "../auth.js";
import { announcementCard, eventCard, pagedList } from "../cards.js";
import { externalLink, fill, h, safeUrl } from "../dom.js";
import { CATEGORIES, LANG_NAMES, SPOKEN, formatDate, label, lang, pick, t } from "../i18n.js";
import {
  backLink, busy, errorBox, focusHeading, foldFilters, geography, main, placeName, setTitle, success, tags,
} from "../ui.js";
import "../more-strings.js";
import "../backoffice-strings.js";
import { cardMedia, pictureImg } from "../pictures.js";
import { reportButton } from "../report.js";
import { addressFilters, backHash, filterForm, pagedCards, regionOptions, withPlaces } from "./listing.js";
import { feedHref, structuredData } from "../feeds.js";
import { organizationData } from "../structured-data.js";

const PAGE_SIZE = 9;
const FILTERS = ["region", "department", "category", "language", "q"];
const NETWORKS = {
  facebook: "Facebook", instagram: "Instagram", telegram: "Telegram", x: "X", youtube: "YouTube",
  linkedin: "LinkedIn", tiktok: "TikTok", mastodon: "Mastodon", bluesky: "Bluesky",
};

export function mount(route) {
  return route.name === "association" ? detailView(route) : directoryView(route);
}

function selectField(id, text, options, attrs = {}) {
  return h("div", { class: "field" },
    h("label", { for: id }, text),
    h("select", { id, name: id.replace("f-", ""), ...attrs }, options));
}

function directoryView(route) {
  let geo = { regions: new Map(), departments: new Map() };
  const address = addressFilters("associations", FILTERS, route, { refresh: syncForm, reload: () => cards.load(true) });

  const regionSelect = () => form.elements.region;
  const deptSelect = () => form.elements.department;

  const qInput = h("input", {
    id: "f-q", name: "q", type: "search", maxlength: 100, autocomplete: "off",
    "aria-describedby": "f-q-hint",
  });
  const qHint = h("p", { id: "f-q-hint", class: "hint" }, t("qHint"));
  const form = filterForm("dir-filters", [
    selectField("f-region", t("region"), [h("option", { value: "" }, t("any"))]),
    selectField("f-department", t("department"), [h("option", { value: "" }, t("anyDept"))]),
    selectField("f-category", t("category"), [
      h("option", { value: "" }, t("any")),
      Object.keys(CATEGORIES).map((c) => h("option", { value: c }, label(CATEGORIES, c)))]),
    selectField("f-language", t("language"), [
      h("option", { value: "" }, t("any")),
      Object.keys(SPOKEN).map((c) => h("option", { value: c }, label(SPOKEN, c)))]),
    h("div", { class: "field field-q" }, h("label", { for: "f-q" }, t("q")), qInput, qHint),
  ], () => address.go({}));

  const notices = h("div", { class: "notices" });
  const empty = h("div", { class: "empty", hidden: true },
    h("p", {}, t("empty")), h("p", {}, t("emptyHint")),
    h("button", { type: "button", class: "button button-quiet", onclick: () => address.go({}) }, t("resetBtn")));
  const cards = pagedCards("/associations", card, {
    params: () => address.filters, notices, labelledby: "dir-title", more: t("loadMoreAssoc"), pageSize: PAGE_SIZE,
    counted: (shown, cursor) => (shown ? t("count", shown) + (cursor ? ` ${t("more")}` : "") : t("empty")),
    empty, ready: () => geoReady,
  });

  const unfold = foldFilters(form);
  fill(main,
    h("h1", { id: "dir-title", tabindex: "-1" }, t("dirTitle")),
    h("p", { class: "lead" }, t("dirIntro")),
    unfold, form, notices, cards.status, cards.list, empty, cards.more);
  setTitle(t("title"));
  focusHeading(route.focus);

  function readForm() {
    const next = {};
    for (const key of FILTERS) {
      const value = (form.elements[key].value || "").trim();
      if (value) next[key] = value;
    }
    return next;
  }

  function fillDepartments(wanted) {
    const region = regionSelect().value;
    const depts = [...geo.departments.values()].filter((d) => !region || d.region === region);
    depts.sort((a, b) => a.code.localeCompare(b.code));
    fill(deptSelect(), h("option", { value: "" }, t("anyDept")),
      depts.map((d) => h("option", { value: d.code }, `${placeName(d)} (${d.code})`)));
    deptSelect().value = depts.some((d) => d.code === wanted) ? wanted : "";
  }

  function syncSelects() {
    const { filters } = address;
    regionSelect().value = geo.regions.has(filters.region) ? filters.region : "";
    fillDepartments(filters.department || "");
    for (const key of ["category", "language"]) {
      const known = filters[key] && [...form.elements[key].options].some((o) => o.value === filters[key]);
      form.elements[key].value = known ? filters[key] : "";
    }
  }

  function syncForm() {
    unfold.setCount(FILTERS.filter((key) => address.filters[key]).length);
    syncSelects();
    qInput.value = address.filters.q || "";
    setQError(false);
  }

  function setQError(on) {
    qInput.setAttribute("aria-invalid", String(on));
    qHint.textContent = on ? t("qShort") : t("qHint");
    qHint.classList.toggle("hint-error", on);
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const next = readForm();
    if (next.q && next.q.length < 2) {
      setQError(true);
      qInput.focus();
      return;
    }
    address.go(next);
  });
  // A select applies at once (results update in place); the text typed so far goes along if valid.
  function applySelects() {
    const next = readForm();
    if (next.q && next.q.length < 2) next.q = address.filters.q;
    address.go(next);
  }
  regionSelect().addEventListener("change", () => {
    fillDepartments(""); // departments of the new region only
    applySelects();
  });
  deptSelect().addEventListener("change", () => {
    const dept = geo.departments.get(deptSelect().value);
    if (dept && !regionSelect().value) { // a department implies its region
      regionSelect().value = dept.region;
      fillDepartments(dept.code);
    }
    applySelects();
  });
  for (const key of ["category", "language"]) form.elements[key].addEventListener("change", applySelects);

  function card(item) {
    const description = pick(item.description);
    const dept = geo.departments.get(item.department);
    const where = [item.city, dept ? `${placeName(dept)} (${item.department})` : item.department]
      .filter(Boolean).join(" · ");
    return h("li", { class: "card" },
      h("article", { "aria-labelledby": `card-${item.slug}`, class: "card-logo" },
        cardMedia(item.picture, item.name),
        h("h2", { class: "card-title", id: `card-${item.slug}` },
          h("a", { href: `#/associations/${encodeURIComponent(item.slug)}` }, item.name)),
        h("p", { class: "card-place" }, where),
        tags(item.categories),
        description
          ? h("p", { class: "card-text", lang: description.lang }, description.text)
          : h("p", { class: "card-text muted" }, t("noDescription"))));
  }


  syncForm();
  // Region and department names come from /regions (cached a day); the first page waits for them
  // (both requests run together) so cards show names, not codes.
  const geoReady = getRegions().then((data) => {
    geo = geography(data);
    regionOptions(regionSelect(), geo);
    syncSelects();
  }).catch((err) => {
    const box = errorBox(err, { title: t("regionsFailed") });
    box.classList.add("keep");
    notices.append(box);
  });
  cards.load(true);

  return { name: "directory", update: address.update, destroy: cards.abort };
}

// ------------------------------------------------------------------ one association

function detailView(route) {
  const controller = new AbortController();
  const lists = [];
  const back = backLink(backHash("associations"), t("back"));
  let removeData = () => {};
  fill(main, back, h("p", { class: "status", role: "status" }, t("loading")));
  setTitle(t("loading"));

  async function load() {
    try {
      const [item, geo] = await withPlaces(`/associations/${encodeURIComponent(route.slug)}`, controller.signal);
      await render(item, geo);
    } catch (err) {
      if (err.name === "AbortError") return;
      const notFound = err instanceof ApiError && err.status === 404;
      const title = notFound ? t("errNotFound") : t("errTitle");
      fill(main, back, h("h1", { tabindex: "-1" }, title),
        errorBox(err, { title: null, retry: notFound ? null : () => { fill(main, back); load(); } }));
      setTitle(title);
      focusHeading(route.focus);
    }
  }

  async function render(item, geo) {
    const dept = geo.departments.get(item.department);
    const region = geo.regions.get(item.region);
    const description = pick(item.description);
    const others = Object.entries(item.description || {})
      .filter(([code, text]) => code !== description?.lang && typeof text === "string" && text.trim());
    const logo = safeUrl(item.logo_url, { httpsOnly: true });
    const website = safeUrl(item.website);
    const email = typeof item.contact_email === "string" && /^[^\s@?&/]+@[^\s@?&/]+$/.test(item.contact_email)
      ? item.contact_email : null;
    const socials = Object.entries(item.social_links || {})
      .map(([network, url]) => [network, safeUrl(url, { httpsOnly: true })])
      .filter(([, url]) => url);
    const place = [
      [item.city, item.postal_code ? `(${item.postal_code})` : ""].filter(Boolean).join(" "),
      dept ? `${placeName(dept)} (${item.department})` : item.department,
      region ? placeName(region) : null,
    ].filter(Boolean).join(" · ");

    const rows = [
      [t("place"), place],
      [t("categories"), (item.categories || []).map((c) => label(CATEGORIES, c)).join(", ")],
      [t("languages"), (item.languages || []).map((c) => label(SPOKEN, c)).join(", ")],
      [t("website"), website ? externalLink(website, website) : null],
      [t("email"), email ? h("a", { href: `mailto:${email}` }, email) : null],
      [t("social"), socials.length ? h("ul", { class: "social" },
        socials.map(([network, url]) => h("li", {}, externalLink(url, NETWORKS[network] || network)))) : null],
      [t("rna"), item.rna || null],
      [t("updated"), item.updated_at ? h("time", { datetime: item.updated_at }, formatDate(item.updated_at)) : null],
    ].filter(([, value]) => value);

    const events = pagedList("/events", { association: item.id }, (ev) => eventCard(ev, geo, { level: "h3" }),
      { empty: t("noEventsAssoc"), labelledby: "assoc-events", more: t("loadMoreEvents") });
    const news = pagedList("/announcements", { association: item.id }, (a) => {
      const card = announcementCard(a);
      card.querySelector("article").append(h("p", { class: "card-tools" },
        reportButton("announcement", a.id, pick(a.title)?.text || "")));
      return card;
    },
      { empty: t("noNews"), labelledby: "assoc-news", pageSize: 4 });
    lists.push(events, news);
    const feed = await apiHref(`/associations/${encodeURIComponent(item.id)}/events.ics`, { lang: lang() });
    const atom = await feedHref("events", { association: item.id });
    const history = h("div", {}, h("p", { class: "status", role: "status" }, t("loading")));
    moderationHistory(item.id, history, controller.signal);

    fill(main, back,
      h("article", { class: "detail" },
        h("header", { class: "detail-head" },
          pictureImg(item.picture, { className: "logo", eager: true }) || (logo ? h("img", {
            class: "logo", src: logo, alt: t("logoAlt", item.name), width: 96, height: 96,
            loading: "lazy", referrerpolicy: "no-referrer", onerror: (e) => e.target.remove(),
          }) : null),
          h("div", {},
            h("h1", { tabindex: "-1" }, item.name),
            item.status === "verified" ? h("p", { class: "badge" }, item.verified_at
              ? h("time", { datetime: item.verified_at }, t("verifiedOn", formatDate(item.verified_at)))
              : t("verified")) : null,
            tags(item.categories),
            h("div", { class: "tools" }, followButton(item), reportButton("association", item.id, item.name)))),
        h("section", { "aria-labelledby": "about-title" },
          h("h2", { id: "about-title" }, t("about")),
          description
            ? h("p", { class: "description", lang: description.lang }, description.text)
            : h("p", { class: "muted" }, t("noDescription")),
          others.length ? h("details", {},
            h("summary", {}, t("otherLangs")),
            others.map(([code, text]) => h("div", { class: "other-lang" },
              h("h3", {}, LANG_NAMES[code] || code),
              h("p", { class: "description", lang: code }, text)))) : null),
        h("section", { "aria-labelledby": "details-title" },
          h("h2", { id: "details-title" }, t("details")),
          h("dl", { class: "facts" }, rows.map(([term, value]) => h("div", {}, h("dt", {}, term), h("dd", {}, value)))))),
      h("section", { class: "block", "aria-labelledby": "assoc-events" },
        h("h2", { id: "assoc-events" }, t("upcomingEvents")),
        h("p", { class: "feeds" }, h("a", { href: feed, download: `${item.slug}.ics` }, t("calendarFeed")),
          h("a", { class: "feed-atom", href: atom, type: "application/atom+xml" }, t("atomFeedEvents"))),
        events.nodes),
      h("section", { class: "block", "aria-labelledby": "assoc-news" },
        h("h2", { id: "assoc-news" }, t("announcements")), news.nodes),
      h("section", { class: "block", "aria-labelledby": "assoc-twinning" },
        h("h2", { id: "assoc-twinning" }, t("assocTwinning")),
        h("ul", { class: "link-list" },
          h("li", {}, h("a", { href: `#/initiatives?association=${encodeURIComponent(item.id)}` },
            t("assocInitiatives"))),
          h("li", {}, h("a", { href: `#/partnerships?association=${encodeURIComponent(item.id)}` },
            t("assocPartnerships"))))),
      h("section", { class: "block", "aria-labelledby": "assoc-moderation" },
        h("h2", { id: "assoc-moderation" }, t("moderationHistory")), history));
    setTitle(item.name);
    removeData();
    removeData = structuredData(organizationData(item, region ? placeName(region) : null));
    focusHeading(route.focus);
  }

  load();
  return {
    name: "association", destroy: () => { controller.abort(); lists.forEach((l) => l.abort()); removeData(); },
  };
}

/** Follow: signed-in members add the association to their digest; others subscribe with it pre-selected. */
function followButton(item) {
  if (!session()) {
    return h("a", { class: "button button-quiet button-small", href: `#/subscribe?follow=${encodeURIComponent(item.id)}` },
      t("follow"));
  }
  const box = h("span", { class: "follow" });
  const button = h("button", { type: "button", class: "button button-small" }, t("follow"));
  button.addEventListener("click", () => busy(button, box, async () => {
    let prefs = null;
    try {
      prefs = await get("/me/subscription");
    } catch (err) {
      if (!(err instanceof ApiError && err.status === 404)) throw err;
    }
    const active = prefs && ["pending", "confirmed"].includes(prefs.status);
    const followed = active ? prefs.associations || [] : [];
    if (!followed.includes(item.id)) {
      const { regions = [], categories = [], language = lang(), frequency = "weekly" } = active ? prefs : {};
      await put("/me/subscription", {
        regions, categories, associations: [...followed, item.id], language,
        frequency: frequency === "off" ? "weekly" : frequency,
      });
    }
    const done = success(t("followed", item.name));
    done.tabIndex = -1;
    box.replaceWith(done);
    button.remove();
    done.focus();
  }));
  return [button, box];
}

/** The public record: how much of the association's content moderation hid, and why. */
async function moderationHistory(id, box, signal) {
  try {
    const record = await get(`/associations/${encodeURIComponent(id)}/moderation`, {}, { signal });
    const reasons = Object.entries(record.reasons || {})
      .map(([reason, n]) => `${t(`reason_${reason}`)} (${n})`).join(", ");
    fill(box, record.hidden_items
      ? [h("p", {}, t("historyHidden", record.hidden_items)), reasons ? h("p", {}, t("historyReasons", reasons)) : null]
      : h("p", { class: "muted" }, t("historyClean")),
    h("p", { class: "hint" }, t("historyReviewed", record.reviewed_items || 0)));
  } catch (err) {
    if (err.name !== "AbortError") fill(box, errorBox(err));
  }
}
