"""The home page's map of the regions (true outlines, upcoming events per region from GET /events/counts,
mouse and keyboard), the region the home page starts in, and an event's venue (address, OpenStreetMap link,
Leaflet only with a configured tile server)."""

from __future__ import annotations

import re
import struct
import zlib
from typing import TYPE_CHECKING

import pytest
import requests
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, Route, expect

from tests.browser.people import person, sign_up

if TYPE_CHECKING:
    from tests.browser.conftest import Site

pytestmark = pytest.mark.browser

METROPOLITAN = {"11", "24", "27", "28", "32", "44", "52", "53", "75", "76", "84", "93", "94"}
OVERSEAS = {"01", "02", "03", "04", "06"}
WIDTHS = {"desktop": {"width": 1366, "height": 900}, "phone": {"width": 390, "height": 844}}
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]},
               "resultTypes": ["violations"]}
axe = Axe()


def in_language(page: Page, code: str) -> None:
    page.goto("/")
    page.evaluate(f"localStorage.setItem('hromada.lang', '{code}')")
    page.reload()


def violations(page: Page) -> list[dict]:
    result = axe.run(page, options=AXE_OPTIONS).response
    return [{"rule": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:5]}
            for v in result["violations"]]


def region_names(site: Site, lang: str) -> dict[str, str]:
    data = requests.get(f"{site.url}/regions", timeout=30).json()
    return {r["code"]: r["names"][lang] for r in data["france"]["regions"]}


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", ["fr", "uk"])
def test_the_map_draws_the_regions_outlines_with_the_apis_counts(page: Page, site: Site, lang: str,
                                                                   width: str) -> None:
    page.set_viewport_size(WIDTHS[width])
    in_language(page, lang)
    counts = requests.get(f"{site.url}/events/counts", timeout=30).json()["regions"]
    names = region_names(site, lang)
    assert sum(counts.values()) > 0  # the demo data has events to count

    page.goto("/#/?region=")
    expect(page.locator(".region-map .map-count text").first).not_to_have_text("…")
    # The 13 metropolitan regions are drawn as outlines (paths of many points), the 5 overseas ones as insets
    shapes = page.locator(".region-map a path.map-shape")
    expect(shapes).to_have_count(13)
    drawn = page.eval_on_selector_all(".region-map a", """links => links.map(a => ({
        code: a.dataset.region, label: a.getAttribute('aria-label'), shape: a.querySelector('.map-shape').tagName,
        points: (a.querySelector('path')?.getAttribute('d').match(/[\\d.]+[ -][\\d.]+/g) || []).length,
        width: a.getBoundingClientRect().width}))""")
    assert {d["code"] for d in drawn if d["shape"] == "path"} == METROPOLITAN
    assert {d["code"] for d in drawn if d["shape"] == "rect"} == OVERSEAS
    assert all(d["points"] > 40 for d in drawn if d["shape"] == "path")
    assert all(d["width"] > 0 for d in drawn)
    # Each region is named with its number of upcoming events, the number the API gives
    for d in drawn:
        assert re.fullmatch(rf"{re.escape(names[d['code']])}, {counts[d['code']]} \S.*", d["label"]), d
    if lang == "fr":
        occitanie = page.locator('.region-map [data-region="76"]')
        n = counts["76"]
        expect(occitanie).to_have_attribute("aria-label", f"Occitanie, {n} événement{'s' if n > 1 else ''} à venir")
    # the numbers are on the map too
    shown = page.eval_on_selector_all(".region-map a", "links => links.map(a => [a.dataset.region, "
                                                       "a.querySelector('.map-count text').textContent])")
    assert {code: int(text) for code, text in shown} == counts
    # "All of France" is the current choice
    all_france = page.locator(".map-all")
    expect(all_france).to_have_attribute("aria-current", "true")
    assert violations(page) == []


def test_clicking_a_region_filters_the_events_and_all_of_france_comes_back(page: Page, site: Site) -> None:
    page.goto("/#/?region=")
    expect(page.get_by_role("heading", name="Prochains événements", exact=True)).to_be_visible()
    # When the visitor clicks Occitanie on the map
    page.locator('.region-map [data-region="76"] path').click()
    # Then the region's events are listed, and only them
    expect(page.get_by_role("heading", name="Prochains événements : Occitanie")).to_be_visible()
    assert "region=76" in page.url
    expect(page.locator('.region-map [data-region="76"]')).to_have_attribute("aria-current", "true")
    expected = [e["title"]["fr"] for e in requests.get(f"{site.url}/events", params={"region": "76", "limit": 4},
                                                      timeout=30).json()["items"]]
    cards = page.locator(".home-side .card h3")
    expect(cards).to_have_count(len(expected))
    assert cards.all_inner_texts() == expected
    assert page.evaluate("localStorage.getItem('hromada.region')") == "76"
    # And "See all of France" shows every region's events again, and is remembered
    page.get_by_role("link", name="Voir toute la France").click()
    expect(page.get_by_role("heading", name="Prochains événements", exact=True)).to_be_visible()
    expect(page.locator('.region-map [aria-current="true"]')).to_have_count(0)
    assert page.evaluate("localStorage.getItem('hromada.region')") is None


@pytest.mark.parametrize("width", WIDTHS)
def test_the_map_works_with_the_keyboard(page: Page, width: str) -> None:
    page.set_viewport_size(WIDTHS[width])
    page.goto("/#/?region=53")
    # One Tab stop: the chosen region
    expect(page.locator('.region-map [tabindex="0"]')).to_have_count(1)
    page.locator('.region-map [tabindex="0"]').focus()
    focused = page.locator(".region-map a:focus")
    expect(focused).to_have_attribute("aria-label", re.compile(r"^Bretagne, \d+ événements? à venir$"))
    # The arrows go to the neighbouring region in that direction
    for key, name in (("ArrowRight", "Pays de la Loire"), ("ArrowRight", "Centre-Val de Loire"),
                      ("ArrowDown", "Nouvelle-Aquitaine"), ("ArrowDown", "Occitanie"),
                      ("ArrowRight", "Provence-Alpes-Côte d’Azur|Provence-Alpes-Côte d'Azur")):
        page.keyboard.press(key)
        expect(focused).to_have_attribute("aria-label", re.compile(rf"^({name}), "))
    page.keyboard.press("ArrowLeft")
    expect(focused).to_have_attribute("aria-label", re.compile(r"^Occitanie, "))
    # and the overseas regions are reached too (End: the last one)
    page.keyboard.press("End")
    expect(focused).to_have_attribute("aria-label", re.compile(r"^Mayotte, "))
    page.keyboard.press("Home")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Prochains événements : Hauts-de-France")).to_be_visible()
    expect(page.locator('.region-map [data-region="32"]')).to_be_focused()


def test_the_home_page_starts_in_the_subscribed_members_region(browser: Browser, site: Site) -> None:
    with person(browser, site.url, "home_subscribed_region") as page:
        # Given a member whose device last showed Occitanie, and who subscribes to the digest for Grand Est
        sign_up(page)
        page.evaluate("localStorage.setItem('hromada.region', '76'); "
                      "sessionStorage.removeItem('hromada.region.chosen')")
        saved = page.evaluate("""() => import('/js/api.js').then((api) => api.put('/me/subscription',
            { regions: ['44'], language: 'fr', frequency: 'weekly' }))""")
        assert saved["regions"] == ["44"]
        # When they open the home page
        page.goto("/#/")
        # Then it starts in their subscription's region
        expect(page.get_by_role("heading", name="Prochains événements : Grand Est")).to_be_visible()
        expect(page.locator('.region-map [data-region="44"]')).to_have_attribute("aria-current", "true")
        # And another region they choose during the visit stays chosen when they come back home
        page.locator('.region-map [data-region="53"] path').click()
        expect(page.get_by_role("heading", name="Prochains événements : Bretagne")).to_be_visible()
        page.get_by_role("link", name="Accueil").click()
        page.reload()
        expect(page.get_by_role("heading", name="Prochains événements : Bretagne")).to_be_visible()


# ------------------------------------------------------------------ an event's venue
def event_in(site: Site, query: str) -> dict:
    return requests.get(f"{site.url}/events", params={"q": query}, timeout=30).json()["items"][0]


def tile_png() -> bytes:
    """A 256x256 plain PNG, the fake tile server's every tile."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    rows = b"".join(b"\x00" + bytes((220, 230, 215)) * 256 for _ in range(256))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 256, 256, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", ["fr", "uk"])
def test_without_a_tile_server_the_venue_is_an_address_and_a_link(page: Page, site: Site, lang: str,
                                                                  width: str) -> None:
    page.set_viewport_size(WIDTHS[width])
    in_language(page, lang)
    event = event_in(site, "poésie")
    venue = event["venue"]
    assert venue["latitude"] and venue["longitude"]  # the demo venues have coordinates
    leaflet = []
    page.on("request", lambda r: "/vendor/leaflet/" in r.url and leaflet.append(r.url))
    page.goto(f"/#/events/{event['id']}")
    section = page.locator("section.venue")
    expect(section.locator("address")).to_contain_text("12 rue des Lois")
    expect(section.locator("address")).to_contain_text("31000 Toulouse")
    link = section.get_by_role("link", name=re.compile("OpenStreetMap"))
    expect(link).to_have_attribute("href", re.compile(rf"openstreetmap\.org/\?mlat={venue['latitude']}&mlon="
                                                      rf"{venue['longitude']}"))
    expect(page.locator("#ev-rsvp")).to_be_visible()
    page.wait_for_load_state("networkidle")
    expect(section.locator(".venue-map")).to_have_count(0)
    assert leaflet == []  # nothing of Leaflet is fetched, no tile is asked for
    assert violations(page) == []


@pytest.mark.parametrize("width", WIDTHS)
def test_with_a_tile_server_the_event_page_loads_leaflet_and_shows_the_venue(page: Page, site: Site,
                                                                          width: str) -> None:
    page.set_viewport_size(WIDTHS[width])
    tiles: list[str] = []

    def config(route: Route) -> None:
        answer = route.fetch()
        route.fulfill(response=answer, json={**answer.json(), "map_tiles_url": "/test-tiles/{z}/{x}/{y}.png",
                                             "map_tiles_attribution": "© Tuiles de test <b>"})

    def tile(route: Route) -> None:
        tiles.append(route.request.url)
        route.fulfill(body=tile_png(), content_type="image/png")

    page.route("**/config.json", config)
    page.route("**/test-tiles/**", tile)
    # The first page does not load Leaflet
    page.goto("/#/")
    expect(page.locator(".region-map")).to_be_visible()
    assert page.evaluate("typeof window.L") == "undefined"

    event = event_in(site, "poésie")
    page.goto(f"/#/events/{event['id']}")
    venue_map = page.locator("section.venue .venue-map")
    expect(venue_map).to_have_attribute("aria-label", "Plan : Maison ukrainienne")
    expect(venue_map.locator(".leaflet-tile-loaded").first).to_be_visible()
    assert page.evaluate("typeof window.L.map") == "function"
    assert tiles and all(re.search(r"/test-tiles/16/\d+/\d+\.png$", url) for url in tiles)
    expect(venue_map.locator(".leaflet-marker-icon")).to_have_attribute("alt", "Maison ukrainienne")
    expect(venue_map.get_by_role("button", name="Zoom avant").or_(venue_map.get_by_label("Zoom avant"))).to_be_visible()
    # the configured attribution is shown as text, never as markup
    expect(venue_map.locator(".leaflet-control-attribution")).to_contain_text("© Tuiles de test <b>")
    # and the address and the OpenStreetMap link are still there
    expect(page.locator("section.venue").get_by_role("link", name=re.compile("OpenStreetMap"))).to_be_visible()
    assert violations(page) == []
