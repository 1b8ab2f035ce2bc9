// An association's figures over time (#/dashboard/a/<id>/figures), for its owner and editors: events,
// registrations and attendance by month over the last 12 months, as an SVG bar chart with the same figures in a
// table (the chart is a picture of the table; screen readers read the table).

import { get } from "../api.js";
import { fill, h, s } from "../dom.js";
import { formatNumber, lang, t } from "../i18n.js";
import { backLink, failedPage, focusHeading, loading, main, setTitle } from "../ui.js";

import "../open-data-strings.js";
import "../backoffice-strings.js";

const enc = encodeURIComponent;
// Drawn for the screen it is on: on a phone fewer units across, so its text stays readable once scaled down.
const narrow = () => window.matchMedia("(max-width: 40rem)").matches;
const TOP = 18;
const BOTTOM = 26;

function monthName(month, style = "short") {
  const [year, number] = month.split("-").map(Number);
  const options = style === "long" ? { month: "short", year: "numeric" } : { month: style };
  return new Intl.DateTimeFormat(lang(), { ...options, timeZone: "UTC" }).format(new Date(Date.UTC(year, number - 1, 15)));
}

function chart(months, captionId) {
  const [WIDTH, HEIGHT, label] = narrow() ? [360, 180, "narrow"] : [600, 200, "short"];
  const most = Math.max(1, ...months.map((m) => m.registrations));
  const slot = WIDTH / months.length;
  const bar = slot * 0.6;
  const scale = (HEIGHT - TOP - BOTTOM) / most;
  return s("svg", { class: "figures-chart", viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: "img",
    "aria-labelledby": captionId, focusable: "false" },
  s("line", { x1: 0, x2: WIDTH, y1: HEIGHT - BOTTOM, y2: HEIGHT - BOTTOM, class: "axis" }),
  months.map((m, i) => {
    const height = m.registrations * scale;
    const x = i * slot + (slot - bar) / 2;
    const y = HEIGHT - BOTTOM - height;
    return s("g", {},
      s("rect", { x, y, width: bar, height, rx: 2, class: m.attendance === null ? "current" : null }),
      m.registrations ? s("text", { x: x + bar / 2, y: y - 4, "text-anchor": "middle", class: "value" },
        formatNumber(m.registrations)) : null,
      s("text", { x: x + bar / 2, y: HEIGHT - 8, "text-anchor": "middle", class: "label" }, monthName(m.month, label)));
  }));
}

export async function figures(ctx, id) {
  fill(main, loading());
  let found;
  let profile;
  try {
    [found, profile] = await Promise.all([
      get(`/associations/${enc(id)}/figures`, {}, { signal: ctx.signal }),
      get("/me", {}, { signal: ctx.signal })]);
  } catch (err) {
    if (err.name !== "AbortError") failedPage(err, ctx.route, () => figures(ctx, id));
    return;
  }
  const name = (profile.memberships || []).find((m) => m.association.id === id)?.association.name || id;
  const heading = t("figuresTitle", name);
  const months = found.months;
  const total = (key) => months.reduce((sum, m) => sum + m[key], 0);
  const stat = (value, key) => h("div", { class: "stat" }, h("dt", {}, t(key)), h("dd", {}, formatNumber(value)));
  const cell = (value) => h("td", { class: "num" }, value === null ? h("span", { class: "muted" }, t("figuresNotOver"))
    : formatNumber(value));
  fill(main,
    backLink(`#/dashboard/a/${enc(id)}`, name),
    h("h1", { tabindex: "-1" }, heading),
    h("p", { class: "lead" }, t("figuresIntro")),
    h("p", { class: "muted" }, t("figuresReachedIntro")),
    h("dl", { class: "stats" },
      stat(total("events"), "figuresTotalEvents"),
      stat(total("registrations"), "figuresTotalRegistrations"),
      stat(months.reduce((sum, m) => sum + (m.attendance || 0), 0), "figuresAttendance"),
      stat(total("reached"), "figuresTotalReached"),
      stat(total("followers"), "figuresTotalFollowers"),
      stat(found.upcoming_events, "figuresUpcoming")),
    h("figure", { class: "figures" },
      h("figcaption", { id: "figures-caption" }, t("figuresChartCaption")),
      chart(months, "figures-caption")),
    // Focusable: on a phone the table scrolls sideways, and keyboards must reach what is off screen.
    h("div", { class: "table-scroll", tabindex: "0", role: "region", "aria-label": t("figuresTableCaption") },
      h("table", { class: "table figures-table" },
      h("caption", {}, t("figuresTableCaption")),
      h("thead", {}, h("tr", {}, ["figuresMonth", "figuresEvents", "figuresRegistrations", "figuresConfirmed",
        "figuresAttendance", "figuresReached", "figuresFollowers"].map((key, i) => h("th", { scope: "col", class: i ? "num" : null },
        t(key))))),
      h("tbody", {}, [...months].reverse().map((m) => h("tr", {},
        h("th", { scope: "row" }, monthName(m.month, "long")),
        cell(m.events), cell(m.registrations), cell(m.confirmed), cell(m.attendance), cell(m.reached),
        cell(m.followers)))))));
  setTitle(heading);
  focusHeading(ctx.route.focus);
}
