// Moderators and admins: the associations waiting for verification (verify, or reject with a reason);
// admins also run elections (create a draft, open the next phase, close the vote).

import { ApiError, get, getAll, getRegions, post } from "../api.js";
import { confirmTotp, hasTotp, isAdmin, isModerator, otpauthUri, session, startTotp } from "../auth.js";
import { externalLink, fill, h, s, safeUrl } from "../dom.js";
import { CATEGORIES, ELECTION_STATUS, ELECTORATES, METHODS, formatDateTime, label, pick, t } from "../i18n.js";
import {
  backLink, busy, errorBox, failedPage, field, focusHeading, geography, input, loading, localized, localizedFields,
  main, placeName, refuse, select, setTitle, success, textarea, totpForm,
} from "../ui.js";
import { dateField, readDates } from "../dates.js";
import { adminControls, pollForm } from "./votes.js";
import "../more-strings.js";
import "../backoffice-strings.js";
import "../twinhealth-strings.js";
import { qrModules } from "../qr.js";
import { REASONS } from "../report.js";
import { claimGroups } from "../fact-checks.js";

const enc = encodeURIComponent;

// Staff powers need an authenticator app (the API answers 403 mfa_required without one): checked once
// per signed-in account with Cognito's GetUser, and a staff member without one is walked through adding it.
let totpFor = null; // the sub whose second factor was seen

export function mount(route) {
  if (!isModerator()) {
    fill(main, h("h1", { tabindex: "-1" }, t("moderationTitle")),
      h("p", { class: "alert", role: "alert" }, t("moderatorsOnly")));
    setTitle(t("moderationTitle"));
    focusHeading(route.focus);
    return { name: "moderation" };
  }
  if (totpFor === session()?.sub) return route.item ? flagDetail(route) : moderationPage(route);
  let inner = null;
  let gone = false;
  fill(main, h("h1", { tabindex: "-1" }, t("moderationTitle")), loading());
  setTitle(t("moderationTitle"));
  hasTotp().then((enrolled) => {
    if (gone) return;
    if (enrolled) {
      totpFor = session()?.sub;
      inner = route.item ? flagDetail(route) : moderationPage(route);
    } else {
      inner = totpSetup(route);
    }
  }, (err) => {
    if (!gone) failedPage(err, route, () => { window.location.reload(); });
  });
  return { name: "moderation", destroy: () => { gone = true; inner?.destroy?.(); } };
}

/** Two-step verification for staff: AssociateSoftwareToken, a code from the app, SetUserMFAPreference. */
function totpSetup(route) {
  let gone = false;
  const steps = h("div", {}, loading());
  fill(main, h("h1", { tabindex: "-1" }, t("totpSetupTitle")),
    h("p", { class: "alert", role: "alert" }, t("totpSetupWhy")), steps);
  setTitle(t("totpSetupTitle"));
  focusHeading(route.focus);
  startTotp().then((secret) => {
    if (gone) return;
    const notices = h("div");
    const uri = otpauthUri(secret, session()?.email || "");
    const form = totpForm(t("totpActivate"), notices, async (value) => {
      await confirmTotp(value);
      totpFor = null;
      window.location.hash = "#/signin?totp=1&next=%23%2Fmoderation";
    });
    fill(steps,
      h("ol", { class: "steps" },
        h("li", {}, t("totpStepApp")),
        h("li", {}, t("totpStepScan"), qrCode(uri)),
        h("li", {}, t("totpStepSecret"),
          h("dl", { class: "totp-secret" },
            h("dt", {}, t("totpSecretLabel")), h("dd", {}, h("code", { id: "totp-secret" }, secret)),
            h("dt", {}, t("totpUriLabel")), h("dd", {}, h("code", { id: "totp-uri", class: "break" }, uri)))),
        h("li", {}, t("totpStepCode"))),
      form);
  }, (err) => {
    if (!gone) fill(steps, errorBox(err, { retry: () => window.location.reload() }));
  });
  return { destroy: () => { gone = true; } };
}

/** The otpauth:// address as a QR code (SVG, dark modules as one path, a four-module quiet zone). */
function qrCode(text) {
  const modules = qrModules(text);
  const size = modules.length + 8;
  let d = "";
  modules.forEach((row, y) => row.forEach((dark, x) => { if (dark) d += `M${x + 4} ${y + 4}h1v1h-1z`; }));
  return s("svg", { class: "qr", viewBox: `0 0 ${size} ${size}`, width: size * 5, height: size * 5,
    role: "img", "aria-label": t("totpQrLabel"), "shape-rendering": "crispEdges" },
  s("rect", { width: size, height: size, fill: "#fff" }), s("path", { d, fill: "#000" }));
}

function moderationPage(route) {
  const controller = new AbortController();
  const flags = h("div", {}, loading());
  const queue = h("div", {}, loading());
  const elections = h("div");
  let geo = null; // region and department names, for the pending associations
  fill(main, h("h1", { tabindex: "-1" }, t("moderationTitle")),
    h("p", {}, h("a", { href: "#/twinning/health" }, t("twinHealthLink"))),
    h("section", { class: "block", "aria-labelledby": "mod-flags" },
      h("h2", { id: "mod-flags" }, t("flagsQueue")), flags),
    h("section", { class: "block", "aria-labelledby": "mod-queue" },
      h("h2", { id: "mod-queue" }, t("pendingAssociations")), queue),
    h("section", { class: "block", "aria-labelledby": "mod-polls" },
      h("h2", { id: "mod-polls" }, t("polls")), h("p", { class: "hint" }, t("pollsToAll")), pollForm()),
    isAdmin() ? h("section", { class: "block", "aria-labelledby": "mod-elections" },
      h("h2", { id: "mod-elections" }, t("electionsAdmin")), elections) : null);
  setTitle(t("moderationTitle"));
  focusHeading(route.focus);

  async function loadQueue(message = null) {
    try {
      const [items, regions] = await Promise.all([
        getAll("/moderation/associations", { status: "pending" }, { signal: controller.signal }),
        getRegions().then(geography).catch(() => null)]);
      geo = regions;
      fill(queue, message ? success(message) : null,
        items.length ? h("ul", { class: "cards" }, items.map(pending)) : h("p", { class: "muted" }, t("queueEmpty")));
    } catch (err) {
      if (err.name !== "AbortError") fill(queue, errorBox(err, { retry: loadQueue }));
    }
  }

  function pending(a) {
    const notices = h("div");
    const description = pick(a.description);
    const note = textarea("reason", { rows: 2, maxlength: 500 });
    const verify = h("button", { type: "button", class: "button" }, t("verify"));
    const reject = h("button", { type: "button", class: "button button-quiet" }, t("reject"));
    verify.addEventListener("click", () => busy(verify, notices, async () => {
      await post(`/associations/${enc(a.id)}/verify`, note.value.trim() ? { note: note.value.trim() } : {});
      await loadQueue(t("verifiedDone", a.name));
    }));
    reject.addEventListener("click", () => {
      if (!note.value.trim()) {
        refuse(note, notices, t("reasonRequired"));
        return;
      }
      busy(reject, notices, async () => {
        await post(`/associations/${enc(a.id)}/reject`, { reason: note.value.trim() });
        await loadQueue(t("rejectedDone", a.name));
      });
    });
    const website = safeUrl(a.website);
    const region = geo?.regions.get(a.region);
    const department = geo?.departments.get(a.department);
    const facts = [
      [t("rnaNumber"), a.rna ? [a.rna, " — ", externalLink(
        `https://annuaire-entreprises.data.gouv.fr/rechercher?terme=${enc(a.rna)}`, t("rnaLookup"),
        { target: "_blank" })] : h("span", { class: "muted" }, t("noRna"))],
      [t("website"), website ? externalLink(website, a.website, { target: "_blank" })
        : h("span", { class: "muted" }, t("notGiven"))],
      [t("contactLabel"), a.contact_email || h("span", { class: "muted" }, t("notGiven"))],
      [t("ownerDomain"), a.owner_email_domain || h("span", { class: "muted" }, t("notGiven"))],
      [t("placeLabel"), [a.city, a.postal_code, department ? placeName(department) : a.department,
        region ? placeName(region) : a.region].filter(Boolean).join(" · ")],
      [t("createdOn"), formatDateTime(a.created_at)],
    ];
    return h("li", { class: "card" }, h("article", { "aria-labelledby": `q-${a.id}` },
      h("h3", { class: "card-title", id: `q-${a.id}` }, a.name),
      h("dl", { class: "facts-list" }, facts.map(([term, value]) => [h("dt", {}, term), h("dd", {}, value)])),
      h("p", { class: "card-text" }, (a.categories || []).map((c) => label(CATEGORIES, c)).join(", ")),
      description ? h("p", { class: "card-text", lang: description.lang }, description.text) : null,
      field(t("decisionNote"), note, { hint: t("decisionNoteHint") }),
      h("div", { class: "tools" }, verify, reject), notices));
  }

  async function loadElections() {
    fill(elections, loading());
    try {
      const items = await getAll("/admin/elections", {}, { max: 3, signal: controller.signal });
      fill(elections, items.length ? h("ul", { class: "cards" }, items.map((e) => h("li", { class: "card" },
        h("article", { "aria-labelledby": `ae-${e.id}` },
          h("h3", { class: "card-title", id: `ae-${e.id}` },
            h("a", { href: `#/elections/${enc(e.id)}` }, pick(e.title)?.text || e.id)),
          h("p", { class: "badge" }, label(ELECTION_STATUS, e.status)),
          adminControls(e, () => loadElections())))))
        : h("p", { class: "muted" }, t("noElections")), createElection());
    } catch (err) {
      if (err.name !== "AbortError") fill(elections, errorBox(err, { retry: loadElections }));
    }
  }

  function createElection() {
    const notices = h("div");
    const submit = h("button", { type: "submit", class: "button" }, t("createDraft"));
    const day = 86_400_000;
    const at = (offset) => new Date(Date.now() + offset - new Date().getTimezoneOffset() * 60_000)
      .toISOString().slice(0, 16);
    const form = h("form", { class: "form", novalidate: true },
      localizedFields("title", t("titleLabel"), {}, { max: 300 }),
      localizedFields("description", t("descriptionLabel"), {}, { multiline: true, max: 5000, required: false }),
      h("div", { class: "form-grid" },
        field(t("method"), select("method", Object.keys(METHODS).map((m) => [m, label(METHODS, m)]), "schulze")),
        field(t("electorate"), select("electorate",
          Object.keys(ELECTORATES).map((m) => [m, label(ELECTORATES, m)]), "members")),
        field(t("perAssociation"), input("per", { type: "number", min: 1, max: 10, value: 2 })),
        dateField(t("nominationsOpen"), "nominations_open_at", { time: true, value: at(day) }),
        dateField(t("votingOpens"), "voting_opens_at", { time: true, value: at(8 * day) }),
        dateField(t("votingCloses"), "voting_closes_at", { time: true, value: at(15 * day) })),
      notices, h("div", { class: "actions" }, submit));
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const f = form.elements;
      const dates = readDates(form, notices);
      if (!dates) return;
      const iso = (value) => (value ? new Date(value).toISOString() : null);
      const description = localized(form, "description");
      busy(submit, notices, async () => {
        await post("/elections", {
          title: localized(form, "title"), description: Object.keys(description).length ? description : null,
          method: f.method.value, electorate: f.electorate.value, nominations_per_association: Number(f.per.value || 2),
          nominations_open_at: iso(dates.nominations_open_at), voting_opens_at: iso(dates.voting_opens_at),
          voting_closes_at: iso(dates.voting_closes_at),
        });
        await loadElections();
        elections.prepend(success(t("draftCreated")));
      });
    });
    return h("details", { class: "block-details" }, h("summary", {}, t("createElection")), form);
  }

  async function loadFlags() {
    try {
      const items = await getAll("/moderation/flags", {}, { signal: controller.signal });
      // Each item's own words (a title or a name) for its card; the queue itself holds counts only.
      const details = await Promise.all(items.slice(0, 50).map((r) => get(`/moderation/flags/${r.item}`, {},
        { signal: controller.signal }).catch((err) => {
        if (err.name === "AbortError") throw err;
        return null;
      })));
      fill(flags, claimGroups(items), items.length ? h("ul", { class: "cards" }, items.map((r, i) => review(r, details[i])))
        : h("p", { class: "muted" }, t("flagsEmpty")));
    } catch (err) {
      if (err.name !== "AbortError") fill(flags, errorBox(err, { retry: loadFlags }));
    }
  }

  loadFlags();
  loadQueue();
  if (isAdmin()) loadElections();
  return { name: "moderation", destroy: () => controller.abort() };
}


// ------------------------------------------------------------------ reported content

const KINDS = ["association", "event", "announcement", "partnership", "candidate"];
const kindName = (kind) => (KINDS.includes(kind) ? t(`kind_${kind}`) : kind);
const reasonName = (reason) => (REASONS.includes(reason) ? t(`reason_${reason}`) : reason);

export function reasonsText(reasons) {
  return Object.entries(reasons || {}).map(([reason, n]) => `${reasonName(reason)} (${n})`).join(", ");
}

/** A reported item's name for people: its title or name when it still exists, else its id. */
function itemName(r, detail) {
  const content = detail?.content;
  return pick(content?.title)?.text || content?.name || r.id;
}

function review(r, detail) {
  const id = `fl-${r.item.replace(/[^A-Za-z0-9_-]/g, "-")}`;
  return h("li", { class: "card" }, h("article", { "aria-labelledby": id },
    h("p", { class: "card-date" }, kindName(r.kind)),
    h("h3", { class: "card-title", id }, h("a", { href: `#/moderation/flags/${r.item}` }, itemName(r, detail))),
    r.hidden ? h("p", { class: "badge badge-danger" }, t("hiddenBadge")) : null,
    h("p", { class: "card-text" }, t("flagsCount", r.flags), " — ", reasonsText(r.reasons)),
    h("p", { class: "hint" }, t("lastFlagged", formatDateTime(r.last_flagged_at)))));
}

/** What the reported item says, as far as its fields tell (title, name, body, statement). */
function contentSummary(content) {
  if (!content) return h("p", { class: "muted" }, t("contentGone"));
  const title = pick(content.title)?.text || content.name || "";
  const body = pick(content.body) || pick(content.description) || pick(content.statement);
  return h("div", { class: "quote" }, title ? h("p", {}, h("strong", {}, title)) : null,
    body ? h("p", { lang: body.lang }, body.text) : null);
}

function flagDetail(route) {
  const controller = new AbortController();
  const back = backLink("#/moderation", t("backModeration"));
  fill(main, back, loading());

  async function load(message = null) {
    let r;
    try {
      r = await get(`/moderation/flags/${route.item}`, {}, { signal: controller.signal });
    } catch (err) {
      if (err.name !== "AbortError") failedPage(err, route, () => load());
      return;
    }
    const notices = h("div");
    const note = textarea("note", { rows: 2, maxlength: 1000 });
    const actions = ["hide", "restore", "dismiss", "warn", ...(isAdmin() ? ["suspend"] : [])]
      .filter((a) => !(a === "hide" && r.hidden) && !(a === "restore" && !r.hidden))
      .map((action) => {
        const button = h("button", { type: "button", class: action === "hide" || action === "suspend"
          ? "button button-danger" : "button" }, t(`decide_${action}`));
        button.addEventListener("click", () => {
          if ((action === "warn" || action === "suspend") && !note.value.trim()) {
            refuse(note, notices, t("reasonRequired"));
            return;
          }
          busy(button, notices, async () => {
            try {
              await post(`/moderation/flags/${route.item}/decisions`,
                { action, version: r.version, note: note.value.trim() || null });
            } catch (err) {
              if (err instanceof ApiError && err.status === 409) {
                await load();
                main.querySelector(".decision-notices")?.append(errorBox(err));
                return;
              }
              throw err;
            }
            await load(t(`decided_${action}`));
            main.querySelector(".success")?.focus();
          });
        });
        return button;
      });
    const heading = `${kindName(r.kind)} — ${itemName(r, r)}`;
    const status = message ? success(message) : null;
    status?.setAttribute("tabindex", "-1");
    const rows = [
      [t("flagStatus"), r.status === "open" ? t("flagOpen") : t("flagClosed")],
      [t("visibility"), r.hidden ? t("hiddenBadge") : t("shownBadge")],
      [t("flagsLabel"), `${t("flagsCount", r.flags)} (${t("flagsTotal", r.total_flags)})`],
      [t("reasonsLabel"), reasonsText(r.reasons)],
      [t("lastDecision"), r.decision ? `${t(`decision_${r.decision}`)} — ${formatDateTime(r.decided_at)}` : null],
    ].filter(([, value]) => value);
    fill(main, back, h("h1", { tabindex: "-1" }, heading), status,
      h("dl", { class: "facts" }, rows.map(([term, value]) => h("div", {}, h("dt", {}, term), h("dd", {}, value)))),
      h("section", { class: "block", "aria-labelledby": "fl-content" },
        h("h2", { id: "fl-content" }, t("flaggedContent")), contentSummary(r.content)),
      h("section", { class: "block", "aria-labelledby": "fl-notes" },
        h("h2", { id: "fl-notes" }, t("flagComments")),
        r.comments?.length ? h("ul", { class: "plain-list" }, r.comments.map((c) => h("li", {},
          h("strong", {}, reasonName(c.reason)), ` — ${formatDateTime(c.flagged_at)}`,
          c.comment ? h("p", { class: "card-text" }, c.comment) : null)))
          : h("p", { class: "muted" }, t("noComments"))),
      h("section", { class: "block", "aria-labelledby": "fl-decide" },
        h("h2", { id: "fl-decide" }, t("decideTitle")),
        field(t("decisionNote"), note, { hint: t("flagNoteHint") }),
        h("div", { class: "tools" }, actions), h("div", { class: "decision-notices" }, notices)));
    setTitle(heading);
    if (!message) focusHeading(route.focus);
  }

  load();
  return { name: "moderation", destroy: () => controller.abort() };
}
