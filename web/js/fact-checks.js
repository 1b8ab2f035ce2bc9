// The "fact-checked" notice shown on content that links an address of a known claim (the API's `fact_checks` of an
// announcement or an event), and the verdict badge (from fact-check-mark.js, which the cards use alone).

import "./claim-strings.js";
import { h } from "./dom.js";
import { verdictBadge } from "./fact-check-mark.js";
import { pick, t } from "./i18n.js";

export { verdictBadge };

export const VERDICTS = ["false", "misleading", "missing_context", "true"];

/** The claim's page in this client (the API's fact_check_url points there too). */
export const claimHref = (id) => `#/claims/${encodeURIComponent(id)}`;

export function factCheckNotice(item) {
  const found = item?.fact_checks || [];
  if (!found.length) return null;
  return h("aside", { class: "fact-check-notice", "aria-labelledby": `fc-${item.id}` },
    h("p", { class: "fact-check-title", id: `fc-${item.id}` }, t("factCheckedNotice")),
    h("ul", {}, found.map((notice) => {
      const text = pick(notice.claim_text || {});
      return h("li", {},
        h("span", { lang: text?.lang }, text?.text ? `« ${text.text} » ` : ""),
        h("span", {}, `${t("verdictIs")} `), verdictBadge(notice.verdict), " ",
        h("a", { href: claimHref(notice.claim_id) }, t("readFactCheck")));
    })));
}

/** The moderation queue's flags grouped by the claim the flagged content spreads: "N flags … — verdict". */
export function claimGroups(reviews) {
  const groups = new Map();
  for (const r of reviews) {
    for (const notice of r.fact_checks || []) {
      const group = groups.get(notice.claim_id) || { notice, flags: 0, items: 0 };
      group.flags += r.flags;
      group.items += 1;
      groups.set(notice.claim_id, group);
    }
  }
  if (!groups.size) return null;
  return h("ul", { class: "fact-check-notice claim-groups" }, [...groups.values()].map(({ notice, flags }) => {
    const text = pick(notice.claim_text || {});
    return h("li", {}, `${t("flagsOnClaim")} `, h("strong", {}, String(flags)), " — ",
      h("a", { href: claimHref(notice.claim_id), lang: text?.lang }, `« ${text?.text || notice.claim_id} »`),
      ` — ${t("verdictIs")} `, verdictBadge(notice.verdict));
  }));
}
