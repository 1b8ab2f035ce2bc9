// Elections and polls: the list, one election (candidates, nominations, the ballot, the receipt, the
// results with their working), one poll. Ranked ballots are ordered by dragging or with the Up/Down
// buttons; every move is announced.

import { ApiError, get, getAll, post } from "../api.js";
import { isAdmin, isModerator, session } from "../auth.js";
import { fill, h, s, safeUrl } from "../dom.js";
import { reportButton } from "../report.js";
import { copyButton } from "../share.js";
import "../more-strings.js";
import {
  ELECTION_STATUS, ELECTORATES, GRADES, METHODS, NOMINATION_STATUS, formatDateTime, formatNumber, label, pick, t,
} from "../i18n.js";
import {
  announce, backLink, busy, checkedValues, errorBox, failedPage, field, focusHeading, input, loading, localized, localizedFields, main,
  refuse, select, setTitle, success, textarea,
} from "../ui.js";
import { dateField, readDates } from "../dates.js";

export function mount(route) {
  if (route.name === "election") return electionView(route);
  if (route.name === "poll") return pollView(route);
  return listView(route);
}

const enc = encodeURIComponent;
const title = (item) => pick(item.title || item.question);

// ------------------------------------------------------------------ list

function listView(route) {
  const controller = new AbortController();
  const electionsBox = h("div", {}, loading());
  const pollsBox = h("div");
  fill(main, h("h1", { tabindex: "-1" }, t("votesTitle")), h("p", { class: "lead" }, t("votesIntro")),
    h("section", { class: "block", "aria-labelledby": "el-title" }, h("h2", { id: "el-title" }, t("elections")),
      electionsBox),
    h("section", { class: "block", "aria-labelledby": "po-title" }, h("h2", { id: "po-title" }, t("polls")), pollsBox));
  setTitle(t("votesTitle"));
  focusHeading(route.focus);

  async function loadElections() {
    try {
      const items = await getAll("/elections", {}, { max: 3, signal: controller.signal });
      fill(electionsBox, items.length ? h("ul", { class: "cards" }, items.map((e) => h("li", { class: "card" },
        h("article", { "aria-labelledby": `e-${e.id}` },
          h("h3", { class: "card-title", id: `e-${e.id}` },
            h("a", { href: `#/elections/${enc(e.id)}`, lang: title(e)?.lang }, title(e)?.text || e.id)),
          h("p", { class: "badge" }, label(ELECTION_STATUS, e.status)),
          h("p", { class: "card-place" }, label(METHODS, e.method), " · ", label(ELECTORATES, e.electorate)),
          h("p", { class: "card-text" }, phaseLine(e))))))
        : h("p", { class: "muted" }, t("noElections")));
    } catch (err) {
      if (err.name !== "AbortError") fill(electionsBox, errorBox(err, { retry: loadElections }));
    }
  }

  async function loadPolls() {
    if (!session()) {
      fill(pollsBox, h("p", {}, t("signInForPolls"), " ",
        h("a", { href: `#/signin?next=${enc("#/votes")}` }, t("signIn"))));
      return;
    }
    fill(pollsBox, loading());
    try {
      const items = await getAll("/polls", {}, { max: 3, signal: controller.signal });
      fill(pollsBox, items.length ? h("ul", { class: "plain-list" }, items.map((p) => h("li", {},
        h("a", { href: `#/polls/${enc(p.id)}`, lang: title(p)?.lang }, title(p)?.text || p.id), " — ",
        p.status === "open" ? t("pollOpenUntil", formatDateTime(p.closes_at)) : label(POLL_STATUS, p.status))))
        : h("p", { class: "muted" }, t("noPolls")));
    } catch (err) {
      if (err.name !== "AbortError") fill(pollsBox, errorBox(err, { retry: loadPolls }));
    }
  }

  loadElections();
  loadPolls();
  return { name: "votes", destroy: () => controller.abort() };
}

const POLL_STATUS = { scheduled: ["Programmé", "Заплановано", "Scheduled"], open: ["Ouvert", "Відкрито", "Open"],
  closed: ["Clos", "Закрито", "Closed"] };

function phaseLine(e) {
  if (e.status === "nominations") return t("nominationsUntil", formatDateTime(e.voting_opens_at));
  if (e.status === "voting") return t("votingUntil", formatDateTime(e.voting_closes_at));
  if (e.status === "draft") return t("nominationsFrom", formatDateTime(e.nominations_open_at));
  return e.closed_at ? t("closedOn", formatDateTime(e.closed_at)) : "";
}

// ------------------------------------------------------------------ one election

function electionView(route) {
  const controller = new AbortController();
  const back = backLink("#/votes", t("backVotes"));
  fill(main, back, loading());

  async function find() {
    try {
      return await get(`/elections/${enc(route.id)}`, {}, { signal: controller.signal });
    } catch (err) {
      // Drafts are not public: admins find theirs in the administration list.
      if (!(err instanceof ApiError && err.status === 404 && isAdmin())) throw err;
      const all = await getAll("/admin/elections", {}, { max: 5, signal: controller.signal });
      const draft = all.find((e) => e.id === route.id);
      if (!draft) throw err;
      return draft;
    }
  }

  async function load() {
    try {
      render(await find());
    } catch (err) {
      if (err.name === "AbortError") return;
      failedPage(err, route, load);
      main.prepend(back);
    }
  }

  function render(e) {
    const name = title(e);
    const description = pick(e.description);
    const candidatesBox = h("div", {}, loading());
    const actionBox = h("div");
    const nominationsBox = h("div");
    const resultsBox = h("div");
    const rows = [
      [t("status"), label(ELECTION_STATUS, e.status)],
      [t("method"), label(METHODS, e.method)],
      [t("electorate"), label(ELECTORATES, e.electorate)],
      [t("nominationsOpen"), formatDateTime(e.nominations_open_at)],
      [t("votingOpens"), formatDateTime(e.voting_opens_at)],
      [t("votingCloses"), formatDateTime(e.voting_closes_at)],
      [t("turnout"), e.turnout != null ? h("span", { id: "el-turnout" }, formatNumber(e.turnout)) : null],
      [t("closeReason"), e.closed_reason || null],
    ].filter(([, v]) => v);
    fill(main, back,
      h("article", { class: "detail" },
        h("h1", { tabindex: "-1", lang: name?.lang }, name?.text || e.id),
        description ? h("p", { class: "description", lang: description.lang }, description.text) : null,
        h("dl", { class: "facts" }, rows.map(([k, v]) => h("div", {}, h("dt", {}, k), h("dd", {}, v))))),
      isAdmin() ? adminControls(e, () => load()) : null,
      h("section", { class: "block", "aria-labelledby": "cand-title" },
        h("h2", { id: "cand-title" }, t("candidates")), candidatesBox),
      h("section", { class: "block", "aria-labelledby": "act-title" },
        h("h2", { id: "act-title" }, e.status === "published" ? t("results") : e.status === "voting" ? t("yourBallot")
          : t("takePart")), actionBox, resultsBox),
      session() ? h("section", { class: "block", "aria-labelledby": "nom-title" },
        h("h2", { id: "nom-title" }, t("nominations")), nominationsBox) : null);
    setTitle(name?.text || "");
    focusHeading(route.focus);

    get(`/elections/${enc(e.id)}/candidates`, {}, { signal: controller.signal }).then((list) => {
      const items = Array.isArray(list) ? list : list.items || [];
      fill(candidatesBox, items.length ? h("ul", { class: "cards" }, items.map((c) => {
        const statement = pick(c.statement);
        const photo = safeUrl(c.photo_url, { httpsOnly: true });
        return h("li", { class: "card" }, h("article", { "aria-labelledby": `c-${c.id}` },
          photo ? h("img", { src: photo, alt: "", width: 64, height: 64, class: "avatar", loading: "lazy",
            referrerpolicy: "no-referrer", onerror: (ev) => ev.target.remove() }) : null,
          h("h3", { class: "card-title", id: `c-${c.id}` }, c.name),
          h("p", { class: "card-place" }, c.association_name),
          statement ? h("p", { class: "card-text", lang: statement.lang }, statement.text) : null,
          h("p", { class: "card-tools" }, reportButton("candidate", c.id, c.name, { electionId: e.id }))));
      })) : h("p", { class: "muted" }, t("noCandidates")));
    }, (err) => { if (err.name !== "AbortError") fill(candidatesBox, errorBox(err)); });

    if (e.status === "voting") ballot(e, actionBox);
    else if (e.status === "published") results(e, resultsBox);
    else if (e.status === "nominations") nominate(e, actionBox);
    else if (e.status === "closed") fill(actionBox, h("p", {}, t("closedCounting")));
    else fill(actionBox, h("p", {}, phaseLine(e)));
    if (session()) nominations(e, nominationsBox);
  }

  // ---------------------------------------------------------------- nominating
  async function nominate(e, box) {
    if (!session()) {
      fill(box, h("p", {}, t("nominateSignIn"), " ",
        h("a", { href: `#/signin?next=${enc(window.location.hash)}` }, t("signIn"))));
      return;
    }
    fill(box, loading());
    let me;
    try {
      me = await get("/me", {}, { signal: controller.signal });
    } catch (err) {
      if (err.name !== "AbortError") fill(box, errorBox(err));
      return;
    }
    const mine = (me.memberships || []).filter((m) => m.role === "owner" && m.association.status === "verified");
    if (!mine.length) {
      fill(box, h("p", {}, t("nominateOwnersOnly")));
      return;
    }
    const notices = h("div");
    const submit = h("button", { type: "submit", class: "button" }, t("nominate"));
    const form = h("form", { class: "form", novalidate: true },
      h("h3", {}, t("nominateTitle")),
      field(t("association"), select("association_id", mine.map((m) => [m.association.id, m.association.name]))),
      field(t("candidateName"), input("name", { required: true, maxlength: 200, autocomplete: "off" })),
      field(t("candidateEmail"), input("email", { type: "email", required: true, maxlength: 254, autocomplete: "off" }),
        { hint: t("candidateEmailHint") }),
      localizedFields("statement", t("statement"), {}, { multiline: true, max: 5000 }),
      notices, h("div", { class: "actions" }, submit));
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      busy(submit, notices, async () => {
        const f = form.elements;
        await post(`/elections/${enc(e.id)}/candidates`, {
          association_id: f.association_id.value, name: f.name.value.trim(), email: f.email.value.trim(),
          statement: localized(form, "statement"),
        });
        form.reset();
        notices.append(success(t("nominated")));
        const list = main.querySelector("#nom-title")?.parentElement?.lastElementChild;
        if (list) nominations(e, list);
      });
    });
    fill(box, h("p", {}, t("nominationsUntil", formatDateTime(e.voting_opens_at))), form);
  }

  async function nominations(e, box) {
    fill(box, loading());
    let items;
    try {
      const answer = await get(`/elections/${enc(e.id)}/nominations`, {}, { signal: controller.signal });
      items = Array.isArray(answer) ? answer : answer.items || [];
    } catch (err) {
      if (err.name !== "AbortError") fill(box, errorBox(err));
      return;
    }
    if (!items.length) {
      fill(box, h("p", { class: "muted" }, t("noNominations")));
      return;
    }
    const me = session();
    const notices = h("div");
    const act = (c, action, body) => (event) => busy(event.currentTarget, notices, async () => {
      await post(`/elections/${enc(e.id)}/candidates/${enc(c.id)}/${action}`, body);
      await nominations(e, box);
      box.prepend(success(t("nominationUpdated")));
    });
    fill(box, notices, h("table", { class: "table" },
      h("caption", { class: "visually-hidden" }, t("nominations")),
      h("thead", {}, h("tr", {}, [t("candidateName"), t("association"), t("status"), t("actions")]
        .map((c) => h("th", { scope: "col" }, c)))),
      h("tbody", {}, items.map((c) => {
        const buttons = [];
        const open = e.status === "nominations";
        if (open && c.status === "nominated" && me && c.email?.toLowerCase() === me.email.toLowerCase()) {
          buttons.push(h("button", { type: "button", class: "button", onclick: act(c, "consent") }, t("consent")));
        }
        if (open && isAdmin() && (c.status === "consented" || c.status === "nominated")) {
          buttons.push(h("button", { type: "button", class: "button", onclick: act(c, "approve") }, t("approve")));
          buttons.push(h("button", { type: "button", class: "button button-quiet", onclick: (event) => {
            const reason = window.prompt(t("rejectReasonPrompt"));
            if (reason) act(c, "reject", { reason })(event);
          } }, t("reject")));
        }
        if (open && !["withdrawn", "rejected"].includes(c.status)) {
          buttons.push(h("button", { type: "button", class: "button button-quiet", onclick: act(c, "withdraw") },
            t("withdraw")));
        }
        return h("tr", {}, h("th", { scope: "row" }, c.name, c.email ? h("span", { class: "muted" }, ` (${c.email})`) : null),
          h("td", {}, c.association_name), h("td", {}, label(NOMINATION_STATUS, c.status)),
          h("td", { class: "tools" }, buttons));
      }))));
  }

  // ---------------------------------------------------------------- voting
  async function ballot(e, box) {
    if (!session()) {
      fill(box, h("p", {}, t("voteSignIn"), " ",
        h("a", { href: `#/signin?next=${enc(window.location.hash)}` }, t("signIn"))));
      return;
    }
    fill(box, loading());
    let status;
    try {
      status = await get(`/elections/${enc(e.id)}/my-vote`, {}, { signal: controller.signal });
    } catch (err) {
      if (err.name !== "AbortError") fill(box, errorBox(err, { retry: () => ballot(e, box) }));
      return;
    }
    const openFor = (status.associations || []).filter((a) => !a.voted);
    if (!status.eligible) {
      fill(box, h("p", {}, t("notEligible")));
      return;
    }
    if (e.electorate === "associations" ? !openFor.length : status.voted) {
      fill(box, h("p", { class: "success" }, t("alreadyVoted")), receiptOf(e));
      return;
    }
    const notices = h("div");
    const submit = h("button", { type: "submit", class: "button" }, t("reviewVote"));
    const candidates = e.ballot || [];
    const widget = ballotWidget(e.method, candidates);
    const form = h("form", { class: "form ballot", novalidate: true },
      e.electorate === "associations" ? field(t("voteFor"),
        select("association_id", openFor.map((a) => [a.association_id, a.name]))) : null,
      widget.node, notices, h("div", { class: "actions" }, submit));
    const reviewBox = h("div");
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const body = widget.value();
      if (!body) {
        fill(notices, h("p", { class: "alert", role: "alert" }, t("ballotIncomplete")));
        return;
      }
      notices.replaceChildren();
      const on = form.elements.association_id;
      if (on) body.association_id = on.value;
      review(body, on ? on.selectedOptions[0]?.textContent : null);
    });

    // Nothing is cast until the voter has seen their choices, as the ballot box will hold them, and confirmed.
    function review(body, onBehalfOf) {
      reviewStep({
        form, box: reviewBox, level: "h3", title: t("reviewTitle"), hint: t("reviewHint"), castLabel: t("castVote"),
        refocus: ".rank-button:not([disabled]), input, select",
        summary: [onBehalfOf ? h("p", {}, t("voteFor"), " : ", h("strong", {}, onBehalfOf)) : null,
          ballotSummary(e.method, body, candidates)],
        cast: async () => {
          const receipt = await post(`/elections/${enc(e.id)}/ballots`, body);
          saveReceipt(e.id, receipt.tracker);
          announce(t("receiptTitle"));
          fill(box, receiptBox(receipt.tracker));
          box.querySelector("h3")?.focus();
          // the ballots cast as the API now counts them (mine included), not the count the page opened with
          get(`/elections/${enc(e.id)}`, {}, { signal: controller.signal }).then((fresh) => {
            const turnout = main.querySelector("#el-turnout");
            if (turnout && fresh.turnout != null) turnout.textContent = formatNumber(fresh.turnout);
          }, () => {});
        },
      });
    }
    fill(box, h("p", {}, t(`howTo_${e.method}`)), form, reviewBox);
  }

  function receiptOf(e) {
    const tracker = loadReceipt(e.id);
    return tracker ? receiptBox(tracker) : null;
  }

  load();
  return { name: "election", destroy: () => controller.abort() };
}

/**
 * The step between a filled form and a vote that cannot be changed: the choices as they will be sent, with
 * "send" and "change" (back to the form, as it was). The form is hidden meanwhile, not reset.
 */
function reviewStep({ form, box, level, title, hint, summary, castLabel, refocus, cast }) {
  const problems = h("div");
  const send = h("button", { type: "button", class: "button" }, castLabel);
  const change = h("button", { type: "button", class: "button button-quiet" }, t("changeVote"));
  change.addEventListener("click", () => {
    box.replaceChildren();
    form.hidden = false;
    (form.querySelector(refocus) || form.querySelector("[type=submit]")).focus();
  });
  send.addEventListener("click", () => busy(send, problems, cast));
  form.hidden = true;
  fill(box, h("section", { class: "review", "aria-labelledby": "review-title" },
    h(level, { id: "review-title", tabindex: "-1" }, title), h("p", {}, hint), summary,
    problems, h("div", { class: "actions" }, send, change)));
  box.querySelector(level).focus();
}

function receiptBox(tracker) {
  return h("div", { class: "receipt" },
    h("h3", { tabindex: "-1" }, t("receiptTitle")),
    h("p", {}, t("receiptText")),
    h("p", { class: "tracker-line" }, h("code", { class: "tracker" }, tracker), " ",
      copyButton(tracker, t("copyTracker"), t("trackerCopied"))));
}

/** The voter's choices as they will be cast: what the review step shows before confirming. */
function ballotSummary(method, body, candidates) {
  const names = new Map(candidates.map((c) => [c.id, c.name]));
  const name = (id) => names.get(id) || id;
  if (method === "plurality") return h("p", { class: "summary" }, t("yourChoice"), " ", h("strong", {}, name(body.choice)));
  if (method === "approval") {
    return body.approve.length
      ? h("div", { class: "summary" }, h("p", {}, t("youApprove")),
        h("ul", { class: "plain-list" }, body.approve.map((id) => h("li", {}, name(id)))))
      : h("p", { class: "summary" }, t("blankBallot"));
  }
  if (method === "majority_judgment") {
    return h("dl", { class: "facts summary" }, candidates.map((c) =>
      h("div", {}, h("dt", {}, c.name), h("dd", {}, label(GRADES, body.grades[c.id])))));
  }
  const ranked = new Set(body.ranking.flat());
  const unranked = candidates.filter((c) => !ranked.has(c.id));
  let place = 1;
  return h("div", { class: "summary" },
    body.ranking.length ? h("ol", { class: "plain-list review-ranking" }, body.ranking.map((group) => {
      const item = h("li", { value: place },
        group.map(name).join(" = "), group.length > 1 ? h("span", { class: "muted" }, ` (${t("tied")})`) : null);
      place += group.length;
      return item;
    })) : h("p", {}, t("blankBallot")),
    unranked.length ? h("p", {}, t("unrankedList"), " ", unranked.map((c) => c.name).join(", ")) : null);
}

function saveReceipt(id, tracker) {
  try {
    sessionStorage.setItem(`hromada.receipt.${id}`, tracker);
  } catch {
    // shown once only
  }
}

function loadReceipt(id) {
  try {
    return sessionStorage.getItem(`hromada.receipt.${id}`);
  } catch {
    return null;
  }
}

/** The form part of a ballot for each method; value() is the API's BallotIn or null if incomplete. */
function ballotWidget(method, candidates) {
  const named = (c) => `${c.name} (${c.association_name})`;
  if (method === "plurality" || method === "approval") {
    const type = method === "plurality" ? "radio" : "checkbox";
    const node = h("fieldset", { class: "choices" }, h("legend", {}, t(method === "plurality" ? "pickOne" : "pickAny")),
      candidates.map((c) => h("div", { class: "choice" },
        h("input", { type, name: "candidate", value: c.id, id: `b-${c.id}` }),
        h("label", { for: `b-${c.id}` }, named(c)))));
    return {
      node,
      value() {
        const picked = checkedValues(node, "candidate");
        if (method === "plurality") return picked.length ? { choice: picked[0] } : null;
        return { approve: picked };
      },
    };
  }
  if (method === "majority_judgment") {
    const grades = Object.keys(GRADES);
    const node = h("div", { class: "grades" }, candidates.map((c) => h("fieldset", { class: "choices grade-row" },
      h("legend", {}, named(c)),
      grades.map((g) => h("div", { class: "choice" },
        h("input", { type: "radio", name: `g-${c.id}`, value: g, id: `g-${c.id}-${g}` }),
        h("label", { for: `g-${c.id}-${g}` }, label(GRADES, g)))))));
    return {
      node,
      value() {
        const out = {};
        for (const c of candidates) {
          const picked = node.querySelector(`input[name="g-${c.id}"]:checked`);
          if (!picked) return null;
          out[c.id] = picked.value;
        }
        return { grades: out };
      },
    };
  }
  return rankingWidget(candidates, named, { ties: method === "schulze" });
}

/**
 * A list to put in order: drag an item, or use its Up/Down buttons (keyboard). A candidate can be left unranked
 * (below every ranked one) and, where the method counts them (Schulze), tied with the one above. Every change
 * is said through the page's live region.
 */
function rankingWidget(candidates, named, { ties = false } = {}) {
  const list = h("ol", { class: "ranking", "aria-describedby": "rank-help" });
  const spare = h("ul", { class: "ranking unranked", "aria-labelledby": "unranked-title" });
  const spareBox = h("div", { class: "unranked-box" },
    h("p", { class: "sources-title", id: "unranked-title" }, t("unrankedTitle")),
    h("p", { class: "hint" }, t("unrankedHint")), spare);
  let dragged = null;

  const tied = (item) => Boolean(ties && item.querySelector(".tie input")?.checked);

  function say(item) {
    if (item.parentNode === spare) {
      announce(t("leftUnranked", item.dataset.name));
    } else {
      refresh();
      announce(t("movedTo", item.dataset.name, item.querySelector(".rank-pos").textContent, list.children.length)
        + (tied(item) ? ` (${t("tied")})` : ""));
    }
    refresh();
  }

  function refresh() {
    let place = 0;
    [...list.children].forEach((item, i, all) => {
      const tie = item.querySelector(".tie");
      if (tie) {
        tie.hidden = i === 0;
        if (i === 0) tie.querySelector("input").checked = false;
      }
      if (!tied(item)) place = i + 1;
      item.querySelector(".rank-pos").textContent = String(place);
      item.querySelector(".up").disabled = i === 0;
      item.querySelector(".down").disabled = i === all.length - 1;
      item.querySelector(".drop").hidden = false;
      item.querySelector(".put-back").hidden = true;
    });
    for (const item of spare.children) {
      item.querySelector(".rank-pos").textContent = "–";
      for (const node of item.querySelectorAll(".up, .down, .drop")) node.hidden = true;
      item.querySelector(".put-back").hidden = false;
      const tie = item.querySelector(".tie");
      if (tie) {
        tie.hidden = true;
        tie.querySelector("input").checked = false;
      }
    }
    for (const node of list.querySelectorAll(".up, .down")) node.hidden = false;
    spareBox.hidden = !spare.children.length;
  }

  function move(item, delta, button) {
    const items = [...list.children];
    const index = items.indexOf(item);
    const target = index + delta;
    if (target < 0 || target >= items.length) return;
    if (delta < 0) list.insertBefore(item, items[target]);
    else list.insertBefore(item, items[target].nextSibling);
    say(item);
    (button.disabled ? item.querySelector(delta < 0 ? ".down" : ".up") : button).focus();
  }

  for (const c of candidates) {
    const up = h("button", { type: "button", class: "rank-button up", "aria-label": t("moveUp", c.name) }, "↑");
    const down = h("button", { type: "button", class: "rank-button down", "aria-label": t("moveDown", c.name) }, "↓");
    const drop = h("button", { type: "button", class: "rank-button rank-text drop", "aria-label": t("dontRank", c.name) },
      t("dontRankShort"));
    const putBack = h("button", { type: "button", class: "rank-button rank-text put-back", hidden: true,
      "aria-label": t("rankAgain", c.name) }, t("rankAgainShort"));
    const tieBox = ties ? h("label", { class: "tie" }, h("input", { type: "checkbox", name: `tie-${c.id}` }),
      t("tieWithAbove"), h("span", { class: "visually-hidden" }, ` (${c.name})`)) : null;
    const item = h("li", { class: "rank-item", draggable: "true", "data-id": c.id, "data-name": c.name },
      h("span", { class: "rank-pos", "aria-hidden": "true" }),
      h("span", { class: "rank-name" }, named(c), tieBox),
      h("span", { class: "rank-tools" }, up, down, drop, putBack));
    up.addEventListener("click", () => move(item, -1, up));
    down.addEventListener("click", () => move(item, 1, down));
    drop.addEventListener("click", () => {
      spare.append(item);
      say(item);
      putBack.focus();
    });
    putBack.addEventListener("click", () => {
      list.append(item);
      say(item);
      drop.focus();
    });
    tieBox?.querySelector("input").addEventListener("change", () => say(item));
    item.addEventListener("dragstart", (event) => {
      if (item.parentNode !== list) return event.preventDefault();
      dragged = item;
      item.classList.add("dragging");
      event.dataTransfer.effectAllowed = "move";
      event.dataTransfer.setData("text/plain", c.id);
      return undefined;
    });
    item.addEventListener("dragend", () => {
      item.classList.remove("dragging");
      dragged = null;
    });
    item.addEventListener("dragover", (event) => {
      if (!dragged || dragged === item || item.parentNode !== list) return;
      event.preventDefault();
    });
    item.addEventListener("drop", (event) => {
      event.preventDefault();
      if (!dragged || dragged === item || item.parentNode !== list) return;
      const box = item.getBoundingClientRect();
      const after = event.clientY > box.top + box.height / 2;
      list.insertBefore(dragged, after ? item.nextSibling : item);
      say(dragged);
    });
    list.append(item);
  }
  refresh();
  return {
    node: h("div", { class: "ranking-box" },
      h("p", { id: "rank-help", class: "hint" }, t(ties ? "rankHelpTies" : "rankHelp")), list, spareBox),
    value() {
      const groups = [];
      for (const item of list.children) {
        if (tied(item) && groups.length) groups.at(-1).push(item.dataset.id);
        else groups.push([item.dataset.id]);
      }
      return { ranking: groups };
    },
  };
}

// ------------------------------------------------------------------ results

async function results(e, box) {
  fill(box, loading());
  let answer;
  try {
    answer = await get(`/elections/${enc(e.id)}/results`);
  } catch (err) {
    fill(box, errorBox(err, { retry: () => results(e, box) }));
    return;
  }
  const r = answer.result || {};
  const names = new Map((answer.candidates || e.ballot || []).map((c) => [c.id, c.name]));
  const name = (id) => names.get(id) || id;
  const order = r.ranking?.length ? r.ranking : [...names.keys()];
  const parts = [
    h("p", { class: "winner" }, r.winner ? t("winnerIs", name(r.winner)) : t("noWinner")),
    h("p", {}, t("ballotsCounted", r.ballots ?? 0), r.blank ? ` ${t("blankBallots", r.blank)}` : ""),
    order.length ? h("div", {}, h("h3", {}, t("finalRanking")), h("ol", {}, order.map((id) => h("li", {}, name(id)))))
      : null,
  ];
  if (r.counts) parts.push(h("h3", {}, t("votesPerCandidate")), bars(order, r.counts, name));
  if (r.pairwise) parts.push(h("h3", {}, t("pairwise")), h("p", { class: "hint" }, t("pairwiseHelp")),
    matrix(order, r.pairwise, name, t("pairwise")));
  if (r.strongest_paths) parts.push(h("h3", {}, t("strongestPaths")),
    matrix(order, r.strongest_paths, name, t("strongestPaths")));
  if (r.rounds) {
    parts.push(h("h3", {}, t("irvRounds")));
    for (const round of r.rounds) {
      parts.push(h("h4", {}, t("roundN", round.round)), bars(order.filter((id) => id in round.counts), round.counts, name),
        h("p", {}, [round.elected ? t("roundElected", name(round.elected)) : null,
          round.eliminated ? t("roundEliminated", name(round.eliminated)) : null,
          t("roundExhausted", round.exhausted)].filter(Boolean).join(" ")));
    }
  }
  if (r.grades) {
    parts.push(h("h3", {}, t("gradesTitle")), gradesTable(order, r.grades, name));
  }
  if (r.ties?.length) {
    parts.push(h("h3", {}, t("tiesTitle")), h("ul", {}, r.ties.map((tie) => h("li", {},
      t("tieLine", tie.between.map(name).join(", "), name(tie.chosen), tie.rule), tie.detail ? ` — ${tie.detail}` : ""))));
  }
  parts.push(h("h3", {}, t("verifyTitle")), h("p", {}, t("digest"), " ", h("code", { class: "tracker" }, answer.ballots_sha256)),
    trackerCheck(e));
  fill(box, parts);
}

function bars(order, counts, name) {
  const max = Math.max(1, ...Object.values(counts));
  return h("table", { class: "table bars" },
    h("thead", {}, h("tr", {}, h("th", { scope: "col" }, t("candidate")), h("th", { scope: "col" }, t("votes")),
      h("th", { scope: "col" }, h("span", { class: "visually-hidden" }, t("chart"))))),
    h("tbody", {}, order.map((id) => h("tr", {}, h("th", { scope: "row" }, name(id)),
      h("td", { class: "num" }, formatNumber(counts[id] ?? 0)),
      h("td", { class: "bar-cell" }, s("svg", { viewBox: "0 0 100 10", preserveAspectRatio: "none", class: "bar",
        "aria-hidden": "true", focusable: "false" }, s("rect", { width: ((counts[id] ?? 0) / max) * 100, height: 10 })))))));
}

function matrix(order, data, name, caption) {
  return h("div", { class: "table-scroll" }, h("table", { class: "table matrix" },
    h("caption", {}, caption),
    h("thead", {}, h("tr", {}, h("td", {}), order.map((id) => h("th", { scope: "col" }, name(id))))),
    h("tbody", {}, order.map((a) => h("tr", {}, h("th", { scope: "row" }, name(a)),
      order.map((b) => {
        if (a === b) return h("td", { class: "num muted" }, "—");
        const value = data[a]?.[b] ?? 0;
        const other = data[b]?.[a] ?? 0;
        return h("td", { class: `num ${value > other ? "wins" : value < other ? "loses" : ""}` }, formatNumber(value));
      }))))));
}

function gradesTable(order, grades, name) {
  const keys = Object.keys(GRADES);
  return h("div", { class: "table-scroll" }, h("table", { class: "table" },
    h("thead", {}, h("tr", {}, h("th", { scope: "col" }, t("candidate")), h("th", { scope: "col" }, t("median")),
      keys.map((g) => h("th", { scope: "col" }, label(GRADES, g))))),
    h("tbody", {}, order.map((id) => {
      const g = grades[id] || { counts: {} };
      return h("tr", {}, h("th", { scope: "row" }, name(id)), h("td", {}, g.median ? label(GRADES, g.median) : "—"),
        keys.map((k) => h("td", { class: "num" }, formatNumber(g.counts?.[k] ?? 0))));
    }))));
}

function trackerCheck(e) {
  const out = h("div"); // what was found is said through the page's live region (success())
  const tracker = input("tracker", { maxlength: 100, autocomplete: "off", value: loadReceipt(e.id) || "" });
  const submit = h("button", { type: "submit", class: "button button-quiet" }, t("checkBallot"));
  const form = h("form", { class: "inline-form", novalidate: true }, field(t("trackerLabel"), tracker), submit, out);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const value = tracker.value.trim();
    if (!value) return;
    busy(submit, out, async () => {
      const found = await get(`/elections/${enc(e.id)}/ballots/${enc(value)}`);
      fill(out, success(t("ballotFound")), h("pre", { class: "ballot-json" }, JSON.stringify(found, null, 2)));
    });
  });
  return form;
}

// ------------------------------------------------------------------ admin controls

/** Open the next phase, or close the vote with a reason: what an admin may do now. */
export function adminControls(e, done) {
  const notices = h("div");
  const box = h("section", { class: "block admin", "aria-label": t("adminTools") }, h("h2", {}, t("adminTools")));
  if (e.status === "draft" || e.status === "nominations") {
    const button = h("button", { type: "button", class: "button" },
      t(e.status === "draft" ? "openNominations" : "openVoting"));
    button.addEventListener("click", () => busy(button, notices, async () => {
      await post(`/elections/${enc(e.id)}/open`);
      done();
    }));
    box.append(h("p", {}, button));
  } else if (e.status === "voting") {
    const reason = textarea("reason", { rows: 2, maxlength: 500, required: true });
    const button = h("button", { type: "submit", class: "button" }, t("closeVoting"));
    const form = h("form", { class: "form", novalidate: true }, field(t("closeReason"), reason), button);
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      if (!reason.value.trim()) {
        refuse(reason, notices, t("reasonRequired"));
        return;
      }
      busy(button, notices, async () => {
        await post(`/elections/${enc(e.id)}/close`, { reason: reason.value.trim() });
        done();
      });
    });
    box.append(form);
  } else {
    box.append(h("p", { class: "muted" }, t("noAdminAction")));
  }
  if (e.electorate === "roll" && ["draft", "nominations"].includes(e.status)) box.append(rollForm(e));
  box.append(notices, auditLog(e));
  return box;
}

/** Add e-mail addresses to the voter roll (one per line, or separated by commas). */
function rollForm(e) {
  const notices = h("div");
  const emails = textarea("emails", { rows: 4 });
  const submit = h("button", { type: "submit", class: "button button-quiet" }, t("uploadRoll"));
  const form = h("form", { class: "form", novalidate: true }, field(t("rollEmails"), emails, { hint: t("rollHint") }),
    notices, h("div", { class: "actions" }, submit));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const list = emails.value.split(/[\s,;]+/).map((x) => x.trim()).filter(Boolean);
    if (!list.length) return;
    busy(submit, notices, async () => {
      const answer = await post(`/elections/${enc(e.id)}/roll`, { emails: list });
      emails.value = "";
      notices.append(success(t("rollUploaded", answer.received)));
    });
  });
  return form;
}

/** Every administrative act on the election, who and when (loaded when opened). */
function auditLog(e) {
  const list = h("div");
  const details = h("details", {}, h("summary", {}, t("auditLog")), list);
  details.addEventListener("toggle", async () => {
    if (!details.open || list.childElementCount) return;
    list.append(loading());
    try {
      const answer = await get(`/elections/${enc(e.id)}/audit`);
      const items = Array.isArray(answer) ? answer : answer.items || [];
      fill(list, h("ul", { class: "plain-list" }, items.map((a) => h("li", {},
        h("time", { datetime: a.at }, formatDateTime(a.at)), ` — ${a.action}`, a.reason ? ` (${a.reason})` : ""))));
    } catch (err) {
      fill(list, errorBox(err));
    }
  });
  return details;
}

// ------------------------------------------------------------------ one poll

function pollView(route) {
  const controller = new AbortController();
  const back = backLink("#/votes", t("backVotes"));
  fill(main, back, loading());

  async function load(message = null) {
    try {
      const poll = await get(`/polls/${enc(route.id)}`, {}, { signal: controller.signal });
      render(poll, message);
    } catch (err) {
      if (err.name === "AbortError") return;
      if (err instanceof ApiError && err.status === 401) {
        window.location.hash = `#/signin?next=${enc(window.location.hash)}`;
        return;
      }
      failedPage(err, route, load);
      main.prepend(back);
    }
  }

  function render(p, message) {
    const q = pick(p.question);
    const options = p.options || [];
    const notices = h("div");
    const parts = [h("p", {}, p.status === "open" ? t("pollOpenUntil", formatDateTime(p.closes_at))
      : label(POLL_STATUS, p.status))];
    if (message) parts.push(success(message));
    if (p.status === "open" && !p.voted) {
      const multiple = p.max_choices > 1;
      const fieldset = h("fieldset", { class: "choices" },
        h("legend", {}, multiple ? t("pickUpTo", p.max_choices) : t("pickOneOption")),
        options.map((o) => h("div", { class: "choice" },
          h("input", { type: multiple ? "checkbox" : "radio", name: "choice", value: o.id, id: `p-${o.id}` }),
          h("label", { for: `p-${o.id}` }, pick(o.label)?.text || o.id))));
      const submit = h("button", { type: "submit", class: "button" }, t("pollReviewVote"));
      const form = h("form", { class: "form", novalidate: true }, fieldset, notices, h("div", { class: "actions" }, submit));
      const reviewBox = h("div");
      form.addEventListener("submit", (event) => {
        event.preventDefault();
        const choices = checkedValues(form, "choice");
        if (!choices.length || choices.length > p.max_choices) {
          fill(notices, h("p", { class: "alert", role: "alert" }, t("ballotIncomplete")));
          return;
        }
        notices.replaceChildren();
        reviewPoll(choices);
      });

      // As for a ballot: one vote, not changed once cast, so the voter sees it before it is sent.
      function reviewPoll(choices) {
        const chosen = new Set(choices);
        reviewStep({
          form, box: reviewBox, level: "h2", title: t("pollReviewTitle"), hint: t("pollReviewHint"),
          castLabel: t("pollCastVote"), refocus: "input:checked, input",
          summary: h("ul", { class: "plain-list review-choices" }, options.filter((o) => chosen.has(o.id))
            .map((o) => h("li", { lang: pick(o.label)?.lang }, pick(o.label)?.text || o.id))),
          cast: async () => {
            await post(`/polls/${enc(p.id)}/votes`, { choices });
            await load(t("pollVoted"));
          },
        });
      }
      parts.push(form, reviewBox);
    } else if (p.voted) {
      parts.push(h("p", { class: "success" }, t("alreadyVoted")));
    }
    if (p.counts) {
      const order = options.map((o) => o.id);
      const labels = new Map(options.map((o) => [o.id, pick(o.label)?.text || o.id]));
      parts.push(h("h2", {}, t("results")), h("p", {}, t("votersCount", p.voters ?? 0)),
        bars(order, p.counts, (id) => labels.get(id)));
    } else {
      parts.push(h("p", { class: "muted" }, t("resultsAfterClose")));
    }
    if (p.status === "open" && isModeratorOrEditor(p)) parts.push(closePoll(p));
    fill(main, back, h("article", { class: "detail" },
      h("h1", { tabindex: "-1", lang: q?.lang }, q?.text || p.id), parts));
    setTitle(q?.text || "");
    focusHeading(route.focus || Boolean(message));
  }

  let editorOf = new Set();
  const isModeratorOrEditor = (p) => isModerator() || (p.association_id && editorOf.has(p.association_id));

  function closePoll(p) {
    const notices = h("div");
    const reason = textarea("reason", { rows: 2, maxlength: 500 });
    const button = h("button", { type: "submit", class: "button button-quiet" }, t("closePoll"));
    const form = h("form", { class: "form", novalidate: true }, h("h2", {}, t("closePoll")),
      field(t("closeReason"), reason), notices, h("div", { class: "actions" }, button));
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      if (!reason.value.trim()) {
        fill(notices, h("p", { class: "alert", role: "alert" }, t("reasonRequired")));
        return;
      }
      busy(button, notices, async () => {
        await post(`/polls/${enc(p.id)}/close`, { reason: reason.value.trim() });
        await load(t("pollClosed"));
      });
    });
    return form;
  }

  if (session()) {
    get("/me", {}, { signal: controller.signal }).then((me) => {
      editorOf = new Set((me.memberships || []).map((m) => m.association.id));
    }, () => {}).finally(() => load());
  } else {
    load();
  }
  return { name: "poll", destroy: () => controller.abort() };
}

// ------------------------------------------------------------------ asking a poll

/**
 * A new poll: to every member (moderators) or to one association's members (its editors, associationId).
 * Options one per line; "Broderie | Вишивка | Embroidery" gives the French, Ukrainian and English labels.
 */
export function pollForm({ associationId = null, done = () => {} } = {}) {
  const notices = h("div");
  const submit = h("button", { type: "submit", class: "button" }, t("publishPoll"));
  const week = new Date(Date.now() + 7 * 86_400_000 - new Date().getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
  const form = h("form", { class: "form", novalidate: true },
    localizedFields("question", t("question"), {}, { max: 300 }),
    field(t("pollOptions"), textarea("options", { rows: 4 }), { hint: t("pollOptionsHint") }),
    h("div", { class: "form-grid" },
      field(t("maxChoices"), input("max_choices", { type: "number", min: 1, max: 20, value: 1 })),
      field(t("resultsShown"), select("results", [["after_close", t("resultsAfterCloseOption")],
        ["live", t("resultsLiveOption")]], "after_close")),
      dateField(t("closesAt"), "closes_at", { time: true, value: week })),
    notices, h("div", { class: "actions" }, submit));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const f = form.elements;
    const dates = readDates(form, notices);
    if (!dates) return;
    const options = f.options.value.split("\n").map((line) => line.trim()).filter(Boolean).map((line) => {
      const [fr, uk, en] = line.split("|").map((x) => x.trim());
      return Object.fromEntries(Object.entries({ fr, uk, en }).filter(([, v]) => v));
    });
    busy(submit, notices, async () => {
      const poll = await post("/polls", {
        question: localized(form, "question"), options, max_choices: Number(f.max_choices.value || 1),
        audience: associationId ? "association" : "members", association_id: associationId,
        results: f.results.value, closes_at: dates.closes_at ? new Date(dates.closes_at).toISOString() : null,
      });
      done(poll);
      window.location.hash = `#/polls/${enc(poll.id)}`;
    });
  });
  return h("details", { class: "block-details" }, h("summary", {}, t("askPoll")), form);
}
