// "Share" on an event or an announcement: the Web Share API where there is one, else the link is copied (or
// shown, selected, to copy by hand). Events are shared by their share page (GET /share/events/<id>), which
// carries the title, date and poster that social networks show in a link's preview.

import { fill, h } from "./dom.js";
import { t } from "./i18n.js";
import { announce, success } from "./ui.js";

/**
 * Copies `text` to the clipboard: the Clipboard API, else the older copy command on a selected field; false
 * when neither is allowed.
 */
export async function copyText(text) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // not allowed (permissions, an insecure page): the copy command below
  }
  const area = h("textarea", { readonly: true, class: "visually-hidden", "aria-hidden": "true", tabindex: "-1" });
  area.value = text;
  document.body.append(area);
  const focused = document.activeElement;
  area.select();
  let done = false;
  try {
    done = document.execCommand("copy");
  } catch {
    done = false;
  }
  area.remove();
  focused?.focus?.();
  return done;
}

/** A button copying `text`; what happened is said through the live region. */
export function copyButton(text, label, done = t("copied")) {
  const button = h("button", { type: "button", class: "button button-quiet button-small copy-button" }, label);
  button.addEventListener("click", async () => {
    announce((await copyText(text)) ? done : t("copyFailed"));
  });
  return button;
}

/**
 * A button sharing `url` (default: the page's address); what happened is said in `box`, the link labelled
 * `linkLabel`. `url` may be a promise (an address built from the configuration).
 */
export function shareButton(title, box, linkLabel, url = null) {
  return h("button", { type: "button", class: "button button-quiet", onclick: () => share(title, box, linkLabel, url) },
    t("share"));
}

async function share(title, box, linkLabel, wanted) {
  const url = (await wanted) || window.location.href;
  if (navigator.share) {
    try {
      await navigator.share({ title: title || "Hromada", url });
      return;
    } catch (err) {
      if (err.name === "AbortError") return;
    }
  }
  const field = h("input", { type: "url", readonly: true, value: url, id: "share-url" });
  const copied = await copyText(url);
  if (!copied) announce(t("copyByHand"));
  fill(box, copied ? success(t("linkCopied")) : h("p", {}, t("copyByHand")),
    h("div", { class: "field" }, h("label", { for: "share-url" }, linkLabel), field));
  if (!copied) field.select();
}
