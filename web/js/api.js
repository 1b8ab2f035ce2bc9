// The Hromada API (its URL comes from /config.json; same origin locally). Every failure becomes an ApiError
// the views can show; signed-in requests carry the ID token and survive its expiry once (refresh, retry).

import { lang } from "./i18n.js";
import { config } from "./config.js";
import { freshToken, refresh, session, signOut } from "./auth.js";

export class ApiError extends Error {
  constructor({ status = 0, code = "network_error", message = "", details = [] } = {}) {
    super(message || code);
    this.status = status;
    this.code = code;
    this.details = Array.isArray(details) ? details : [];
  }
}

async function url(path, params) {
  const { api_url: base } = await config();
  const target = new URL(path.replace(/^\//, ""), base ? base.replace(/\/?$/, "/") : `${window.location.origin}/`);
  for (const [key, value] of Object.entries(params || {})) {
    if (value !== undefined && value !== null && value !== "") target.searchParams.set(key, value);
  }
  return target;
}

/** The absolute address of an API resource (links to .ics and .csv files). */
export async function apiHref(path, params) {
  return (await url(path, params)).href;
}

async function send(method, path, { params, body, signal, raw = false, retried = false, idempotencyKey } = {}) {
  const headers = { Accept: raw ? "*/*" : "application/json", "Accept-Language": lang() };
  const token = session() ? await freshToken() : null;
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers["Content-Type"] = "application/json";
  if (idempotencyKey) headers["Idempotency-Key"] = idempotencyKey;
  let response;
  try {
    // Signed-in people see their own changes at once: revalidate what the browser may have cached.
    response = await fetch(await url(path, params), {
      method, headers, signal, cache: token ? "no-cache" : "default",
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (err) {
    if (err.name === "AbortError") throw err;
    throw new ApiError();
  }
  if (response.status === 401 && token && !retried) {
    // The token expired or was revoked: one refresh, one retry; then the person signs in again.
    if (await refresh()) return send(method, path, { params, body, signal, raw, retried: true, idempotencyKey });
    signOut({ expired: true });
  }
  if (raw && response.ok) return response.text();
  if (response.status === 204) return null;
  let payload = null;
  try {
    payload = await response.json();
  } catch {
    // not JSON (a proxy's HTML page, an empty body): described by the status alone
  }
  if (response.ok && payload !== null) return payload;
  const error = payload && typeof payload.error === "object" && payload.error ? payload.error : {};
  throw new ApiError({
    status: response.status,
    code: typeof error.code === "string" ? error.code : "http_error",
    message: typeof error.message === "string" ? error.message : "",
    details: error.details,
  });
}

/** One key per thing a form means to create: sending the same body again (a second click after a timeout or
 * a 5xx) reuses it, so the server creates nothing twice; another body gets a new key. */
export function creationKey() {
  let sent = null;
  let key = null;
  return (body) => {
    const text = JSON.stringify(body);
    if (text !== sent || !key) key = globalThis.crypto?.randomUUID?.() || null;
    sent = text;
    return key;
  };
}

/** GET a JSON resource; `params` with empty values are left out. */
export const get = (path, params = {}, { signal } = {}) => send("GET", path, { params, signal });
export const getText = (path, params = {}) => send("GET", path, { params, raw: true });
export const post = (path, body = {}, options = {}) => send("POST", path, { ...options, body });
export const put = (path, body = {}, options = {}) => send("PUT", path, { ...options, body });
export const patch = (path, body = {}, options = {}) => send("PATCH", path, { ...options, body });
export const del = (path, options = {}) => send("DELETE", path, options);

let regions = null;

/** French regions with their departments (cached for the page's life; the API caches for a day). */
export function getRegions() {
  regions ??= get("/regions").catch((err) => {
    regions = null;
    throw err;
  });
  return regions;
}

/** Every page of a list (for small lists: a person's associations, a moderation queue). */
export async function getAll(path, params = {}, { max = 10, signal } = {}) {
  const items = [];
  let cursor = null;
  for (let i = 0; i < max; i += 1) {
    const page = await get(path, { ...params, cursor, limit: params.limit || 100 }, { signal });
    items.push(...(page.items || []));
    cursor = page.next_cursor;
    if (!cursor) break;
  }
  return items;
}
