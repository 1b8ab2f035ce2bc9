// The mail digest and one's own data:
//   #/subscribe[?follow=<association id>]  subscribe by e-mail (double opt-in: a confirmation mail is sent)
//   #/account                              signed in: my subscription (change, unsubscribe), my events,
//                                          my data as a JSON file, deleting my account

import { del, get, getRegions, post, put } from "../api.js";
import { session, signOut } from "../auth.js";
import { fill, h } from "../dom.js";
import { EVENT_CATEGORIES, LANGS, LANG_NAMES, formatDateTime, label, lang, pick, t } from "../i18n.js";
import "../more-strings.js";
import {
  announce, busy, byName, checkedValues, choices, errorBox, failedPage, field, focusHeading, geography, input, loading,
  main, placeName, refuse, select, setTitle, success,
} from "../ui.js";

const enc = encodeURIComponent;

export function mount(route) {
  const controller = new AbortController();
  const ctx = { route, signal: controller.signal };
  if (route.name === "subscribe") subscribeView(ctx);
  else accountView(ctx);
  return { name: route.name, destroy: () => controller.abort() };
}

function page(ctx, heading, ...content) {
  fill(main, h("h1", { tabindex: "-1" }, heading), content);
  setTitle(heading);
  focusHeading(ctx.route.focus);
}

/** The names of followed associations (by id), for their checkboxes. */
async function associationNames(ids, signal) {
  const named = await Promise.all(ids.map((id) => get(`/associations/${enc(id)}`, {}, { signal })
    .then((a) => [id, a.name], () => [id, null])));
  return named.filter(([, name]) => name);
}

/** What to hear about: regions, topics, followed associations, language, frequency. */
function preferenceFields(geo, values, followed) {
  const regions = [...geo.regions.values()].sort(byName).map((r) => [r.code, placeName(r)]);
  const topics = Object.keys(EVENT_CATEGORIES).map((c) => [c, label(EVENT_CATEGORIES, c)]);
  return [
    h("details", { class: "block-details", open: values.regions?.length ? true : null },
      h("summary", {}, t("subRegions")),
      h("p", { class: "hint" }, t("subNoneMeansAll")),
      choices(t("subRegions"), "regions", regions, values.regions || [])),
    h("details", { class: "block-details", open: values.categories?.length ? true : null },
      h("summary", {}, t("subTopics")),
      h("p", { class: "hint" }, t("subNoneMeansAll")),
      choices(t("subTopics"), "categories", topics, values.categories || [])),
    followed.length ? choices(t("subFollowed"), "associations", followed,
      values.associations || followed.map(([id]) => id)) : null,
    h("div", { class: "form-grid" },
      field(t("subLanguage"), select("language", LANGS.map((code) => [code, LANG_NAMES[code]]), values.language || lang())),
      field(t("subFrequency"), select("frequency",
        ["weekly", "daily"].map((f) => [f, t(`freq_${f}`)]), values.frequency === "daily" ? "daily" : "weekly"))),
  ];
}

function readPreferences(form) {
  return {
    regions: checkedValues(form, "regions"), categories: checkedValues(form, "categories"),
    associations: checkedValues(form, "associations"), language: form.elements.language.value,
    frequency: form.elements.frequency.value,
  };
}

// ------------------------------------------------------------------ subscribe (anyone)

async function subscribeView(ctx) {
  fill(main, loading());
  const follow = ctx.route.params.get("follow") || "";
  let geo;
  let followed;
  try {
    [geo, followed] = await Promise.all([getRegions().then(geography),
      associationNames(/^as_[0-9a-f]{20}$/.test(follow) ? [follow] : [], ctx.signal)]);
  } catch (err) {
    if (err.name !== "AbortError") failedPage(err, ctx.route, () => subscribeView(ctx));
    return;
  }
  const notices = h("div");
  const email = input("email", {
    type: "email", required: true, autocomplete: "email", maxlength: 254, value: session()?.email || null,
  });
  const submit = h("button", { type: "submit", class: "button" }, t("subSubmit"));
  const form = h("form", { class: "form", novalidate: true },
    field(t("emailLabel"), email, { hint: t("subEmailHint") }),
    preferenceFields(geo, {}, followed),
    notices, h("div", { class: "actions" }, submit));
  const done = h("div");
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const address = email.value.trim();
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(address)) {
      refuse(email, notices, t("subEmailInvalid"));
      return;
    }
    email.removeAttribute("aria-invalid");
    busy(submit, notices, async () => {
      await post("/subscriptions", { email: address, ...readPreferences(form) });
      form.hidden = true;
      const box = h("div", { class: "success", tabindex: "-1" },
        h("p", {}, h("strong", {}, t("subCheckMailbox"))), h("p", {}, t("subCheckMailboxText", address)));
      announce(`${t("subCheckMailbox")} ${t("subCheckMailboxText", address)}`);
      fill(done, box);
      box.focus();
    });
  });
  page(ctx, t("subTitle"),
    h("p", { class: "lead" }, t("subIntro")),
    session() ? h("p", {}, t("subSignedIn"), " ", h("a", { href: "#/account" }, t("mySubscription"))) : null,
    form, done);
}

// ------------------------------------------------------------------ my account (signed in)

function accountView(ctx) {
  if (!session()) {
    if (ctx.route.params.get("deleted")) {
      page(ctx, t("accountDeleted"), success(t("accountDeletedText")),
        h("p", {}, h("a", { href: "#/" }, t("backHome"))));
    } else {
      window.location.replace(`#/signin?next=${enc("#/account")}`);
    }
    return;
  }
  const subscriptionBox = h("div", {}, loading());
  const eventsBox = h("div", {}, loading());
  page(ctx, t("accountTitle"),
    h("section", { class: "block", "aria-labelledby": "acc-sub" },
      h("h2", { id: "acc-sub" }, t("mySubscription")), subscriptionBox),
    h("section", { class: "block", "aria-labelledby": "acc-events" },
      h("h2", { id: "acc-events" }, t("myEvents")), eventsBox),
    h("section", { class: "block", "aria-labelledby": "acc-data" },
      h("h2", { id: "acc-data" }, t("myData")), exportData()),
    h("section", { class: "block", "aria-labelledby": "acc-delete" },
      h("h2", { id: "acc-delete" }, t("deleteAccount")), deleteAccount()));
  subscription(ctx, subscriptionBox);
  myEvents(ctx, eventsBox);
}

async function subscription(ctx, box, message = null) {
  let current = null;
  let geo;
  try {
    const [data, prefs] = await Promise.all([getRegions(), get("/me/subscription", {}, { signal: ctx.signal })]);
    geo = geography(data);
    current = ["pending", "confirmed"].includes(prefs.status) ? prefs : null; // else "none" (or suppressed)
  } catch (err) {
    if (err.name !== "AbortError") fill(box, errorBox(err, { retry: () => subscription(ctx, box) }));
    return;
  }
  const followed = await associationNames(current?.associations || [], ctx.signal);
  const notices = h("div");
  const save = h("button", { type: "submit", class: "button" }, current ? t("save") : t("subSubmit"));
  const stop = h("button", { type: "button", class: "button button-quiet" }, t("unsubscribe"));
  const form = h("form", { class: "form", novalidate: true },
    preferenceFields(geo, current || {}, followed), notices,
    h("div", { class: "actions" }, save, current ? stop : null));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    busy(save, notices, async () => {
      await put("/me/subscription", readPreferences(form));
      await subscription(ctx, box, current ? t("saved") : t("subDone"));
      box.querySelector(".success")?.focus();
    });
  });
  stop.addEventListener("click", () => busy(stop, notices, async () => {
    await del("/me/subscription");
    await subscription(ctx, box, t("unsubscribed"));
    box.querySelector(".success")?.focus();
  }));
  const status = message ? success(message) : null;
  status?.setAttribute("tabindex", "-1");
  fill(box, status,
    h("p", {}, current ? t(`subStatus_${current.status}`) : t("subNone")), form);
}

async function myEvents(ctx, box) {
  try {
    const items = ((await get("/me/rsvps", {}, { signal: ctx.signal })).items || []).slice(0, 20);
    const events = await Promise.all(items.map((r) => get(`/events/${enc(r.event_id)}`, {}, { signal: ctx.signal })
      .catch((err) => {
        if (err.name === "AbortError") throw err;
        return null;
      })));
    fill(box, items.length ? h("ul", { class: "plain-list" }, items.map((r, i) => {
      const ev = events[i];
      const title = ev ? pick(ev.title) : null;
      return h("li", {},
        h("a", { href: `#/events/${enc(r.event_id)}`, lang: title?.lang }, title?.text || r.event_id),
        ev ? ` — ${formatDateTime(ev.start, ev.timezone)}` : "",
        ` · ${t(`rsvp_${r.status}`)}`);
    })) : h("p", { class: "muted" }, t("noRsvps")));
  } catch (err) {
    if (err.name !== "AbortError") fill(box, errorBox(err, { retry: () => myEvents(ctx, box) }));
  }
}

function exportData() {
  const notices = h("div");
  const button = h("button", { type: "button", class: "button" }, t("exportData"));
  button.addEventListener("click", () => busy(button, notices, async () => {
    const data = await get("/me/export");
    const url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: "application/json" }));
    const link = h("a", { href: url, download: `hromada-${new Date().toISOString().slice(0, 10)}.json` });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    notices.append(success(t("exportDone")));
  }));
  return [h("p", {}, t("exportIntro")), h("p", {}, button), notices];
}

function deleteAccount() {
  const me = session();
  const notices = h("div");
  const confirm = input("confirm", { type: "email", autocomplete: "off", maxlength: 254 });
  const submit = h("button", { type: "submit", class: "button button-danger" }, t("deleteAccountButton"));
  const form = h("form", { class: "form narrow", novalidate: true },
    h("p", {}, t("deleteIntro")),
    field(t("deleteConfirmLabel"), confirm, { hint: t("deleteConfirmHint", me.email) }),
    notices, h("div", { class: "actions" }, submit));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const typed = confirm.value.trim();
    if (typed.toLowerCase() !== String(me.email).toLowerCase()) {
      refuse(confirm, notices, t("deleteMismatch"));
      return;
    }
    busy(submit, notices, async () => {
      await del("/me", { body: { confirm: typed } });
      window.location.hash = "#/account?deleted=1";
      signOut();
    });
  });
  return form;
}
