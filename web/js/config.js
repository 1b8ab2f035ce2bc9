// The deployment's settings, read once from /config.json next to the page:
// { api_url, region, user_pool_client_id, cognito_endpoint }.

let loaded = null;

export function config() {
  loaded ??= fetch(new URL("config.json", document.baseURI), { headers: { Accept: "application/json" } })
    .then((r) => (r.ok ? r.json() : {}))
    .catch(() => ({}))
    .then((c) => ({ api_url: "", region: "", user_pool_client_id: "", cognito_endpoint: "", ...c }));
  return loaded;
}
