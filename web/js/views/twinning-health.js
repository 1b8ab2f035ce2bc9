// Staff (moderators, admins): the twinning health figures, #/twinning/health. Open needs per oblast and per
// domain (bars, each with its data table), the offers nobody answered for 30 days, the median time to a
// first answer, and partnerships by status.

import { get, getRegions } from "../api.js";
import { isModerator } from "../auth.js";
import { fill, h, s } from "../dom.js";
import { formatDate, formatNumber, t } from "../i18n.js";
import { backLink, errorBox, focusHeading, loading, main, placeName, setTitle } from "../ui.js";
import "../backoffice-strings.js";
import "../twinhealth-strings.js";

const enc = encodeURIComponent;

export function mount(route) {
  const controller = new AbortController();
  const body = h("div", {}, loading());
  fill(main, backLink("#/moderation", t("moderationTitle")), h("h1", { tabindex: "-1" }, t("twinHealthTitle")),
    h("p", { class: "hint" }, t("twinHealthIntro")), body);
  setTitle(t("twinHealthTitle"));
  focusHeading(route.focus);
  if (!isModerator()) {
    fill(body, h("p", { class: "alert", role: "alert" }, t("moderatorsOnly")));
    return { name: "twinninghealth" };
  }
  Promise.all([get("/twinning/health", {}, { signal: controller.signal }), getRegions().catch(() => null)])
    .then(([figures, regions]) => {
      const oblasts = new Map((regions?.ukraine?.oblasts || []).map((o) => [o.code, o]));
      fill(body, page(figures, oblasts));
    }, (err) => {
      if (err.name !== "AbortError") fill(body, errorBox(err));
    });
  return { name: "twinninghealth", destroy: () => controller.abort() };
}

function page(f, oblasts) {
  const oblastName = (code) => (code === "none" ? t("noOblast") : placeName(oblasts.get(code)) || code);
  const median = f.median_days_to_first_answer;
  return [
    h("section", { class: "block", "aria-labelledby": "th-answers" },
      h("h2", { id: "th-answers" }, t("medianAnswer")),
      // Only a number is shown big: "no answer yet" is an empty state, in the page's other empty states' style.
      median === null ? h("p", { class: "muted" }, t("noAnswerYet"))
        : h("p", { class: "big-figure" }, t("medianDays", formatNumber(median))),
      h("p", {}, t("answeredNeeds", formatNumber(f.answered_needs))),
      h("p", { class: "hint" }, t("answeredMeaning"))),
    h("section", { class: "block", "aria-labelledby": "th-oblasts" },
      h("h2", { id: "th-oblasts" }, t("openNeedsByOblast")),
      bars(f.open_needs_by_oblast, oblastName, t("ukrainianOblast"), t("needsCount"))),
    h("section", { class: "block", "aria-labelledby": "th-domains" },
      h("h2", { id: "th-domains" }, t("openNeedsByDomain")),
      bars(f.open_needs_by_domain, (d) => t(`domain_${d}`), t("domainLabel"), t("needsCount"))),
    h("section", { class: "block", "aria-labelledby": "th-offers" },
      h("h2", { id: "th-offers" }, t("unansweredOffers", formatNumber(f.unanswered_after_days))),
      f.unanswered_offers.length ? h("ul", { class: "plain-list unanswered" }, f.unanswered_offers.map((o) =>
        h("li", {}, h("a", { href: `#/initiatives/${enc(o.id)}` }, o.title), " — ", o.association.name, " · ",
          t(`domain_${o.domain}`), o.oblast ? ` · ${oblastName(o.oblast)}` : "", " · ",
          h("span", { class: "muted" }, `${t("waitingSince")} ${formatDate(o.created_at)}`))))
        : h("p", { class: "muted" }, t("noUnanswered")),
      f.more_unanswered ? h("p", { class: "hint" }, t("moreUnanswered")) : null),
    h("section", { class: "block", "aria-labelledby": "th-partnerships" },
      h("h2", { id: "th-partnerships" }, t("partnershipsByStatus")),
      bars(f.partnerships_by_status, (st) => t(`st_${st}`), t("statusColumn"), t("partnershipsCount"))),
  ];
}

/** A data table with a bar per row: the numbers are read by everyone, the bars are decoration. */
function bars(counts, name, keyHeading, countHeading) {
  if (!counts.length) return h("p", { class: "muted" }, t("noFigures"));
  const max = Math.max(1, ...counts.map((c) => c.count));
  return h("div", { class: "table-scroll" }, h("table", { class: "table bars" },
    h("thead", {}, h("tr", {}, h("th", { scope: "col" }, keyHeading), h("th", { scope: "col", class: "num" }, countHeading),
      h("th", { scope: "col" }, h("span", { class: "visually-hidden" }, t("chart"))))),
    h("tbody", {}, counts.map((c) => h("tr", {}, h("th", { scope: "row" }, name(c.key)),
      h("td", { class: "num" }, formatNumber(c.count)),
      h("td", { class: "bar-cell" }, s("svg", { viewBox: "0 0 100 10", preserveAspectRatio: "none", class: "bar",
        "aria-hidden": "true", focusable: "false" }, s("rect", { width: (c.count / max) * 100, height: 10 }))))))));
}
