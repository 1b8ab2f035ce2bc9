"""The associations directory in a real browser: listing, filters, search, detail, languages, errors."""

from __future__ import annotations

import re
import uuid
from typing import TYPE_CHECKING, Any

import pytest
import requests
from playwright.sync_api import Locator, Page, Route, expect

if TYPE_CHECKING:
    from tests.browser.conftest import Site

pytestmark = pytest.mark.browser

MARKER = "Test navigateur"  # names of associations these tests create themselves


def demo_cards(page: Page) -> Locator:
    """The cards of the demo's associations: other browser modules of the same session add theirs (MARKER)."""
    return page.locator(".card").filter(has_not=page.locator(".card-title", has_text=MARKER))


def open_directory(page: Page, path: str = "/#/associations") -> None:
    page.goto(path)
    expect(page.locator("main h1")).to_be_visible()
    expect(page.locator(".cards")).not_to_have_attribute("aria-busy", "true")
    expect(page.locator(".card").first).to_be_visible()


def load_everything(page: Page) -> list[str]:
    more = page.get_by_role("button", name="Afficher plus d’associations")
    for _ in range(20):
        expect(page.locator(".cards")).not_to_have_attribute("aria-busy", "true")
        if not more.is_visible():
            break
        before = page.locator(".card").count()
        more.click()
        expect(page.locator(".card")).not_to_have_count(before)
    return page.locator(".card-title").all_inner_texts()


def test_directory_lists_only_verified_associations(page: Page, demo: dict[str, Any]) -> None:
    # Given the demo data, when a visitor opens the site
    open_directory(page)

    # Then the page is in French, and every verified association is listed once "load more" is used
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page).to_have_title(re.compile("Hromada"))
    expect(page.locator("main h1")).to_have_text("Associations")
    names = load_everything(page)
    assert len(demo["verified"]) == 10
    assert sorted(n for n in names if not n.startswith(MARKER)) == sorted(demo["verified"])
    assert len(names) == len(set(names))
    # And pending ones never show up
    for pending in demo["pending"]:
        assert pending not in names
    expect(page.get_by_text("Rennes–Lviv Amitié")).to_have_count(0)
    # And cards carry the city, the department by name and the categories
    toulouse = page.locator(".card", has_text="Maison ukrainienne de Toulouse")
    expect(toulouse.locator(".card-place")).to_have_text("Toulouse · Haute-Garonne (31)")
    expect(toulouse.locator(".tag")).to_have_text(["Culture", "École de langue"])
    expect(toulouse.locator(".card-text")).to_have_text("Cours de langue, fêtes traditionnelles et bibliothèque.")
    expect(page.get_by_role("status").filter(has_text="associations affichées")).to_be_visible()


def test_filter_by_region_occitanie(page: Page) -> None:
    open_directory(page)

    # When the visitor picks the region Occitanie (INSEE 76)
    region = page.get_by_label("Région", exact=True)
    expect(region.locator("option", has_text="Occitanie")).to_have_count(1)
    region.select_option("76")

    # Then only the Toulouse and Montpellier associations remain, and the filter is in the address
    expect(demo_cards(page)).to_have_count(2)
    places = demo_cards(page).locator(".card-place").all_inner_texts()
    assert sorted(p.split(" · ")[0] for p in places) == ["Montpellier", "Toulouse"]
    assert "region=76" in page.url
    # And the department list now holds the 13 departments of Occitanie only
    department = page.get_by_label("Département", exact=True)
    expect(department.locator("option")).to_have_count(14)
    expect(department.locator("option", has_text="Haute-Garonne (31)")).to_have_count(1)
    expect(department.locator("option", has_text="Paris (75)")).to_have_count(0)

    # When Haute-Garonne is picked as well, only Toulouse is left
    department.select_option("31")
    expect(demo_cards(page)).to_have_count(1)
    expect(demo_cards(page).locator(".card-title")).to_have_text("Maison ukrainienne de Toulouse")

    # And the filters survive a reload (they live in the URL)
    page.reload()
    expect(demo_cards(page)).to_have_count(1)
    expect(page.get_by_label("Région", exact=True)).to_have_value("76")
    expect(page.get_by_label("Département", exact=True)).to_have_value("31")

    # And clearing the filters brings everything back
    page.get_by_role("button", name="Effacer les filtres").first.click()
    expect(page.locator(".card")).to_have_count(9)
    expect(page.get_by_label("Région", exact=True)).to_have_value("")

    # And picking a department alone selects its region too
    page.get_by_label("Département", exact=True).select_option("34")
    expect(demo_cards(page)).to_have_count(1)
    expect(demo_cards(page).locator(".card-title")).to_have_text("Kalyna Montpellier")
    expect(page.get_by_label("Région", exact=True)).to_have_value("76")


def test_search_and_category(page: Page) -> None:
    open_directory(page)
    search = page.get_by_label("Recherche", exact=True)

    # A single character is refused on the page, with a message tied to the field
    search.fill("b")
    search.press("Enter")
    expect(search).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#f-q-hint")).to_have_text("Saisissez au moins 2 caractères.")

    # A word from a description finds its association
    search.fill("bandoura")
    search.press("Enter")
    expect(demo_cards(page)).to_have_count(1)
    expect(demo_cards(page).locator(".card-title")).to_have_text("Bandura Marseille")
    expect(search).to_have_attribute("aria-invalid", "false")

    # A search with no result says so
    search.fill("zzz introuvable")
    page.get_by_role("button", name="Rechercher").click()
    expect(page.locator(".card")).to_have_count(0)
    expect(page.locator(".empty")).to_be_visible()
    expect(page.locator(".empty")).to_contain_text("Aucune association ne correspond à ces critères.")

    # Category and language filters combine
    search.fill("")
    page.get_by_role("button", name="Rechercher").click()
    page.get_by_label("Catégorie", exact=True).select_option("humanitarian_aid")
    expect(demo_cards(page)).to_have_count(2)
    page.get_by_label("Langue parlée", exact=True).select_option("en")
    expect(demo_cards(page)).to_have_count(1)
    expect(demo_cards(page).locator(".card-title")).to_have_text("Solidarité Ukraine Paris")


def test_open_an_association(page: Page) -> None:
    open_directory(page, "/#/associations?region=76")

    # When the visitor opens a card
    page.get_by_role("link", name="Maison ukrainienne de Toulouse").click()

    # Then its page shows the public profile, with the heading focused for keyboard and screen readers
    heading = page.locator("main h1")
    expect(heading).to_have_text("Maison ukrainienne de Toulouse")
    expect(heading).to_be_focused()
    expect(page).to_have_title("Maison ukrainienne de Toulouse — Hromada")
    assert page.url.endswith("#/associations/maison-ukrainienne-de-toulouse")
    facts = page.locator(".facts")
    expect(facts).to_contain_text("Toulouse (31000) · Haute-Garonne (31) · Occitanie")
    expect(facts).to_contain_text("Culture, École de langue")
    expect(facts).to_contain_text("Ukrainien, Français")
    expect(page.locator(".badge")).to_contain_text("Vérifiée le")
    expect(page.locator(".description").first).to_have_text("Cours de langue, fêtes traditionnelles et bibliothèque.")
    website = page.get_by_role("link", name="https://example.org/31000")
    expect(website).to_have_attribute("href", "https://example.org/31000")
    expect(website).to_have_attribute("rel", "noopener nofollow")
    # The other languages are one click away, marked with their language
    page.get_by_text("Présentation dans d’autres langues").click()
    expect(page.locator('.description[lang="uk"]')).to_have_text("Мовні курси, традиційні свята та бібліотека.")

    # And "back" returns to the directory with the same filters
    page.get_by_role("link", name="Retour à l’annuaire").click()
    expect(demo_cards(page)).to_have_count(2)
    assert "region=76" in page.url


def test_switch_to_ukrainian_and_keep_it(page: Page) -> None:
    languages: list[str | None] = []
    page.on("request", lambda r: "/associations" in r.url and r.resource_type == "fetch"
            and languages.append(r.headers.get("accept-language")))
    open_directory(page)
    assert languages and set(languages) == {"fr"}

    # When the visitor chooses Ukrainian
    page.get_by_role("button", name="Українська").click()

    # Then the page, its labels, region names and descriptions switch, and the API is asked in Ukrainian
    expect(page.locator("html")).to_have_attribute("lang", "uk")
    expect(page.locator("main h1")).to_have_text("Асоціації")
    expect(page.get_by_role("button", name="Українська")).to_have_attribute("aria-pressed", "true")
    expect(page.get_by_label("Регіон", exact=True).locator("option", has_text="Окситанія")).to_have_count(1)
    expect(page.get_by_role("button", name="Шукати")).to_be_visible()
    toulouse = page.locator(".card", has_text="Maison ukrainienne de Toulouse")
    expect(toulouse.locator(".card-text")).to_have_text("Мовні курси, традиційні свята та бібліотека.")
    expect(toulouse.locator(".tag").first).to_have_text("Культура")
    assert languages[-1] == "uk"

    # And the choice survives a reload
    page.reload()
    expect(page.locator("html")).to_have_attribute("lang", "uk")
    expect(page.locator("main h1")).to_have_text("Асоціації")
    expect(page.locator(".skip-link")).to_have_text("Перейти до вмісту")
    assert page.evaluate("localStorage.getItem('hromada.lang')") == "uk"

    # And API messages come back in Ukrainian too
    page.goto("/#/associations/does-not-exist")
    expect(page.get_by_role("alert")).to_contain_text("Асоціацію не знайдено.")

    # And English is one click away
    page.get_by_role("button", name="English").click()
    expect(page.locator("main h1")).to_have_text("Association not found")
    expect(page.get_by_role("alert")).to_contain_text("Association not found.")
    page.get_by_role("button", name="Українська").click()
    page.get_by_role("link", name="Назад до каталогу").click()
    expect(page.locator(".card").first).to_be_visible()


def test_api_errors_are_shown(page: Page) -> None:
    # An unknown page of the site
    page.goto("/#/nowhere")
    expect(page.locator("main h1")).to_have_text("Page introuvable")

    # A network failure: explained, with a way to retry
    def offline(route: Route) -> None:
        route.abort("internetdisconnected")

    page.route(re.compile(r"/associations\?"), offline)
    page.goto("/#/associations")
    expect(page.get_by_role("alert")).to_contain_text("Impossible de joindre le serveur")
    page.unroute(re.compile(r"/associations\?"), offline)
    page.get_by_role("button", name="Réessayer").click()
    expect(page.locator(".card")).to_have_count(9)
    expect(page.get_by_role("alert")).to_have_count(0)

    # A server failure that is not even JSON: still a message, and the page around it stays
    def bad_gateway(route: Route) -> None:
        route.fulfill(status=502, body="<html>Bad gateway</html>", content_type="text/html")

    page.route(re.compile(r"/associations\?"), bad_gateway)
    page.get_by_label("Catégorie", exact=True).select_option("arts")
    expect(page.get_by_role("alert")).to_contain_text("Le serveur a répondu par une erreur (502).")
    expect(page.locator("main h1")).to_have_text("Associations")
    page.unroute(re.compile(r"/associations\?"), bad_gateway)

    # An unknown association: a visible, announced not-found message from the API, never a blank page
    page.goto("/#/associations/does-not-exist")
    expect(page.locator("main h1")).to_have_text("Association introuvable")
    alert = page.get_by_role("alert")
    expect(alert).to_be_visible()
    expect(alert).to_contain_text("Association introuvable.")
    expect(alert).to_contain_text("association_not_found")
    expect(page.get_by_role("link", name="Retour à l’annuaire")).to_be_visible()


def test_keyboard_landmarks_and_phone_layout(page: Page) -> None:
    open_directory(page)

    # Landmarks and a skip link that is the first stop of the keyboard
    for role in ("banner", "main", "contentinfo", "search"):
        expect(page.get_by_role(role)).to_have_count(1)
    expect(page.get_by_role("navigation")).to_have_count(1)
    page.keyboard.press("Tab")
    expect(page.locator(".skip-link")).to_be_focused()
    expect(page.locator(".skip-link")).to_be_in_viewport()
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()

    # Every control has a label
    unlabelled = page.evaluate("""() => [...document.querySelectorAll('input, select, textarea')]
        .filter(el => !el.labels.length && !el.getAttribute('aria-label')).map(el => el.id || el.name)""")
    assert unlabelled == []

    # The whole search can be done with the keyboard: focus the region, choose, then open a result
    page.get_by_label("Région", exact=True).focus()
    page.get_by_label("Région", exact=True).select_option("76")
    expect(demo_cards(page)).to_have_count(2)
    demo_cards(page).locator(".card-title a").first.focus()
    page.keyboard.press("Enter")
    expect(page.locator("main h1")).to_be_focused()
    expect(page.locator(".facts")).to_be_visible()

    # Focus is visible: the focused link gets an outline
    page.keyboard.press("Shift+Tab")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline not in ("", "none")

    # On a phone the page fits the screen width
    page.set_viewport_size({"width": 375, "height": 740})
    page.goto("/#/associations")
    expect(page.locator(".card").first).to_be_visible()
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0


def test_text_from_the_api_is_never_markup(page: Page, site: Site) -> None:
    # Given a verified association whose fields carry markup (registered and verified through the API)
    from infra.demo import ACCOUNTS
    from infra.users import Users

    users = Users.from_info(site.info)
    owner = users.id_token(ACCOUNTS["owner"].email, ACCOUNTS["owner"].password)
    moderator = users.id_token(ACCOUNTS["moderator"].email, ACCOUNTS["moderator"].password)
    slug = f"test-navigateur-{uuid.uuid4().hex[:8]}"
    name = f"{MARKER} <img src=x onerror=window.__pwned=1>"
    body = {
        "name": name, "slug": slug, "categories": ["other"], "languages": ["fr"],
        "description": {"fr": "<script>window.__pwned=2</script><b>gras</b>\nDeuxième ligne"},
        "region": "94", "department": "2A", "city": "Ajaccio", "postal_code": "20000",
        "website": "https://example.org/ajaccio", "contact_email": "contact@example.org", "show_contact_email": True,
        "social_links": {"telegram": "https://t.me/example", "mastodon": "https://mastodon.social/@example"},
    }
    created = requests.post(f"{site.url}/associations", json=body, timeout=30,
                            headers={"Authorization": f"Bearer {owner}"})
    assert created.status_code == 201, created.text
    verified = requests.post(f"{site.url}/associations/{slug}/verify", json={}, timeout=30,
                             headers={"Authorization": f"Bearer {moderator}"})
    assert verified.status_code == 200, verified.text

    # When its page is opened
    page.goto(f"/#/associations/{slug}")

    # Then the markup is shown as text and nothing runs
    expect(page.locator("main h1")).to_have_text(name)
    expect(page.locator(".description")).to_have_text("<script>window.__pwned=2</script><b>gras</b>\nDeuxième ligne")
    assert page.locator("main img, main script, main b").count() == 0
    assert page.evaluate("window.__pwned") is None
    # And every link is the one given, as a plain, non-endorsed external link
    for text, href in (("Telegram", "https://t.me/example"), ("Mastodon", "https://mastodon.social/@example"),
                       ("https://example.org/ajaccio", "https://example.org/ajaccio")):
        link = page.get_by_role("link", name=text)
        expect(link).to_have_attribute("href", href)
        expect(link).to_have_attribute("rel", "noopener nofollow")
    expect(page.get_by_role("link", name="contact@example.org")).to_have_attribute("href", "mailto:contact@example.org")

    # And in the directory too
    page.goto("/#/associations?region=94")
    expect(page.locator(".card-title")).to_have_text(name)
    assert page.evaluate("window.__pwned") is None
