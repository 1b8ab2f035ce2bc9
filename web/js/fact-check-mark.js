// The verdict badge (words, not colour alone) and the cards' fact-check mark: kept apart from fact-checks.js so
// that the first page's cards need neither it nor the claims' strings (theirs are in i18n.js).

import { h } from "./dom.js";
import { t } from "./i18n.js";

export function verdictBadge(verdict) {
  return h("span", { class: `badge verdict verdict-${verdict}` }, t(`verdict_${verdict}`));
}

/** On a card: that the item links a fact-checked claim, with the verdict in words (the page says more). */
export function factCheckMark(item) {
  const first = item?.fact_checks?.[0];
  if (!first) return null;
  return h("p", { class: "card-fact-check" }, `${t("factCheckedShort")} `, verdictBadge(first.verdict));
}
