// Pictures of associations, events and announcements as the API gives them ({card, large, alt}): lazy-loaded,
// with their size set (no layout shift) and their alt text; a neutral placeholder when there is none.

import { h } from "./dom.js";
import { pick } from "./i18n.js";

/** Only our own media (served beside the page: CloudFront /media/*, the local gateway). */
function source(rendition) {
  const src = rendition && typeof rendition.src === "string" ? rendition.src : "";
  return /^\/media\/[\w\-/.]+$/.test(src) && !src.includes("..") ? rendition : null;
}

/**
 * <img> of a picture, or null. `size` is "card" or "large"; `eager` for the one picture at the top of a page.
 */
export function pictureImg(picture, { size = "card", className = "picture", eager = false } = {}) {
  const rendition = source(picture?.[size]);
  if (!rendition) return null;
  const alt = pick(picture.alt);
  return h("img", {
    class: className, src: rendition.src, width: rendition.width, height: rendition.height,
    alt: alt?.text || "", lang: alt?.lang, loading: eager ? "eager" : "lazy", decoding: "async",
  });
}

/** The picture at the top of a card, or a neutral block with the item's initial (decorative). */
export function cardMedia(picture, name = "") {
  const img = pictureImg(picture, { className: "card-picture" });
  if (img) return h("div", { class: "card-media" }, img);
  const initial = (name || "").trim().charAt(0).toUpperCase();
  return h("div", { class: "card-media card-media-empty", "aria-hidden": "true" },
    initial ? h("span", { class: "card-media-initial" }, initial) : null);
}
