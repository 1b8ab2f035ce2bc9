// Recurring events in the web client: the editor's "Repeats" section with its plain-language summary, the list
// of a series' next dates on an event page (register for one, or for every date where the series allows it),
// and the editor's per-date tools (cancel, move, restore).

import { del, get, post } from "./api.js";
import { session } from "./auth.js";
import { fill, h } from "./dom.js";
import { formatDateTime, lang, plural, t } from "./i18n.js";
import "./recurrence-strings.js";
import { busy, choices, errorBox, field, input, select, success, textarea } from "./ui.js";
import { dateField, parseDate } from "./dates.js";

const enc = encodeURIComponent;
const DAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"];
// 2024-01-01 was a Monday: the weekday names come from Intl in the page's language.
const dayName = (code, style = "long") => new Intl.DateTimeFormat(t("locale"), { weekday: style, timeZone: "UTC" })
  .format(new Date(Date.UTC(2024, 0, 1 + DAYS.indexOf(code))));

const ordinal = (week) => t("weekOrdinals")[week === -1 ? 4 : week - 1];
const timeOf = (iso) => (iso || "").slice(11, 16);

/** "Every Tuesday and Thursday at 19:00 until 30 June 2027" in the page's language. */
export function summary(rule, startLocal) {
  if (!rule) return "";
  const at = timeOf(startLocal);
  const list = (codes) => new Intl.ListFormat(t("locale"), { type: "conjunction" }).format(codes.map((c) => dayName(c)));
  const L = { fr: 0, uk: 1, en: 2 }[lang()] ?? 0;
  const n = rule.interval || 1;
  let what;
  if (rule.frequency === "weekly") {
    const days = list(rule.weekdays?.length ? rule.weekdays : [DAYS[(new Date(`${startLocal.slice(0, 10)}T12:00Z`).getUTCDay() + 6) % 7]]);
    what = [n === 1 ? `Chaque ${days}` : `Toutes les ${n} semaines, le ${days}`,
      n === 1 ? `Щотижня: ${days}` : `Кожні ${n} тиж.: ${days}`,
      n === 1 ? `Every ${days}` : `Every ${n} weeks on ${days}`][L];
  } else if (rule.week) {
    const day = dayName(rule.weekdays?.[0] || "MO");
    what = [`Le ${ordinal(rule.week)} ${day} ${n === 1 ? "de chaque mois" : `tous les ${n} mois`}`,
      `${ordinal(rule.week)} ${day} ${n === 1 ? "щомісяця" : `кожні ${n} міс.`}`,
      `The ${ordinal(rule.week)} ${day} of ${n === 1 ? "every month" : `every ${n} months`}`][L];
  } else {
    const d = rule.month_day || Number((startLocal || "").slice(8, 10));
    what = [`Le ${d} ${n === 1 ? "de chaque mois" : `tous les ${n} mois`}`,
      `${d}-го числа ${n === 1 ? "щомісяця" : `кожні ${n} міс.`}`,
      `On the ${d} of ${n === 1 ? "every month" : `every ${n} months`}`][L];
  }
  const time = at ? [` à ${at}`, ` о ${at}`, ` at ${at}`][L] : "";
  let end = "";
  if (rule.until) {
    const until = new Intl.DateTimeFormat(t("locale"), { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" })
      .format(new Date(`${rule.until}T12:00:00Z`));
    end = [` jusqu’au ${until}`, ` до ${until}`, ` until ${until}`][L];
  } else if (rule.count) {
    const times = [{ other: "fois" }, { one: "раз", few: "рази", many: "разів", other: "разу" },
      { one: "time", other: "times" }][L];
    end = `, ${rule.count} ${plural(rule.count, times)}`;
  }
  return `${what}${time}${end}`;
}

/** The editor's "Repeats" section: its content and read(), the rule to send (null: once; undefined: invalid). */
export function repeatsSection(event, startControl) {
  const rule = event?.recurrence || null;
  const kind = select("repeat_kind", [["", t("repeatNone")], ["weekly", t("repeatWeekly")],
    ["monthly-weekday", t("repeatMonthlyWeekday")], ["monthly-date", t("repeatMonthlyDate")]],
  !rule ? "" : rule.frequency === "weekly" ? "weekly" : rule.week ? "monthly-weekday" : "monthly-date",
  { id: "repeat-kind", disabled: Boolean(event) });  // a series stays a series, a single event stays single
  const interval = input("repeat_interval", { type: "number", min: 1, max: 12, value: rule?.interval || 1, id: "repeat-interval" });
  const days = choices(t("repeatDays"), "repeat_days", DAYS.map((c) => [c, dayName(c)]),
    rule?.frequency === "weekly" ? rule.weekdays || [] : []);
  days.classList.add("repeat-days");
  const week = select("repeat_week", [1, 2, 3, 4, -1].map((w) => [String(w), ordinal(w)]), String(rule?.week || 1),
    { id: "repeat-week" });
  const weekday = select("repeat_weekday", DAYS.map((c) => [c, dayName(c)]), rule?.week ? rule.weekdays?.[0] : "TU",
    { id: "repeat-weekday" });
  const monthDay = input("repeat_month_day", { type: "number", min: 1, max: 31, value: rule?.month_day || "", id: "repeat-month-day" });
  const ends = select("repeat_ends", [["until", t("repeatUntil")], ["count", t("repeatCount")]],
    rule?.count ? "count" : "until", { id: "repeat-ends" });
  const untilField = dateField(t("repeatUntilDate"), "repeat_until", { value: rule?.until || "" });
  untilField.querySelector("input").removeAttribute("data-date"); // read here, not with the event's dates
  const count = input("repeat_count", { type: "number", min: 1, max: 200, value: rule?.count || 10, id: "repeat-count" });
  const whole = h("input", { type: "checkbox", id: "repeat-series", name: "repeat_series",
    checked: Boolean(rule?.series_registration) });
  const said = h("p", { class: "repeat-summary", id: "repeat-summary", "aria-live": "polite" });
  const parts = {
    interval: field(t("repeatInterval"), interval), days,
    week: field(t("repeatWeek"), week), weekday: field(t("repeatDay"), weekday),
    monthDay: field(t("repeatMonthDay"), monthDay), ends: field(t("repeatEnds"), ends), untilField,
    count: field(t("repeatCountLabel"), count),
    whole: h("div", { class: "choice" }, whole, h("label", { for: "repeat-series" }, t("repeatSeries"))),
  };
  const node = h("div", { class: "repeats" }, h("p", { class: "hint" }, t("repeatLimits")), field(t("repeats"), kind),
    h("div", { class: "form-grid" }, parts.interval, parts.week, parts.weekday, parts.monthDay, parts.ends,
      parts.untilField, parts.count), parts.days, parts.whole, said);

  function read() {
    const k = kind.value;
    if (!k) return null;
    const out = { frequency: k === "weekly" ? "weekly" : "monthly", interval: Number(interval.value) || 1,
      series_registration: whole.checked };
    if (k === "weekly") {
      const chosen = [...days.querySelectorAll("input:checked")].map((n) => n.value);
      if (chosen.length) out.weekdays = chosen;
    } else if (k === "monthly-weekday") {
      out.week = Number(week.value);
      out.weekdays = [weekday.value];
    } else if (monthDay.value) {
      out.month_day = Number(monthDay.value);
    }
    if (ends.value === "count") out.count = Number(count.value) || 1;
    else {
      const until = parseDate(untilField.querySelector("input").value);
      if (!until) return undefined;
      out.until = until;
    }
    return out;
  }

  function refresh() {
    const k = kind.value;
    parts.interval.hidden = !k;
    days.hidden = k !== "weekly";
    parts.week.hidden = parts.weekday.hidden = k !== "monthly-weekday";
    parts.monthDay.hidden = k !== "monthly-date";
    parts.ends.hidden = parts.whole.hidden = !k;
    parts.untilField.hidden = !k || ends.value !== "until";
    parts.count.hidden = !k || ends.value !== "count";
    const start = parseDate(startControl?.value || "", true) || "";
    const rule = k ? read() : null;
    said.textContent = rule ? summary(rule, start) : "";
  }
  node.addEventListener("input", refresh);
  node.addEventListener("change", refresh);
  startControl?.addEventListener("input", refresh);
  refresh();
  return { node, read };
}

/** A series' next dates on an event page: each links to its own page (its seats and RSVP). */
export async function datesSection(ev, signal) {
  const seriesId = ev.series_id || ev.id;
  const box = h("section", { "aria-labelledby": "ev-dates" }, h("h2", { id: "ev-dates" }, t("nextDates")));
  try {
    const [series, dates] = await Promise.all([
      ev.recurrence ? ev : get(`/events/${enc(seriesId)}`, {}, { signal }),
      get(`/events/${enc(seriesId)}/occurrences`, {}, { signal })]);
    box.append(h("p", { class: "repeat-summary" }, summary(series.recurrence, series.start_local)),
      h("ul", { class: "dates" }, dates.items.slice(0, 12).map((d) => h("li", { class: d.event_id === ev.id ? "current" : null },
        d.materialised && d.status !== "cancelled"
          ? h("a", { href: `#/events/${enc(d.event_id)}`, "aria-current": d.event_id === ev.id ? "page" : null },
            formatDateTime(d.start, series.timezone))
          : h("span", {}, formatDateTime(d.start, series.timezone)),
        d.status === "cancelled" ? h("span", { class: "badge badge-danger" }, t("dateCancelled")) : null,
        d.moved ? h("span", { class: "badge" }, t("dateMoved")) : null,
        !d.materialised ? h("span", { class: "muted" }, ` — ${t("dateLater")}`) : null))));
    if (series.recurrence?.series_registration && series.status !== "cancelled" && session()) {
      box.append(await everyDate(series, signal));
    }
  } catch (err) {
    if (err.name !== "AbortError") box.append(errorBox(err));
  }
  return box;
}

async function everyDate(series, signal) {
  const path = `/events/${enc(series.id)}/series-registration`;
  const holder = h("div", { class: "rsvp" });
  const notices = h("div");
  const draw = (registered, said) => {
    const button = h("button", { type: "button", class: registered ? "button button-quiet" : "button" },
      registered ? t("leaveEveryDate") : t("registerEveryDate"));
    button.addEventListener("click", () => busy(button, notices, async () => {
      if (registered) await del(path);
      else await post(path);
      draw(!registered, registered ? t("leftEveryDate") : t("registeredEveryDate"));
    }));
    fill(holder, said ? success(said) : registered ? h("p", { class: "rsvp-state" }, t("registeredEveryDate")) : null,
      button, notices);
  };
  const mine = await get(path, {}, { signal });
  draw(mine.registered, null);
  return holder;
}

/** The editor's tools for each date of a series: cancel (with a reason), move, restore. */
export async function editorDates(series, signal) {
  const box = h("section", { class: "block", "aria-labelledby": "d-dates" }, h("h2", { id: "d-dates" }, t("editorDates")));
  const list = h("ul", { class: "dates dates-editor" });
  box.append(list);
  async function load() {
    const dates = await get(`/events/${enc(series.id)}/occurrences`, {}, { signal });
    fill(list, dates.items.filter((d) => d.materialised).slice(0, 12).map((d) => row(d)));
  }
  function row(d) {
    const notices = h("div");
    const base = `/events/${enc(series.id)}/occurrences/${d.date}`;
    const label = h("span", {}, formatDateTime(d.start, series.timezone),
      d.status === "cancelled" ? h("span", { class: "badge badge-danger" }, t("dateCancelled")) : null,
      d.moved ? h("span", { class: "badge" }, t("dateMoved")) : null);
    const tools = h("div", { class: "tools" });
    if (d.status === "cancelled" || d.moved) {
      const restore = h("button", { type: "button", class: "button button-quiet" }, t("restoreDate"));
      restore.addEventListener("click", () => busy(restore, notices, async () => { await post(`${base}/restore`); await load(); }));
      tools.append(restore);
    }
    if (d.status !== "cancelled") {
      const reason = textarea("reason", { rows: 1, maxlength: 500, id: `reason-${d.date}` });
      const cancel = h("button", { type: "button", class: "button button-danger" }, t("cancelDate"));
      cancel.addEventListener("click", () => busy(cancel, notices, async () => {
        await post(`${base}/cancel`, { reason: reason.value.trim() });
        await load();
      }));
      const start = dateField(t("moveStart"), `move_start_${d.date}`, { time: true, value: d.start_local.slice(0, 16) });
      const end = dateField(t("moveEnd"), `move_end_${d.date}`, { time: true,
        value: localEnd(d) });
      for (const f of [start, end]) f.querySelector("input").removeAttribute("data-date");
      const move = h("button", { type: "button", class: "button button-quiet" }, t("moveDate"));
      move.addEventListener("click", () => busy(move, notices, async () => {
        const s = parseDate(start.querySelector("input").value, true);
        const e = parseDate(end.querySelector("input").value, true);
        await post(`${base}/move`, { start: `${s}:00`, end: `${e}:00` });
        await load();
      }));
      tools.append(h("details", {}, h("summary", {}, t("cancelDate")), field(t("dateReason"), reason), cancel),
        h("details", {}, h("summary", {}, t("moveDate")), h("div", { class: "form-grid" }, start, end), move));
    }
    return h("li", {}, label, tools, notices);
  }
  try {
    await load();
  } catch (err) {
    if (err.name !== "AbortError") box.append(errorBox(err));
  }
  return box;
}

/** The end as wall-clock time: the local start plus the duration (a date's end keeps the start's offset). */
function localEnd(d) {
  const ms = new Date(d.end).getTime() - new Date(d.start).getTime();
  return new Date(new Date(`${d.start_local.slice(0, 19)}Z`).getTime() + ms).toISOString().slice(0, 16);
}
