// The open-data page: the datasets of the daily export (web/open-data/datapackage.json, served beside the site),
// each with its JSON and CSV files, their size, the last update and the licence (docs/open-data.md).

import { externalLink, fill, h } from "../dom.js";
import { formatDateTime, lang, t } from "../i18n.js";
import { errorBox, focusHeading, loading, main, setTitle } from "../ui.js";

import "../open-data-strings.js";

const ROOT = "/open-data/";

function size(bytes) {
  const kilo = bytes / 1000;
  return new Intl.NumberFormat(lang(), kilo < 1000
    ? { style: "unit", unit: "kilobyte", maximumFractionDigits: kilo < 10 ? 1 : 0 }
    : { style: "unit", unit: "megabyte", maximumFractionDigits: 1 }).format(kilo < 1000 ? kilo : kilo / 1000);
}

function datasets(index) {
  const found = new Map();
  for (const resource of index.resources || []) {
    const name = resource.name.replace(/-(json|csv)$/, "");
    if (!found.has(name)) found.set(name, []);
    found.get(name).push(resource);
  }
  return found;
}

function filesTable(index) {
  const link = (name, file) => h("a", { href: `${ROOT}${file.path}`, download: `${name}.${file.format}`,
    type: file.mediatype }, t("openDataFile", file.format.toUpperCase(), size(file.bytes)));
  const row = ([name, files]) => h("tr", {},
    h("th", { scope: "row" }, t(`ds_${name}`), h("br"), h("span", { class: "muted" }, t(`dsd_${name}`))),
    h("td", {}, h("ul", { class: "file-links" }, files.map((file) => h("li", {}, link(name, file))))));
  return h("div", { class: "table-scroll", tabindex: "0", role: "region", "aria-label": t("openDataFiles") },
    h("table", { class: "table open-data-files" },
    h("caption", {}, t("openDataFiles")),
    h("thead", {}, h("tr", {}, h("th", { scope: "col" }, t("openDataDataset")),
      h("th", { scope: "col" }, t("openDataFiles")))),
    h("tbody", {}, [...datasets(index)].map(row))));
}

export function mount(route) {
  const controller = new AbortController();
  setTitle(t("openDataTitle"));
  fill(main, h("h1", { tabindex: "-1" }, t("openDataTitle")), loading());
  show(route, controller.signal);
  return { name: "open-data", destroy: () => controller.abort() };
}

async function show(route, signal) {
  let index = null;
  try {
    const response = await fetch(`${ROOT}datapackage.json`, { signal, cache: "no-cache" });
    if (response.ok) index = await response.json();
    else if (response.status !== 404 && response.status !== 403) throw new Error(String(response.status));
  } catch (err) {
    if (err.name === "AbortError") return;
    fill(main, h("h1", { tabindex: "-1" }, t("openDataTitle")), errorBox(err, { retry: () => show(route, signal) }));
    return;
  }
  const licence = index?.licenses?.[0];
  fill(main, h("article", { class: "detail open-data" },
    h("h1", { tabindex: "-1" }, t("openDataTitle")),
    h("p", { class: "lead" }, t("openDataIntro")),
    index ? h("p", {}, t("openDataUpdated", formatDateTime(index.updated))) : h("p", { class: "alert" }, t("openDataNone")),
    index ? filesTable(index) : null,
    index ? h("p", {}, h("a", { href: `${ROOT}datapackage.json`, type: "application/json" }, t("openDataIndex"))) : null,
    h("h2", {}, t("openDataLicence")),
    h("p", {}, externalLink(licence?.path || "https://www.etalab.gouv.fr/licence-ouverte-open-licence/",
      licence?.title || "Licence Ouverte / Open Licence 2.0 (Etalab)"), " — ", t("openDataLicenceText")),
    h("p", {}, h("a", { href: `${ROOT}LICENCE`, type: "text/plain" }, t("openDataLicenceFile")))));
  focusHeading(route.focus);
}
