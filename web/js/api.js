// The Hromada API, same origin as the page. Every failure becomes an ApiError the views can show.

import { lang } from "./i18n.js";

export class ApiError extends Error {
  constructor({ status = 0, code = "network_error", message = "", details = [] } = {}) {
    super(message || code);
    this.status = status;
    this.code = code;
    this.details = Array.isArray(details) ? details : [];
  }
}

/** GET a JSON resource; `params` with empty values are left out. */
export async function get(path, params = {}, { signal } = {}) {
  const url = new URL(path, window.location.origin);
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== "") url.searchParams.set(key, value);
  }
  let response;
  try {
    response = await fetch(url, { headers: { Accept: "application/json", "Accept-Language": lang() }, signal });
  } catch (err) {
    if (err.name === "AbortError") throw err;
    throw new ApiError();
  }
  let body = null;
  try {
    body = await response.json();
  } catch {
    // not JSON (a proxy's HTML page, an empty body): described by the status alone
  }
  if (response.ok && body !== null) return body;
  const error = body && typeof body.error === "object" && body.error ? body.error : {};
  throw new ApiError({
    status: response.status,
    code: typeof error.code === "string" ? error.code : "http_error",
    message: typeof error.message === "string" ? error.message : "",
    details: error.details,
  });
}

let regions = null;

/** French regions with their departments (cached for the page's life; the API caches for a day). */
export function getRegions() {
  regions ??= get("/regions").catch((err) => {
    regions = null;
    throw err;
  });
  return regions;
}
