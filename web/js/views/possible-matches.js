// On an initiative's page, for its association's editors (and staff): the possible matches the platform
// told them of, each with Confirm / Decline, and both associations' contacts once both sides confirmed.

import { get, post } from "../api.js";
import { session } from "../auth.js";
import { fill, h } from "../dom.js";
import { t } from "../i18n.js";
import { busy, success } from "../ui.js";
import "../twinhealth-strings.js";

const enc = encodeURIComponent;

/** The panel (hidden until the API says the reader may see it), or null for a visitor. */
export function possibleMatchesPanel(initiative, signal) {
  if (!session()) return null;
  const box = h("div");
  const section = h("section", { class: "block possible-matches", "aria-labelledby": "in-possible", hidden: true },
    h("h2", { id: "in-possible" }, t("possibleMatches")), h("p", { class: "hint" }, t("possibleMatchesIntro")), box);
  const base = `/initiatives/${enc(initiative.id)}/possible-matches`;
  const load = (message = null) => get(base, {}, { signal }).then((pairs) => {
    section.hidden = false;
    fill(box, message ? success(message) : null, pairs.length
      ? h("ul", { class: "cards" }, pairs.map((p) => pairCard(base, p, load)))
      : h("p", { class: "muted" }, t("noPossibleMatches")));
  }, () => { section.hidden = true; }); // not an editor of this initiative: nothing to show
  load();
  return section;
}

function pairCard(base, p, reload) {
  const id = `pm-${p.other.id}`;
  const notices = h("div");
  const answer = (verb, done) => {
    const button = h("button", { type: "button", class: verb === "confirm" ? "button" : "button button-quiet" },
      t(verb === "confirm" ? "confirmMatch" : "declineMatch"));
    button.addEventListener("click", () => busy(button, notices, async () => {
      await post(`${base}/${enc(p.other.id)}/${verb}`, {});
      await reload(t(done));
    }));
    return button;
  };
  const open = p.status === "pending" && !p.my_answer;
  return h("li", { class: "card" }, h("article", { "aria-labelledby": id },
    h("p", { class: "card-date" }, t(`ikind_${p.other.kind}`), " · ",
      h("span", { class: `badge status-${p.status}` }, t(`pm_${p.status}`))),
    h("h3", { class: "card-title", id }, h("a", { href: `#/initiatives/${enc(p.other.id)}` }, p.other.title)),
    h("p", {}, p.other.association.name),
    h("p", { class: "hint" }, t("pmAnswers", t(`ans_${p.my_answer || "none"}`), t(`ans_${p.their_answer || "none"}`))),
    p.contacts.length ? h("div", {}, h("h4", {}, t("matchContacts")), h("ul", { class: "plain-list" },
      p.contacts.map((c) => h("li", {}, `${c.association.name} — `,
        c.emails.map((e, i) => [i ? ", " : "", h("a", { href: `mailto:${e}` }, e)]))))) : null,
    notices,
    open ? h("div", { class: "actions" }, answer("confirm", "matchConfirmed"), answer("decline", "matchDeclined")) : null));
}
