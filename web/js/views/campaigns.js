// Campaigns: #/campaigns lists the running and coming ones (admins create them there); #/campaigns/<slug> shows
// one: its description and dates, its events by region, its announcements and, for admins, the gap map (the
// regions and departments with no planned event, and their associations to invite, once each).

import "../campaign-strings.js";
import { campaignForm } from "../campaign-form.js";
import { get, getRegions, post } from "../api.js";
import { isAdmin } from "../auth.js";
import { fill, h } from "../dom.js";
import { formatDate, formatDateTime, lang, pick, t } from "../i18n.js";
import {
  backLink, busy, checkedValues, errorBox, failedPage, field, focusHeading, geography, input, loading, main, placeName,
  setTitle, success, textarea,
} from "../ui.js";

const enc = encodeURIComponent;

export function mount(route) {
  const controller = new AbortController();
  const ctx = { route, signal: controller.signal };
  if (route.name === "campaign") campaignPage(ctx, route.id);
  else listPage(ctx);
  return { name: route.name, destroy: () => controller.abort() };
}

const titled = (texts) => {
  const found = pick(texts);
  return found ? h("span", { lang: found.lang }, found.text) : "";
};

export function dates(c) {
  const w = c.window;
  if (!w) return null;
  return h("p", { class: "campaign-dates" },
    w.running ? h("span", { class: "badge" }, t("campaignRunning")) : null, " ",
    t("campaignDates", formatDate(w.start), formatDate(w.end)),
    w.day ? ` · ${t("campaignDay", formatDate(w.day))}` : "");
}

function campaignCard(c) {
  const id = `cp-${c.id}`;
  return h("li", { class: "card" }, h("article", { "aria-labelledby": id },
    h("h2", { class: "card-title", id }, h("a", { href: `#/campaigns/${enc(c.slug)}` }, titled(c.name))),
    dates(c)));
}

// ------------------------------------------------------------------ the list (and the admins' form)

async function listPage(ctx) {
  fill(main, loading());
  let found;
  try {
    found = await get("/campaigns", {}, { signal: ctx.signal });
  } catch (err) {
    if (err.name !== "AbortError") failedPage(err, ctx.route, () => listPage(ctx));
    return;
  }
  fill(main, h("h1", { tabindex: "-1" }, t("campaigns")), h("p", { class: "lead" }, t("campaignsIntro")),
    found.items.length ? h("ul", { class: "cards" }, found.items.map(campaignCard))
      : h("p", {}, t("campaignNone")),
    isAdmin() ? createForm() : null);
  setTitle(t("campaigns"));
  focusHeading(ctx.route.focus);
}

function createForm() {
  return campaignForm({ headingId: "campaign-new", onSaved: (created) => {
    window.location.hash = `#/campaigns/${enc(created.slug)}`;
  } });
}

// ------------------------------------------------------------------ one campaign

async function campaignPage(ctx, ref, notice = null) {
  if (!notice) fill(main, loading());
  let campaign;
  let listing;
  let news;
  let geo;
  try {
    [campaign, listing, news, geo] = await Promise.all([
      get(`/campaigns/${enc(ref)}`, {}, { signal: ctx.signal }),
      get(`/campaigns/${enc(ref)}/events`, { limit: 100 }, { signal: ctx.signal }),
      get(`/campaigns/${enc(ref)}/announcements`, {}, { signal: ctx.signal }),
      getRegions().then(geography),
    ]);
  } catch (err) {
    if (err.name !== "AbortError") failedPage(err, ctx.route, () => campaignPage(ctx, ref));
    return;
  }
  const name = pick(campaign.name);
  const description = h("div", { class: "prose" });
  const html = campaign.description_html?.[lang()] ?? Object.values(campaign.description_html || {})[0] ?? "";
  description.innerHTML = html; // sanitised by the API (nh3)
  const regionName = (code) => (code ? placeName(geo.regions.get(code)) || code : t("campaignOnline"));
  const byRegion = listing.regions.map((group) => h("section", { class: "campaign-region",
    "aria-labelledby": `cr-${group.region || "online"}` },
  h("h3", { id: `cr-${group.region || "online"}` }, regionName(group.region)),
  h("ul", { class: "campaign-events" }, group.events.map((ev) => h("li", {},
    h("a", { href: `#/events/${enc(ev.id)}` }, titled(ev.title)), " — ",
    h("time", { datetime: ev.start }, formatDateTime(ev.start, ev.timezone)),
    ev.city ? `, ${ev.city}` : "", ` (${ev.association_name})`)))));
  fill(main,
    backLink("#/campaigns", t("backCampaigns")),
    h("h1", { tabindex: "-1", lang: name?.lang }, name?.text || campaign.slug),
    dates(campaign),
    campaign.next_days?.length
      ? h("p", { class: "hint" }, t("campaignNextDays", campaign.next_days.map(formatDate).join(", "))) : null,
    notice ? success(notice) : null,
    isAdmin() ? adminTools(ctx, campaign) : null,
    description,
    h("section", { class: "block", "aria-labelledby": "campaign-events" },
      h("h2", { id: "campaign-events" }, t("campaignEvents")),
      byRegion.length ? byRegion : h("p", {}, t("campaignNoEvents"))),
    h("section", { class: "block", "aria-labelledby": "campaign-news" },
      h("h2", { id: "campaign-news" }, t("campaignNews")),
      news.items.length ? h("ul", {}, news.items.map((a) => h("li", {},
        h("a", { href: `#/announcements/${enc(a.id)}` }, titled(a.title)), ` (${a.association_name})`)))
        : h("p", {}, t("campaignNoNews"))),
    isAdmin() ? adminPart(ctx, campaign, geo) : null);
  setTitle(name?.text || t("campaigns"));
  if (notice) main.querySelector("h1")?.focus();
  else focusHeading(ctx.route.focus);
}

// The admins' Edit (the creation form, prefilled, opened in place) and Archive (after a confirmation).
function adminTools(ctx, campaign) {
  if (campaign.archived) return h("p", { class: "hint campaign-archived" }, t("campaignIsArchived"));
  const holder = h("div", { id: "campaign-edit", hidden: true });
  const edit = h("button", { type: "button", class: "button", "aria-expanded": "false",
    "aria-controls": "campaign-edit" }, t("campaignEdit"));
  const archive = h("button", { type: "button", class: "button button-quiet" }, t("campaignArchive"));
  const close = () => {
    holder.hidden = true;
    holder.replaceChildren();
    edit.setAttribute("aria-expanded", "false");
    edit.focus();
  };
  edit.addEventListener("click", () => {
    if (!holder.hidden) {
      close();
      return;
    }
    fill(holder, campaignForm({ campaign, headingId: "campaign-edit-title", onCancel: close,
      onSaved: (saved) => campaignPage(ctx, saved.slug, t("campaignSaved")) }));
    holder.hidden = false;
    edit.setAttribute("aria-expanded", "true");
    holder.querySelector("h2").focus();
  });
  archive.addEventListener("click", () => confirmArchive(ctx, campaign, archive));
  return h("div", { class: "campaign-admin" }, h("div", { class: "actions" }, edit, archive), holder);
}

function confirmArchive(ctx, campaign, opener) {
  const notices = h("div");
  const yes = h("button", { type: "submit", class: "button button-danger" }, t("campaignArchiveConfirm"));
  const no = h("button", { type: "button", class: "button button-quiet" }, t("campaignCancel"));
  const form = h("form", { class: "form", method: "dialog", novalidate: true },
    h("h2", { id: "campaign-archive-title" }, t("campaignArchiveTitle")),
    h("p", {}, t("campaignArchiveText")), notices, h("div", { class: "actions" }, yes, no));
  const dialog = h("dialog", { class: "dialog", "aria-labelledby": "campaign-archive-title" }, form);
  const close = () => {
    dialog.close();
    dialog.remove();
    opener.focus();
  };
  no.addEventListener("click", close);
  dialog.addEventListener("cancel", (event) => {
    event.preventDefault();
    close();
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    busy(yes, notices, async () => {
      await post(`/campaigns/${enc(campaign.id)}/archive`);
      dialog.close();
      dialog.remove();
      campaignPage(ctx, campaign.id, t("campaignArchived"));
    });
  });
  document.body.append(dialog);
  dialog.showModal();
  no.focus(); // the safe choice first
}

function adminPart(ctx, campaign, geo) {
  const box = h("div", {}, loading());
  gapMap(ctx, campaign, geo, box);
  return h("section", { class: "block", "aria-labelledby": "gap-map" },
    h("h2", { id: "gap-map" }, t("gapMap")), h("p", { class: "hint" }, t("gapMapIntro")), box);
}

async function gapMap(ctx, campaign, geo, box) {
  // The map is a picture of the lists below: without it (its outlines failed to load) the lists still work.
  const mapping = import("../map.js").then((module) => module.regionMap, () => null);
  let gaps;
  try {
    gaps = await get(`/campaigns/${enc(campaign.id)}/gaps`, {}, { signal: ctx.signal });
  } catch (err) {
    if (err.name !== "AbortError") fill(box, errorBox(err));
    return;
  }
  const regionMap = await mapping;
  const counts = Object.fromEntries(gaps.regions.map((r) => [r.code, r.events]));
  const names = new Map([...geo.regions.values()].map((r) => [r.code, placeName(r)]));
  const map = regionMap ? regionMap({ names, counts, selected: null, href: (code) => `#gap-${code}`,
    label: t("gapMap"), regionLabel: (n, c) => t("gapRegionEvents", n, c), overseasLabel: t("overseas") }) : null;
  const deptName = (code) => placeName(geo.departments.get(code)) || code;
  const regionOf = (code) => placeName(geo.regions.get(code)) || code;
  const uncovered = gaps.regions.filter((r) => r.events === 0)
    .sort((a, b) => regionOf(a.code).localeCompare(regionOf(b.code), t("locale")));
  const withAssociations = uncovered.filter((r) => r.departments.some((d) => d.associations.length));
  const empty = uncovered.filter((r) => !withAssociations.includes(r));
  const lists = withAssociations.map((r) => h("fieldset", { class: "choices gap-region", id: `gap-${r.code}` },
    h("legend", {}, `${regionOf(r.code)} — ${t("gapUncovered")}`),
    r.departments.filter((d) => d.associations.length).map((d) => h("div", { class: "gap-department" },
      h("p", { class: "gap-department-name" }, `${deptName(d.code)} (${d.code})`),
      d.associations.map((a) => h("div", { class: "choice" },
        h("input", { type: "checkbox", id: `inv-${a.id}`, name: "association", value: a.id, disabled: a.invited }),
        h("label", { for: `inv-${a.id}` }, a.name, a.invited ? ` (${t("gapInvited")})` : "")))))));
  // Regions with neither an event nor a verified association: named in one line, nobody to invite there.
  const nobody = empty.length ? h("p", { class: "hint gap-nobody" },
    `${t("gapNoAssociations")} ${empty.map((r) => regionOf(r.code)).join(", ")}`) : null;
  const notices = h("div");
  const draft = h("button", { type: "button", class: "button" }, t("gapDraft"));
  const subject = input("subject", { maxlength: 150, required: true });
  const body = textarea("body", { rows: 10, maxlength: 5000, required: true });
  const send = h("button", { type: "submit", class: "button" }, t("gapSend"));
  const editor = h("div", { hidden: true }, field(t("gapSubject"), subject, { wide: true }),
    field(t("gapBody"), body, { wide: true }), h("div", { class: "actions" }, send));
  const form = h("form", { class: "form", novalidate: true }, h("div", { class: "gap-regions" }, lists), nobody,
    h("div", { class: "actions" }, draft),
    editor, notices);
  draft.addEventListener("click", () => busy(draft, notices, async () => {
    const text = await get(`/campaigns/${enc(campaign.id)}/invitation`, { lang: lang() });
    subject.value = text.subject;
    body.value = text.body;
    editor.hidden = false;
    subject.focus();
  }));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const ids = checkedValues(form, "association");
    if (!ids.length) {
      fill(notices, h("p", { class: "alert", role: "alert" }, t("gapPick")));
      return;
    }
    busy(send, notices, async () => {
      const result = await post(`/campaigns/${enc(campaign.id)}/invitations`,
        { association_ids: ids, lang: lang(), subject: subject.value.trim(), body: body.value.trim() });
      for (const id of [...result.invited, ...result.already]) {
        const node = form.querySelector(`#inv-${CSS.escape(id)}`);
        if (node) { node.checked = false; node.disabled = true; }
      }
      notices.append(success(t("gapSent", result.invited.length)));
    });
  });
  fill(box, map ? h("div", { class: "map-box gap-map" }, map) : null, form);
}
