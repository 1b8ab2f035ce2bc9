// "Share" on an event or an announcement: the Web Share API where there is one, else the link is copied (or
// shown, selected, to copy by hand).

import { fill, h } from "./dom.js";
import { t } from "./i18n.js";
import { success } from "./ui.js";

/** A button sharing the page's address; what happened is said in `box`, the link labelled `linkLabel`. */
export function shareButton(title, box, linkLabel) {
  return h("button", { type: "button", class: "button button-quiet", onclick: () => share(title, box, linkLabel) },
    t("share"));
}

async function share(title, box, linkLabel) {
  const url = window.location.href;
  if (navigator.share) {
    try {
      await navigator.share({ title: title || "Hromada", url });
      return;
    } catch (err) {
      if (err.name === "AbortError") return;
    }
  }
  const field = h("input", { type: "url", readonly: true, value: url, id: "share-url" });
  let copied = false;
  try {
    await navigator.clipboard.writeText(url);
    copied = true;
  } catch {
    // no clipboard access: the link is shown to copy by hand
  }
  fill(box, copied ? success(t("linkCopied")) : h("p", { role: "status" }, t("copyByHand")),
    h("div", { class: "field" }, h("label", { for: "share-url" }, linkLabel), field));
  if (!copied) field.select();
}
