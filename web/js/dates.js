// Dates typed in the page's language. A native date input speaks the browser's language (mm/dd/yyyy in an English
// Chromium), not the page's: dates are typed in a text field whose hint gives the page's format; an ISO date
// (2027-03-14T18:00) is read too. Loaded with the pages that have date fields, not with the first page.

import { h } from "./dom.js";
import { lang, t } from "./i18n.js";
import "./more-strings.js";
import { field, input } from "./ui.js";

const DATE_FORMATS = { fr: ["JJ/MM/AAAA", "HH:MM", "/"], uk: ["ДД.ММ.РРРР", "ГГ:ХХ", "."], en: ["DD/MM/YYYY", "HH:MM", "/"] };
const pad = (n) => String(n).padStart(2, "0");

export function dateFormat(time = false) {
  const [day, clock] = DATE_FORMATS[lang()] || DATE_FORMATS.fr;
  return time ? `${day} ${clock}` : day;
}

/** "2027-03-14T18:00" (or a longer ISO string) as the page writes it: "14/03/2027 18:00", "14.03.2027 18:00". */
export function showDate(iso, time = false) {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?/.exec(iso || "");
  if (!m) return "";
  const sep = (DATE_FORMATS[lang()] || DATE_FORMATS.fr)[2];
  return `${m[3]}${sep}${m[2]}${sep}${m[1]}${time && m[4] ? ` ${m[4]}:${m[5]}` : ""}`;
}

/** What was typed, as "YYYY-MM-DD" (or "YYYY-MM-DDTHH:MM" with `time`); "" when empty; null when not a date. */
export function parseDate(text, time = false) {
  const value = String(text || "").trim();
  if (!value) return "";
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2})[:h](\d{2}))?$/.exec(value);
  const local = /^(\d{1,2})[./-](\d{1,2})[./-](\d{4})(?:[\s,T]+(\d{1,2})[:h.](\d{2}))?$/i.exec(value);
  const m = iso ? [iso[1], iso[2], iso[3], iso[4], iso[5]] : local ? [local[3], local[2], local[1], local[4], local[5]] : null;
  if (!m || (time && m[3] === undefined) || (!time && m[3] !== undefined)) return null;
  const [y, mo, d, hh, mm] = m.map((part) => (part === undefined ? undefined : Number(part)));
  const day = new Date(Date.UTC(y, mo - 1, d));
  if (day.getUTCFullYear() !== y || day.getUTCMonth() !== mo - 1 || day.getUTCDate() !== d) return null;
  if (time && (hh > 23 || mm > 59)) return null;
  return `${y}-${pad(mo)}-${pad(d)}${time ? `T${pad(hh)}:${pad(mm)}` : ""}`;
}

/** A labelled text field for a date (and time): its hint gives the format in the page's language. */
export function dateField(text, name, { time = false, value = "", required = false } = {}) {
  const control = input(name, {
    value: showDate(value, time), required, autocomplete: "off", spellcheck: "false", maxlength: 20,
    "data-date": time ? "datetime" : "date",
  });
  return field(text, control, { hint: t("dateFormatHint", dateFormat(time)) });
}

/**
 * The form's date fields read as ISO, by name; an invalid one is marked, named in `box`, focused, and null is
 * returned instead (the form is not sent).
 */
export function readDates(form, box) {
  const out = {};
  for (const control of form.querySelectorAll("input[data-date]")) {
    const time = control.dataset.date === "datetime";
    const value = parseDate(control.value, time);
    if (value === null) {
      control.setAttribute("aria-invalid", "true");
      const name = form.querySelector(`label[for="${control.id}"]`)?.textContent || control.name;
      box?.replaceChildren(h("p", { class: "alert", role: "alert" }, t("dateInvalid", name, dateFormat(time))));
      control.focus();
      return null;
    }
    control.removeAttribute("aria-invalid");
    out[control.name] = value;
  }
  return out;
}
