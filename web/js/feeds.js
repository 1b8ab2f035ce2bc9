// Atom feeds and schema.org data in the page's head: the list pages name their feed (with the list's filters)
// in a <link rel="alternate" type="application/atom+xml">, and a detail page carries its JSON-LD in a
// <script type="application/ld+json"> (set as text, never parsed as HTML). Each is removed when its view goes.

import { apiHref } from "./api.js";
import { lang } from "./i18n.js";
import "./more-strings.js";

/** The feed's address for these filters, in the page's language. */
export const feedHref = (kind, filters) => apiHref(`/${kind}.atom`, { ...filters, lang: lang() });

/** Names the list's feed in the head; `update(filters)` follows the filters, `remove()` when leaving. */
export function alternateFeed(kind, title) {
  const link = document.createElement("link");
  link.rel = "alternate";
  link.type = "application/atom+xml";
  link.title = title;
  link.dataset.viewFeed = kind;
  document.querySelectorAll(`link[data-view-feed]`).forEach((old) => old.remove());
  document.head.append(link);
  let asked = 0;
  return {
    async update(filters) {
      const mine = ++asked;
      const href = await feedHref(kind, filters);
      if (mine === asked) link.href = href; // an older answer never overwrites a newer filter
      return href;
    },
    remove: () => link.remove(),
  };
}

/** JSON that cannot end the script element it sits in ("</script>", "<!--"). */
export const scriptSafeJson = (data) => JSON.stringify(data)
  .replace(/</g, "\\u003c").replace(/>/g, "\\u003e").replace(/&/g, "\\u0026")
  .replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");

/** The detail view's JSON-LD in the head (one at a time); the answer removes it. */
export function structuredData(data) {
  document.querySelectorAll("script[data-view-ld]").forEach((old) => old.remove());
  const script = document.createElement("script");
  script.type = "application/ld+json";
  script.dataset.viewLd = "";
  script.textContent = scriptSafeJson(data);
  document.head.append(script);
  return () => script.remove();
}
