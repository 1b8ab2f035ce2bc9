// Signing in with Cognito's user pools API (USER_PASSWORD_AUTH), as the browser calls it in AWS:
// POST {cognito_endpoint} with X-Amz-Target: AWSCognitoIdentityProviderService.<Operation>.
// Tokens live in sessionStorage (gone with the tab); the API gets the ID token; the access token is kept
// for the account's own Cognito operations (GetUser, adding an authenticator app).

import { config } from "./config.js";
import { lang } from "./i18n.js";

const KEY = "hromada.session";
const SKEW = 60_000; // refresh a minute before the token expires
const listeners = new Set();

export class AuthError extends Error {
  constructor(code, message = "") {
    super(message || code);
    this.code = code; // Cognito's exception name, e.g. NotAuthorizedException; "network_error"
  }
}

function decode(token) {
  try {
    const part = token.split(".")[1].replace(/-/g, "+").replace(/_/g, "/");
    const bytes = Uint8Array.from(atob(part), (c) => c.charCodeAt(0));
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    return {};
  }
}

function read() {
  try {
    const stored = JSON.parse(sessionStorage.getItem(KEY) || "null");
    return stored && typeof stored.idToken === "string" ? stored : null;
  } catch {
    return null;
  }
}

let current = read();

function store(next, reason) {
  current = next;
  try {
    if (next) sessionStorage.setItem(KEY, JSON.stringify(next));
    else sessionStorage.removeItem(KEY);
  } catch {
    // storage disabled: the session lasts as long as the page
  }
  for (const listener of listeners) listener(current, reason);
}

/** The signed-in person ({email, name, groups, sub, emailVerified}) or null. */
export function session() {
  return current;
}

export function onSessionChange(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export const isModerator = () => Boolean(current?.groups?.some((g) => g === "moderators" || g === "admins"));
export const isAdmin = () => Boolean(current?.groups?.includes("admins"));

async function cognito(operation, body, { withClient = true } = {}) {
  const { cognito_endpoint: endpoint, user_pool_client_id: clientId } = await config();
  if (!endpoint || !clientId) throw new AuthError("not_configured");
  let response;
  try {
    response = await fetch(new URL(endpoint, window.location.href), {
      method: "POST",
      headers: {
        "Content-Type": "application/x-amz-json-1.1",
        "X-Amz-Target": `AWSCognitoIdentityProviderService.${operation}`,
        "Accept-Language": lang(), // the language of the mail a code comes in, where the sender reads it
      },
      body: JSON.stringify(withClient ? { ClientId: clientId, ...body } : body),
    });
  } catch {
    throw new AuthError("network_error");
  }
  let payload = {};
  try {
    payload = await response.json();
  } catch {
    // an empty body
  }
  if (!response.ok) {
    const kind = String(payload.__type || payload.code || "UnknownError").split("#").pop();
    throw new AuthError(kind, payload.message);
  }
  return payload;
}

function fromResult(result, previous = null) {
  const claims = decode(result.IdToken);
  return {
    idToken: result.IdToken,
    accessToken: result.AccessToken || previous?.accessToken || null,
    refreshToken: result.RefreshToken || previous?.refreshToken || null,
    expiresAt: (claims.exp ? claims.exp * 1000 : Date.now() + (result.ExpiresIn || 3600) * 1000),
    email: claims.email || previous?.email || "",
    name: claims.name || "",
    sub: claims.sub || "",
    emailVerified: claims.email_verified === true || claims.email_verified === "true",
    groups: Array.isArray(claims["cognito:groups"]) ? claims["cognito:groups"] : [],
  };
}

/**
 * Signs in; with an authenticator app on the account, returns {challenge: "SOFTWARE_TOKEN_MFA", ...}
 * to hand to answerChallenge() with the app's six-digit code. Otherwise returns the session.
 */
export async function signIn(email, password) {
  const answer = await cognito("InitiateAuth", {
    AuthFlow: "USER_PASSWORD_AUTH", AuthParameters: { USERNAME: email, PASSWORD: password },
  });
  if (answer.ChallengeName === "SOFTWARE_TOKEN_MFA") {
    return { challenge: answer.ChallengeName, session: answer.Session, email };
  }
  if (!answer.AuthenticationResult) throw new AuthError(answer.ChallengeName || "UnsupportedChallenge");
  store(fromResult(answer.AuthenticationResult), "signin");
  return current;
}

/** The second step of signIn(): the code the authenticator app shows now. */
export async function answerChallenge(pending, code) {
  const answer = await cognito("RespondToAuthChallenge", {
    ChallengeName: pending.challenge, Session: pending.session,
    ChallengeResponses: { USERNAME: pending.email, SOFTWARE_TOKEN_MFA_CODE: code },
  });
  if (!answer.AuthenticationResult) throw new AuthError(answer.ChallengeName || "UnsupportedChallenge");
  store(fromResult(answer.AuthenticationResult), "signin");
  return current;
}

async function ownAccount(operation, body = {}) {
  const token = current?.accessToken;
  if (!token) throw new AuthError("NotAuthorizedException");
  return cognito(operation, { AccessToken: token, ...body }, { withClient: false });
}

/** Whether the signed-in account has an authenticator app (TOTP) as its second factor. */
export async function hasTotp() {
  const user = await ownAccount("GetUser");
  return (user.UserMFASettingList || []).includes("SOFTWARE_TOKEN_MFA");
}

/** Starts adding an authenticator app: the base32 secret to type or scan into it. */
export async function startTotp() {
  return String((await ownAccount("AssociateSoftwareToken")).SecretCode || "").toUpperCase();
}

/**
 * Finishes adding the app with a code it shows; from then on signing in asks for a code. Every session
 * of the account is then ended (GlobalSignOut revokes its refresh tokens), this one included: tokens
 * got with the password alone, perhaps by someone else, must not carry staff powers once the factor is on.
 */
export async function confirmTotp(code) {
  const verified = await ownAccount("VerifySoftwareToken", { UserCode: code, FriendlyDeviceName: "Hromada" });
  if (verified.Status && verified.Status !== "SUCCESS") throw new AuthError("CodeMismatchException");
  await ownAccount("SetUserMFAPreference", { SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true } });
  try {
    await ownAccount("GlobalSignOut");
  } finally {
    store(null, "mfa"); // signing in again asks for a code
  }
}

/** The otpauth:// address authenticator apps read (typed, pasted or scanned). */
export function otpauthUri(secret, account, issuer = "Hromada") {
  const label = encodeURIComponent(`${issuer}:${account}`);
  return `otpauth://totp/${label}?secret=${encodeURIComponent(secret)}&issuer=${encodeURIComponent(issuer)}`;
}

export function signUp(email, password, name, locale) {
  const attributes = [{ Name: "email", Value: email }];
  if (name) attributes.push({ Name: "name", Value: name });
  if (locale) attributes.push({ Name: "locale", Value: locale });
  return cognito("SignUp", { Username: email, Password: password, UserAttributes: attributes });
}

/** "Forgot password": Cognito e-mails a code to the account's verified address (and says nothing otherwise). */
export const forgotPassword = (email) => cognito("ForgotPassword", { Username: email });
/** The new password, with the e-mailed code. */
export const confirmForgotPassword = (email, code, password) =>
  cognito("ConfirmForgotPassword", { Username: email, ConfirmationCode: code, Password: password });

export const confirmSignUp = (email, code) => cognito("ConfirmSignUp", { Username: email, ConfirmationCode: code });
export const resendCode = (email) => cognito("ResendConfirmationCode", { Username: email });

let refreshing = null;

/** New tokens from the refresh token; false when the session cannot be renewed (then it is ended). */
export function refresh() {
  if (!current?.refreshToken) return Promise.resolve(false);
  refreshing ??= cognito("InitiateAuth", {
    AuthFlow: "REFRESH_TOKEN_AUTH", AuthParameters: { REFRESH_TOKEN: current.refreshToken },
  }).then((answer) => {
    store(fromResult(answer.AuthenticationResult, current), "refresh");
    return true;
  }, () => false).finally(() => { refreshing = null; });
  return refreshing;
}

/** The ID token, refreshed first when it is about to expire; null once the session is over. */
export async function freshToken() {
  if (!current) return null;
  if (Date.now() > current.expiresAt - SKEW && !(await refresh())) {
    signOut({ expired: true });
    return null;
  }
  return current?.idToken || null;
}

export function signOut({ expired = false } = {}) {
  if (!current) return;
  store(null, expired ? "expired" : "signout");
}
