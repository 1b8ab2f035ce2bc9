// "Report" on an association, event, announcement or candidate: a dialog with a reason and a comment for the
// moderators (POST /flags). People who are not signed in are sent to the sign-in page first.

import { post } from "./api.js";
import { session } from "./auth.js";
import { fill, h } from "./dom.js";
import { t } from "./i18n.js";
import "./more-strings.js";
import { busy, choices, field, success, textarea } from "./ui.js";

export const REASONS = ["disinformation", "hate", "spam", "fraud", "other"];
let dialogs = 0;

/** A button opening the report dialog for one item; `what` names it for the dialog's title. */
export function reportButton(kind, id, what, { electionId = null } = {}) {
  const button = h("button", { type: "button", class: "button button-quiet button-small" }, t("report"));
  button.addEventListener("click", () => {
    if (!session()) {
      window.location.hash = `#/signin?next=${encodeURIComponent(window.location.hash || "#/")}`;
      return;
    }
    openDialog(kind, id, what, electionId, button);
  });
  return button;
}

function openDialog(kind, id, what, electionId, opener) {
  const titleId = `report-title-${++dialogs}`;
  const notices = h("div");
  const comment = textarea("comment", { rows: 3, maxlength: 500 });
  const submit = h("button", { type: "submit", class: "button" }, t("reportSend"));
  const cancel = h("button", { type: "button", class: "button button-quiet" }, t("cancel"));
  const form = h("form", { class: "form", method: "dialog", novalidate: true },
    h("h2", { id: titleId }, t("reportTitle")),
    h("p", { class: "hint" }, what),
    choices(t("reportReason"), "reason", REASONS.map((r) => [r, t(`reason_${r}`)]), [], { type: "radio" }),
    field(t("reportComment"), comment, { hint: t("reportCommentHint") }),
    notices, h("div", { class: "actions" }, submit, cancel));
  const dialog = h("dialog", { class: "dialog", "aria-labelledby": titleId }, form);
  const close = () => {
    dialog.close();
    dialog.remove();
    opener.focus();
  };
  cancel.addEventListener("click", close);
  dialog.addEventListener("cancel", (event) => {
    event.preventDefault();
    close();
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const reason = form.querySelector('input[name="reason"]:checked')?.value;
    if (!reason) {
      fill(notices, h("p", { class: "alert", role: "alert" }, t("reportPickReason")));
      form.querySelector('input[name="reason"]').focus();
      return;
    }
    busy(submit, notices, async () => {
      await post("/flags", {
        kind, id, reason, comment: comment.value.trim() || null, ...(electionId ? { election_id: electionId } : {}),
      });
      dialog.close();
      dialog.remove();
      const done = success(t("reportThanks"));
      done.tabIndex = -1;
      opener.replaceWith(done);
      done.focus();
    });
  });
  document.body.append(dialog);
  dialog.showModal();
  form.querySelector('input[name="reason"]').focus();
}
