// Announcements: the list with the API's filters (#/announcements?type=project&region=76&category=culture&q=...,
// also &association=<id>) and one announcement (#/announcements/<id>): its text, a project's needs and donation,
// a fact-check's sources, its association, report and share. The links in digests and notices open these pages.

import { get, getRegions } from "../api.js";
import { announcementCard, donation, pagedList, sources } from "../cards.js";
import { fill, h, plainText } from "../dom.js";
import { ANNOUNCEMENT_TYPES, CATEGORIES, NEEDS, formatDate, label, pick, t } from "../i18n.js";
import { pictureImg } from "../pictures.js";
import { reportButton } from "../report.js";
import { shareButton } from "../share.js";
import {
  backLink, field, focusHeading, foldFilters, geography, main, placeName, refuse, select, setTitle, tags,
} from "../ui.js";
import { addressFilters, backHash, filterForm, regionOptions, showItem } from "./listing.js";
import { alternateFeed, structuredData } from "../feeds.js";
import { articleData, claimReviewData } from "../structured-data.js";
import { factCheckNotice } from "../fact-checks.js";
import { shiftsSection } from "./shifts.js";

const FILTERS = ["type", "region", "category", "q", "association"];

export function mount(route) {
  return route.name === "announcement" ? detailView(route) : listView(route);
}

function listView(route) {
  let geo = geography(null);
  let list = null;
  const address = addressFilters("announcements", FILTERS, route, { refresh: sync, reload: load });

  const type = select("type", [["", t("any")],
    ...Object.keys(ANNOUNCEMENT_TYPES).map((k) => [k, label(ANNOUNCEMENT_TYPES, k)])], "", { id: "an-type" });
  const region = select("region", [["", t("any")]], "", { id: "an-region" });
  const category = select("category", [["", t("any")],
    ...Object.keys(CATEGORIES).map((c) => [c, label(CATEGORIES, c)])], "", { id: "an-category" });
  const q = h("input", { type: "search", name: "q", id: "an-q", maxlength: 100, autocomplete: "off" });
  const notices = h("div", { class: "notices" });
  const form = filterForm("an-filters", [field(t("announcementType"), type), field(t("region"), region),
    field(t("category"), category), field(t("q"), q, { hint: t("qShort") })], () => go({}));
  const results = h("div");
  const unfold = foldFilters(form);
  const atom = alternateFeed("announcements", t("atomTitleAnnouncements"));
  const atomLink = h("a", { class: "feed-atom", type: "application/atom+xml" }, t("atomFeedAnnouncements"));
  fill(main, h("h1", { id: "an-title", tabindex: "-1" }, t("announcements")),
    h("p", { class: "lead" }, t("announcementsIntro")), unfold, form, h("p", { class: "feeds" }, atomLink), notices,
    results);
  setTitle(t("announcements"));
  focusHeading(route.focus);

  function readForm() {
    const next = { association: address.filters.association };
    for (const key of ["type", "region", "category", "q"]) {
      const value = (form.elements[key].value || "").trim();
      if (value) next[key] = value;
    }
    return next;
  }

  function go(next) {
    notices.replaceChildren();
    if (next.q && next.q.length < 2) {
      refuse(q, notices, t("qShort"));
      return;
    }
    q.removeAttribute("aria-invalid");
    address.go(next);
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    go(readForm());
  });
  for (const control of [type, region, category]) control.addEventListener("change", () => go(readForm()));

  function sync() {
    const { filters } = address;
    type.value = ANNOUNCEMENT_TYPES[filters.type] ? filters.type : "";
    region.value = geo.regions.has(filters.region) ? filters.region : "";
    category.value = CATEGORIES[filters.category] ? filters.category : "";
    q.value = filters.q || "";
    unfold.setCount(["type", "region", "category", "q"].filter((key) => filters[key]).length);
    atom.update(filters).then((href) => { atomLink.href = href; });
  }

  function load() {
    list?.abort();
    list = pagedList("/announcements", address.filters, (a) => announcementCard(a, { level: "h2" }),
      { empty: t("noAnnouncements"), labelledby: "an-title", pageSize: 10 });
    fill(results, list.nodes);
  }

  getRegions().then((data) => {
    geo = geography(data);
    regionOptions(region, geo);
  }, () => {}).finally(() => {
    sync();
    load();
  });
  return { name: "announcements", update: address.update, destroy: () => { list?.abort(); atom.remove(); } };
}

// ------------------------------------------------------------------ one announcement

function detailView(route) {
  const controller = new AbortController();
  const back = backLink(backHash("announcements"), t("backAnnouncements"));
  let removeData = () => {};

  function render(item, geo) {
    const title = pick(item.title);
    const body = pick(item.body);
    const region = item.region ? geo.regions.get(item.region) : null;
    const shareBox = h("div", { class: "share" });
    const rows = [
      [t("announcementType"), label(ANNOUNCEMENT_TYPES, item.type)],
      [t("association"), item.association ? h("a", { href: `#/associations/${encodeURIComponent(item.association.slug)}` },
        item.association.name) : null],
      [t("publishedOn"), h("time", { datetime: item.created_at }, formatDate(item.created_at))],
      [t("region"), region ? placeName(region) : null],
      [t("expiresOn"), item.expires_at ? h("time", { datetime: item.expires_at }, formatDate(item.expires_at)) : null],
    ].filter(([, value]) => value);
    const needs = tags(item.needs, NEEDS, t("needs"));
    const project = needs || item.donation_url || item.donation_target_eur;
    fill(main, back,
      h("article", { class: "detail" },
        h("header", {},
          h("h1", { tabindex: "-1", lang: title?.lang }, title?.text || item.id),
          item.pinned ? h("p", { class: "badge" }, t("pinnedBadge")) : null,
          tags(item.categories, CATEGORIES),
          pictureImg(item.picture, { size: "large", className: "poster", eager: true })),
        h("dl", { class: "facts" }, rows.map(([term, value]) => h("div", {}, h("dt", {}, term), h("dd", {}, value)))),
        factCheckNotice(item),
        body ? h("p", { class: "description", lang: body.lang }, plainText(body.text)) : null,
        project ? h("section", { "aria-labelledby": "an-project" },
          h("h2", { id: "an-project" }, t("projectFields")),
          needs ? [h("p", { class: "sources-title" }, t("needs")), needs] : null,
          donation(item)) : null,
        item.type === "project" && item.needs?.includes("volunteers") ? shiftsSection(item, controller.signal) : null,
        item.sources?.length ? h("section", { "aria-labelledby": "an-sources" },
          h("h2", { id: "an-sources" }, t("sources")), sources(item.sources, { titled: false })) : null,
        h("section", { "aria-labelledby": "an-tools" },
          h("h2", { id: "an-tools" }, t("shareTitleAnnouncement")),
          h("p", { class: "tools" },
            shareButton(title?.text, shareBox, t("announcementLink")),
            reportButton("announcement", item.id, title?.text || item.id)),
          shareBox)));
    setTitle(title?.text || "");
    removeData();
    removeData = structuredData(articleData(item));
    if (item.type === "fact_check") { // the claims it answers, each a ClaimReview beside the article
      get("/claims", { fact_check: item.id }, { signal: controller.signal }).then((found) => {
        if (!found.items.length) return;
        removeData();
        removeData = structuredData([articleData(item),
          ...found.items.map((claim) => claimReviewData(claim, item, t(`verdict_${claim.verdict}`)))]);
      }, () => {});
    }
    focusHeading(route.focus);
  }

  showItem(route, back, `/announcements/${encodeURIComponent(route.id)}`, controller.signal, render);
  return { name: "announcement", destroy: () => { controller.abort(); removeData(); } };
}
