// Cards shared by several pages: an event, an announcement, a list with "show more".

import { get } from "./api.js";
import { externalLink, h, plainText, safeUrl } from "./dom.js";
import {
  ANNOUNCEMENT_TYPES, EVENT_CATEGORIES, NEEDS, addStrings, formatDate, formatDateTime, formatMoney, label, pick, t,
} from "./i18n.js";
import { cardMedia } from "./pictures.js";
import { factCheckMark } from "./fact-check-mark.js";
import { errorBox, placeName, tags } from "./ui.js";

addStrings({ repeatsBadge: ["Récurrent", "Регулярна", "Repeats"] }); // one date of a series

export function eventWhere(ev, geo) {
  const venue = ev.venue;
  const parts = [];
  if (venue) {
    const dept = geo?.departments.get(venue.department);
    parts.push([venue.city, dept ? `${placeName(dept)} (${venue.department})` : venue.department].filter(Boolean)
      .join(" · "));
  }
  if (ev.online_url) parts.push(t("online"));
  return parts.join(" · ");
}

export function eventCard(ev, geo, { level = "h2" } = {}) {
  const title = pick(ev.title);
  const id = `ev-${ev.id}`;
  return h("li", { class: "card" },
    h("article", { "aria-labelledby": id, class: ev.status === "cancelled" ? "cancelled" : null },
      cardMedia(ev.picture, ev.association?.name),
      h("p", { class: "card-date" }, h("time", { datetime: ev.start }, formatDateTime(ev.start, ev.timezone))),
      h(level, { class: "card-title", id },
        h("a", { href: `#/events/${encodeURIComponent(ev.id)}`, lang: title?.lang }, title?.text || ev.id)),
      ev.status === "cancelled" ? h("p", { class: "badge badge-danger" }, t("cancelled")) : null,
      ev.series_id ? h("p", { class: "badge badge-repeats" }, t("repeatsBadge")) : null,
      factCheckMark(ev),
      h("p", { class: "card-place" }, [ev.association?.name, eventWhere(ev, geo)].filter(Boolean).join(" — ")),
      tags(ev.categories, EVENT_CATEGORIES),
      ev.seats && ev.seats.capacity !== null
        ? h("p", { class: "card-seats" }, ev.seats.available > 0 ? t("seatsLeft", ev.seats.available) : t("full"))
        : null));
}

export function announcementCard(item, { level = "h3" } = {}) {
  const title = pick(item.title);
  const body = pick(item.body);
  return h("li", { class: "card card-news" },
    h("article", { "aria-labelledby": `an-${item.id}` },
      cardMedia(item.picture, item.association?.name),
      h("p", { class: "card-date" }, label(ANNOUNCEMENT_TYPES, item.type), " · ",
        h("time", { datetime: item.created_at }, formatDate(item.created_at))),
      h(level, { class: "card-title", id: `an-${item.id}` },
        h("a", { href: `#/announcements/${encodeURIComponent(item.id)}`, lang: title?.lang }, title?.text || item.id)),
      item.association ? h("p", { class: "card-place" },
        h("a", { href: `#/associations/${encodeURIComponent(item.association.slug)}` }, item.association.name)) : null,
      body ? h("p", { class: "card-text", lang: body.lang }, plainText(body.text)) : null,
      item.pinned ? h("p", { class: "badge" }, t("pinnedBadge")) : null,
      factCheckMark(item),
      tags(item.needs, NEEDS, t("needs")),
      donation(item),
      sources(item.sources)));
}

export function donation(item) {
  const url = safeUrl(item.donation_url, { httpsOnly: true });
  if (!url && !item.donation_target_eur) return null;
  return h("p", { class: "card-text" },
    item.donation_target_eur ? `${t("donationTarget", formatMoney(item.donation_target_eur * 100))} ` : null,
    url ? externalLink(url, t("donate")) : null);
}

export function sources(list, { titled = true } = {}) {
  const links = (Array.isArray(list) ? list : [])
    .map((source) => [source?.title, safeUrl(source?.url)]).filter(([title, url]) => title && url);
  if (!links.length) return null;
  return h("div", { class: "card-text" }, titled ? h("p", { class: "sources-title" }, t("sources")) : null,
    h("ul", { class: "plain-list" }, links.map(([title, url]) => h("li", {}, externalLink(url, title)))));
}

/**
 * A list loaded page by page from the API: `render(item)` makes the <li>; returns the nodes to place.
 * `onEmpty` is the text shown when nothing comes back.
 */
export function pagedList(path, params, render, { empty, more, labelledby, pageSize = 6, max = null } = {}) {
  const list = h("ul", { class: "cards", "aria-labelledby": labelledby });
  const status = h("p", { class: "status", role: "status" });
  const notices = h("div", { class: "notices" });
  const button = h("button", { type: "button", class: "button button-quiet", hidden: true }, more || t("loadMore"));
  let cursor = null;
  let shown = 0;
  const controller = new AbortController();

  async function load() {
    notices.replaceChildren();
    button.hidden = true;
    list.setAttribute("aria-busy", "true");
    status.textContent = t("loading");
    try {
      const page = await get(path, { ...params, limit: pageSize, cursor }, { signal: controller.signal });
      const nodes = (page.items || []).map(render);
      list.append(...nodes);
      shown += nodes.length;
      cursor = page.next_cursor || null;
      button.hidden = !cursor || (max !== null && shown >= max);
      status.textContent = shown ? "" : empty || t("nothing");
      if (shown > nodes.length && nodes.length) nodes[0].querySelector("a")?.focus();
    } catch (err) {
      if (err.name === "AbortError") return;
      status.textContent = "";
      notices.append(errorBox(err, { retry: load }));
    } finally {
      list.removeAttribute("aria-busy");
    }
  }
  button.addEventListener("click", load);
  load();
  return { nodes: [notices, status, list, h("div", { class: "more" }, button)], abort: () => controller.abort() };
}
