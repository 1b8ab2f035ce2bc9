"""The <hromada-events> widget on an association's own website: another origin, hostile CSS, a strict
Content-Security-Policy that allows only the Hromada site for scripts and requests."""

from __future__ import annotations

import contextlib
import re
import threading
from collections.abc import Iterator
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TYPE_CHECKING
from urllib.parse import parse_qsl, urlencode, urlsplit
from zoneinfo import ZoneInfo

import pytest
import requests
from axe_playwright_python.sync_playwright import Axe
from babel.dates import format_date
from playwright.sync_api import Browser, Page, expect

from infra.browser import settled
from tests.browser.conftest import SCREENSHOTS, free_port
from tests.browser.people import person, sign_in_as

if TYPE_CHECKING:
    from tests.browser.conftest import Site

pytestmark = pytest.mark.browser

HOSTILE_CSS = "* { color: red !important; display: inline } li { display: none } h3 { font-size: 40px }"
ACCENT = "rgb(0, 87, 183)"  # the widget's default --hromada-accent (#0057b7)
NOWHERE = "as_00000000000000000000"  # a well-formed association id that no association has
EMPTY = {"fr": "Aucun événement à venir", "uk": "Немає майбутніх подій"}
CANCELLED = {"fr": "Annulé", "uk": "Скасовано"}
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]},
               "resultTypes": ["violations"]}
axe = Axe()


def host_page(site: str, attributes: dict[str, str]) -> str:
    attrs = " ".join(f'{k}="{v}"' for k, v in attributes.items())
    return f"""<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Association Dnipro Toulouse</title>
<link rel="stylesheet" href="/host.css"><script type="module" src="{site}/widget/hromada-events.js"></script>
</head><body><main><h1>Association Dnipro Toulouse</h1><h2>Nos événements</h2>
<hromada-events {attrs}></hromada-events>
<ul><li>the host's own list, hidden by its CSS</li></ul></main></body></html>"""


@pytest.fixture(scope="module")
def host(site: Site) -> Iterator[str]:
    """An association's website on another origin (localhost, not 127.0.0.1), whose CSP names only the Hromada
    site: `script-src <site>; connect-src <site>` and nothing inline."""
    csp = (f"default-src 'none'; script-src {site.url}; connect-src {site.url}; style-src 'self'; "
           "img-src 'self'; base-uri 'none'; form-action 'none'")

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            url = urlsplit(self.path)
            if url.path == "/favicon.ico":
                self.send_response(204)
                self.end_headers()
                return
            if url.path == "/host.css":
                body, kind = HOSTILE_CSS.encode(), "text/css"
            elif url.path == "/":
                body, kind = host_page(site.url, dict(parse_qsl(url.query))).encode(), "text/html; charset=utf-8"
            else:
                self.send_error(404)
                return
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Security-Policy", csp)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    port = free_port()
    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://localhost:{port}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def visitor(browser: Browser, request: pytest.FixtureRequest) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 900, "height": 900}, locale="fr-FR")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))  # a CSP refusal is logged here
    page.errors = errors  # type: ignore[attr-defined]
    try:
        yield page
    finally:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        with contextlib.suppress(Exception):
            name = re.sub(r"[^A-Za-z0-9_.-]+", "_", request.node.name)
            page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)
        context.close()


@pytest.fixture(scope="module")
def shown(site: Site) -> dict:
    """A region with a cancelled upcoming event among its first 20, as the API lists them."""
    everything = requests.get(f"{site.url}/events", params={"limit": 100}, timeout=30).json()["items"]
    cancelled = next(e for e in everything if e["status"] == "cancelled" and e["venue"])
    region = cancelled["venue"]["region"]
    items = requests.get(f"{site.url}/events", params={"region": region, "limit": 20}, timeout=30).json()["items"]
    assert cancelled["id"] in [e["id"] for e in items]
    return {"region": region, "items": items, "cancelled": cancelled}


def title(event: dict, lang: str) -> str:
    texts = event["title"]
    return texts.get(lang) or texts.get("fr") or texts.get("uk") or texts.get("en")


def open_widget(page: Page, host: str, **attributes: str) -> None:
    page.goto(f"{host}/?{urlencode(attributes)}")
    expect(page.locator("hromada-events .all")).to_be_visible()


@pytest.mark.parametrize("lang", ["uk", "fr"])
def test_widget_renders_the_events_on_another_site(visitor: Page, host: str, shown: dict, lang: str) -> None:
    page = visitor
    open_widget(page, host, region=shown["region"], limit="20", lang=lang)
    links = page.locator("hromada-events li h3 a")
    expect(links).to_have_text([title(e, lang) for e in shown["items"]])
    first = shown["items"][0]
    assert links.first.get_attribute("href").endswith(f"/#/events/{first['id']}")
    # The date in the chosen language (the weekday babel names for the event's own zone)
    day = datetime.fromisoformat(first["start"].replace("Z", "+00:00")).astimezone(ZoneInfo(first["timezone"]))
    when = page.locator("hromada-events li time").first
    assert when.get_attribute("datetime") == first["start"]
    expect(when).to_contain_text(format_date(day, "EEEE", locale=lang))
    cancelled = page.locator("hromada-events li", has=page.locator(f"a[href$='{shown['cancelled']['id']}']"))
    expect(cancelled.locator("h3")).to_contain_text(CANCELLED[lang])  # said in words, not only struck through
    see_all = page.locator("hromada-events a.all")
    assert see_all.get_attribute("href").endswith(f"/#/events?region={shown['region']}")
    assert page.errors == []  # nothing refused by the page's CSP, nothing thrown


def test_host_css_cannot_reach_inside_and_properties_theme_it(visitor: Page, host: str, shown: dict) -> None:
    page = visitor
    open_widget(page, host, region=shown["region"], limit="3", lang="uk")
    widget = page.locator("hromada-events")
    assert widget.evaluate("e => getComputedStyle(e).display") == "block"
    style = page.locator("hromada-events li").first.evaluate(
        "li => { const a = li.querySelector('a'), h = li.querySelector('h3');"
        " return { li: getComputedStyle(li).display, h3: getComputedStyle(h).display,"
        " size: getComputedStyle(h).fontSize, link: getComputedStyle(a).color,"
        " text: getComputedStyle(li.querySelector('p')).color } }")
    assert style["li"] == "block" and style["h3"] == "block"
    assert style["size"] != "40px"
    assert style["link"] == ACCENT
    assert style["text"] != "rgb(255, 0, 0)"
    assert page.locator("main > ul > li").evaluate("li => getComputedStyle(li).display") == "none"  # host CSS works
    # Themed: the host page sets the documented custom properties
    widget.evaluate("e => { e.style.setProperty('--hromada-accent', 'rgb(120, 20, 90)');"
                    " e.style.setProperty('--hromada-background', 'rgb(20, 24, 32)');"
                    " e.style.setProperty('--hromada-text', 'rgb(240, 240, 240)'); }")
    link = page.locator("hromada-events li h3 a").first
    assert link.evaluate("a => getComputedStyle(a).color") == "rgb(120, 20, 90)"
    assert widget.evaluate("e => getComputedStyle(e).backgroundColor") == "rgb(20, 24, 32)"


def test_axe_finds_nothing_in_the_widget(visitor: Page, host: str, shown: dict) -> None:
    page = visitor
    open_widget(page, host, region=shown["region"], limit="5", lang="fr")
    result = axe.run(page, context={"include": [["hromada-events"]]},
                     options={"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
                              "resultTypes": ["violations"]}).response
    serious = [(v["id"], [n["target"] for n in v["nodes"]]) for v in result["violations"]
               if v["impact"] in ("serious", "critical")]
    assert serious == []
    assert any(v["id"] == "color-contrast" for v in result["passes"])  # axe did look inside the shadow root
    # On a dark page, themed as README suggests
    page.locator("hromada-events").evaluate(
        "e => { e.style.setProperty('--hromada-background', '#14181f');"
        " e.style.setProperty('--hromada-text', '#f1f3f6'); e.style.setProperty('--hromada-accent', '#ffd500'); }")
    dark = axe.run(page, context={"include": [["hromada-events"]]},
                   options={"runOnly": {"type": "rule", "values": ["color-contrast"]}}).response
    assert dark["violations"] == [], dark["violations"]


def test_motion_only_for_those_who_accept_it(visitor: Page, host: str, shown: dict) -> None:
    page = visitor
    page.emulate_media(reduced_motion="reduce")
    open_widget(page, host, region=shown["region"], limit="2")
    item = page.locator("hromada-events li").first
    assert item.evaluate("li => getComputedStyle(li).animationName") == "none"
    page.emulate_media(reduced_motion="no-preference")
    assert item.evaluate("li => getComputedStyle(li).animationName") != "none"


def test_empty_filter_and_attribute_changes(visitor: Page, host: str, shown: dict, site: Site) -> None:
    page = visitor
    open_widget(page, host, association=NOWHERE, lang="fr")
    status = page.locator("hromada-events [role=status]")
    expect(status).to_have_text(EMPTY["fr"])
    expect(status).to_have_attribute("aria-live", "polite")
    expect(page.locator("hromada-events li")).to_have_count(0)
    # Attributes changed by the host page re-render it
    widget = page.locator("hromada-events")
    widget.evaluate(f"e => {{ e.setAttribute('lang', 'uk'); e.removeAttribute('association');"
                    f" e.setAttribute('region', '{shown['region']}'); e.setAttribute('limit', '2'); }}")
    expect(page.locator("hromada-events li h3 a")).to_have_text([title(e, "uk") for e in shown["items"][:2]])
    expect(page.locator("hromada-events a.all")).to_have_text("Переглянути все на Hromada")
    widget.evaluate(f"e => e.setAttribute('association', '{NOWHERE}')")
    expect(status).to_have_text(EMPTY["uk"])
    # The `api` attribute names the API: one the page's CSP refuses fails; the site's own (no trailing slash) works
    widget.evaluate("e => { e.removeAttribute('association'); e.setAttribute('api', 'http://127.0.0.1:9/'); }")
    expect(status).to_have_text("Не вдалося завантажити події.")
    widget.evaluate(f"e => e.setAttribute('api', '{site.url}')")
    expect(page.locator("hromada-events li h3 a")).to_have_text([title(e, "uk") for e in shown["items"][:2]])


def test_snippet_generator_on_the_dashboard(browser: Browser, site: Site, demo: dict) -> None:
    name = demo["verified"][0]
    with person(browser, site.url, "widget_generator") as page:
        page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site.url)
        sign_in_as(page, "owner", then="#/dashboard")
        page.locator("main h3 a", has_text=name).first.click()
        settled(page)
        section = page.locator("section[aria-labelledby=d-widget]")
        expect(section.locator("h2")).to_have_text("Vos événements sur votre site")
        association = page.url.rsplit("/", 1)[-1]
        expect(section.locator("#w-region option")).not_to_have_count(1)  # the regions arrived
        section.get_by_label("Langue du widget").select_option("uk")
        section.get_by_label("Nombre d’événements (1 à 20)").fill("3")
        code = section.get_by_label("Code à copier")
        expect(code).to_have_js_property("readOnly", True)
        expect(code).to_have_value(re.compile(
            rf'^<script type="module" src="{re.escape(site.url)}/widget/hromada-events.js"></script>\n'
            rf'<hromada-events association="{association}" lang="uk" limit="3"></hromada-events>$'))
        # The preview is the widget itself, with the chosen attributes
        expected = requests.get(f"{site.url}/events", params={"association": association, "limit": 3},
                                timeout=30).json()["items"]
        preview = section.locator(".widget-preview hromada-events")
        if expected:
            expect(preview.locator("li h3 a")).to_have_text([title(e, "uk") for e in expected])
        else:
            expect(preview.locator("[role=status]")).to_have_text(EMPTY["uk"])
        section.get_by_label("Catégorie").select_option("concert")
        expect(code).to_have_value(re.compile(r'category="concert" lang="uk" limit="3"'))
        expect(preview).to_have_attribute("category", "concert")
        section.get_by_role("button", name="Copier le code").click()
        expect(section.locator("#w-copied")).to_have_text("Copié.")
        assert page.evaluate("navigator.clipboard.readText()") == code.input_value()
        # colours are measured once the preview's fade-in is over, not half-way through it
        page.evaluate("""() => Promise.all([...document.querySelectorAll('hromada-events')].flatMap(
            (el) => (el.shadowRoot ? el.shadowRoot.getAnimations() : []).map((a) => a.finished)))""")
        result = axe.run(page, options=AXE_OPTIONS).response
        serious = [(v["id"], [n["target"] for n in v["nodes"]][:5]) for v in result["violations"]
                   if v["impact"] in ("serious", "critical")]
        assert serious == []
        page.set_viewport_size({"width": 390, "height": 844})
        section.scroll_into_view_if_needed()
        assert page.evaluate("document.documentElement.scrollWidth") <= 390  # nothing wider than the phone
        section.screenshot(path=str(SCREENSHOTS / "widget_generator_390.png"))
        page.set_viewport_size({"width": 1366, "height": 900})
        section.screenshot(path=str(SCREENSHOTS / "widget_generator_1366.png"))


def test_a_refused_request_says_so(visitor: Page, host: str) -> None:
    page = visitor
    page.goto(f"{host}/?{urlencode({'region': 'zz', 'lang': 'en'})}")  # the API refuses it (422)
    expect(page.locator("hromada-events [role=status]")).to_have_text("The events could not be loaded.")
    expect(page.locator("hromada-events li")).to_have_count(0)
