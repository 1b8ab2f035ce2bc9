// Signing in, signing up (with the e-mailed confirmation code) and a forgotten password, through Cognito.

import {
  answerChallenge, confirmForgotPassword, confirmSignUp, forgotPassword, resendCode, session, signIn, signUp,
} from "../auth.js";
import { fill, h } from "../dom.js";
import { lang, t } from "../i18n.js";
import { busy, field, focusHeading, input, main, refuse, setTitle, success, totpForm } from "../ui.js";
import "../more-strings.js";

/** Only an in-site route is followed after signing in (never an address from elsewhere). */
function nextHash(route) {
  const next = route.params.get("next") || "";
  return next.startsWith("#/") && !next.startsWith("#/signin") && !next.startsWith("#/signup") ? next : "#/";
}

export function mount(route) {
  if (route.name === "forgot") return forgotView(route);
  return route.name === "signup" ? signUpView(route) : signInView(route);
}

function passwordInput(name, autocomplete) {
  return input(name, { type: "password", required: true, autocomplete, maxlength: 256 });
}

/** The form's submit: an e-mail and a password are both needed, then `action` runs (the button busy meanwhile). */
function whenBoth(form, email, password, submit, notices, action) {
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    if (!email.value.trim() || !password.value) fill(notices, h("p", { class: "alert", role: "alert" }, t("fillBoth")));
    else busy(submit, notices, action);
  });
}

function signInView(route) {
  const notices = h("div");
  const email = input("email", { type: "email", required: true, autocomplete: "username", maxlength: 254 });
  const password = passwordInput("password", "current-password");
  const submit = h("button", { type: "submit", class: "button" }, t("signIn"));
  const form = h("form", { class: "form narrow", novalidate: true },
    field(t("emailLabel"), email), field(t("passwordLabel"), password), notices,
    h("div", { class: "actions" }, submit));
  whenBoth(form, email, password, submit, notices, async () => {
    const result = await signIn(email.value.trim(), password.value);
    if (result?.challenge) codeStep(result);
    else window.location.hash = nextHash(route);
  });

  // Accounts with an authenticator app (all moderators and admins): the second step asks for its code.
  function codeStep(pending) {
    const step = totpForm(t("confirm"), h("div"), async (value) => {
      await answerChallenge(pending, value);
      window.location.hash = nextHash(route);
    });
    const code = step.elements.totp;
    fill(main, h("h1", { tabindex: "-1" }, t("totpTitle")), step);
    setTitle(t("totpTitle"));
    main.querySelector("h1").focus();
    code.focus();
  }
  fill(main, h("h1", { tabindex: "-1" }, t("signInTitle")),
    route.params.get("expired") ? h("p", { class: "alert", role: "alert" }, t("sessionExpired")) : null,
    route.params.get("totp") ? success(t("totpSignInAgain")) : null,
    route.params.get("reset") ? success(t("passwordChanged")) : null,
    session() ? h("p", {}, t("alreadySignedIn", session().email)) : null,
    form,
    h("p", {}, h("a", { href: "#/forgot" }, t("forgotPassword"))),
    h("p", {}, t("noAccount"), " ", h("a", { href: "#/signup" }, t("signUp"))),
    h("p", { class: "hint" }, t("privacyShort"), " ", h("a", { href: "#/privacy" }, t("navPrivacy"))));
  setTitle(t("signInTitle"));
  focusHeading(route.focus);
  return { name: "signin" };
}

function signUpView(route) {
  const notices = h("div");
  const email = input("email", { type: "email", required: true, autocomplete: "email", maxlength: 254 });
  const name = input("name", { autocomplete: "name", maxlength: 200 });
  const password = passwordInput("password", "new-password");
  const submit = h("button", { type: "submit", class: "button" }, t("signUp"));
  const form = h("form", { class: "form narrow", novalidate: true },
    field(t("emailLabel"), email), field(t("nameLabel"), name),
    field(t("passwordLabel"), password, { hint: t("passwordRules") }), notices,
    h("div", { class: "actions" }, submit));
  whenBoth(form, email, password, submit, notices, async () => {
    await signUp(email.value.trim(), password.value, name.value.trim(), lang());
    confirmStep(email.value.trim(), password.value);
  });
  fill(main, h("h1", { tabindex: "-1" }, t("signUpTitle")), h("p", { class: "lead" }, t("signUpIntro")), form,
    h("p", { class: "hint" }, t("privacyShort"), " ", h("a", { href: "#/privacy" }, t("navPrivacy"))));
  setTitle(t("signUpTitle"));
  focusHeading(route.focus);

  function confirmStep(address, secret) {
    const box = h("div");
    const code = input("code", { inputmode: "numeric", autocomplete: "one-time-code", required: true, maxlength: 10 });
    const confirm = h("button", { type: "submit", class: "button" }, t("confirm"));
    const resend = h("button", { type: "button", class: "button button-quiet" }, t("resendCode"));
    const step = h("form", { class: "form narrow", novalidate: true },
      field(t("codeLabel"), code, { hint: t("codeHint", address) }), box,
      h("div", { class: "actions" }, confirm, resend));
    resend.addEventListener("click", () => busy(resend, box, async () => {
      await resendCode(address);
      box.append(success(t("codeSent")));
    }));
    step.addEventListener("submit", (event) => {
      event.preventDefault();
      busy(confirm, box, async () => {
        await confirmSignUp(address, code.value.trim());
        await signIn(address, secret);
        window.location.hash = "#/dashboard";
      });
    });
    fill(main, h("h1", { tabindex: "-1" }, t("confirmTitle")), success(t("accountCreated")), step);
    setTitle(t("confirmTitle"));
    main.querySelector("h1").focus();
  }
  return { name: "signup" };
}

// A forgotten password: Cognito e-mails a code to the address (if it has an account: it never says whether it
// does), then the code and a new password; then signing in as usual (staff with their second factor).
function forgotView(route) {
  const notices = h("div");
  const email = input("email", { type: "email", required: true, autocomplete: "username", maxlength: 254 });
  const submit = h("button", { type: "submit", class: "button" }, t("sendResetCode"));
  const form = h("form", { class: "form narrow", novalidate: true },
    field(t("emailLabel"), email, { hint: t("forgotHint") }), notices, h("div", { class: "actions" }, submit));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const address = email.value.trim();
    if (!/^[^@\s]+@[^@\s]+$/.test(address)) {
      refuse(email, notices, t("emailNeeded"));
      return;
    }
    email.removeAttribute("aria-invalid");
    busy(submit, notices, async () => {
      await forgotPassword(address);
      codeStep(address);
    });
  });
  fill(main, h("h1", { tabindex: "-1" }, t("forgotTitle")), form,
    h("p", {}, h("a", { href: "#/signin" }, t("backToSignIn"))));
  setTitle(t("forgotTitle"));
  focusHeading(route.focus);

  function codeStep(address) {
    const box = h("div");
    const code = input("code", { inputmode: "numeric", autocomplete: "one-time-code", required: true, maxlength: 10 });
    const password = passwordInput("password", "new-password");
    const confirm = h("button", { type: "submit", class: "button" }, t("setNewPassword"));
    const resend = h("button", { type: "button", class: "button button-quiet" }, t("resendCode"));
    const step = h("form", { class: "form narrow", novalidate: true },
      field(t("codeLabel"), code, { hint: t("resetCodeHint", address) }),
      field(t("newPasswordLabel"), password, { hint: t("passwordRules") }), box,
      h("div", { class: "actions" }, confirm, resend));
    resend.addEventListener("click", () => busy(resend, box, async () => {
      await forgotPassword(address);
      box.append(success(t("codeSent")));
    }));
    step.addEventListener("submit", (event) => {
      event.preventDefault();
      if (!code.value.trim() || !password.value) {
        fill(box, h("p", { class: "alert", role: "alert" }, t("codeAndPassword")));
        return;
      }
      busy(confirm, box, async () => {
        await confirmForgotPassword(address, code.value.trim(), password.value);
        window.location.hash = "#/signin?reset=1";
      });
    });
    fill(main, h("h1", { tabindex: "-1" }, t("resetTitle")), success(t("resetCodeSent", address)), step,
      h("p", {}, h("a", { href: "#/signin" }, t("backToSignIn"))));
    setTitle(t("resetTitle"));
    main.querySelector("h1").focus();
    code.focus();
  }
  return { name: "forgot" };
}
