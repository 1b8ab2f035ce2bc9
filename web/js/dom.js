// Building DOM nodes without ever parsing HTML: text from the API always goes through text nodes.

/**
 * h("a", {href: "#/", class: "x", onclick: fn}, "text", child, [more]) -> Element.
 * Attributes are set with setAttribute (null/false skip them); strings become text nodes.
 */
export function h(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith("on") && typeof value === "function") node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? "" : String(value));
  }
  append(node, children);
  return node;
}

function append(node, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(node, child);
    else node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replace every child of `node`. */
export function fill(node, ...children) {
  node.replaceChildren();
  append(node, children);
  return node;
}

/** A URL from the API, kept only when it is http(s): no javascript:, data: or relative surprises. */
export function safeUrl(value, { httpsOnly = false } = {}) {
  if (typeof value !== "string") return null;
  try {
    const url = new URL(value);
    const ok = httpsOnly ? url.protocol === "https:" : url.protocol === "https:" || url.protocol === "http:";
    return ok ? url.href : null;
  } catch {
    return null;
  }
}

/** A link leaving the site: never passes the opener, never endorsed for search engines. */
export function externalLink(href, text, attrs = {}) {
  return h("a", { href, rel: "noopener nofollow", ...attrs }, text);
}

const SVG = "http://www.w3.org/2000/svg";

/** Like h(), for SVG elements (charts, the region map). */
export function s(tag, attrs = {}, ...children) {
  const node = document.createElementNS(SVG, tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith("on") && typeof value === "function") node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, String(value));
  }
  append(node, children);
  return node;
}

/** Markdown source read as plain text: emphasis marks, headings' hashes and link syntax left out. */
export function plainText(markdown) {
  if (typeof markdown !== "string") return "";
  return markdown
    .replace(/\[([^\]]*)\]\((?:[^)]*)\)/g, "$1")
    .replace(/^#{1,6}\s+/gm, "")
    .replace(/(\*\*|__)(.+?)\1/g, "$2")
    .replace(/(^|[^\w*])[*_]([^*_\n]+)[*_](?=[^\w*]|$)/g, "$1$2");
}
