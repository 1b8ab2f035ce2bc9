"""A native speaker's read of the web client: each string that was wrong, checked where people see it (or, for
strings only shown to some, through the page's own i18n module)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pytest
import requests
from playwright.sync_api import Browser, Page, expect

from tests.browser.people import person

if TYPE_CHECKING:
    from tests.browser.conftest import Site

pytestmark = pytest.mark.browser

FULL = "Atelier cuisine : varenyky"  # Grand Est, full, with a waiting list (infra/demo.py)


def in_language(page: Page, code: str) -> None:
    page.goto("/")
    page.evaluate(f"localStorage.setItem('hromada.lang', '{code}')")
    page.reload()


def strings(page: Page, code: str, calls: list[list]) -> list[str]:
    """t(key, ...args) for each [key, ...args], in the language `code`, from the page's own module."""
    page.goto("/")
    return page.evaluate("""async ([code, calls]) => {
        const i18n = await import('/js/i18n.js');
        await import('/js/more-strings.js');
        const before = i18n.lang();
        i18n.setLang(code);
        const out = calls.map(([key, ...args]) => i18n.t(key, ...args));
        i18n.setLang(before);
        return out;
    }""", [code, calls])


def event_id(site: Site, title: str) -> str:
    items = requests.get(f"{site.url}/events", params={"q": "varenyky", "limit": 50}, timeout=30).json()["items"]
    return next(e["id"] for e in items if e["title"].get("fr") == title)


# ------------------------------------------------------------------ Ukrainian

def test_ukrainian_waiting_list_is_a_list(page: Page, site: Site) -> None:
    waiting = strings(page, "uk", [["full"], ["seatsSummary", 2, 2, 1], ["rsvpWaiting", 2], ["fullWaitlist"]])
    assert all("спис" in text and not re.search(r"\bлист\w* очікування", text) for text in waiting), waiting
    full = event_id(site, FULL)
    in_language(page, "uk")
    page.goto(f"/#/events/{full}")
    expect(page.locator("#ev-seats")).to_contain_text("у списку очікування")
    assert not re.search(r"\bлист\w* очікування", page.locator("main").inner_text())


def test_ukrainian_event_page_headings_and_region_names(page: Page, site: Site) -> None:
    in_language(page, "uk")
    page.goto(f"/#/events/{event_id(site, FULL)}")
    expect(page.locator("#ev-about")).to_have_text("Про подію")  # not "Про асоціацію"
    page.goto("/#/")
    grand_est = page.locator('.region-map [data-region="44"]')
    expect(grand_est).to_have_attribute("aria-label", re.compile(r"^Гранд-Ест, \d+ "))


def test_ukrainian_lists_of_regions_follow_the_alphabet(page: Page) -> None:
    in_language(page, "uk")
    page.goto("/#/events")
    options = page.locator("#ev-region option")
    expect(options).to_have_count(19)
    names = options.all_inner_texts()[1:]
    collated = page.evaluate("(names) => [...names].sort(new Intl.Collator('uk').compare)", names)
    assert names == collated
    assert names.index("Гранд-Ест") < names.index("Іль-де-Франс") < names.index("Корсика")  # І after И, not first


def test_ukrainian_one_word_for_verified_and_the_ranking_sentence(page: Page, site: Site) -> None:
    ranking, schulze = strings(page, "uk", [["howTo_irv"], ["howTo_schulze"]])
    assert ranking == schulze == "Розташуйте кандидатів за вподобанням: від найбажанішого до найменш бажаного."
    election = next(e["id"] for e in requests.get(f"{site.url}/elections", timeout=30).json()["items"]
                    if e["status"] == "voting")
    in_language(page, "uk")
    page.goto(f"/#/elections/{election}")
    expect(page.locator("main .description")).to_contain_text("Перевірені асоціації")
    page.goto("/#/associations/maison-ukrainienne-de-toulouse")
    expect(page.locator("main")).to_contain_text("Перевірено ")
    assert "ерифік" not in page.locator("main").inner_text()


def test_one_brand_in_every_language(page: Page) -> None:
    for code in ("fr", "uk", "en"):
        in_language(page, code)
        page.goto("/#/associations")
        expect(page.locator(".brand-name")).to_have_text("Hromada")
        expect(page.locator(".site-footer")).to_contain_text("Hromada — ")
        expect(page).to_have_title(re.compile(r" — Hromada$"))
        assert "Громад" not in page.locator(".site-header, .site-footer").all_inner_texts()[0]


# ------------------------------------------------------------------ French

def test_french_counts_follow_the_plural_rules(page: Page) -> None:
    said = strings(page, "fr", [["seatsSummary", 0, 1, 0], ["seatsSummary", 1, 25, 0], ["seatsSummary", 2, 25, 3],
                                ["votersCount", 0], ["votersCount", 1], ["votersCount", 2],
                                ["attendeesSummary", 1, 1, 0], ["eventCount", 0], ["ballotsCounted", 1]])
    assert said == ["0 inscrit sur 1 place, 0 en liste d’attente", "1 inscrit sur 25 places, 0 en liste d’attente",
                    "2 inscrits sur 25 places, 3 en liste d’attente", "0 participant·e", "1 participant·e",
                    "2 participant·e·s", "1 inscrit / 1 place, 0 en attente.", "0 événement affiché.",
                    "1 bulletin dépouillé."]
    english = strings(page, "en", [["votersCount", 0], ["votersCount", 1]])
    assert english == ["0 voters", "1 voter"]


def test_french_says_e_mail_only(page: Page) -> None:
    page.goto("/#/subscribe")
    expect(page.locator("main h1")).to_have_text("Recevoir les nouvelles par e-mail")
    expect(page.locator("main")).to_contain_text("Un e-mail de confirmation")
    expect(page.get_by_label("Langue des e-mails")).to_be_visible()
    assert "courriel" not in page.locator("main").inner_text().lower()
    page.goto("/#/associations/maison-ukrainienne-de-toulouse")
    expect(page.locator("main h1")).to_have_text("Maison ukrainienne de Toulouse")
    assert "courriel" not in page.locator("main").inner_text().lower()


@pytest.mark.parametrize("width", [1366, 390])
def test_dates_are_typed_in_the_pages_format_whatever_the_browsers_language(browser: Browser, site: Site,
                                                                            width: int) -> None:
    # An English-speaking browser (the native date input would say mm/dd/yyyy) on the French page
    with person(browser, site.url, f"dates_fr_{width}", locale="en-US") as page:
        page.set_viewport_size({"width": width, "height": 900})
        in_language(page, "fr")  # chosen on the page: the browser's English would be the first visit's pick
        page.goto("/#/events")
        if width < 600:  # on a phone, the filters and the menu are folded behind their buttons
            page.locator(".filters-toggle").click()
        start = page.get_by_label("À partir du")
        expect(start).to_have_attribute("type", "text")
        expect(start).to_have_accessible_description("Format : JJ/MM/AAAA")
        start.fill("01/12/2026")
        start.press("Tab")
        expect(page).to_have_url(re.compile(r"from=2026-12-01"))
        expect(start).to_have_value("01/12/2026")
        page.get_by_label("Jusqu’au").fill("31/02/2027")
        page.get_by_role("button", name="Rechercher").click()
        expect(page.get_by_role("alert")).to_have_text("Jusqu’au : date invalide, attendu JJ/MM/AAAA.")
        expect(page.get_by_label("Jusqu’au")).to_have_attribute("aria-invalid", "true")
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")

        if width < 600:
            page.get_by_role("button", name="Menu").click()
        page.get_by_role("button", name="Українська").click()
        if width < 600:
            page.locator(".filters-toggle").click()
        start = page.get_by_label("Від")
        expect(start).to_have_accessible_description("Формат: ДД.ММ.РРРР")
        expect(start).to_have_value("01.12.2026")


# ------------------------------------------------------------------ first visit

@pytest.mark.parametrize(("locale", "heading", "pressed"), [("uk-UA", "Поруч із вами", "Українська"),
                                                            ("en-GB", "Near you", "English"),
                                                            ("de-DE", "Près de chez vous", "Français")])
def test_a_first_visit_speaks_the_browsers_language_when_the_site_has_it(browser: Browser, site: Site, locale: str,
                                                                         heading: str, pressed: str) -> None:
    with person(browser, site.url, f"first_visit_{locale}", locale=locale) as page:
        page.goto("/#/")
        expect(page.locator("main h1")).to_have_text(heading)
        expect(page.get_by_role("button", name=pressed)).to_have_attribute("aria-pressed", "true")
        assert page.evaluate("document.documentElement.lang") == pressed_code(pressed)
        # a choice made on the page wins over the browser from then on
        if pressed != "Français":
            page.get_by_role("button", name="Français").click()
        page.reload()
        expect(page.locator("main h1")).to_have_text("Près de chez vous")


def pressed_code(name: str) -> str:
    return {"Українська": "uk", "English": "en", "Français": "fr"}[name]


# ------------------------------------------------------------------ English

def named(region: str) -> re.Pattern[str]:
    """A tile's label: the region's name, then its count of events once /events/counts has answered."""
    return re.compile(rf"^{re.escape(region)}(, .+)?$")


def test_english_region_names_are_english(page: Page) -> None:
    in_language(page, "en")
    page.goto("/#/")
    tiles = page.locator(".region-map")
    expect(tiles.locator('[data-region="28"]')).to_have_attribute("aria-label", named("Normandy"))  # beside Occitania
    expect(tiles.locator('[data-region="76"]')).to_have_attribute("aria-label", named("Occitania"))
    expect(tiles.locator('[data-region="53"]')).to_have_attribute("aria-label", named("Brittany"))
    expect(tiles.locator('[data-region="75"]')).to_have_attribute("aria-label", named("Nouvelle-Aquitaine"))
    expect(tiles.locator('[data-region="44"]')).to_have_attribute("aria-label", named("Grand Est"))
