// The events widget (web/widget/hromada-events.js) for an association's own website: its editors choose the
// filters, see the widget live and copy the two lines to paste into their pages.

import { getRegions } from "./api.js";
import { h } from "./dom.js";
import { EVENT_CATEGORIES, SPOKEN, label, lang, t } from "./i18n.js";
import { copyText } from "./share.js";
import { byName, field, geography, placeName, select } from "./ui.js";

import "./widget-strings.js";

const SCRIPT = new URL("../widget/hromada-events.js", import.meta.url).href;
const quoted = (value) => String(value).replace(/[&"<>]/g, (c) => `&#${c.charCodeAt(0)};`);

/** The snippet for these attributes (the script once, then the element). */
export function snippet(attributes) {
  const attrs = attributes.map(([name, value]) => ` ${name}="${quoted(value)}"`).join("");
  return `<script type="module" src="${SCRIPT}"></script>\n<hromada-events${attrs}></hromada-events>`;
}

export function widgetSection(association) {
  const region = select("region", [["", t("any")]], "", { id: "w-region" });
  const category = select("category", [["", t("any")],
    ...Object.keys(EVENT_CATEGORIES).map((c) => [c, label(EVENT_CATEGORIES, c)])], "", { id: "w-category" });
  const language = select("lang", ["fr", "uk", "en"].map((l) => [l, label(SPOKEN, l)]), lang(), { id: "w-lang" });
  const limit = h("input", { type: "number", name: "limit", id: "w-limit", min: 1, max: 20, value: 5,
    inputmode: "numeric" });
  const code = h("textarea", { id: "w-code", readonly: true, rows: 5, spellcheck: "false", class: "snippet" });
  const copy = h("button", { type: "button", class: "button" }, t("widgetCopy"));
  const status = h("p", { class: "status", role: "status", id: "w-copied" });
  const preview = document.createElement("hromada-events");

  function update() {
    const count = Math.min(20, Math.max(1, parseInt(limit.value, 10) || 5));
    const attributes = [["association", association.id], ["region", region.value], ["category", category.value],
      ["lang", language.value], ["limit", String(count)]].filter(([, value]) => value);
    code.value = snippet(attributes);
    for (const name of ["region", "category"]) preview.removeAttribute(name);
    for (const [name, value] of attributes) preview.setAttribute(name, value);
    status.textContent = "";
  }

  copy.addEventListener("click", async () => {
    const copied = await copyText(code.value);
    status.textContent = copied ? t("copied") : t("copyFailed"); // said by its polite live region
    if (!copied) code.select();
  });
  for (const control of [region, category, language, limit]) control.addEventListener("change", update);
  limit.addEventListener("input", update);
  update();
  import(SCRIPT);  // defines <hromada-events>: the preview comes alive
  getRegions().then((data) => {
    const geo = geography(data);
    region.append(...[...geo.regions.values()].sort(byName).map((r) => h("option", { value: r.code }, placeName(r))));
  }, () => null);  // without the list, "any region" still works

  return h("section", { class: "block widget-editor", "aria-labelledby": "d-widget" },
    h("h2", { id: "d-widget" }, t("widgetTitle")),
    h("p", { class: "hint" }, t("widgetIntro")),
    h("div", { class: "form-grid" }, field(t("region"), region), field(t("category"), category),
      field(t("widgetLanguage"), language), field(t("widgetLimit"), limit),
      field(t("widgetCode"), code, { hint: t("widgetHint"), wide: true }),
      h("p", { class: "actions" }, copy)), status,
    h("h3", {}, t("widgetPreview")),
    h("div", { class: "widget-preview" }, preview));
}
