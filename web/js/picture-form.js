// Setting an item's picture (logo, poster, image): a file and its alt text; the file goes straight to S3
// through a presigned POST (POST /pictures/uploads), then PUT /pictures/<target>/<id> re-encodes and sets it.

import { ApiError, del, post, put } from "./api.js";
import { fill, h } from "./dom.js";
import { t } from "./i18n.js";
import { pictureImg } from "./pictures.js";
import { busy, field, localized, localizedFields, success } from "./ui.js";
import "./more-strings.js";

const TYPES = ["image/jpeg", "image/png", "image/webp"];
const MAX_BYTES = 5 * 1024 * 1024;

function problem(text) {
  return h("div", { class: "alert", role: "alert", tabindex: "-1" }, h("p", {}, text));
}

/** The file posted to S3 as the ticket says; S3's own refusals (EntityTooLarge...) become our messages. */
async function sendFile(ticket, file) {
  const body = new FormData();
  for (const [name, value] of Object.entries(ticket.fields || {})) body.append(name, value);
  body.append("file", file);
  let response;
  try {
    response = await fetch(ticket.url, { method: "POST", body });
  } catch {
    throw new ApiError();
  }
  if (response.ok) return;
  const code = (await response.text()).match(/<Code>([^<]+)<\/Code>/)?.[1] || "http_error";
  throw new ApiError({ status: response.status, code,
    message: code === "EntityTooLarge" ? t("pictureTooBig") : t("pictureRefused") });
}

/** A section with the current picture, a form to replace it and a button to remove it. */
export function pictureSection({ target, id, picture, heading }) {
  const headingId = `pic-${target}`;
  const current = h("div", { class: "picture-preview" });
  const notices = h("div", { class: "notices" });
  const fileInput = h("input", { type: "file", name: "file", accept: TYPES.join(","), required: true });
  const chosen = h("div", { class: "picture-preview" });
  const submit = h("button", { type: "submit", class: "button" }, t("pictureSave"));
  const remove = h("button", { type: "button", class: "button button-quiet" }, t("pictureRemove"));
  let shown = picture;
  let previewUrl = null;

  function showCurrent() {
    const img = pictureImg(shown, { className: "picture" });
    fill(current, img || h("p", { class: "muted" }, t("pictureNone")));
    remove.hidden = !img;
  }

  fileInput.addEventListener("change", () => {
    notices.replaceChildren();
    fileInput.removeAttribute("aria-invalid");
    if (previewUrl) URL.revokeObjectURL(previewUrl);
    previewUrl = null;
    chosen.replaceChildren();
    const file = fileInput.files?.[0];
    if (!file) return;
    const error = !TYPES.includes(file.type) ? t("pictureWrongType") : file.size > MAX_BYTES ? t("pictureTooBig") : null;
    if (error) {
      fileInput.setAttribute("aria-invalid", "true");
      notices.append(problem(error));
      return;
    }
    previewUrl = URL.createObjectURL(file);
    chosen.append(h("img", { src: previewUrl, alt: t("picturePreview"), class: "picture" }));
  });

  // Empty, not the current picture's texts: a file is always chosen, and the new picture is described afresh.
  const alt = localizedFields("alt", t("pictureAlt"), {}, { max: 300 });
  const form = h("form", { class: "picture-form", novalidate: true },
    field(t("pictureFile"), fileInput, { hint: t("pictureHint") }), chosen, alt,
    h("p", { class: "hint" }, t("pictureAltHint")), notices, h("div", {}, submit));

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    notices.replaceChildren();
    const file = fileInput.files?.[0];
    const altText = localized(form, "alt");
    const error = !file ? t("pictureChoose") : !TYPES.includes(file.type) ? t("pictureWrongType")
      : file.size > MAX_BYTES ? t("pictureTooBig") : !Object.keys(altText).length ? t("pictureAltRequired") : null;
    if (error) {
      notices.append(problem(error));
      notices.querySelector(".alert").focus();
      return;
    }
    busy(submit, notices, async () => {
      const ticket = await post("/pictures/uploads", { target, id, content_type: file.type, size: file.size });
      await sendFile(ticket, file);
      shown = await put(`/pictures/${target}/${encodeURIComponent(id)}`, { upload_id: ticket.upload_id, alt: altText });
      showCurrent();
      form.elements.file.value = "";
      chosen.replaceChildren();
      notices.append(success(t("pictureSaved")));
    });
  });

  remove.addEventListener("click", () => {
    busy(remove, notices, async () => {
      await del(`/pictures/${target}/${encodeURIComponent(id)}`);
      shown = null;
      showCurrent();
      notices.append(success(t("pictureRemoved")));
    });
  });
  showCurrent();
  return h("section", { class: "block", "aria-labelledby": headingId },
    h("h2", { id: headingId }, heading), current, h("p", {}, remove), form);
}
