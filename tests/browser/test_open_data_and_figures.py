"""The open-data page (from the footer: every dataset's files, whose links download what the index says) and an
association's figures over time (its owner sees the chart and the table; a member who does not edit it sees an
error, not the figures). In French and Ukrainian, axe clean, at 1366 and 390 px."""

from __future__ import annotations

import contextlib
import hashlib
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
import requests
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, expect

from infra.browser import settled
from tests.browser.people import person, sign_in_as

if TYPE_CHECKING:
    from tests.browser.conftest import Site

pytestmark = pytest.mark.browser

AXE = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]},
       "resultTypes": ["violations"]}
DESKTOP, PHONE = {"width": 1366, "height": 900}, {"width": 390, "height": 844}
TEXT = {"fr": {"footer": "Données ouvertes", "title": "Données ouvertes", "figures": "Chiffres sur 12 mois",
               "events": "Événements", "error": "Une erreur"},
        "uk": {"footer": "Відкриті дані", "title": "Відкриті дані", "figures": "Показники за 12 місяців",
               "events": "Події", "error": "Помилка"}}
axe = Axe()


@contextlib.contextmanager
def tab(browser: Browser, site: Site, viewport: dict, name: str) -> Iterator[Page]:
    with person(browser, site.url, f"{name}-{viewport['width']}", viewport=viewport, accept_downloads=True) as page:
        yield page


def in_language(page: Page, lang: str) -> None:
    page.evaluate(f"localStorage.setItem('hromada.lang', '{lang}')")
    page.reload()


def no_axe_violations(page: Page) -> None:
    found = axe.run(page, options=AXE).response["violations"]
    assert [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in found
            if v["impact"] in ("serious", "critical")] == []


def fits(page: Page) -> None:
    """Nothing wider than the screen (the tables scroll in their own box)."""
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


@pytest.mark.parametrize("lang", ["fr", "uk"])
@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1366", "390"])
def test_the_open_data_page_lists_files_whose_links_download(browser: Browser, site: Site, lang, viewport) -> None:
    index = requests.get(f"{site.url}/open-data/datapackage.json", timeout=30).json()
    with tab(browser, site, viewport, f"open-data-{lang}") as page:
        page.goto("/")
        in_language(page, lang)
        page.locator("footer").get_by_role("link", name=TEXT[lang]["footer"]).click()
        settled(page)
        expect(page.locator("main h1")).to_have_text(TEXT[lang]["title"])
        rows = page.locator("table.open-data-files tbody tr")
        expect(rows).to_have_count(3)
        links = page.locator("table.open-data-files a[download]")
        expect(links).to_have_count(6)
        by_path = {f"/open-data/{r['path']}": r for r in index["resources"]}
        for href in [links.nth(i).get_attribute("href") for i in range(6)]:
            resource = by_path[href]
            body = requests.get(f"{site.url}{href}", timeout=30).content
            assert len(body) == resource["bytes"]
            assert resource["hash"] == "sha256:" + hashlib.sha256(body).hexdigest()
        with page.expect_download() as download:
            links.first.click()
        assert download.value.suggested_filename in {"associations.json", "associations.csv"}
        assert Path(download.value.path()).stat().st_size == by_path[links.first.get_attribute("href")]["bytes"]
        licence = page.get_by_role("link", name="Licence Ouverte / Open Licence 2.0 (Etalab)")
        expect(licence).to_have_attribute("href", "https://www.etalab.gouv.fr/licence-ouverte-open-licence/")
        no_axe_violations(page)
        fits(page)


def _demo_association(site: Site) -> str:
    """The association of the demo's full workshop (three registrations): its figures are not empty."""
    event = requests.get(f"{site.url}/events", params={"q": "varenyky"}, timeout=30).json()["items"][0]
    return event["association"]["id"]


@pytest.mark.parametrize("lang", ["fr", "uk"])
@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1366", "390"])
def test_the_owner_sees_the_figures_chart(browser: Browser, site: Site, lang, viewport) -> None:
    association = _demo_association(site)
    with tab(browser, site, viewport, f"figures-{lang}") as page:
        sign_in_as(page, "owner", then="#/dashboard")
        in_language(page, lang)
        settled(page)
        card = page.locator("li.card", has=page.locator(f"a[href='#/dashboard/a/{association}']"))
        card.get_by_role("link", name=TEXT[lang]["figures"]).click()
        settled(page)
        chart = page.locator("figure.figures svg[role=img]")
        expect(chart).to_be_visible()
        expect(page.locator("table.figures-table tbody tr")).to_have_count(12)
        # The demo's RSVPs reach the figures through the bus: the bars follow within moments of the start.
        deadline = time.monotonic() + 30
        while not page.locator("figure.figures rect").evaluate_all(
                "bars => bars.some(b => Number(b.getAttribute('height')) > 0)"):
            assert time.monotonic() < deadline, "no registration in the figures"
            page.reload()
            settled(page)
        expect(page.locator("table.figures-table thead")).to_contain_text(TEXT[lang]["events"])
        label = chart.get_attribute("aria-labelledby")
        expect(page.locator(f"#{label}")).to_be_visible()
        no_axe_violations(page)
        fits(page)


@pytest.mark.parametrize("lang", ["fr", "uk"])
def test_a_member_who_does_not_edit_it_cannot_see_the_figures(browser: Browser, site: Site, lang) -> None:
    association = _demo_association(site)
    with tab(browser, site, DESKTOP, f"figures-refused-{lang}") as page:
        sign_in_as(page, "member", then=f"#/dashboard/a/{association}/figures")
        in_language(page, lang)
        settled(page)
        expect(page.locator("main [role=alert]")).to_be_visible()
        expect(page.locator("figure.figures")).to_have_count(0)
        expect(page.locator("table.figures-table")).to_have_count(0)
