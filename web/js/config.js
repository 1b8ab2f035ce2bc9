// The deployment's settings, read once from /config.json next to the page:
// { api_url, region, user_pool_client_id, cognito_endpoint, map_tiles_url, map_tiles_attribution }.
// map_tiles_url is a tile server's URL template ("https://tile.example.org/{z}/{x}/{y}.png"); empty: no map
// tiles are fetched (the event page shows the address and a link to OpenStreetMap).

let loaded = null;

export function config() {
  loaded ??= fetch(new URL("config.json", document.baseURI), { headers: { Accept: "application/json" } })
    .then((r) => (r.ok ? r.json() : {}))
    .catch(() => ({}))
    .then((c) => ({
      api_url: "", region: "", user_pool_client_id: "", cognito_endpoint: "", map_tiles_url: "",
      map_tiles_attribution: "", ...c,
    }));
  return loaded;
}
