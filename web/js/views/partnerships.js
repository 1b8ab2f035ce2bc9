// Partnerships and initiatives: twinning between French regions and Ukrainian oblasts, and the needs and
// offers of associations with what matches them.
//   #/partnerships (region, oblast, domain, status, association)   #/partnerships/<id>  one partnership
//   #/initiatives (kind, region, oblast, domain, association)      #/initiatives/<id>   one need or offer, its matches

import { get, getRegions } from "../api.js";
import { pagedList } from "../cards.js";
import { externalLink, fill, h, safeUrl } from "../dom.js";
import { formatDate, pick, t } from "../i18n.js";
import { backLink, failedPage, field, focusHeading, loading, main, placeName, select, setTitle } from "../ui.js";

import "../backoffice-strings.js";
import { possibleMatchesPanel } from "./possible-matches.js";

const enc = encodeURIComponent;

const DOMAINS = ["culture", "education", "health", "reconstruction", "agriculture", "energy", "business", "youth",
  "sport", "environment", "other"];
const KINDS = {
  partnerships: { path: "/partnerships", title: "partnershipsTitle", intro: "partnershipsIntro",
    empty: "noPartnerships", filters: ["region", "oblast", "domain", "status", "association"],
    statuses: ["active", "signed", "in_discussion", "proposed", "ended"] },
  initiatives: { path: "/initiatives", title: "initiativesTitle", intro: "initiativesIntro",
    empty: "noInitiatives", filters: ["kind", "region", "oblast", "domain", "status", "association"],
    statuses: ["open", "matched", "closed"] },
};
const last = { partnerships: "#/partnerships", initiatives: "#/initiatives" };

export function mount(route) {
  if (route.name === "partnership") return partnershipView(route);
  if (route.name === "initiative") return initiativeView(route);
  return listView(route, route.name === "initiatives" ? "initiatives" : "partnerships");
}

/** French regions and Ukrainian oblasts with their names in the page's language, sorted by its alphabet. */
async function places() {
  const data = await getRegions().catch(() => null);
  const regions = new Map((data?.france?.regions || []).map((r) => [r.code, r]));
  const oblasts = new Map((data?.ukraine?.oblasts || []).map((o) => [o.code, o]));
  return { regions, oblasts };
}

const sorted = (map) => [...map.values()].sort((a, b) => placeName(a).localeCompare(placeName(b), t("locale")));
const domainName = (d) => t(`domain_${d}`);

function tabs(current) {
  return h("nav", { class: "subnav", "aria-label": t("twinningSections") }, h("ul", {},
    [["partnerships", "#/partnerships", "partnershipsTitle"], ["initiatives", "#/initiatives", "initiativesTitle"]]
      .map(([name, href, key]) => h("li", {}, h("a", { href, "aria-current": name === current ? "page" : null },
        t(key))))));
}

// ------------------------------------------------------------------ lists

function listView(route, kind) {
  const spec = KINDS[kind];
  const read = (params) => Object.fromEntries(spec.filters.map((k) => [k, (params?.get(k) || "").trim()])
    .filter(([, v]) => v));
  let filters = read(route.params);
  let list = null;
  let geo = { regions: new Map(), oblasts: new Map() };
  const controls = {
    kind: kind === "initiatives" ? select("kind", [["", t("any")], ["need", t("ikind_need")],
      ["offer", t("ikind_offer")]], "", { id: `${kind}-kind` }) : null,
    region: select("region", [["", t("any")]], "", { id: `${kind}-region` }),
    oblast: select("oblast", [["", t("any")]], "", { id: `${kind}-oblast` }),
    domain: select("domain", [["", t("any")], ...DOMAINS.map((d) => [d, domainName(d)])], "", { id: `${kind}-domain` }),
    status: select("status", [["", t("any")], ...spec.statuses.map((s) => [s, t(`st_${s}`)])], "",
      { id: `${kind}-status` }),
  };
  const labels = { kind: t("ikindLabel"), region: t("frenchRegion"), oblast: t("ukrainianOblast"),
    domain: t("domainLabel"), status: t("status") };
  const form = h("form", { class: "filters", role: "search", "aria-label": t("filters"), novalidate: true },
    Object.entries(controls).filter(([, c]) => c).map(([k, c]) => field(labels[k], c)),
    h("div", { class: "actions" },
      h("button", { type: "button", class: "button button-quiet", onclick: () => go({}) }, t("resetBtn"))));
  const scope = h("div");
  const results = h("div");
  fill(main, h("h1", { id: `${kind}-title`, tabindex: "-1" }, t(spec.title)), tabs(kind),
    h("p", { class: "lead" }, t(spec.intro)), form, scope, results);
  setTitle(t(spec.title));
  focusHeading(route.focus);

  const hashOf = (f) => {
    const params = new URLSearchParams(Object.entries(f).filter(([, v]) => v));
    return params.toString() ? `#/${kind}?${params}` : `#/${kind}`;
  };
  function go(next) {
    const target = hashOf(next);
    if (target !== window.location.hash) window.location.hash = target;
  }
  form.addEventListener("submit", (event) => event.preventDefault());
  for (const [k, c] of Object.entries(controls)) {
    c?.addEventListener("change", () => go({ ...filters, [k]: c.value }));
  }

  function sync() {
    for (const [k, c] of Object.entries(controls)) if (c) c.value = filters[k] || "";
    fill(scope, filters.association ? h("p", { class: "hint" }, t("onlyOneAssociation"), " ",
      h("a", { href: hashOf({ ...filters, association: "" }) }, t("showAll"))) : null);
  }
  function card(item) {
    return kind === "partnerships" ? partnershipCard(item, geo) : initiativeCard(item, geo);
  }
  function load() {
    list?.abort();
    list = pagedList(spec.path, filters, card, { empty: t(spec.empty), labelledby: `${kind}-title`, pageSize: 12 });
    fill(results, list.nodes);
  }
  function update(next) {
    const wanted = read(next.params);
    const same = hashOf(wanted) === hashOf(filters);
    filters = wanted;
    last[kind] = hashOf(filters);
    sync();
    if (!same) load();
  }
  last[kind] = hashOf(filters);
  places().then((found) => {
    geo = found;
    fill(controls.region, h("option", { value: "" }, t("any")),
      sorted(geo.regions).map((r) => h("option", { value: r.code }, placeName(r))));
    fill(controls.oblast, h("option", { value: "" }, t("any")),
      sorted(geo.oblasts).map((o) => h("option", { value: o.code }, placeName(o))));
    sync();
    load();
  });
  return { name: kind, update, destroy: () => list?.abort() };
}

function territory(item, geo) {
  const region = geo.regions.get(item.french?.region ?? item.region);
  const oblast = geo.oblasts.get(item.ukrainian?.oblast ?? item.oblast);
  const hromada = item.ukrainian?.hromada ?? item.hromada;
  const commune = item.french?.commune;
  const fr = [commune, region ? placeName(region) : null].filter(Boolean).join(", ");
  const ua = [hromada, oblast ? placeName(oblast) : null].filter(Boolean).join(", ");
  return { fr, ua };
}

function partnershipCard(p, geo) {
  const place = territory(p, geo);
  const id = `pt-${p.id}`;
  return h("li", { class: "card" }, h("article", { "aria-labelledby": id },
    h("p", { class: "card-date" }, h("span", { class: `badge status-${p.status}` }, t(`st_${p.status}`))),
    h("h2", { class: "card-title", id }, h("a", { href: `#/partnerships/${enc(p.id)}` }, p.title)),
    h("p", { class: "card-place twin" }, h("span", {}, place.fr), h("span", { "aria-hidden": "true" }, " ⇄ "),
      h("span", { class: "visually-hidden" }, ` ${t("withLabel")} `), h("span", {}, place.ua)),
    h("ul", { class: "tags", "aria-label": t("domainLabel") }, p.domains.map((d) => h("li", { class: "tag" },
      domainName(d))))));
}

function initiativeCard(i, geo) {
  const place = territory(i, geo);
  const id = `in-${i.id}`;
  const text = pick(i.description);
  return h("li", { class: `card card-${i.kind}` }, h("article", { "aria-labelledby": id },
    h("p", { class: "card-date" }, h("span", { class: `badge kind-${i.kind}` }, t(`ikind_${i.kind}`)), " · ",
      domainName(i.domain), i.status !== "open" ? ` · ${t(`st_${i.status}`)}` : ""),
    h("h2", { class: "card-title", id }, h("a", { href: `#/initiatives/${enc(i.id)}` }, i.title)),
    h("p", { class: "card-place" }, [place.fr, place.ua].filter(Boolean).join(" · ")),
    text ? h("p", { class: "card-text clamp", lang: text.lang }, text.text) : null,
    h("p", { class: "card-text" }, h("a", { href: `#/associations/${enc(i.association.id)}` }, i.association.name))));
}

// ------------------------------------------------------------------ one item

function detailPage(route, kind, path, render) {
  const controller = new AbortController();
  const back = backLink(last[kind], t(kind === "partnerships" ? "backPartnerships" : "backInitiatives"));
  fill(main, back, loading());
  setTitle(t("loading"));
  async function load() {
    try {
      const [item, geo] = await Promise.all([get(path, {}, { signal: controller.signal }), places()]);
      render(item, geo, back, controller.signal);
      focusHeading(route.focus);
    } catch (err) {
      if (err.name === "AbortError") return;
      failedPage(err, route, load);
      main.prepend(back);
    }
  }
  load();
  return { name: route.name, destroy: () => controller.abort() };
}

const facts = (rows) => h("dl", { class: "facts" }, rows.filter(([, v]) => v)
  .map(([term, value]) => h("div", {}, h("dt", {}, term), h("dd", {}, value))));

function partnershipView(route) {
  return detailPage(route, "partnerships", `/partnerships/${enc(route.id)}`, (p, geo, back) => {
    const place = territory(p, geo);
    const text = pick(p.description);
    const party = (x) => (x.association_id
      ? h("a", { href: `#/associations/${enc(x.association_id)}` }, x.name) : x.name);
    fill(main, back, h("article", { class: "detail" },
      h("header", {}, h("h1", { tabindex: "-1" }, p.title),
        h("p", {}, h("span", { class: `badge status-${p.status}` }, t(`st_${p.status}`)))),
      facts([[t("frenchSide"), place.fr], [t("ukrainianSide"), place.ua],
        [t("domainLabel"), p.domains.map(domainName).join(", ")],
        [t("partiesLabel"), p.parties.length ? h("ul", { class: "plain-list" }, p.parties.map((x) => h("li", {},
          party(x), ` — ${t(`party_${x.role}`)}`))) : null],
        [t("sinceLabel"), p.confirmed_at ? formatDate(p.confirmed_at) : formatDate(p.created_at)]]),
      text ? h("p", { class: "description", lang: text.lang }, text.text) : null,
      p.milestones.length ? h("section", { "aria-labelledby": "pt-steps" }, h("h2", { id: "pt-steps" }, t("milestones")),
        h("ol", { class: "plain-list milestones" }, p.milestones.map((m) => h("li", { class: m.done ? "done" : null },
          h("time", { datetime: m.date }, formatDate(m.date)), ` — ${m.title}`,
          m.done ? [" ", h("span", { class: "badge" }, t("doneLabel"))] : null)))) : null,
      p.documents.length ? h("section", { "aria-labelledby": "pt-docs" }, h("h2", { id: "pt-docs" }, t("documents")),
        h("ul", { class: "plain-list" }, p.documents.map((d) => {
          const url = safeUrl(d.url, { httpsOnly: true });
          return h("li", {}, url ? externalLink(url, d.title) : d.title);
        }))) : null,
      p.contacts.length ? h("section", { "aria-labelledby": "pt-contacts" },
        h("h2", { id: "pt-contacts" }, t("contactsLabel")),
        h("ul", { class: "plain-list" }, p.contacts.map((c) => h("li", {},
          [c.name, c.role, c.organisation].filter(Boolean).join(", "))))) : null,
      h("p", {}, h("a", { class: "button button-quiet",
        href: `#/initiatives?${new URLSearchParams({ region: p.french.region, oblast: p.ukrainian.oblast })}` },
      t("needsOffersHere")))));
    setTitle(p.title);
  });
}

function initiativeView(route) {
  return detailPage(route, "initiatives", `/initiatives/${enc(route.id)}`, (i, geo, back, signal) => {
    const place = territory(i, geo);
    const text = pick(i.description);
    const matches = h("div", {}, loading());
    fill(main, back, h("article", { class: "detail" },
      h("header", {}, h("p", { class: "card-date" }, t(`ikind_${i.kind}`)), h("h1", { tabindex: "-1" }, i.title),
        h("p", {}, h("span", { class: `badge status-${i.status}` }, t(`st_${i.status}`)))),
      facts([[t("domainLabel"), domainName(i.domain)], [t("frenchRegion"), place.fr], [t("ukrainianOblast"), place.ua],
        [t("association"), h("a", { href: `#/associations/${enc(i.association.id)}` }, i.association.name)],
        [t("publishedLabel"), formatDate(i.created_at)]]),
      text ? h("p", { class: "description", lang: text.lang }, text.text) : null,
      h("p", { class: "hint" }, t("contactThroughAssociation"))),
    h("section", { class: "block", "aria-labelledby": "in-matches" },
      h("h2", { id: "in-matches" }, t(i.kind === "need" ? "matchingOffers" : "matchingNeeds")),
      h("p", { class: "hint" }, t("matchesIntro")), matches), possibleMatchesPanel(i, signal));
    setTitle(i.title);
    get(`/initiatives/${enc(i.id)}/matches`, { limit: 10 }, { signal }).then((found) => {
      const items = found.items || [];
      fill(matches, items.length ? h("ol", { class: "cards matches", "aria-labelledby": "in-matches" },
        items.map((m) => matchCard(m, geo))) : h("p", { class: "muted" }, t("noMatches")));
    }, (err) => {
      if (err.name !== "AbortError") fill(matches, h("p", { class: "alert" }, err.message));
    });
  });
}

function matchCard(m, geo) {
  const place = territory(m, geo);
  const href = m.kind === "partnership" ? `#/partnerships/${enc(m.id)}` : `#/initiatives/${enc(m.id)}`;
  const id = `mt-${m.id}`;
  return h("li", { class: "card" }, h("article", { "aria-labelledby": id },
    h("p", { class: "card-date" }, t(m.kind === "partnership" ? "partnershipOne" : `ikind_${m.kind}`), " · ",
      m.domains.map(domainName).join(", ")),
    h("h3", { class: "card-title", id }, h("a", { href }, m.title)),
    h("p", { class: "card-place" }, [place.fr, place.ua].filter(Boolean).join(" · ")),
    h("p", { class: "card-seats" }, t("matchScore", m.score), " — ",
      m.reasons.map((r) => t(`why_${r}`)).join(", "))));
}
