"""Atom feeds and schema.org data in the web client: the events and announcements lists name their feed (with the
list's filters) in the page's head and beside the iCal link; an event, association or announcement page carries
its JSON-LD; both go when the page is left. In French and in Ukrainian, at a laptop's and a phone's width."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import feedparser
import pytest
import requests
from playwright.sync_api import Page, expect

from tests.browser.conftest import SCREENSHOTS
from tests.schema_org import problems

if TYPE_CHECKING:
    from tests.browser.conftest import Site

pytestmark = pytest.mark.browser
FEED_LINK = 'head link[rel="alternate"][type="application/atom+xml"]'
LD = 'head script[type="application/ld+json"]'


def in_language(page: Page, code: str) -> None:
    page.goto("/")
    page.evaluate(f"localStorage.setItem('hromada.lang', '{code}')")
    page.reload()  # the language is read when the client starts


def feed_at(href: str):
    answer = requests.get(href, timeout=30)
    assert answer.status_code == 200 and answer.headers["Content-Type"].startswith("application/atom+xml")
    parsed = feedparser.parse(answer.content)
    assert parsed.bozo == 0, parsed.bozo_exception
    return parsed


def json_ld(page: Page) -> dict:
    expect(page.locator(LD)).to_have_count(1)
    return json.loads(page.locator(LD).text_content())


@pytest.mark.parametrize(("code", "subscribe"), [("fr", "S’abonner à ces événements (Atom)"),
                                                 ("uk", "Підписатися на ці події (Atom)")])
def test_the_events_page_names_its_atom_feed(page: Page, site: Site, code: str, subscribe: str) -> None:
    in_language(page, code)
    page.goto("/#/events?region=11")
    expect(page.locator(FEED_LINK)).to_have_count(1)
    expect(page.locator(FEED_LINK)).to_have_attribute("href", f"{site.url}/events.atom?region=11&lang={code}")
    visible = page.get_by_role("link", name=subscribe)
    expect(visible).to_have_attribute("href", f"{site.url}/events.atom?region=11&lang={code}")
    feed = feed_at(page.locator(FEED_LINK).get_attribute("href"))
    listed = requests.get(f"{site.url}/events", params={"region": "11", "limit": 50}, timeout=30).json()["items"]
    assert [e.link.rsplit("/", 1)[1] for e in feed.entries] == [e["id"] for e in listed] and listed
    assert feed.feed.language == code
    # a changed filter changes the feed named; leaving the list removes it
    page.goto("/#/events?region=11&category=concert")
    expect(page.locator(FEED_LINK)).to_have_attribute(
        "href", f"{site.url}/events.atom?region=11&category=concert&lang={code}")
    page.goto("/#/associations")
    expect(page.locator("main h1")).to_be_visible()
    expect(page.locator(FEED_LINK)).to_have_count(0)


def test_the_announcements_page_names_its_atom_feed(page: Page, site: Site) -> None:
    page.goto("/#/announcements?type=project")
    expect(page.locator(FEED_LINK)).to_have_attribute("href", f"{site.url}/announcements.atom?type=project&lang=fr")
    feed = feed_at(page.locator(FEED_LINK).get_attribute("href"))
    assert feed.entries and all("project" in {t.term for t in e.tags} for e in feed.entries)


@pytest.mark.parametrize("code", ["fr", "uk"])
def test_an_event_page_carries_its_json_ld(page: Page, site: Site, code: str) -> None:
    event = requests.get(f"{site.url}/events", params={"limit": 1}, timeout=30).json()["items"][0]
    in_language(page, code)
    page.goto(f"/#/events/{event['id']}")
    expect(page.locator("main h1")).to_have_text(event["title"].get(code) or event["title"]["fr"])
    data = json_ld(page)
    assert data["@type"] == "Event" and problems(data) == [], problems(data)
    assert data["name"] == (event["title"].get(code) or event["title"]["fr"]) and data["inLanguage"] == code
    assert data["startDate"] == event["start_local"]
    # the crawlable page of the same event says the same, without JavaScript
    crawlable = requests.get(f"{site.url}/pages/events/{event['id']}", params={"lang": code}, timeout=30).text
    assert '"@type":"Event"' in crawlable and 'type="application/atom+xml"' in crawlable
    page.goto("/#/events")
    expect(page.locator("main h1")).to_be_visible()
    expect(page.locator(LD)).to_have_count(0)


def test_association_and_announcement_pages_carry_theirs(page: Page, site: Site) -> None:
    association = requests.get(f"{site.url}/associations", params={"limit": 1}, timeout=30).json()["items"][0]
    page.goto(f"/#/associations/{association['slug']}")
    expect(page.locator("main h1")).to_have_text(association["name"])
    data = json_ld(page)
    assert data["@type"] == "Organization" and data["name"] == association["name"]
    assert [p for p in problems(data) if "logo" not in p] == []
    announcement = requests.get(f"{site.url}/announcements", params={"limit": 1}, timeout=30).json()["items"][0]
    page.goto(f"/#/announcements/{announcement['id']}")
    expect(page.locator("main h1")).to_have_text(announcement["title"]["fr"])
    data = json_ld(page)
    assert data["@type"] == "NewsArticle" and problems(data) == [], problems(data)


@pytest.mark.parametrize("width", [1366, 390])
def test_the_subscribe_links_fit(page: Page, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    page.goto("/#/events")
    links = page.locator("main .feeds a")
    expect(links).to_have_count(2)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.locator("main .feeds").screenshot(path=str(SCREENSHOTS / f"feeds-links-{width}.png"))


def test_hostile_text_stays_inside_the_json_ld(page: Page) -> None:
    page.goto("/#/events")
    escaped = page.evaluate("""async () => {
        const { scriptSafeJson, structuredData } = await import('/js/feeds.js');
        const remove = structuredData({ name: '</script><script>window.pwned = 1</script>' });
        const parsed = JSON.parse(document.querySelector('head script[type="application/ld+json"]').textContent);
        remove();
        return [scriptSafeJson({ a: '</script>' }), parsed.name, window.pwned === undefined];
    }""")
    assert escaped == ['{"a":"\\u003c/script\\u003e"}', "</script><script>window.pwned = 1</script>", True]


@pytest.mark.parametrize("width", [1366, 390])
def test_a_crawlable_page_reads_without_javascript(browser, site: Site, width: int) -> None:
    event = requests.get(f"{site.url}/events", params={"limit": 1}, timeout=30).json()["items"][0]
    context = browser.new_context(java_script_enabled=False, viewport={"width": width, "height": 900})
    try:
        crawler = context.new_page()
        crawler.goto(f"{site.url}/pages/events/{event['id']}?lang=uk")
        expect(crawler.locator("h1")).to_have_text(event["title"].get("uk") or event["title"]["fr"])
        expect(crawler.get_by_role("link", name="Переглянути подію на Hromada")).to_have_attribute(
            "href", f"{site.url}/#/events/{event['id']}")
        assert crawler.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        crawler.screenshot(path=str(SCREENSHOTS / f"crawlable-event-{width}.png"), full_page=True)
    finally:
        context.close()
