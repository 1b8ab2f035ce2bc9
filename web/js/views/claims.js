// Claims and fact-checks: the public registry (#/claims?q=...&verdict=false), searchable in the three languages,
// each claim with its verdict in words and the fact-checks that answer it; one claim (#/claims/<id>, where the
// "fact-checked" notices lead). Moderators also get the forms to record and edit claims and link fact-checks.

import { del, get, patch, post } from "../api.js";
import { isModerator } from "../auth.js";
import { pagedList } from "../cards.js";
import { fill, h } from "../dom.js";
import { formatDate, formatDateTime, pick, t } from "../i18n.js";
import { VERDICTS, claimHref, verdictBadge } from "../fact-checks.js";
import { dateField, readDates } from "../dates.js";
import {
  backLink, busy, field, focusHeading, input, localized, localizedFields, main, refuse, select, setTitle, success,
  textarea,
} from "../ui.js";
import { addressFilters, backHash, filterForm, showItem } from "./listing.js";

const FILTERS = ["q", "verdict"];

export function mount(route) {
  return route.name === "claim" ? detailView(route) : listView(route);
}

const verdictOptions = (anyText) => [...(anyText ? [["", anyText]] : []),
  ...VERDICTS.map((v) => [v, t(`verdict_${v}`)])];

function factCheckLinks(claim) {
  if (!claim.fact_checks.length) return h("p", { class: "hint" }, t("noFactCheck"));
  return h("ul", { class: "fact-check-list" }, claim.fact_checks.map((fc) => {
    const title = pick(fc.title);
    return h("li", {}, h("a", { href: `#/announcements/${encodeURIComponent(fc.id)}`, lang: title?.lang },
      title?.text || fc.id), ` — ${fc.association_name}, `,
    h("time", { datetime: fc.created_at }, formatDate(fc.created_at)));
  }));
}

function claimFacts(claim) {
  const seen = [claim.first_seen_on ? formatDate(claim.first_seen_on) : null, claim.first_seen_where]
    .filter(Boolean).join(" · ");
  return [
    seen ? h("p", { class: "card-place" }, `${t("firstSeen")} — ${seen}`) : null,
    claim.urls.length ? h("details", {}, h("summary", {}, `${t("spreadAt")} (${claim.urls.length})`),
      h("ul", { class: "claim-urls" }, claim.urls.map((u) => h("li", {}, h("span", { translate: "no" }, u))))) : null,
  ];
}

function claimCard(claim) {
  const text = pick(claim.text);
  const id = `cl-${claim.id}`;
  return h("li", { class: "card claim-card" },
    h("article", { "aria-labelledby": id },
      verdictBadge(claim.verdict),
      h("h2", { class: "card-title", id },
        h("a", { href: claimHref(claim.id), lang: text?.lang }, text?.text || claim.id)),
      claimFacts(claim),
      h("p", { class: "sources-title" }, t("factChecks")), factCheckLinks(claim)));
}

function listView(route) {
  let list = null;
  const address = addressFilters("claims", FILTERS, route, { refresh: sync, reload: load });
  const q = h("input", { type: "search", name: "q", id: "cl-q", maxlength: 100, autocomplete: "off" });
  const verdict = select("verdict", verdictOptions(t("anyVerdict")), "", { id: "cl-verdict" });
  const notices = h("div", { class: "notices" });
  const form = filterForm("cl-filters", [field(t("claimsSearch"), q, { hint: t("qShort") }),
    field(t("verdict"), verdict)], () => address.go({}));
  const results = h("div");
  fill(main, h("h1", { id: "cl-title", tabindex: "-1" }, t("claimsTitle")),
    h("p", { class: "lead" }, t("claimsIntro")), form, notices, results,
    isModerator() ? h("div", { class: "claim-tools" }, claimForm(null)) : null);
  setTitle(t("claimsTitle"));
  focusHeading(route.focus);

  function readForm() {
    const next = {};
    if (q.value.trim()) next.q = q.value.trim();
    if (verdict.value) next.verdict = verdict.value;
    return next;
  }
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    notices.replaceChildren();
    const next = readForm();
    if (next.q && next.q.length < 2) return refuse(q, notices, t("qShort"));
    q.removeAttribute("aria-invalid");
    return address.go(next);
  });
  verdict.addEventListener("change", () => address.go(readForm()));

  function sync() {
    q.value = address.filters.q || "";
    verdict.value = VERDICTS.includes(address.filters.verdict) ? address.filters.verdict : "";
  }
  function load() {
    list?.abort();
    list = pagedList("/claims", address.filters, claimCard,
      { empty: t("noClaims"), labelledby: "cl-title", pageSize: 10 });
    fill(results, list.nodes);
  }
  sync();
  load();
  return { name: "claims", update: address.update, destroy: () => list?.abort() };
}

/** Record (claim null) or edit a claim: its text in up to three languages, verdict, where first seen, addresses. */
function claimForm(claim) {
  const box = h("div", { class: "notices" });
  const verdict = select("verdict", verdictOptions(null), claim?.verdict || "false", { required: true });
  // Typed in the page's format: a native date input speaks the browser's language, not the page's.
  const seenOn = dateField(t("firstSeenOn"), "first_seen_on", { value: claim?.first_seen_on || "" });
  const seenWhere = input("first_seen_where", { maxlength: 200, value: claim?.first_seen_where || "" });
  const urls = textarea("urls", { rows: 4, spellcheck: "false" });
  urls.value = (claim?.urls || []).join("\n");
  const save = h("button", { type: "submit", class: "button" }, t("saveClaim"));
  const headingId = claim ? "cl-edit" : "cl-record";
  const form = h("form", { class: "form", novalidate: true, "aria-labelledby": headingId },
    h("h2", { id: headingId }, claim ? t("editClaim") : t("recordClaim")),
    localizedFields("text", t("claimText"), claim?.text || {}, { max: 150 }),
    field(t("verdict"), verdict), seenOn, field(t("firstSeenWhere"), seenWhere),
    field(t("claimUrls"), urls, { hint: t("claimUrlsHint"), wide: true }), box,
    h("div", { class: "actions" }, save));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const dates = readDates(form, box);
    if (!dates) return;
    const body = {
      text: localized(form, "text"), verdict: verdict.value,
      urls: urls.value.split("\n").map((u) => u.trim()).filter(Boolean),
    };
    if (dates.first_seen_on) body.first_seen_on = dates.first_seen_on;
    else if (claim?.first_seen_on) body.first_seen_on = null;
    if (seenWhere.value.trim()) body.first_seen_where = seenWhere.value.trim();
    busy(save, box, async () => {
      const saved = claim ? await patch(`/claims/${encodeURIComponent(claim.id)}`, { ...body, version: claim.version })
        : await post("/claims", body);
      box.append(success(t("claimSaved")));
      window.location.hash = claimHref(saved.id);
    });
  });
  return form;
}

function moderatorTools(claim, reload) {
  const box = h("div", { class: "notices" });
  const announcement = input("announcement_id", { maxlength: 23, pattern: "an_[0-9a-f]{20}", spellcheck: "false" });
  const link = h("button", { type: "submit", class: "button" }, t("linkBtn"));
  const linkForm = h("form", { class: "form", novalidate: true },
    field(t("linkFactCheck"), announcement), box, h("div", { class: "actions" }, link));
  linkForm.addEventListener("submit", (event) => {
    event.preventDefault();
    busy(link, box, async () => {
      await post(`/claims/${encodeURIComponent(claim.id)}/fact-checks`, { announcement_id: announcement.value.trim() });
      reload();
    });
  });
  const unlinks = claim.fact_checks.map((fc) => {
    const button = h("button", { type: "button", class: "button button-quiet" }, `${t("unlinkBtn")} ${fc.id}`);
    button.addEventListener("click", () => busy(button, box, async () => {
      await del(`/claims/${encodeURIComponent(claim.id)}/fact-checks/${encodeURIComponent(fc.id)}`);
      reload();
    }));
    return button;
  });
  const history = h("section", { "aria-labelledby": "cl-history" }, h("h2", { id: "cl-history" }, t("claimHistory")));
  get(`/claims/${encodeURIComponent(claim.id)}/history`).then((found) => history.append(
    h("ul", {}, found.items.map((c) => h("li", {}, h("time", { datetime: c.at }, formatDateTime(c.at)),
      ` — ${c.by} — ${t(`claimAction_${c.action}`)}${c.fields.length ? ` (${c.fields.join(", ")})` : ""}`)))),
  () => {});
  return h("div", { class: "claim-tools" }, claimForm(claim), linkForm,
    unlinks.length ? h("p", { class: "tools" }, unlinks) : null, history);
}

function detailView(route) {
  const controller = new AbortController();
  const back = backLink(backHash("claims"), t("backClaims"));
  const load = () => showItem(route, back, `/claims/${encodeURIComponent(route.id)}`, controller.signal, render);

  function render(claim) {
    const text = pick(claim.text);
    fill(main, back,
      h("article", { class: "detail" },
        h("header", {}, verdictBadge(claim.verdict),
          h("h1", { tabindex: "-1", lang: text?.lang }, text?.text || claim.id)),
        claimFacts(claim),
        h("section", { "aria-labelledby": "cl-checks" }, h("h2", { id: "cl-checks" }, t("factChecks")),
          factCheckLinks(claim))),
      isModerator() ? moderatorTools(claim, load) : null);
    setTitle(text?.text || "");
    focusHeading(route.focus);
  }
  load();
  return { name: "claim", destroy: () => controller.abort() };
}

