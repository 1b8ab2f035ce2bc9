// Hromada web client: a hash-routed page over the API. Views load on demand (plain ES modules):
//   #/                          home: the region map, its events, announcements, votes (#/?region=76)
//   #/associations[?filters]    the directory;  #/associations/<slug>  one association
//   #/events[?filters]          events;         #/events/<id>          one event
//   #/announcements[?filters]   announcements;  #/announcements/<id>   one announcement (the mails link here)
//   #/votes                     elections and polls; #/elections/<id>, #/polls/<id>
//   #/campaigns                 campaigns;       #/campaigns/<slug>     one campaign (admins: its gap map)
//   #/signin, #/signup, #/forgot  account (#/forgot: a new password with a code Cognito e-mails);        #/dashboard/...        an association's editors
//   #/moderation                moderators and admins (#/moderation/flags/<kind:id> one reported item)
//   #/subscribe                 the mail digest;  #/account  my subscription, my data, deleting my account
//   #/claims[?q=&verdict=]      fact-checked claims; #/claims/<id>     one claim (the fact-checked notices link here)
//   #/privacy, #/legal
//   #/open-data                 the daily open-data export: its files, their size, last update, the licence

import { fill, h } from "./js/dom.js";
import { lang, setLang, t } from "./js/i18n.js";
import { isModerator, onSessionChange, session, signOut } from "./js/auth.js";
import { errorBox, focusHeading, main, setTitle } from "./js/ui.js";
import { getRegions } from "./js/api.js";

// Asked for now, while the page's view module loads: nearly every page shows places, and on a slow link
// these two requests (config.json, then /regions) would otherwise wait for the view (docs/benchmarks.md).
getRegions().catch(() => {});

const VIEWS = {
  home: () => import("./js/views/home.js"),
  directory: () => import("./js/views/associations.js"),
  association: () => import("./js/views/associations.js"),
  events: () => import("./js/views/events.js"),
  event: () => import("./js/views/events.js"),
  announcements: () => import("./js/views/announcements.js"),
  announcement: () => import("./js/views/announcements.js"),
  claims: () => import("./js/views/claims.js"),
  claim: () => import("./js/views/claims.js"),
  votes: () => import("./js/views/votes.js"),
  election: () => import("./js/views/votes.js"),
  poll: () => import("./js/views/votes.js"),
  signin: () => import("./js/views/account.js"),
  signup: () => import("./js/views/account.js"),
  forgot: () => import("./js/views/account.js"),
  dashboard: () => import("./js/views/dashboard.js"),
  moderation: () => import("./js/views/moderation.js"),
  privacy: () => import("./js/views/legal.js"),
  legal: () => import("./js/views/legal.js"),
  "open-data": () => import("./js/views/open-data.js"),
  subscribe: () => import("./js/views/me.js"),
  account: () => import("./js/views/me.js"),
  partnerships: () => import("./js/views/partnerships.js"),
  partnership: () => import("./js/views/partnerships.js"),
  initiatives: () => import("./js/views/partnerships.js"),
  initiative: () => import("./js/views/partnerships.js"),
  twinninghealth: () => import("./js/views/twinning-health.js"),
  campaigns: () => import("./js/views/campaigns.js"),
  campaign: () => import("./js/views/campaigns.js"),
};
const NAV = [["home", "#/", "navHome"], ["events", "#/events", "navEvents"],
  ["directory", "#/associations", "navDirectory"], ["partnerships", "#/partnerships", "navPartnerships"],
  ["votes", "#/votes", "navVotes"]];
const SECTION = { association: "directory", event: "events", election: "votes", poll: "votes",
  partnership: "partnerships", initiatives: "partnerships", initiative: "partnerships", claim: "claims",
  twinninghealth: "moderation", campaign: "campaigns" };

let view = null; // the mounted view: { name, update?(route), destroy?() }
let rendering = 0;

// ------------------------------------------------------------------ shell

function translateShell() {
  document.documentElement.lang = lang();
  for (const node of document.querySelectorAll("[data-i18n]")) node.textContent = t(node.dataset.i18n);
  for (const node of document.querySelectorAll("[data-i18n-label]")) {
    node.setAttribute("aria-label", t(node.dataset.i18nLabel));
  }
  for (const button of document.querySelectorAll(".lang-switch [data-lang]")) {
    button.setAttribute("aria-pressed", String(button.dataset.lang === lang()));
  }
  renderNav();
}

function renderNav(routeName = parseRoute(window.location.hash).name) {
  const nav = document.querySelector(".site-nav ul");
  const me = session();
  const links = [...NAV];
  if (me) links.push(["dashboard", "#/dashboard", "navDashboard"], ["account", "#/account", "navAccount"]);
  if (me && isModerator()) links.push(["moderation", "#/moderation", "navModeration"]);
  const current = SECTION[routeName] || routeName;
  fill(nav, links.map(([name, href, key]) => h("li", {},
    h("a", { href, "aria-current": name === current ? "page" : null }, t(key)))));
  const account = document.querySelector(".account");
  if (me) {
    fill(account,
      h("span", { class: "account-name" }, t("signedInAs", me.name || me.email)),
      h("button", { type: "button", class: "link-button", onclick: () => signOut() }, t("signOut")));
  } else {
    const back = encodeURIComponent(window.location.hash || "#/");
    fill(account, h("a", { href: `#/signin?next=${back}`, class: "account-link" }, t("signIn")),
      h("a", { href: "#/signup", class: "account-link" }, t("signUp")));
  }
}

// ------------------------------------------------------------------ router

function safeDecode(value) {
  try {
    return decodeURIComponent(value);
  } catch {
    return null;
  }
}

function parseRoute(hash) {
  const path = (hash || "").replace(/^#/, "") || "/";
  const [pathname, query = ""] = path.split("?", 2);
  const params = new URLSearchParams(query);
  const parts = pathname.split("/").filter(Boolean).map(safeDecode);
  if (parts.includes(null)) return { name: "notfound" };
  const [first, second, ...rest] = parts;
  if (!first) return { name: "home", params };
  if (first === "associations" && !second) return { name: "directory", params };
  if (first === "associations" && second && !rest.length) return { name: "association", slug: second, params };
  if (first === "events" && !second) return { name: "events", params };
  if (first === "events" && second && !rest.length) return { name: "event", id: second, params };
  if (first === "announcements" && !second) return { name: "announcements", params };
  if (first === "announcements" && second && !rest.length) return { name: "announcement", id: second, params };
  if (first === "votes" && !second) return { name: "votes", params };
  if (first === "claims" && !second) return { name: "claims", params };
  if (first === "claims" && second && !rest.length) return { name: "claim", id: second, params };
  if (first === "partnerships" && !second) return { name: "partnerships", params };
  if (first === "partnerships" && second && !rest.length) return { name: "partnership", id: second, params };
  if (first === "initiatives" && !second) return { name: "initiatives", params };
  if (first === "initiatives" && second && !rest.length) return { name: "initiative", id: second, params };
  if (first === "elections" && second && !rest.length) return { name: "election", id: second, params };
  if (first === "campaigns" && !second) return { name: "campaigns", params };
  if (first === "campaigns" && second && !rest.length) return { name: "campaign", id: second, params };
  if (first === "polls" && second && !rest.length) return { name: "poll", id: second, params };
  if (first === "open-data" && !second) return { name: "open-data", params };
  if (["signin", "signup", "forgot", "moderation", "privacy", "legal", "subscribe", "account"].includes(first) && !second) {
    return { name: first, params };
  }
  if (first === "moderation" && second === "flags" && rest.length === 1) {
    return { name: "moderation", item: rest[0], params };
  }
  if (first === "twinning" && second === "health" && !rest.length) return { name: "twinninghealth", params };
  if (first === "dashboard") return { name: "dashboard", parts: [second, ...rest].filter(Boolean), params };
  return { name: "notfound" };
}

function notFoundView(route) {
  fill(main,
    h("h1", { tabindex: "-1" }, t("pageNotFound")),
    h("p", {}, t("pageNotFoundText")),
    h("p", {}, h("a", { href: "#/" }, t("backHome"))));
  setTitle(t("pageNotFound"));
  focusHeading(route.focus);
  return { name: "notfound" };
}

/** Show the view for the current hash; `focus` moves focus to its heading (not on first load). */
async function render({ rebuild = false, focus = true } = {}) {
  const hash = window.location.hash;
  // main[data-route] names the hash whose view is mounted: what follows the page (and its tests) waits on it
  const shown = () => { main.dataset.route = hash; };
  if (view && hash && !hash.startsWith("#/")) return shown(); // an in-page anchor, not a route
  delete main.dataset.route;
  const route = { ...parseRoute(hash.startsWith("#/") ? hash : "#/"), focus };
  renderNav(route.name);
  if (!rebuild && view && view.name === route.name && view.update) {
    view.update(route);
    return shown();
  }
  const ticket = ++rendering;
  view?.destroy?.();
  view = null;
  if (!rebuild) window.scrollTo(0, 0);
  if (route.name === "notfound" || !VIEWS[route.name]) {
    view = notFoundView(route);
    return shown();
  }
  let module;
  try {
    module = await VIEWS[route.name]();
  } catch (err) {
    if (ticket !== rendering) return;
    fill(main, h("h1", { tabindex: "-1" }, t("errTitle")), errorBox(err, { title: null, retry: () => render() }));
    return shown();
  }
  if (ticket !== rendering) return; // another navigation happened meanwhile
  view = module.mount(route);
  shown();
}

// ------------------------------------------------------------------ the menu (folded on phones)

const header = document.querySelector(".site-header");
const menuToggle = document.querySelector(".menu-toggle");

function openMenu(open) {
  menuToggle.setAttribute("aria-expanded", String(open));
  header.classList.toggle("menu-open", open);
}

menuToggle.addEventListener("click", () => openMenu(menuToggle.getAttribute("aria-expanded") !== "true"));
header.addEventListener("keydown", (event) => {
  if (event.key !== "Escape" || menuToggle.getAttribute("aria-expanded") !== "true") return;
  openMenu(false);
  menuToggle.focus();
});
header.addEventListener("click", (event) => { // a link followed, even to the page already shown
  if (event.target.closest(".site-menu a")) openMenu(false);
});

document.querySelector(".skip-link").addEventListener("click", (event) => {
  event.preventDefault();
  main.focus();
});

for (const button of document.querySelectorAll(".lang-switch [data-lang]")) {
  button.addEventListener("click", () => {
    if (button.dataset.lang === lang()) return;
    setLang(button.dataset.lang);
    translateShell();
    render({ rebuild: true, focus: false }); // focus stays on the switcher
  });
}

onSessionChange((_, reason) => {
  renderNav();
  if (reason === "expired") {
    window.location.hash = `#/signin?expired=1&next=${encodeURIComponent(window.location.hash || "#/")}`;
  } else if (reason === "signout") {
    render({ rebuild: true, focus: false });
  }
});

window.addEventListener("hashchange", () => {
  openMenu(false);
  render();
});
translateShell();
render({ focus: false });
