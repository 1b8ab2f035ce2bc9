// <hromada-events>: upcoming events of Hromada on any website, from one module script.
//   <script type="module" src="https://<site>/widget/hromada-events.js"></script>
//   <hromada-events association="as_…" region="76" category="concert" lang="uk" limit="5"></hromada-events>
// Everything lives in an open shadow root so the host page's CSS cannot reach it; only the --hromada-*
// custom properties cross that boundary, on purpose. API data is only ever set as textContent.

const SITE = new URL("../", import.meta.url); // the web client this script was served with
const LOCALES = { fr: "fr-FR", uk: "uk-UA", en: "en-GB" };
const TEXT = {
  fr: { label: "Événements", loading: "Chargement des événements…", empty: "Aucun événement à venir",
    error: "Les événements n’ont pas pu être chargés.", online: "En ligne", cancelled: "Annulé",
    all: "Voir tout sur Hromada" },
  uk: { label: "Події", loading: "Завантаження подій…", empty: "Немає майбутніх подій",
    error: "Не вдалося завантажити події.", online: "Онлайн", cancelled: "Скасовано",
    all: "Переглянути все на Hromada" },
  en: { label: "Events", loading: "Loading events…", empty: "No upcoming events",
    error: "The events could not be loaded.", online: "Online", cancelled: "Cancelled",
    all: "See all on Hromada" },
};
const CSS = `
:host{all:initial!important;display:block!important;box-sizing:border-box;
font:var(--hromada-font-size,1rem)/1.45 var(--hromada-font,system-ui,sans-serif)!important;
color:var(--hromada-text,#1d2430)!important;background:var(--hromada-background,transparent)!important;
border-radius:var(--hromada-radius,8px);text-align:start!important}
:host([hidden]),[hidden]{display:none!important}
*{box-sizing:border-box}
ul{list-style:none;margin:0;padding:0;display:grid;gap:.5em}
li{display:block;margin:0;padding:.6em .8em;border-inline-start:4px solid var(--hromada-accent,#0057b7);
border-radius:var(--hromada-radius,8px);background:var(--hromada-surface,rgba(127,127,127,.1))}
h3{margin:0;font-size:1.05em;font-weight:700;line-height:1.3}
a{color:var(--hromada-accent,#0057b7);text-decoration:underline;text-underline-offset:.15em}
a:focus-visible{outline:2px solid var(--hromada-accent,#0057b7);outline-offset:2px}
p{margin:.2em 0 0}
.cancelled h3 a{text-decoration:line-through}
.badge{font-weight:700;text-decoration:none}
.status:empty{display:none}
.status{margin:.3em 0}
.all{display:inline-block;margin-top:.6em;font-weight:600}
@media (prefers-reduced-motion:no-preference){li{animation:in .25s ease-out}
@keyframes in{from{opacity:0;transform:translateY(4px)}}}`;

let configured; // the deployment's API base, read once from the site's config.json
let sheet; // one stylesheet shared by every widget on the page

async function apiBase(attribute) {
  const base = attribute || await (configured ??= fetch(new URL("config.json", SITE), { credentials: "omit" })
    .then((r) => (r.ok ? r.json() : {}))
    .catch(() => ({}))
    .then((c) => c.api_url || "/"));
  // A base with a path keeps it: "https://api.example.org/v1" + "events" is ".../v1/events".
  return new URL(base.endsWith("/") ? base : `${base}/`, SITE);
}

function el(name, attrs, ...children) {
  const node = document.createElement(name);
  for (const [key, value] of Object.entries(attrs || {})) if (value != null) node.setAttribute(key, value);
  node.append(...children.filter((c) => c != null));
  return node;
}

// The title in the widget's language, else in another one (said with its own lang for screen readers).
function pick(texts, lang) {
  const code = [lang, "fr", "uk", "en", ...Object.keys(texts || {})].find((l) => texts?.[l]);
  return code ? [texts[code], code] : ["", lang];
}

class HromadaEvents extends HTMLElement {
  static observedAttributes = ["association", "region", "category", "lang", "limit", "api"];

  constructor() {
    super();
    const root = this.attachShadow({ mode: "open" });
    // A constructed sheet is no inline <style>: host pages need no style-src allowance in their CSP.
    if (root.adoptedStyleSheets) {
      if (!sheet) (sheet = new CSSStyleSheet()).replaceSync(CSS);
      root.adoptedStyleSheets = [sheet];
    } else root.append(el("style", {}, CSS));
    this.body = el("section", {});
    root.append(this.body);
    this.run = 0;
  }

  connectedCallback() { this.schedule(); }

  disconnectedCallback() { this.controller?.abort(); }

  attributeChangedCallback() { if (this.isConnected) this.schedule(); }

  // Several attributes set in a row make one request.
  schedule() {
    if (this.pending) return;
    this.pending = true;
    queueMicrotask(() => { this.pending = false; this.render(); });
  }

  get language() {
    const wanted = [this.getAttribute("lang"), document.documentElement.lang, navigator.language];
    return wanted.map((l) => (l || "").slice(0, 2).toLowerCase()).find((l) => TEXT[l]) || "fr";
  }

  get filters() {
    const limit = Math.min(20, Math.max(1, parseInt(this.getAttribute("limit"), 10) || 5));
    const query = new URLSearchParams({ limit });
    for (const name of ["association", "region", "category"]) {
      const value = this.getAttribute(name);
      if (value) query.set(name, value);
    }
    return query;
  }

  async render() {
    const run = ++this.run;
    this.controller?.abort();
    this.controller = new AbortController();
    const lang = this.language;
    const text = TEXT[lang];
    const query = this.filters;
    const status = el("p", { class: "status", role: "status", "aria-live": "polite" }, text.loading);
    const list = el("ul", { "aria-label": text.label });
    this.body.setAttribute("lang", lang);
    this.body.setAttribute("aria-label", `${text.label} — Hromada`);
    this.body.replaceChildren(list, status);
    let items;
    try {
      const url = new URL(`events?${query}`, await apiBase(this.getAttribute("api")));
      const response = await fetch(url, { credentials: "omit", signal: this.controller.signal,
        headers: { Accept: "application/json" } });
      if (!response.ok) throw new Error(String(response.status));
      items = (await response.json()).items || [];
    } catch {
      if (run === this.run) status.textContent = text.error;
      return;
    }
    if (run !== this.run) return;
    list.append(...items.map((event) => this.item(event, lang, text)));
    list.hidden = !items.length; // no empty list to walk through: the status says it
    status.textContent = items.length ? "" : text.empty;
    const association = query.get("association");
    const all = new URL(SITE);
    query.delete("limit");
    query.delete("association");
    all.hash = association && items[0] ? `#/associations/${encodeURIComponent(items[0].association.slug)}`
      : `#/events${String(query) ? `?${query}` : ""}`;
    this.body.append(el("a", { class: "all", href: all.href, target: "_top" }, text.all));
  }

  item(event, lang, text) {
    const when = new Intl.DateTimeFormat(LOCALES[lang], { dateStyle: "full", timeStyle: "short",
      timeZone: event.timezone || "Europe/Paris" }).format(new Date(event.start));
    const cancelled = event.status === "cancelled";
    const [title, titleLang] = pick(event.title, lang);
    const link = el("a", { href: new URL(`#/events/${encodeURIComponent(event.id)}`, SITE).href, target: "_top",
      lang: titleLang === lang ? null : titleLang }, title);
    const venue = event.venue;
    return el("li", { class: cancelled ? "cancelled" : null },
      el("h3", {}, cancelled ? el("span", { class: "badge" }, `${text.cancelled} · `) : null, link),
      el("p", {}, el("time", { datetime: event.start }, when)),
      el("p", {}, venue ? `${venue.name}, ${venue.city}` : text.online));
  }
}

if (!customElements.get("hromada-events")) customElements.define("hromada-events", HromadaEvents);
