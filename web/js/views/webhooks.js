// An association's webhooks, in its dashboard: add one (URL and kinds; the signing key shown once, with a copy
// button), each with its status, a test, a new key, pause/resume, delete (confirmed) and its delivery log.

import { del, get, patch, post } from "../api.js";
import { fill, h } from "../dom.js";
import { formatDateTime, formatNumber, t } from "../i18n.js";
import { announce, busy, checkedValues, choices, errorBox, field, input, loading, success } from "../ui.js";
import { copyText } from "../share.js";

import "../webhook-strings.js";

const enc = encodeURIComponent;
const KINDS = ["event.published", "event.changed", "event.cancelled", "event.rsvp_counts", "announcement.published"];
const kindLabel = (kind) => t(`kind_${kind.replace(".", "_")}`);

/** The section, filled once the list arrives. */
export function webhooksSection(ctx, association) {
  const box = h("div", {}, loading());
  const section = h("section", { class: "block webhooks", "aria-labelledby": "d-webhooks" },
    h("h2", { id: "d-webhooks" }, t("webhooks")), h("p", { class: "hint" }, t("webhooksIntro")), box);
  render(ctx, association, box);
  return section;
}

async function render(ctx, a, box, message = null) {
  const base = `/associations/${enc(a.id)}/webhooks`;
  let list;
  try {
    list = await get(base, {}, { signal: ctx.signal });
  } catch (err) {
    if (err.name !== "AbortError") fill(box, errorBox(err));
    return;
  }
  const again = (note) => render(ctx, a, box, note);
  const items = list.items || [];
  fill(box, message,
    items.length ? h("ul", { class: "plain-list webhook-list" }, items.map((hook) => hookItem(ctx, base, hook, again)))
      : h("p", { class: "muted" }, t("noWebhooks")),
    h("p", { class: "hint" }, t("webhookLimit", formatNumber(items.length), formatNumber(list.limit))),
    items.length < list.limit ? addForm(base, again) : null);
}

function addForm(base, again) {
  const notices = h("div");
  const url = input("url", { type: "url", required: true, maxlength: 2000, autocomplete: "off",
    placeholder: "https://" });
  const submit = h("button", { type: "submit", class: "button" }, t("addWebhook"));
  const form = h("form", { class: "form webhook-form", novalidate: true },
    field(t("webhookUrl"), url, { hint: t("webhookUrlHint") }),
    choices(t("webhookKinds"), "kinds", KINDS.map((k) => [k, kindLabel(k)]), ["event.published", "event.changed",
      "event.cancelled"]),
    notices, h("div", { class: "actions" }, submit));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    busy(submit, notices, async () => {
      const created = await post(base, { url: url.value.trim(), kinds: checkedValues(form, "kinds") });
      await again(secretBox(created.secret));
    });
  });
  return form;
}

/** The signing key, shown this once, with a copy button and the warning that it will not be shown again. */
function secretBox(secret) {
  const status = h("p", { role: "status", class: "hint" });
  const code = h("code", { class: "webhook-secret" }, secret);
  const copy = h("button", { type: "button", class: "button button-quiet" }, t("copy"));
  copy.addEventListener("click", async () => {
    const done = await copyText(secret);
    fill(status, done ? t("copied") : t("copyFailed"));
  });
  return h("div", { class: "success webhook-secret-box", role: "alert" },
    h("p", {}, h("strong", {}, t("webhookSecretTitle"))), h("p", {}, t("webhookSecretWarning")),
    h("p", { class: "webhook-secret-line" }, code, " ", copy), status);
}

function hookItem(ctx, base, hook, again) {
  const path = `${base}/${enc(hook.id)}`;
  const notices = h("div");
  const logBox = h("div");
  const button = (text, action, attrs = {}) => {
    const node = h("button", { type: "button", class: "button button-quiet", ...attrs }, text);
    node.addEventListener("click", () => busy(node, notices, () => action(node)));
    return node;
  };
  const test = button(t("sendTest"), async () => {
    await post(`${path}/ping`, {});
    fill(notices, success(t("testQueued")));
    announce(t("testQueued"));
  }, { disabled: !hook.active });
  const rotate = button(t("newSecret"), async () => {
    if (!window.confirm(t("newSecretConfirm"))) return;
    const rotated = await post(`${path}/secret`, {});
    fill(notices, secretBox(rotated.secret));
  });
  const toggle = button(hook.active ? t("pauseHook") : t("resumeHook"), async () => {
    await patch(path, { active: !hook.active });
    await again();
  });
  const remove = button(t("deleteHook"), async () => {
    if (!window.confirm(t("deleteHookConfirm"))) return;
    await del(path);
    await again();
  });
  const showLog = h("button", { type: "button", class: "button button-quiet", "aria-expanded": "false" }, t("showLog"));
  showLog.addEventListener("click", () => {
    const open = showLog.getAttribute("aria-expanded") === "true";
    showLog.setAttribute("aria-expanded", String(!open));
    if (open) fill(logBox);
    else deliveryLog(ctx, path, logBox);
  });
  return h("li", { class: "webhook" },
    h("p", { class: "webhook-url" }, h("code", {}, hook.url)),
    h("p", {}, h("span", { class: `badge hook-${hook.status}` }, t(`hookStatus_${hook.status}`)), " ",
      hook.consecutive_failures ? h("span", { class: "muted" }, t("hookFailures", hook.consecutive_failures), " ")
        : null,
      h("span", { class: "muted" }, hook.kinds.map(kindLabel).join(", "))),
    h("div", { class: "tools" }, test, showLog, rotate, toggle, remove), notices, logBox);
}

async function deliveryLog(ctx, path, box) {
  fill(box, loading());
  let log;
  try {
    log = await get(`${path}/deliveries`, {}, { signal: ctx.signal });
  } catch (err) {
    if (err.name !== "AbortError") fill(box, errorBox(err));
    return;
  }
  const items = log.items || [];
  if (!items.length) {
    fill(box, h("p", { class: "muted" }, t("noDeliveries")));
    return;
  }
  const result = (e) => `${e.status ?? e.error ?? ""} · ${t(`outcome_${e.outcome}`)}`;
  fill(box, h("div", { class: "table-scroll", tabindex: "0", role: "region", "aria-label": t("deliveryLog") },
    h("table", { class: "table" }, h("caption", {}, t("deliveryLog")),
      h("thead", {}, h("tr", {}, [t("logTime"), t("logType"), t("logAttempt"), t("logResult"), t("logDuration")]
        .map((text) => h("th", { scope: "col" }, text)))),
      h("tbody", {}, items.map((e) => h("tr", {},
        h("td", {}, formatDateTime(e.at)), h("td", {}, kindLabel(e.event_type)),
        h("td", { class: "num" }, formatNumber(e.attempt)), h("td", {}, result(e)),
        h("td", { class: "num" }, `${formatNumber(e.duration_ms)} ms`)))))));
}
