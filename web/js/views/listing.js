// What the list-and-filter views share (the associations directory, events, announcements): the filters kept in
// the address (#/<path>?key=value…), the filter form with its search and reset buttons, the region options, and
// the list of cards read page by page (the "more" button follows the cursor) with its status, empty and error states.

import { get, getRegions } from "../api.js";
import { fill, h } from "../dom.js";
import { t } from "../i18n.js";
import { byName, errorBox, failedPage, geography, loading, main, placeName, setTitle } from "../ui.js";

const lastHashes = new Map();

/** The address of the list as last shown (with its filters), for a detail page's "back" link. */
export const backHash = (path) => lastHashes.get(path) || `#/${path}`;

/** One item (`itemPath`) with the regions and departments for its place names, read together. */
export const withPlaces = (itemPath, signal) => Promise.all([
  get(itemPath, {}, { signal }),
  getRegions().then(geography, () => geography(null)),
]);

/** A detail page: "loading" under its back link, then `render(item, geo)`, or what failed (with a retry). */
export function showItem(route, back, itemPath, signal, render) {
  fill(main, back, loading());
  setTitle(t("loading"));

  async function load() {
    try {
      const [item, geo] = await withPlaces(itemPath, signal);
      await render(item, geo);
    } catch (err) {
      if (err.name === "AbortError") return;
      failedPage(err, route, load);
      main.prepend(back);
    }
  }
  load();
}

/**
 * The filters of the list at #/<path>, read from and written to the address: `filters` (the ones shown),
 * `go(next)` (show these), `update(route, force)` (the router's: the address changed). `refresh()` runs
 * whenever the filters are read again (to show them in the form), `reload()` when they changed (or `force`).
 */
export function addressFilters(path, keys, route, { refresh, reload }) {
  const read = (params) => {
    const out = {};
    for (const key of keys) {
      const value = (params?.get(key) || "").trim();
      if (value) out[key] = value;
    }
    return out;
  };
  const hash = (filters) => {
    const params = new URLSearchParams();
    for (const key of keys) if (filters[key]) params.set(key, filters[key]);
    const query = params.toString();
    return query ? `#/${path}?${query}` : `#/${path}`;
  };
  const state = {
    filters: read(route.params),
    go(next) {
      const target = hash(next);
      if (target !== window.location.hash) window.location.hash = target;
      else state.update({ params: new URLSearchParams(target.split("?")[1] || "") }, true);
    },
    update(next, force = false) {
      const wanted = read(next.params);
      const same = hash(wanted) === hash(state.filters);
      state.filters = wanted;
      lastHashes.set(path, hash(wanted));
      refresh();
      if (!same || force) reload();
    },
  };
  lastHashes.set(path, hash(state.filters));
  return state;
}

/** The filter form (a search landmark, folded on small screens by foldFilters) ending in search and reset. */
export function filterForm(id, fields, reset) {
  return h("form", { class: "filters", id, role: "search", "aria-label": t("filters"), novalidate: true },
    fields,
    h("div", { class: "actions" },
      h("button", { type: "submit", class: "button" }, t("searchBtn")),
      h("button", { type: "button", class: "button button-quiet", onclick: reset }, t("resetBtn"))));
}

/** A region select's options: "any", then the regions by name. */
export function regionOptions(select, geo) {
  fill(select, h("option", { value: "" }, t("any")),
    [...geo.regions.values()].sort(byName).map((r) => h("option", { value: r.code }, placeName(r))));
}

/**
 * The cards of `path` page by page: `status`, `list` and `more` to place in the page, `load(reset)` to read the
 * first page again (reset) or the next one, `abort()`. `params()` gives the filters; `ready()` is awaited with
 * each page; `counted(shown, cursor)` says how many are shown; `empty` (optional) shows when none are.
 */
export function pagedCards(path, render, { params, notices, labelledby, more, pageSize, counted, empty = null,
  ready = () => null }) {
  const status = h("p", { class: "status", role: "status" });
  const list = h("ul", { class: "cards", "aria-labelledby": labelledby });
  const button = h("button", { type: "button", class: "button", hidden: true, onclick: () => load(false) }, more);
  let controller = null;
  let cursor = null;
  let shown = 0;

  async function load(reset) {
    controller?.abort();
    controller = new AbortController();
    const { signal } = controller;
    if (reset) {
      cursor = null;
      shown = 0;
      list.replaceChildren();
      if (empty) empty.hidden = true;
    }
    for (const box of notices.querySelectorAll(".alert:not(.keep)")) box.remove();
    button.hidden = true;
    list.setAttribute("aria-busy", "true");
    status.textContent = t("loading");
    try {
      const [page] = await Promise.all([get(path, { ...params(), limit: pageSize, cursor }, { signal }), ready()]);
      const cards = (Array.isArray(page.items) ? page.items : []).map(render);
      list.append(...cards);
      shown += cards.length;
      cursor = page.next_cursor || null;
      button.hidden = !cursor;
      if (empty) empty.hidden = shown > 0;
      status.textContent = counted(shown, cursor);
      if (!reset && cards.length) cards[0].querySelector("a").focus();
    } catch (err) {
      if (err.name === "AbortError") return;
      status.textContent = "";
      notices.append(errorBox(err, { retry: () => load(reset) }));
    } finally {
      if (!signal.aborted) list.removeAttribute("aria-busy");
    }
  }

  return { status, list, more: h("div", { class: "more" }, button), load, abort: () => controller?.abort() };
}
