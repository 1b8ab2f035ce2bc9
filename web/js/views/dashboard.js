// The signed-in person's space: their associations (register, edit), and for each one its events
// (create, edit, cancel, attendees and their CSV) and announcements (post, edit, delete).
//   #/dashboard                     my associations      #/dashboard/new            register one
//   #/dashboard/a/<id>              manage one           #/dashboard/a/<id>/event   new event
//   #/dashboard/event/<id>          edit an event        #/dashboard/event/<id>/attendees
//   #/dashboard/a/<id>/announcement new announcement     #/dashboard/announcement/<id>  edit one
//   #/dashboard/a/<id>/figures      its figures over 12 months (views/figures.js)

import "../campaign-strings.js";
import "../shift-strings.js";
import { ApiError, creationKey, del, get, getRegions, getText, patch, post } from "../api.js";
import { session } from "../auth.js";
import { fill, h } from "../dom.js";
import {
  ANNOUNCEMENT_TYPES, ASSOCIATION_STATUS, CATEGORIES, EVENT_CATEGORIES, NEEDS, SPOKEN, collate, formatDateTime,
  formatNumber, label, pick, t,
} from "../i18n.js";
import {
  backLink, busy, byName, checkedValues, choices, errorBox, failedPage, field, focusHeading, geography, input,
  loading, localized, localizedFields, main, placeName, select, setTitle, success, textarea,
} from "../ui.js";
import { dateField, dateFormat, readDates } from "../dates.js";

import { pictureSection } from "../picture-form.js";
import { editorDates, repeatsSection } from "../recurrence.js";
import { pollForm } from "./votes.js";
import { widgetSection } from "../widget-snippet.js";
import { webhooksSection } from "./webhooks.js";

import "../more-strings.js";
import "../backoffice-strings.js";
import "../open-data-strings.js";

const enc = encodeURIComponent;

export function mount(route) {
  if (!session()) {
    window.location.replace(`#/signin?next=${enc(window.location.hash)}`);
    return { name: "redirect" };
  }
  const [a, b, c] = route.parts;
  const controller = new AbortController();
  const view = { name: "dashboard", destroy: () => controller.abort() };
  const ctx = { route, signal: controller.signal };
  if (!a) home(ctx);
  else if (a === "new") associationForm(ctx, null);
  else if (a === "a" && b && !c) manage(ctx, b);
  else if (a === "a" && b && c === "event") eventForm(ctx, b, null);
  else if (a === "a" && b && c === "announcement") announcementForm(ctx, b, null);
  else if (a === "a" && b && c === "figures") import("./figures.js").then((m) => m.figures(ctx, b));
  else if (a === "event" && b && !c) eventForm(ctx, null, b);
  else if (a === "event" && b && c === "attendees") attendees(ctx, b);
  else if (a === "announcement" && b) announcementForm(ctx, null, b);
  else failedPage(new ApiError({ status: 404, code: "page_not_found", message: t("pageNotFoundText") }), route);
  return view;
}

function page(ctx, heading, backHref, backText, ...content) {
  fill(main,
    backHref ? backLink(backHref, backText) : null,
    h("h1", { tabindex: "-1" }, heading), content);
  setTitle(heading);
  focusHeading(ctx.route.focus);
}

async function me(ctx) {
  return get("/me", {}, { signal: ctx.signal });
}

async function membership(ctx, id) {
  const profile = await me(ctx);
  const found = (profile.memberships || []).find((m) => m.association.id === id);
  if (!found) throw new ApiError({ status: 404, code: "not_an_editor", message: t("notEditor") });
  return found;
}

// ------------------------------------------------------------------ my associations

async function home(ctx) {
  fill(main, loading());
  let profile;
  try {
    profile = await me(ctx);
  } catch (err) {
    if (err.name !== "AbortError") failedPage(err, ctx.route, () => home(ctx));
    return;
  }
  const items = profile.memberships || [];
  // Each association's key numbers, asked all at once; one that fails still lists its association.
  const numbers = await Promise.all(items.map((m) => get(`/associations/${enc(m.association.id)}/numbers`, {},
    { signal: ctx.signal }).catch(() => null)));
  if (ctx.signal.aborted) return;
  const rows = items.map((m, i) => ({ m, n: numbers[i] }));
  // The association whose next event comes first leads; those without one follow, by name.
  const next = (row) => row.n?.next_event?.start || "\uffff";
  rows.sort((x, y) => (next(x) < next(y) ? -1 : next(x) > next(y) ? 1 : collate(x.m.association.name,
    y.m.association.name)));
  page(ctx, t("dashTitle"), null, null,
    h("p", { class: "lead" }, t("dashIntro", profile.name || profile.email)),
    profile.email_verified ? null : h("p", { class: "alert", role: "alert" }, t("emailNotVerified")),
    h("p", {}, h("a", { class: "button", href: "#/dashboard/new" }, t("registerAssoc"))),
    h("h2", {}, t("myAssociations")),
    rows.length ? h("ul", { class: "cards dash-cards" }, rows.map(({ m, n }) => h("li", { class: "card" },
      h("article", { "aria-labelledby": `m-${m.association.id}` },
        h("h3", { class: "card-title", id: `m-${m.association.id}` },
          h("a", { href: `#/dashboard/a/${enc(m.association.id)}` }, m.association.name)),
        h("p", {}, h("span", { class: `badge status-${m.association.status}` },
          label(ASSOCIATION_STATUS, m.association.status)), " ",
        h("span", { class: "card-place" }, t(`role_${m.role}`))),
        n ? keyNumbers(n) : null,
        n ? h("p", { class: "card-text" }, h("a", { href: `#/dashboard/a/${enc(m.association.id)}/figures` },
          t("figuresLink"))) : null,
        n?.next_event ? h("p", { class: "card-text" }, `${t("nextEvent")} : `,
          h("a", { href: `#/events/${enc(n.next_event.id)}` }, pick(n.next_event.title)?.text || n.next_event.id),
          " — ", formatDateTime(n.next_event.start)) : null,
        m.association.status_reason ? h("p", { class: "card-text" }, m.association.status_reason) : null))))
      : h("p", { class: "muted" }, t("noAssociations")));
}

/** Upcoming events, registrations (and the waiting lists), followers: a small list of figures. */
function keyNumbers(n) {
  const figure = (value, key, cls) => h("div", { class: `stat ${cls}` },
    h("dt", {}, t(key)), h("dd", {}, formatNumber(value)));
  return h("dl", { class: "stats" },
    figure(n.upcoming_events, "statUpcoming", "stat-events"),
    figure(n.registrations, "statRegistrations", "stat-registrations"),
    n.waitlisted ? figure(n.waitlisted, "statWaitlisted", "stat-waitlisted") : null,
    figure(n.followers, "statFollowers", "stat-followers"));
}

/** A long form in sections: a short nav to its parts (more than two), each part a fieldset with its legend,
 * and the save button kept in sight on a phone. */
function sectioned(form, sections, notices, submit) {
  const visible = sections.filter(Boolean);
  const nav = visible.length > 2 ? h("nav", { class: "form-nav", "aria-label": t("formParts") },
    h("ol", {}, visible.map((s) => h("li", { "data-part": s.id }, h("a", { href: `#${s.id}`, onclick: (event) => {
      event.preventDefault(); // the address holds the route: move without changing it
      const target = form.querySelector(`#${s.id}`);
      target.scrollIntoView({ block: "start" });
      target.querySelector("input, select, textarea")?.focus({ preventScroll: true });
    } }, s.legend))))) : null;
  form.append(nav || "", ...visible.map((s) => h("fieldset", { class: "form-section", id: s.id, hidden: s.hidden },
    h("legend", {}, s.legend), s.content)), notices, h("div", { class: "actions sticky-actions" }, submit));
  return form;
}

// ------------------------------------------------------------------ register / edit an association

async function associationForm(ctx, existing) {
  fill(main, loading());
  let geo;
  try {
    geo = geography(await getRegions());
  } catch (err) {
    failedPage(err, ctx.route, () => associationForm(ctx, existing));
    return;
  }
  const a = existing || {};
  const notices = h("div");
  const region = select("region", [["", t("choose")],
    ...[...geo.regions.values()].sort(byName).map((r) => [r.code, placeName(r)])], a.region || "", { required: true });
  const department = select("department", [], "", { required: true });
  function departments(wanted) {
    const list = [...geo.departments.values()].filter((d) => d.region === region.value)
      .sort((x, y) => x.code.localeCompare(y.code));
    fill(department, h("option", { value: "" }, t("choose")),
      list.map((d) => h("option", { value: d.code }, `${placeName(d)} (${d.code})`)));
    department.value = list.some((d) => d.code === wanted) ? wanted : "";
  }
  region.addEventListener("change", () => departments(""));
  departments(a.department || "");
  const submit = h("button", { type: "submit", class: "button" }, existing ? t("save") : t("registerAssoc"));
  const form = sectioned(h("form", { class: "form", novalidate: true }), [
    { id: "part-identity", legend: t("partIdentity"), content: [
      field(t("assocName"), input("name", { required: true, maxlength: 200, value: a.name || "" })),
      localizedFields("description", t("descriptionLabel"), a.description, { multiline: true, max: 5000 }),
      choices(t("categories"), "categories", Object.keys(CATEGORIES).map((c) => [c, label(CATEGORIES, c)]),
        a.categories || []),
      choices(t("languages"), "languages", Object.keys(SPOKEN).map((c) => [c, label(SPOKEN, c)]), a.languages || []),
    ] },
    { id: "part-place", legend: t("partPlace"), content: h("div", { class: "form-grid" },
      field(t("region"), region), field(t("department"), department),
      field(t("city"), input("city", { required: true, maxlength: 100, value: a.city || "" })),
      field(t("postalCode"), input("postal_code", { required: true, maxlength: 5, inputmode: "numeric",
        value: a.postal_code || "" }))) },
    { id: "part-contact", legend: t("partContact"), content: [
      h("div", { class: "form-grid" },
        field(t("website"), input("website", { type: "url", maxlength: 500, value: a.website || "" }),
          { hint: t("urlHint") }),
        field(t("email"), input("contact_email", { type: "email", maxlength: 254, value: a.contact_email || "" })),
        field(t("rna"), input("rna", { maxlength: 10, value: a.rna || "" }), { hint: t("rnaHint") })),
      h("div", { class: "choice" }, h("input", { type: "checkbox", id: "show-email", name: "show_contact_email",
        checked: a.show_contact_email !== false && Boolean(a.contact_email) }),
      h("label", { for: "show-email" }, t("showEmail"))),
    ] },
  ], notices, submit);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const f = form.elements;
    const optional = (v) => (v.trim() ? v.trim() : null);
    const body = {
      name: f.name.value.trim(), description: localized(form, "description"),
      categories: checkedValues(form, "categories"), languages: checkedValues(form, "languages"),
      region: f.region.value, department: f.department.value, city: f.city.value.trim(),
      postal_code: f.postal_code.value.trim(), website: optional(f.website.value),
      contact_email: optional(f.contact_email.value), show_contact_email: f.show_contact_email.checked,
      rna: optional(f.rna.value),
    };
    busy(submit, notices, async () => {
      const saved = existing ? await patch(`/associations/${enc(existing.id)}`, body) : await post("/associations", body);
      if (existing) {
        notices.append(success(t("saved")));
      } else {
        window.location.hash = `#/dashboard/a/${enc(saved.id)}?created=1`;
      }
    });
  });
  if (existing) return form;
  page(ctx, t("registerAssoc"), "#/dashboard", t("backDashboard"), h("p", { class: "lead" }, t("registerIntro")), form);
  return form;
}

// ------------------------------------------------------------------ one association

async function manage(ctx, id) {
  fill(main, loading());
  let m;
  try {
    m = await membership(ctx, id);
  } catch (err) {
    if (err.name !== "AbortError") failedPage(err, ctx.route, () => manage(ctx, id));
    return;
  }
  const a = m.association;
  const eventsBox = h("div", {}, loading());
  const newsBox = h("div", {}, loading());
  const editorsBox = h("div", {}, loading());
  const noticesBox = h("div");
  const verified = a.status === "verified";
  page(ctx, a.name, "#/dashboard", t("backDashboard"),
    ctx.route.params.get("created") ? success(t("assocCreated")) : null,
    h("p", {}, h("span", { class: `badge status-${a.status}` }, label(ASSOCIATION_STATUS, a.status)), " ",
      verified ? h("a", { href: `#/associations/${enc(a.slug)}` }, t("publicPage")) : t("pendingHint")),
    noticesBox,
    h("section", { class: "block", "aria-labelledby": "d-events" }, h("h2", { id: "d-events" }, t("events")),
      verified ? h("p", {}, h("a", { class: "button", href: `#/dashboard/a/${enc(a.id)}/event` }, t("newEvent"))) : null,
      eventsBox),
    h("section", { class: "block", "aria-labelledby": "d-news" }, h("h2", { id: "d-news" }, t("announcements")),
      verified ? h("p", {}, h("a", { class: "button", href: `#/dashboard/a/${enc(a.id)}/announcement` },
        t("newAnnouncement"))) : null,
      newsBox),
    verified ? widgetSection(a) : null,
    verified ? h("section", { class: "block", "aria-labelledby": "d-polls" }, h("h2", { id: "d-polls" }, t("polls")),
      h("p", { class: "hint" }, t("pollsToMembers")), pollForm({ associationId: a.id })) : null,
    h("section", { class: "block", "aria-labelledby": "d-editors" }, h("h2", { id: "d-editors" }, t("editors")),
      h("p", { class: "hint" }, t("editorsIntro")), editorsBox),
    pictureSection({ target: "association", id: a.id, picture: a.picture, heading: t("pictureLogo") }),
    webhooksSection(ctx, a),
    h("section", { class: "block", "aria-labelledby": "d-profile" }, h("h2", { id: "d-profile" }, t("editProfile")),
      await associationForm({ ...ctx, route: { ...ctx.route, focus: false } }, a)));
  editors(ctx, a, m.role === "owner", editorsBox);
  moderationNotices(ctx, a, noticesBox);
  if (!verified) {
    fill(eventsBox, h("p", { class: "muted" }, t("verifyFirst")));
    fill(newsBox, h("p", { class: "muted" }, t("verifyFirst")));
    return;
  }
  get("/events", { association: a.id, limit: 50 }, { signal: ctx.signal }).then((pageOf) => {
    const items = pageOf.items || [];
    fill(eventsBox, items.length ? h("ul", { class: "plain-list" }, items.map((ev) => h("li", {},
      h("a", { href: `#/dashboard/event/${enc(ev.id)}` }, pick(ev.title)?.text || ev.id), " — ",
      formatDateTime(ev.start, ev.timezone), ev.status === "cancelled" ? ` (${t("cancelled")})` : "", " · ",
      h("a", { href: `#/dashboard/event/${enc(ev.id)}/attendees` }, t("attendees")))))
      : h("p", { class: "muted" }, t("noEventsAssoc")));
  }, (err) => { if (err.name !== "AbortError") fill(eventsBox, errorBox(err)); });
  get("/announcements", { association: a.id, limit: 50 }, { signal: ctx.signal }).then((pageOf) => {
    const items = pageOf.items || [];
    fill(newsBox, items.length ? h("ul", { class: "plain-list" }, items.map((an) => h("li", {},
      h("a", { href: `#/dashboard/announcement/${enc(an.id)}` }, pick(an.title)?.text || an.id), " — ",
      label(ANNOUNCEMENT_TYPES, an.type))))
      : h("p", { class: "muted" }, t("noNews")));
  }, (err) => { if (err.name !== "AbortError") fill(newsBox, errorBox(err)); });
}

/** Warnings from the moderators and the association's items hidden by moderation (shown only when any). */
async function moderationNotices(ctx, a, box) {
  let notices;
  try {
    notices = await get(`/associations/${enc(a.id)}/notices`, {}, { signal: ctx.signal });
  } catch (err) {
    if (err.name !== "AbortError") fill(box, errorBox(err));
    return;
  }
  const warnings = notices.warnings || [];
  const hidden = notices.hidden || [];
  if (!warnings.length && !hidden.length) return;
  const reasons = (r) => Object.keys(r || {}).map((reason) => t(`reason_${reason}`)).join(", ");
  fill(box, h("section", { class: "block notice-block", "aria-labelledby": "d-notices" },
    h("h2", { id: "d-notices" }, t("moderationNotices")),
    warnings.length ? [h("h3", {}, t("warnings")), h("ul", { class: "plain-list" }, warnings.map((w) => h("li", {},
      h("strong", {}, formatDateTime(w.at)), " — ", w.note)))] : null,
    hidden.length ? [h("h3", {}, t("hiddenItems")), h("ul", { class: "plain-list" }, hidden.map((item) => h("li", {},
      `${t(`kind_${item.kind}`)} · ${item.id}`, item.reasons ? ` — ${reasons(item.reasons)}` : "")))] : null,
    h("p", { class: "hint" }, t("noticesHint"))));
}

/** The owner and co-editors; the owner adds one by e-mail or removes one. */
async function editors(ctx, a, owner, box, message = null) {
  let list;
  try {
    list = await get(`/associations/${enc(a.id)}/editors`, {}, { signal: ctx.signal });
  } catch (err) {
    if (err.name !== "AbortError") fill(box, errorBox(err));
    return;
  }
  const notices = h("div");
  const rows = (Array.isArray(list) ? list : list.items || []).map((e) => {
    let remove = null;
    if (owner && e.role !== "owner") {
      remove = h("button", { type: "button", class: "button button-quiet", "aria-label": t("removeEditor", e.email) },
        t("remove"));
      remove.addEventListener("click", () => busy(remove, notices, async () => {
        await del(`/associations/${enc(a.id)}/editors/${enc(e.email)}`);
        await editors(ctx, a, owner, box);
      }));
    }
    return h("li", {}, e.email, " — ", t(`role_${e.role}`), remove ? [" ", remove] : null);
  });
  const parts = [message ? success(message) : null, h("ul", { class: "plain-list" }, rows), notices];
  if (owner) {
    const email = input("email", { type: "email", required: true, maxlength: 254, autocomplete: "off" });
    const add = h("button", { type: "submit", class: "button button-quiet" }, t("inviteEditor"));
    const form = h("form", { class: "inline-form", novalidate: true }, field(t("emailLabel"), email), add);
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const value = email.value.trim();
      busy(add, notices, async () => {
        await post(`/associations/${enc(a.id)}/editors`, { email: value });
        await editors(ctx, a, owner, box, t("editorAdded", value));
      });
    });
    parts.push(form);
  }
  fill(box, parts);
}

// ------------------------------------------------------------------ events

const local = (iso) => (typeof iso === "string" ? iso.slice(0, 16) : "");

/** The campaign an event takes part in: the running and coming ones (the event's own kept if no longer listed). */
function campaignField(items, current) {
  const options = [["", t("none")], ...items.map((c) => [c.id, pick(c.name)?.text || c.slug])];
  if (current && !items.some((c) => c.id === current)) options.push([current, current]);
  return field(t("campaignField"), select("campaign_id", options, current || ""), { hint: t("campaignFieldHint") });
}

async function eventForm(ctx, associationId, eventId) {
  fill(main, loading());
  let ev = null;
  let geo;
  let campaigns;
  try {
    [ev, geo, campaigns] = await Promise.all([
      eventId ? get(`/events/${enc(eventId)}`, {}, { signal: ctx.signal }) : null,
      getRegions().then(geography),
      get("/campaigns", {}, { signal: ctx.signal }).catch(() => ({ items: [] })),
    ]);
  } catch (err) {
    if (err.name !== "AbortError") failedPage(err, ctx.route, () => eventForm(ctx, associationId, eventId));
    return;
  }
  if (ev?.series_id) { // one date of a series: edited through its series (its own cancel and move are there)
    window.location.replace(`#/dashboard/event/${enc(ev.series_id)}`);
    return;
  }
  const owner = associationId || ev.association.id;
  const e = ev || {};
  const v = e.venue || {};
  const notices = h("div");
  const department = select("venue_department", [["", t("none")],
    ...[...geo.departments.values()].sort((x, y) => x.code.localeCompare(y.code))
      .map((d) => [d.code, `${placeName(d)} (${d.code})`])], v.department || "");
  const submit = h("button", { type: "submit", class: "button" }, ev ? t("save") : t("publishEvent"));
  const free = h("input", { type: "checkbox", id: "is-free", name: "is_free", checked: e.is_free !== false });
  const priceField = field(t("priceEuros"), input("price", { type: "number", min: 0, step: "0.01",
    value: e.price_cents != null ? (e.price_cents / 100).toFixed(2) : "" }));
  const showPrice = () => { priceField.hidden = free.checked; };
  free.addEventListener("change", showPrice);
  showPrice();
  const startField = dateField(t("startLabel"), "start", { time: true, required: true, value: local(e.start_local) });
  const repeats = repeatsSection(ev, startField.querySelector("input"));
  const form = sectioned(h("form", { class: "form", novalidate: true }), [
    { id: "part-about", legend: t("partAbout"), content: [
      localizedFields("title", t("titleLabel"), e.title, { max: 300 }),
      localizedFields("description", t("descriptionLabel"), e.description, { multiline: true, max: 10000 }),
      choices(t("categories"), "categories",
        Object.keys(EVENT_CATEGORIES).map((c) => [c, label(EVENT_CATEGORIES, c)]), e.categories || []),
      choices(t("languages"), "languages", Object.keys(SPOKEN).map((c) => [c, label(SPOKEN, c)]),
        e.languages || []),
    ] },
    { id: "part-when", legend: t("partWhen"), content: h("div", { class: "form-grid" },
      startField,
      dateField(t("endLabel"), "end", { time: true, required: true, value: local(e.end_local) }),
      campaignField(campaigns.items, e.campaign_id)) },
    { id: "part-repeats", legend: t("partRepeats"), content: repeats.node },
    { id: "part-where", legend: t("partWhere"), content: [h("p", { class: "hint" }, t("venueHint")),
      h("div", { class: "form-grid" },
        field(t("venueName"), input("venue_name", { maxlength: 200, value: v.name || "" })),
        field(t("address"), input("venue_address", { maxlength: 300, value: v.address || "" })),
        field(t("postalCode"), input("venue_postal_code", { maxlength: 5, value: v.postal_code || "" })),
        field(t("city"), input("venue_city", { maxlength: 100, value: v.city || "" })),
        field(t("department"), department),
        field(t("onlineLink"), input("online_url", { type: "url", maxlength: 500, value: e.online_url || "" })))] },
    { id: "part-seats", legend: t("partSeats"), content: [
      field(t("capacity"), input("capacity", { type: "number", min: 1, max: 100000, value: e.capacity ?? "" }),
        { hint: t("capacityHint") }),
      h("div", { class: "choice" }, h("input", { type: "checkbox", id: "reg-req", name: "registration_required",
        checked: Boolean(e.registration_required) }), h("label", { for: "reg-req" }, t("registrationRequired"))),
      h("div", { class: "choice" }, free, h("label", { for: "is-free" }, t("free"))),
      priceField,
    ] },
  ], notices, submit);
  const eventKey = creationKey(); // a retried publication (same fields) publishes once
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const f = form.elements;
    const dates = readDates(form, notices);
    if (!dates) return;
    const dept = geo.departments.get(f.venue_department.value);
    const venue = f.venue_name.value.trim() ? {
      name: f.venue_name.value.trim(), address: f.venue_address.value.trim(),
      postal_code: f.venue_postal_code.value.trim(), city: f.venue_city.value.trim(),
      department: f.venue_department.value, region: dept?.region || "",
    } : null;
    const seconds = (value) => (value && value.length === 16 ? `${value}:00` : value);
    const body = {
      title: localized(form, "title"), description: localized(form, "description"),
      start: seconds(dates.start), end: seconds(dates.end), timezone: "Europe/Paris", venue,
      online_url: f.online_url.value.trim() || null, categories: checkedValues(form, "categories"),
      languages: checkedValues(form, "languages"), capacity: f.capacity.value ? Number(f.capacity.value) : null,
      registration_required: f.registration_required.checked, is_free: f.is_free.checked,
      price_cents: !f.is_free.checked && f.price.value ? Math.round(Number(f.price.value) * 100) : null,
    };
    const recurrence = repeats.read();
    if (recurrence === undefined) { // a series ending on a date that is not one
      notices.replaceChildren(h("p", { class: "alert", role: "alert" }, t("dateInvalid", t("repeatUntilDate"),
        dateFormat())));
      return;
    }
    if (recurrence) body.recurrence = recurrence;
    if (f.campaign_id.value !== (e.campaign_id || "")) body.campaign_id = f.campaign_id.value || null;
    busy(submit, notices, async () => {
      const saved = ev ? await patch(`/events/${enc(ev.id)}`, body)
        : await post(`/associations/${enc(owner)}/events`, body, { idempotencyKey: eventKey(body) });
      if (ev) notices.append(success(t("saved")));
      else window.location.hash = `#/events/${enc(saved.id)}`;
    });
  });
  const extra = [];
  if (ev && ev.status !== "cancelled") {
    const reason = textarea("reason", { rows: 2, maxlength: 500 });
    const cancel = h("button", { type: "submit", class: "button button-danger" }, t("cancelEvent"));
    const box = h("div");
    const cancelForm = h("form", { class: "form", novalidate: true }, h("h2", {}, t("cancelEvent")),
      field(t("cancelReason"), reason), box, cancel);
    cancelForm.addEventListener("submit", (event) => {
      event.preventDefault();
      busy(cancel, box, async () => {
        await post(`/events/${enc(ev.id)}/cancel`, { reason: reason.value.trim() });
        box.append(success(t("eventCancelled")));
      });
    });
    extra.push(cancelForm);
  }
  if (ev) {
    const remove = h("button", { type: "button", class: "button button-quiet" }, t("deleteEvent"));
    const box = h("div");
    remove.addEventListener("click", () => {
      if (!window.confirm(t("deleteConfirm"))) return;
      busy(remove, box, async () => {
        await del(`/events/${enc(ev.id)}`);
        window.location.hash = `#/dashboard/a/${enc(owner)}`;
      });
    });
    extra.push(h("p", {}, h("a", { href: `#/dashboard/event/${enc(ev.id)}/attendees` }, t("attendees")), " · ",
      h("a", { href: `#/events/${enc(ev.id)}` }, t("publicPage"))), h("div", {}, remove, box));
  }
  if (ev?.recurrence) extra.unshift(await editorDates(ev, ctx.signal));
  if (ev) extra.unshift(pictureSection({ target: "event", id: ev.id, picture: ev.picture, heading: t("picturePoster") }));
  page(ctx, ev ? t("editEvent") : t("newEvent"), `#/dashboard/a/${enc(owner)}`, t("backAssociation"), form, extra);
}

async function attendees(ctx, eventId) {
  fill(main, loading());
  let ev;
  let list;
  try {
    [ev, list] = await Promise.all([get(`/events/${enc(eventId)}`, {}, { signal: ctx.signal }),
      get(`/events/${enc(eventId)}/attendees`, {}, { signal: ctx.signal })]);
  } catch (err) {
    if (err.name !== "AbortError") failedPage(err, ctx.route, () => attendees(ctx, eventId));
    return;
  }
  const notices = h("div");
  const exportButton = h("button", { type: "button", class: "button" }, t("exportCsv"));
  exportButton.addEventListener("click", () => busy(exportButton, notices, async () => {
    const csv = await getText(`/events/${enc(eventId)}/attendees.csv`);
    const link = h("a", { href: URL.createObjectURL(new Blob([csv], { type: "text/csv;charset=utf-8" })),
      download: `attendees-${eventId}.csv` });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
  }));
  const items = list.items || [];
  page(ctx, t("attendeesOf", pick(ev.title)?.text || eventId), `#/dashboard/a/${enc(ev.association.id)}`,
    t("backAssociation"),
    h("p", {}, t("attendeesSummary", list.confirmed, list.capacity ?? "∞", list.waitlisted)),
    h("p", {}, exportButton), notices,
    items.length ? h("div", { class: "table-scroll" }, h("table", { class: "table" },
      h("caption", { class: "visually-hidden" }, t("attendees")),
      h("thead", {}, h("tr", {}, [t("nameLabel"), t("emailLabel"), t("status"), t("position"), t("joinedAt")]
        .map((c) => h("th", { scope: "col" }, c)))),
      h("tbody", {}, items.map((p) => h("tr", {}, h("td", {}, p.name || "—"), h("td", {}, p.email),
        h("td", {}, t(`rsvp_${p.status}`)), h("td", { class: "num" }, p.position ?? ""),
        h("td", {}, formatDateTime(p.joined_at)))))))
      : h("p", { class: "muted" }, t("noAttendees")));
}

// ------------------------------------------------------------------ announcements

async function announcementForm(ctx, associationId, announcementId) {
  fill(main, loading());
  let an = null;
  let geo;
  let home = null;
  try {
    [an, geo, home] = await Promise.all([
      announcementId ? get(`/announcements/${enc(announcementId)}`, {}, { signal: ctx.signal }) : null,
      getRegions().then(geography),
      associationId ? membership(ctx, associationId) : null,
    ]);
  } catch (err) {
    if (err.name !== "AbortError") failedPage(err, ctx.route, () => announcementForm(ctx, associationId, announcementId));
    return;
  }
  const owner = associationId || an.association.id;
  const a = an || {};
  // A new announcement is about its association's region unless the author says otherwise.
  const region = an ? a.region || "" : home?.association.region || "";
  const sourcesText = (a.sources || []).map((x) => `${x.url} ${x.title}`).join("\n");
  const notices = h("div");
  const submit = h("button", { type: "submit", class: "button" }, an ? t("save") : t("publish"));
  const type = select("type", Object.keys(ANNOUNCEMENT_TYPES).map((k) => [k, label(ANNOUNCEMENT_TYPES, k)]),
    a.type || "news");
  const donation = h("div", { class: "form-grid" },
    field(t("donationTargetLabel"), input("donation_target_eur", { type: "number", min: 1,
      value: a.donation_target_eur ?? "" })),
    field(t("donationUrl"), input("donation_url", { type: "url", maxlength: 500, value: a.donation_url || "" }),
      { hint: t("urlHint") }));
  const form = sectioned(h("form", { class: "form", novalidate: true }), [
    { id: "part-text", legend: t("partText"), content: [
      field(t("announcementType"), type, { hint: t("typeHint") }),
      localizedFields("title", t("titleLabel"), a.title, { max: 300 }),
      localizedFields("body", t("bodyLabel"), a.body, { multiline: true, max: 10000 }),
    ] },
    { id: "part-project", legend: t("projectFields"), content: [
      h("p", { class: "hint" }, t("projectHint")),
      choices(t("needs"), "needs", Object.keys(NEEDS).map((k) => [k, label(NEEDS, k)]), a.needs || []),
      donation] },
    { id: "part-sources", legend: t("sources"), content:
      field(t("sourceLinks"), Object.assign(textarea("sources", { rows: 3 }), { value: sourcesText }),
        { hint: t("sourcesHint") }) },
    { id: "part-audience", legend: t("partAudience"), content: [
      field(t("region"), select("region", [["", t("allFrance")],
        ...[...geo.regions.values()].sort(byName).map((r) => [r.code, placeName(r)])], region),
      { hint: an ? null : t("regionDefaultHint") }),
      choices(t("categories"), "categories", Object.keys(CATEGORIES).map((c) => [c, label(CATEGORIES, c)]),
        a.categories || []),
      dateField(t("expiresOn"), "expires", { value: (a.expires_at || "").slice(0, 10) }),
      h("div", { class: "choice" }, h("input", { type: "checkbox", id: "pinned", name: "pinned",
        checked: Boolean(a.pinned) }), h("label", { for: "pinned" }, t("pinned"))),
    ] },
  ], notices, submit);
  // Only the fields of the chosen type: a project's needs (and a call for donations' target and page),
  // a fact-check's sources. What is hidden is not sent.
  const project = form.querySelector("#part-project");
  const sources = form.querySelector("#part-sources");
  const navItem = (id) => form.querySelector(`.form-nav [data-part="${id}"]`);
  function showTypeFields() {
    project.hidden = type.value !== "project";
    sources.hidden = type.value !== "fact_check";
    donation.hidden = !checkedValues(form, "needs").includes("donations");
    for (const [id, box] of [["part-project", project], ["part-sources", sources]]) {
      const item = navItem(id);
      if (item) item.hidden = box.hidden;
    }
  }
  type.addEventListener("change", showTypeFields);
  project.addEventListener("change", showTypeFields);
  showTypeFields();
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const f = form.elements;
    const dates = readDates(form, notices);
    if (!dates) return;
    const isProject = !project.hidden;
    const gives = isProject && !donation.hidden;
    const body = {
      type: f.type.value, title: localized(form, "title"), body: localized(form, "body"),
      region: f.region.value || null, categories: checkedValues(form, "categories"), pinned: f.pinned.checked,
      expires_at: dates.expires ? `${dates.expires}T23:59:59Z` : null,
      needs: isProject ? checkedValues(form, "needs") : [],
      donation_target_eur: gives && f.donation_target_eur.value ? Number(f.donation_target_eur.value) : null,
      donation_url: gives ? f.donation_url.value.trim() || null : null,
      sources: sources.hidden ? [] : f.sources.value.split("\n").map((line) => line.trim()).filter(Boolean)
        .map((line) => {
          const [url, ...title] = line.split(/\s+/);
          return { url, title: title.join(" ") || url };
        }),
    };
    busy(submit, notices, async () => {
      if (an) {
        await patch(`/announcements/${enc(an.id)}`, body);
        notices.append(success(t("saved")));
      } else {
        await post(`/associations/${enc(owner)}/announcements`, body);
        window.location.hash = `#/dashboard/a/${enc(owner)}`;
      }
    });
  });
  const extra = [];
  if (an) {
    const remove = h("button", { type: "button", class: "button button-quiet" }, t("delete"));
    const box = h("div");
    remove.addEventListener("click", async () => {
      const told = await volunteersToTell(an.id);
      if (!window.confirm(told ? t("shiftsDeleteConfirm", told) : t("deleteConfirm"))) return;
      busy(remove, box, async () => {
        await del(`/announcements/${enc(an.id)}`);
        window.location.hash = `#/dashboard/a/${enc(owner)}`;
      });
    });
    extra.push(h("div", {}, remove, box));
  }
  if (an) extra.unshift(pictureSection({ target: "announcement", id: an.id, picture: an.picture,
    heading: t("pictureImage") }));
  page(ctx, an ? t("editAnnouncement") : t("newAnnouncement"), `#/dashboard/a/${enc(owner)}`, t("backAssociation"),
    form, extra);
}

// The volunteers a delete would tell (its shifts are cancelled with it): confirmed and waiting, on shifts not
// cancelled already (those were told then). 0 when there are none, or the count cannot be read.
async function volunteersToTell(announcementId) {
  try {
    const shifts = await get(`/announcements/${enc(announcementId)}/shifts`);
    return shifts.filter((s) => s.status !== "cancelled").reduce((n, s) => n + s.confirmed + s.waitlisted, 0);
  } catch {
    return 0;
  }
}
