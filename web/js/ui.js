// Pieces every view uses: the main element, titles and focus, error boxes, form fields, places.

import { ApiError } from "./api.js";
import { AuthError } from "./auth.js";
import { h, fill } from "./dom.js";
import { CATEGORIES, collate, label, lang, t } from "./i18n.js";

export const main = document.getElementById("main");

export function setTitle(text) {
  document.title = text ? `${text} — Hromada` : "Hromada";
}

/** Focus the view's heading after a navigation, so screen readers and keyboards start there. */
export function focusHeading(wanted) {
  if (wanted) main.querySelector("h1")?.focus();
}

/** An error as a person reads it: the API's own (localised) message, else ours. */
export function errorBox(err, { title = t("errTitle"), retry = null } = {}) { // title: null when a heading says it
  if (err instanceof AuthError) {
    return h("div", { class: "alert", role: "alert" },
      title ? h("p", { class: "alert-title" }, title) : null, h("p", {}, authMessage(err)));
  }
  const message = err instanceof ApiError && err.message && err.message !== err.code
    ? err.message
    : err instanceof ApiError && err.status ? t("errHttp", err.status) : t("errNetwork");
  const details = err instanceof ApiError ? err.details : [];
  return h("div", { class: "alert", role: "alert" },
    title ? h("p", { class: "alert-title" }, title) : null,
    h("p", {}, message),
    details.length ? h("ul", {}, details.map((d) => h("li", {},
      d && d.field ? t("fieldLabel", fieldName(d.field)) : "", d && typeof d.message === "string" ? d.message : "")))
      : null,
    err instanceof ApiError && err.status ? h("p", { class: "alert-code" }, t("errCode", err.code, err.status)) : null,
    retry ? h("button", { type: "button", class: "button", onclick: retry }, t("retry")) : null);
}

// The API names invalid fields by their path (venue.city, title.fr, categories.0): shown by their label.
const FIELDS = {
  name: "nameLabel", description: "descriptionLabel", title: "titleLabel", body: "bodyLabel", statement: "statement",
  categories: "categories", languages: "languages", region: "region", department: "department", city: "city",
  postal_code: "postalCode", website: "website", contact_email: "email", email: "emailLabel", rna: "rna",
  start: "startLabel", end: "endLabel", capacity: "capacity", online_url: "onlineLink", venue: "venue",
  price_cents: "priceEuros", reason: "closeReason", type: "announcementType", expires_at: "expiresOn",
  needs: "needs", sources: "sources", donation_url: "donationUrl", donation_target_eur: "donationTargetLabel",
  voting_opens_at: "votingOpens", voting_closes_at: "votingCloses", nominations_open_at: "nominationsOpen",
  regions: "subRegions", frequency: "subFrequency", comment: "reportComment", note: "decisionNote",
};

function fieldName(path) {
  const parts = String(path).split(".");
  const languages = ["fr", "uk", "en"];
  const names = parts.filter((p) => !/^\d+$/.test(p) && !languages.includes(p))
    .map((p) => (FIELDS[p] ? t(FIELDS[p]) : p));
  const language = parts.find((p) => languages.includes(p));
  return [names.join(" › "), language ? `(${t(`inLang_${language}`)})` : ""].filter(Boolean).join(" ");
}

const AUTH_MESSAGES = {
  NotAuthorizedException: "authBadPassword",
  UserNotFoundException: "authBadPassword",
  UsernameExistsException: "authExists",
  InvalidPasswordException: "authWeakPassword",
  InvalidParameterException: "authInvalid",
  CodeMismatchException: "authBadCode",
  EnableSoftwareTokenMFAException: "authBadCode", // AWS's answer to a wrong code when adding an app
  ExpiredCodeException: "authBadCode",
  UserNotConfirmedException: "authNotConfirmed",
  LimitExceededException: "authTooMany",
  TooManyRequestsException: "authTooMany",
  network_error: "errNetwork",
};

export function authMessage(err) {
  return t(AUTH_MESSAGES[err.code] || "authFailed");
}

const live = document.getElementById("live");
let liveTimer = 0;

/**
 * Says `text` politely through the page's one live region (in index.html, present from the start, so screen
 * readers listen to it). Emptied first, so the same message after a second action is said again.
 */
export function announce(text) {
  if (!live || !text) return;
  clearTimeout(liveTimer);
  live.textContent = "";
  liveTimer = setTimeout(() => {
    live.textContent = text;
    // said by then: emptied so that a reader browsing the page later does not meet a stale message
    liveTimer = setTimeout(() => { live.textContent = ""; }, LIVE_MS);
  }, 60);
}
const LIVE_MS = 10000;

/** What an action did: shown where it happened, said once through the live region. */
export function success(text) {
  announce(text);
  return h("p", { class: "success" }, text);
}

/**
 * A list's filters folded behind a button on phones (showing how many are active), unfolded on wider screens
 * (by the stylesheet). `form` needs an id. Returns the button; setCount(n) updates it.
 */
export function foldFilters(form) {
  form.classList.add("folded");
  const countNode = h("span", { class: "filters-count" });
  const button = h("button", { type: "button", class: "button button-quiet filters-toggle", "aria-expanded": "false",
    "aria-controls": form.id }, h("span", { class: "filters-icon", "aria-hidden": "true" }), t("filters"), countNode);
  button.addEventListener("click", () => {
    const open = button.getAttribute("aria-expanded") !== "true";
    button.setAttribute("aria-expanded", String(open));
    form.classList.toggle("folded", !open);
    if (open) form.querySelector("input, select")?.focus();
  });
  button.setCount = (n) => {
    countNode.textContent = n ? t("activeFilters", n) : "";
    countNode.hidden = !n;
  };
  button.setCount(0);
  return button;
}

export function loading() {
  return h("p", { class: "status", role: "status" }, t("loading"));
}

/** A page that failed as a whole: a heading, the error, a way back; never a blank page. */
export function failedPage(err, route, retry) {
  // A page's address with a malformed id (422) names no page: said as such, not as the API's field details.
  const malformed = err instanceof ApiError && err.status === 422;
  const shown = malformed ? new ApiError({ status: 404, code: "page_not_found", message: t("pageNotFoundText") }) : err;
  const notFound = shown instanceof ApiError && shown.status === 404;
  const title = notFound ? t("errNotFoundPage") : t("errTitle");
  fill(main, h("h1", { tabindex: "-1" }, title), errorBox(shown, { title: null, retry: notFound ? null : retry }),
    h("p", {}, h("a", { href: "#/" }, t("backHome"))));
  setTitle(title);
  focusHeading(route.focus);
}

// ------------------------------------------------------------------ geography

export function geography(data) {
  const regions = new Map();
  const departments = new Map();
  for (const region of data?.france?.regions ?? []) {
    regions.set(region.code, region);
    for (const dept of region.departments ?? []) departments.set(dept.code, { ...dept, region: region.code });
  }
  return { regions, departments };
}

export const placeName = (item) => (item ? item.names?.[lang()] || item.names?.fr || item.code : "");
export const byName = (a, b) => collate(placeName(a), placeName(b));

export function tags(values, table = CATEGORIES, name = t("categories")) {
  if (!Array.isArray(values) || !values.length) return null;
  return h("ul", { class: "tags", "aria-label": name },
    values.map((value) => h("li", { class: "tag" }, label(table, value))));
}

// ------------------------------------------------------------------ forms

let ids = 0;
const nextId = (prefix) => `${prefix}-${++ids}`;

/** A labelled control; `hint` is tied to it with aria-describedby. */
export function field(text, control, { hint = null, wide = false } = {}) {
  const id = control.id || nextId("f");
  control.id = id;
  const hintNode = hint ? h("p", { class: "hint", id: `${id}-hint` }, hint) : null;
  if (hintNode) control.setAttribute("aria-describedby", hintNode.id);
  return h("div", { class: wide ? "field field-wide" : "field" }, h("label", { for: id }, text), control, hintNode);
}

export function input(name, attrs = {}) {
  return h("input", { name, type: "text", ...attrs });
}

export function textarea(name, attrs = {}) {
  return h("textarea", { name, rows: 4, ...attrs });
}

export function select(name, options, value = "", attrs = {}) {
  const node = h("select", { name, ...attrs },
    options.map(([v, text]) => h("option", { value: v }, text)));
  node.value = value ?? "";
  return node;
}

/** A group of checkboxes (or radios) in a fieldset with its legend. */
export function choices(legend, name, options, checked = [], { type = "checkbox", required = false } = {}) {
  return h("fieldset", { class: "choices" }, h("legend", {}, legend),
    options.map(([value, text]) => {
      const id = nextId(name);
      return h("div", { class: "choice" },
        h("input", { type, id, name, value, checked: checked.includes(value), required: required && type === "radio" }),
        h("label", { for: id }, text));
    }));
}

export const checkedValues = (form, name) =>
  [...form.querySelectorAll(`input[name="${name}"]:checked`)].map((node) => node.value);

/** Run `action` while the button says so and cannot be pressed twice; errors go into `box`. */
export async function busy(button, box, action) {
  button.disabled = true;
  button.setAttribute("aria-busy", "true");
  box?.replaceChildren();
  try {
    return await action();
  } catch (err) {
    if (box) box.append(errorBox(err));
    box?.querySelector(".alert")?.focus?.();
    return undefined;
  } finally {
    button.disabled = false;
    button.removeAttribute("aria-busy");
  }
}

/** A page's link back to where it was opened from (a list, a dashboard). */
export function backLink(href, text) {
  return h("p", { class: "back" }, h("a", { href }, h("span", { "aria-hidden": "true" }, "← "), text));
}

/** A value the form cannot send: the control marked invalid, the reason said in `box`, the focus on the control. */
export function refuse(control, box, text) {
  control.setAttribute("aria-invalid", "true");
  fill(box, h("p", { class: "alert", role: "alert" }, text));
  control.focus();
}

/** The six-digit code of an authenticator app: `send(code)` runs once the code looks like one. */
export function totpForm(confirmText, box, send) {
  const code = input("totp", { inputmode: "numeric", autocomplete: "one-time-code", required: true,
    maxlength: 6, pattern: "[0-9]{6}" });
  const confirm = h("button", { type: "submit", class: "button" }, confirmText);
  const form = h("form", { class: "form narrow", novalidate: true },
    field(t("totpLabel"), code, { hint: t("totpHint") }), box, h("div", { class: "actions" }, confirm));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const value = code.value.replace(/\s/g, "");
    if (!/^[0-9]{6}$/.test(value)) refuse(code, box, t("totpSixDigits"));
    else busy(confirm, box, () => send(value));
  });
  return form;
}

/** Only the non-empty texts of a {fr, uk, en} form group (the API wants at least one). */
export function localized(form, prefix) {
  const out = {};
  for (const code of ["fr", "uk", "en"]) {
    const value = (form.elements[`${prefix}_${code}`]?.value || "").trim();
    if (value) out[code] = value;
  }
  return out;
}

export function localizedFields(prefix, legend, values = {}, { multiline = false, required = true, max = 300 } = {}) {
  return h("fieldset", { class: "choices localized" }, h("legend", {}, legend),
    ["fr", "uk", "en"].map((code) => {
      const attrs = { lang: code, maxlength: max };
      const control = multiline ? textarea(`${prefix}_${code}`, attrs) : input(`${prefix}_${code}`, attrs);
      control.value = values?.[code] || "";
      return field(t(`inLang_${code}`), control);
    }),
    required ? h("p", { class: "hint" }, t("oneLanguageAtLeast")) : null);
}
