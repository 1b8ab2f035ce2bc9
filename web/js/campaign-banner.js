// The home page's banner: each campaign running now, with its dates and a link to its page (nothing otherwise);
// on a phone, one line per campaign (its name, a link), so that the first events stay on the first screen.

import "./campaign-strings.js";
import { get } from "./api.js";
import { fill, h } from "./dom.js";
import { formatDate, pick, t } from "./i18n.js";

export function campaignBanner(signal) {
  const box = h("div", { class: "campaign-banners" });
  get("/campaigns", {}, { signal }).then((found) => {
    const running = (found.items || []).filter((c) => c.window?.running);
    fill(box, running.map((c) => {
      const name = pick(c.name);
      const href = `#/campaigns/${encodeURIComponent(c.slug)}`;
      return h("aside", { class: "campaign-banner", "aria-label": t("campaignBanner", name?.text || c.slug) },
        // the name is the link: on a phone it is all the banner shows, on one line above the events
        h("p", { class: "campaign-banner-title" }, t("campaignBanner", ""),
          h("a", { href, class: "campaign-banner-name", lang: name?.lang }, h("strong", {}, name?.text || c.slug))),
        h("p", { class: "campaign-banner-dates" }, t("campaignDates", formatDate(c.window.start), formatDate(c.window.end))),
        h("a", { href, class: "button button-quiet" }, t("campaignSee")));
    }));
  }, () => {}); // a banner that cannot load is simply not shown
  return box;
}
