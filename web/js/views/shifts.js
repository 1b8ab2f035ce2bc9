// The volunteer shifts of a project announcement (on its page): each shift with its places left and the
// signed-in person's sign-up (or waitlist position); for the association's editors, the volunteers' names,
// a message to them, cancelling, and a form to offer or edit a shift.

import { del, get, getRegions, patch, post } from "../api.js";
import { session } from "../auth.js";
import { fill, h } from "../dom.js";
import { formatRange, pick, t } from "../i18n.js";
import {
  announce, busy, errorBox, field, geography, input, loading, localized, localizedFields, placeName, refuse, select,
  success, textarea,
} from "../ui.js";
import "../shift-strings.js";
import { dateFormat, parseDate, showDate } from "../dates.js";

/** The section, filled once the shifts (and, signed in, the person's sign-ups and roles) are read. */
export function shiftsSection(item, signal) {
  const base = `/announcements/${encodeURIComponent(item.id)}/shifts`;
  const list = h("div", { class: "shifts" });
  const tools = h("div");
  const section = h("section", { "aria-labelledby": "an-shifts", class: "shift-section" },
    h("h2", { id: "an-shifts" }, t("shifts")), h("p", { class: "hint" }, t("shiftsIntro")), list, tools);
  let editor = false;
  let geo = geography(null);

  async function load() {
    fill(list, loading());
    try {
      const [shifts, me] = await Promise.all([get(base, {}, { signal }),
        session() ? get("/me", {}, { signal }).catch(() => null) : null]);
      editor = Boolean(me && ((me.roles || []).includes("admin")
        || (me.memberships || []).some((m) => m.association.id === item.association?.id)));
      if (editor) geo = geography(await getRegions().catch(() => null));
      const mine = session() ? await Promise.all(shifts.map((s) => get(`${base}/${s.id}/signup`, {}, { signal })
        .catch(() => ({ status: null })))) : [];
      draw(shifts, mine);
    } catch (err) {
      if (err.name !== "AbortError") fill(list, errorBox(err, { retry: load }));
    }
  }

  function draw(shifts, mine) {
    fill(list, shifts.length ? h("ul", { class: "shift-list" }, shifts.map((s, i) => h("li", { class: "shift" },
      shiftCard(s, mine[i])))) : h("p", { class: "muted" }, t("noShifts")),
    session() ? null : h("p", {}, t("shiftSignIn"), " ",
      h("a", { href: `#/signin?next=${encodeURIComponent(window.location.hash)}` }, t("signIn"))));
    fill(tools, editor ? shiftForm(null) : null);
  }

  function shiftCard(s, mine) {
    const task = pick(s.task);
    const where = s.place ? s.place.address : t("shiftOnline");
    const head = h("h3", { class: "shift-when" }, formatRange(s.starts_at, s.ends_at, s.time_zone));
    const facts = h("dl", { class: "facts-list shift-facts" },
      task ? [h("dt", {}, t("shiftTask")), h("dd", { lang: task.lang }, task.text)] : null,
      h("dt", {}, t("shiftWhere")), h("dd", {}, where));
    const state = s.status === "cancelled" ? h("p", {}, h("strong", { class: "badge badge-danger" }, t("shiftCancelled")))
      : h("p", { class: "shift-places" }, t("shiftPlaces", s.places_left, s.people),
        s.waitlisted ? ` · ${t("shiftWaiting", s.waitlisted)}` : "");
    const box = h("div", { class: "shift-actions" });
    if (s.status !== "cancelled" && session()) mySignup(s, mine, box);
    const card = h("article", { "aria-label": head.textContent }, head, facts, state, box);
    if (editor) card.append(editorTools(s));
    return card;
  }

  function mySignup(s, mine, box, said = false) {
    const path = `${base}/${s.id}/signup`;
    const notices = h("div");
    if (mine?.status) {
      const text = mine.status === "confirmed" ? t("shiftConfirmed") : t("shiftWaitlisted", mine.position ?? "?");
      if (said) announce(text);
      const leave = h("button", { type: "button", class: "button button-quiet" }, t("shiftLeave"));
      leave.addEventListener("click", () => busy(leave, notices, async () => {
        await del(path);
        announce(t("shiftLeft"));
        await load();
      }));
      fill(box, h("p", { class: "rsvp-state" }, text), leave, notices);
    } else {
      const full = s.places_left === 0 || s.waitlisted > 0;
      const join = h("button", { type: "button", class: "button" }, full ? t("shiftJoinWaitlist") : t("shiftSignUp"));
      join.addEventListener("click", () => busy(join, notices, async () => {
        const answer = await post(path);
        announce(answer.status === "confirmed" ? t("shiftConfirmed") : t("shiftWaitlisted", answer.position ?? "?"));
        await load();
      }));
      fill(box, join, notices);
    }
  }

  function editorTools(s) {
    const path = `${base}/${s.id}`;
    const people = h("div", { class: "shift-volunteers" });
    const details = h("details", {}, h("summary", {}, t("shiftVolunteers")), people);
    details.addEventListener("toggle", async () => {
      if (!details.open) return;
      fill(people, loading());
      try {
        const found = await get(`${path}/volunteers`, {}, { signal });
        fill(people, found.items.length ? h("ol", {}, found.items.map((v) => h("li", {}, v.name, " — ",
          t(`shiftStatus_${v.status}`), v.position ? ` (${t("shiftPosition", v.position)})` : "")))
          : h("p", { class: "muted" }, t("shiftNoVolunteers")));
      } catch (err) {
        if (err.name !== "AbortError") fill(people, errorBox(err));
      }
    });
    const out = h("div", { class: "shift-editor" }, details);
    if (s.status === "cancelled") return out;
    const text = textarea("text", { maxlength: 2000, required: true, rows: 3 });
    const notices = h("div");
    const send = h("button", { type: "submit", class: "button" }, t("shiftMessageSend"));
    const message = h("form", { class: "form", novalidate: true },
      field(t("shiftMessageText"), text, { hint: t("shiftMessageHint"), wide: true }), notices,
      h("div", { class: "actions" }, send));
    message.addEventListener("submit", (event) => {
      event.preventDefault();
      if (!text.value.trim()) return refuse(text, notices, t("shiftMessageEmpty"));
      const id = message.dataset.id || (message.dataset.id = crypto.randomUUID()); // a retry is the same message
      return busy(send, notices, async () => {
        const answer = await post(`${path}/messages`, { id, text: text.value.trim() });
        delete message.dataset.id;
        text.value = "";
        fill(notices, success(t("shiftMessageSent", answer.recipients)));
      });
    });
    const cancelNotices = h("div");
    const cancel = h("button", { type: "button", class: "button button-quiet" }, t("shiftCancel"));
    cancel.addEventListener("click", () => {
      if (!window.confirm(t("shiftCancelConfirm"))) return;
      busy(cancel, cancelNotices, async () => {
        await post(`${path}/cancel`);
        await load();
      });
    });
    const edit = h("details", {}, h("summary", {}, t("shiftEdit")), shiftForm(s));
    out.append(h("details", {}, h("summary", {}, t("shiftMessage")), message), edit,
      h("p", { class: "tools" }, cancel), cancelNotices);
    return out;
  }

  /** Offer a shift (`s` null) or edit one: the API checks everything again. */
  function shiftForm(s) {
    const prefix = s ? `sh-${s.id}` : "sh-new";
    // Typed in the page's format, as the event form's dates: a native date or time input speaks the browser's
    // language (mm/dd/yyyy, 09:00 AM in an English Chromium), not the page's.
    const typed = { required: true, autocomplete: "off", spellcheck: "false" };
    const date = input("date", { ...typed, maxlength: 10, id: `${prefix}-date`, value: showDate(s?.date || "") });
    const start = input("start_time", { ...typed, maxlength: 5, id: `${prefix}-start`,
      value: (s?.start_time || "09:00").slice(0, 5) });
    const end = input("end_time", { ...typed, maxlength: 5, id: `${prefix}-end`,
      value: (s?.end_time || "12:00").slice(0, 5) });
    const clock = dateFormat(true).split(" ")[1];
    const hour = (control) => {
      const m = /^(\d{1,2})[:h.](\d{2})$/.exec(control.value.trim());
      return m && Number(m[1]) < 24 && Number(m[2]) < 60 ? `${m[1].padStart(2, "0")}:${m[2]}` : null;
    };
    const people = input("people", { type: "number", min: 1, max: 500, required: true, id: `${prefix}-people`,
      value: String(s?.people || 5) });
    const address = input("address", { maxlength: 200, id: `${prefix}-address`, value: s?.place?.address || "" });
    const departments = [...geo.departments.values()].sort((a, b) => a.code.localeCompare(b.code));
    const department = select("department", [["", t("choose")],
      ...departments.map((d) => [d.code, `${d.code} · ${placeName(d)}`])], s?.place?.department || "",
    { id: `${prefix}-department` });
    const online = input("online_url", { type: "url", maxlength: 500, id: `${prefix}-online`, value: s?.online_url || "" });
    const notices = h("div");
    const save = h("button", { type: "submit", class: "button" }, s ? t("shiftSave") : t("shiftNew"));
    const form = h("form", { class: "form", novalidate: true, "aria-label": s ? t("shiftEdit") : t("shiftNew") },
      s ? null : h("h3", {}, t("shiftNew")),
      h("div", { class: "form-grid" }, field(t("shiftDate"), date, { hint: t("dateFormatHint", dateFormat()) }),
        field(t("shiftStart"), start, { hint: t("dateFormatHint", clock) }),
        field(t("shiftEnd"), end, { hint: t("dateFormatHint", clock) }), field(t("shiftPeople"), people)),
      h("div", { class: "form-grid" }, field(t("shiftAddress"), address, { hint: t("shiftPlaceHint") }),
        field(t("department"), department), field(t("shiftOnlineUrl"), online)),
      localizedFields(`${prefix}-task`, t("shiftTask"), s?.task || {}, { max: 300 }), notices,
      h("div", { class: "actions" }, save));
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const day = parseDate(date.value);
      if (!day) return refuse(date, notices, t("dateInvalid", t("shiftDate"), dateFormat()));
      for (const [control, name] of [[start, t("shiftStart")], [end, t("shiftEnd")]]) {
        if (!hour(control)) return refuse(control, notices, t("shiftTimeInvalid", name, clock));
      }
      const body = { date: day, start_time: hour(start), end_time: hour(end), people: Number(people.value),
        task: localized(form, `${prefix}-task`) };
      const url = online.value.trim();
      if (url) {
        body.online_url = url; // the API drops the place of a shift moved online
      } else {
        const dept = geo.departments.get(department.value);
        if (!address.value.trim() || !dept) return refuse(address, notices, t("shiftPlaceHint"));
        body.place = { address: address.value.trim(), department: dept.code, region: dept.region };
      }
      if (!Object.keys(body.task).length) return refuse(form.querySelector("input[lang]"), notices, t("oneLanguageAtLeast"));
      return busy(save, notices, async () => {
        if (s) {
          await patch(`${base}/${s.id}`, body);
        } else {
          await post(base, body);
        }
        announce(t("shiftSaved"));
        await load();
      });
    });
    return form;
  }

  load();
  return section;
}
