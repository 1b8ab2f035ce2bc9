// The admins' campaign form, one for creating (POST /campaigns) and editing (PATCH /campaigns/<id>): names and
// descriptions in three languages, and its dates, either once (first and last day) or every year (a fixed day or
// the nth weekday of a month, with days before and after), previewed live. An edit sends the version it was made
// on: a campaign changed meanwhile is refused (409) rather than overwritten.

import "./campaign-strings.js";
import { ApiError, patch, post } from "./api.js";
import { fill, h } from "./dom.js";
import { formatDate, t } from "./i18n.js";
import { busy, choices, errorBox, field, input, localized, localizedFields, select } from "./ui.js";

const NTHS = [1, 2, 3, 4, 5, -1];
const MAX_ONE_OFF_DAYS = 62; // as the API (hromada.domain.campaigns.MAX_ONE_OFF)
const PREVIEW_DAYS = 3;
const DAY_MS = 86400000;

const iso = (d) => d.toISOString().slice(0, 10);
const addDays = (d, n) => new Date(d.getTime() + n * DAY_MS);
const monthName = (m) => new Intl.DateTimeFormat(t("locale"), { month: "long", timeZone: "UTC" })
  .format(new Date(Date.UTC(2024, m - 1, 1)));
// 2024-01-01 was a Monday, weekday 0 in the API
const weekdayName = (w) => new Intl.DateTimeFormat(t("locale"), { weekday: "long", timeZone: "UTC" })
  .format(new Date(Date.UTC(2024, 0, 1 + w)));

/** The rule's day in `year` (UTC midnight), or null when that year has none (31 February, a 5th Sunday). */
export function dayInYear(rule, year) {
  const month = rule.month - 1;
  if (rule.day) {
    const d = new Date(Date.UTC(year, month, rule.day));
    return d.getUTCMonth() === month ? d : null;
  }
  if (rule.nth === -1) {
    const last = new Date(Date.UTC(year, month + 1, 0));
    return addDays(last, -(((last.getUTCDay() + 6) % 7 - rule.weekday + 7) % 7));
  }
  const first = new Date(Date.UTC(year, month, 1));
  const d = addDays(first, (rule.weekday - (first.getUTCDay() + 6) % 7 + 7) % 7 + 7 * (rule.nth - 1));
  return d.getUTCMonth() === month ? d : null;
}

/** The rule's next days from `today` on, each with its window (the days before and after). */
export function nextWindows(rule, today, count = PREVIEW_DAYS) {
  const found = [];
  for (let year = today.getUTCFullYear(); found.length < count && year < today.getUTCFullYear() + 30; year += 1) {
    const day = dayInYear(rule, year);
    if (day && day >= today) {
      found.push({ day, start: addDays(day, -(rule.days_before || 0)), end: addDays(day, rule.days_after || 0) });
    }
  }
  return found;
}

const number = (name, attrs) => input(name, { type: "number", inputmode: "numeric", ...attrs });

/**
 * The form; `campaign` (as GET /campaigns/<id> returns it) prefills it and makes it an edit. `onSaved(campaign)`
 * runs after a successful save; `onCancel` adds a Cancel button.
 */
export function campaignForm({ campaign = null, onSaved, onCancel = null, headingId = "campaign-form" }) {
  const editing = Boolean(campaign);
  const rule = campaign?.recurrence || null;
  const notices = h("div");
  const submit = h("button", { type: "submit", class: "button" }, t(editing ? "campaignSave" : "campaignCreate"));
  const cancel = onCancel ? h("button", { type: "button", class: "button button-quiet" }, t("campaignCancel")) : null;
  cancel?.addEventListener("click", onCancel);

  const kind = choices(t("campaignKind"), "dates_kind", [["once", t("campaignOnce")], ["yearly", t("campaignYearly")]],
    [rule ? "yearly" : "once"], { type: "radio" });
  const once = h("div", { class: "form-grid" },
    field(t("campaignStart"), input("start", { type: "date", required: true, value: campaign?.start || "" })),
    field(t("campaignEnd"), input("end", { type: "date", required: true, value: campaign?.end || "" })));
  const byWeekday = rule ? rule.day == null : false;
  const dayKind = choices(t("campaignRuleKind"), "day_kind",
    [["day", t("campaignFixedDay")], ["weekday", t("campaignNthWeekday")]], [byWeekday ? "weekday" : "day"],
    { type: "radio" });
  const month = select("month", Array.from({ length: 12 }, (_, i) => [String(i + 1), monthName(i + 1)]),
    String(rule?.month || 1));
  const dayField = field(t("campaignDayOfMonth"), number("day", { min: 1, max: 31, value: rule?.day ?? 1 }));
  const nthField = field(t("campaignNth"), select("nth", NTHS.map((n, i) => [String(n), t("campaignNths")[i]]),
    String(rule?.nth ?? 1)));
  const weekdayField = field(t("campaignWeekday"), select("weekday",
    Array.from({ length: 7 }, (_, i) => [String(i), weekdayName(i)]), String(rule?.weekday ?? 5)));
  const yearly = h("div", { class: "campaign-yearly" }, dayKind,
    h("div", { class: "form-grid" }, field(t("campaignMonth"), month), dayField, nthField, weekdayField),
    h("div", { class: "form-grid" },
      field(t("campaignDaysBefore"), number("days_before", { min: 0, max: 30, value: rule?.days_before ?? 0 })),
      field(t("campaignDaysAfter"), number("days_after", { min: 0, max: 30, value: rule?.days_after ?? 0 }))),
    h("p", { class: "hint" }, t("campaignWindowHint")));
  const preview = h("div", { class: "campaign-preview", id: `${headingId}-preview`, "aria-live": "polite" });

  const form = h("form", { class: "form block campaign-form", novalidate: true, "aria-labelledby": headingId },
    h("h2", { id: headingId, tabindex: "-1" }, t(editing ? "campaignEditTitle" : "campaignNew")),
    editing ? null : field(t("campaignSlug"),
      input("slug", { required: true, maxlength: 60, pattern: "[a-z0-9]+(-[a-z0-9]+)*" }),
      { hint: t("campaignSlugHint") }),
    localizedFields("name", t("campaignName"), campaign?.name, { max: 150 }),
    localizedFields("description", t("campaignDescription"), campaign?.description, { multiline: true, max: 10000 }),
    h("fieldset", { class: "form-section" }, h("legend", {}, t("campaignWhen")), kind, once, yearly, preview),
    notices, h("div", { class: "actions" }, submit, cancel));
  const f = form.elements;
  const isYearly = () => form.querySelector('input[name="dates_kind"]:checked')?.value === "yearly";
  const isWeekday = () => form.querySelector('input[name="day_kind"]:checked')?.value === "weekday";

  const readRule = () => ({
    month: Number(f.month.value),
    ...(isWeekday() ? { weekday: Number(f.weekday.value), nth: Number(f.nth.value) } : { day: Number(f.day.value) }),
    days_before: Number(f.days_before.value || 0),
    days_after: Number(f.days_after.value || 0),
  });

  // What the dates give, said as the admin types: the next days of a yearly rule, or the one-off window's length.
  const showPreview = () => {
    once.hidden = isYearly();
    yearly.hidden = !isYearly();
    dayField.hidden = isWeekday();
    nthField.hidden = !isWeekday();
    weekdayField.hidden = !isWeekday();
    if (isYearly()) {
      const r = readRule();
      const windows = r.month && (r.day || r.nth) ? nextWindows(r, new Date(`${iso(new Date())}T00:00:00Z`)) : [];
      if (!windows.length) {
        fill(preview, h("p", { class: "alert" }, t("campaignNoDate")));
        return;
      }
      const [next] = windows;
      fill(preview, h("p", { class: "repeat-summary" },
        t("campaignNextDays", windows.map((w) => formatDate(iso(w.day))).join(", "))),
      h("p", { class: "hint" }, t("campaignPreviewWindow", formatDate(iso(next.start)), formatDate(iso(next.end)))));
      return;
    }
    const start = f.start.value;
    const end = f.end.value;
    if (!start || !end) {
      preview.replaceChildren();
      return;
    }
    const days = Math.round((Date.parse(end) - Date.parse(start)) / DAY_MS);
    if (days < 0) fill(preview, h("p", { class: "alert" }, t("campaignEndBefore")));
    else if (days > MAX_ONE_OFF_DAYS) fill(preview, h("p", { class: "alert" }, t("campaignTooLong")));
    else fill(preview, h("p", { class: "repeat-summary" }, t("campaignDates", formatDate(start), formatDate(end))));
  };
  const changed = (event) => {
    event.target.removeAttribute?.("aria-invalid"); // corrected: no longer marked
    showPreview();
  };
  form.addEventListener("input", changed);
  form.addEventListener("change", changed);
  showPreview();

  // The API names invalid fields by path (name.fr, recurrence.day, start): those controls are marked.
  const markInvalid = (err) => {
    const marked = [];
    for (const detail of err.details || []) {
      const path = String(detail?.field || "");
      const [head, sub] = path.split(".");
      let names = [];
      if (head === "name" || head === "description") names = sub ? [`${head}_${sub}`] : [`${head}_fr`];
      else if (head === "recurrence") names = sub ? [sub] : ["month"];
      else if (err.code === "campaign_events_outside") names = ["start", "end"]; // either may be the one to move
      else if (["slug", "start", "end"].includes(head)) names = [head];
      for (const name of names) {
        const control = f[name];
        if (control instanceof HTMLElement) {
          control.setAttribute("aria-invalid", "true");
          marked.push(control);
        }
      }
    }
    return marked;
  };

  // What the alert lists: the rule's errors named by the form's own word for it (the shared field labels have
  // none), and nothing for campaign_events_outside, whose message already says how many (the dates are marked).
  const listed = (err) => (err.code === "campaign_events_outside" ? [] : err.details.map((d) => (
    String(d?.field || "").startsWith("recurrence")
      ? { field: null, message: `${t("fieldLabel", t("campaignWhen"))}${d.message}` } : d)));

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    for (const node of form.querySelectorAll("[aria-invalid]")) node.removeAttribute("aria-invalid");
    const body = { name: localized(form, "name"), description: localized(form, "description") };
    if (isYearly()) body.recurrence = readRule();
    else {
      if (f.start.value) body.start = f.start.value;
      if (f.end.value) body.end = f.end.value;
    }
    busy(submit, notices, async () => {
      try {
        const saved = editing
          ? await patch(`/campaigns/${encodeURIComponent(campaign.id)}`, { ...body, version: campaign.version })
          : await post("/campaigns", { slug: f.slug.value.trim(), ...body });
        onSaved(saved);
      } catch (err) {
        if (!(err instanceof ApiError)) throw err;
        const reload = err.code === "concurrent_campaign_update" ? () => window.location.reload() : null;
        fill(notices, errorBox(new ApiError({ status: err.status, code: err.code, message: err.message,
          details: listed(err) }), { retry: reload }));
        if (reload) notices.querySelector(".alert button").textContent = t("campaignReload");
        const [first] = markInvalid(err);
        (first || notices.querySelector(".alert"))?.focus?.();
      }
    });
  });
  return form;
}
