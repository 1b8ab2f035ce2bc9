"""The back office and the twinning pages, in French and Ukrainian, at a laptop's and a phone's width: an owner's
dashboard ordered by next event with each association's numbers; the announcement form showing only its type's
fields and starting in the association's region; what moderators see of a pending association; partnerships
filtered by French region and Ukrainian oblast; an association's needs and offers and their matches; axe on them."""

from __future__ import annotations

import json
import uuid
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

import pytest
import requests
from playwright.sync_api import Browser, Page, expect

from infra.users import Account, Users
from tests.browser.people import person, sign_in, sign_in_as
from tests.browser.test_accessibility import check

if TYPE_CHECKING:
    from tests.browser.conftest import Site

pytestmark = pytest.mark.browser

SIZES = [("fr", 1366), ("uk", 390), ("uk", 1366), ("fr", 390)]
TEXT = {  # what the page says, by language
    "fr": {"upcoming": "Événements à venir", "registrations": "Inscriptions", "project": "Projet",
           "sources": "Sources", "rna": "Numéro RNA", "lviv": "Oblast de Lviv", "mykolaiv": "Oblast de Mykolaïv",
           "offers": "Offres qui y répondent", "theirs": "Ses besoins et offres"},
    "uk": {"upcoming": "Майбутні події", "registrations": "Реєстрації", "project": "Проєкт",
           "sources": "Джерела", "rna": "Номер RNA", "lviv": "Львівська область", "mykolaiv": "Миколаївська область",
           "offers": "Пропозиції, що відповідають", "theirs": "Її потреби й пропозиції"},
}


def in_language(page: Page, code: str) -> None:
    page.evaluate(f"localStorage.setItem('hromada.lang', '{code}')")
    page.reload()


def no_sideways_scroll(page: Page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


class Api:
    def __init__(self, site: Site):
        self.url = site.url
        self.users = Users.from_info(site.info)

    def account(self, label: str, *groups: str) -> Account:
        account = Account(f"{label}-{uuid.uuid4().hex[:8]}@example.org", "Browser-test-2026", label.title(), groups)
        self.users.ensure(account)
        return account

    def call(self, method: str, path: str, who: Account | None = None, **kwargs: Any) -> Any:
        headers = {"Authorization": f"Bearer {self.users.id_token(who.email, who.password)}"} if who else {}
        response = requests.request(method, f"{self.url}{path}", headers=headers, timeout=30, **kwargs)
        assert response.status_code < 300, f"{method} {path}: {response.status_code} {response.text}"
        return response.json() if response.text else None


def association(name: str, **overrides: Any) -> dict[str, Any]:
    return {"name": name, "description": {"fr": "Une association de test.", "uk": "Тестова асоціація."},
            "categories": ["culture"], "region": "76", "department": "31", "city": "Toulouse",
            "postal_code": "31000", **overrides}


def event(days: int) -> dict[str, Any]:
    day = (date.today() + timedelta(days=days)).isoformat()
    return {"title": {"fr": f"Soirée {uuid.uuid4().hex[:6]}", "uk": "Вечір"}, "description": {"fr": "Une soirée."},
            "start": f"{day}T19:00:00", "end": f"{day}T21:00:00", "timezone": "Europe/Paris",
            "venue": {"name": "Salle", "address": "1 rue de la Paix", "city": "Caen", "postal_code": "14000",
                      "department": "14", "region": "28"},
            "categories": ["concert"], "languages": ["uk"]}


@pytest.fixture(scope="module")
def cast(site: Site) -> dict[str, Any]:
    """A new owner with two verified associations: the one named first alphabetically has the later event."""
    api = Api(site)
    owner, moderator = api.account("owner"), api.account("moderator", "moderators")
    tag = uuid.uuid4().hex[:5]
    # Named and placed so as not to change what the directory tests count (demo data only, in Occitanie)
    alpha = api.call("POST", "/associations", owner, json=association(f"Test navigateur Alpha {tag}", region="28",
                                                                         department="14", city="Caen",
                                                                         postal_code="14000"))
    zeta = api.call("POST", "/associations", owner, json=association(f"Test navigateur Zeta {tag}", region="84",
                                                                        department="69", city="Lyon",
                                                                        postal_code="69002"))
    for a in (alpha, zeta):
        api.call("POST", f"/associations/{a['id']}/verify", moderator, json={})
    api.call("POST", f"/associations/{alpha['id']}/events", owner, json=event(30))
    soon = api.call("POST", f"/associations/{zeta['id']}/events", owner, json=event(4))
    return {"api": api, "owner": owner, "alpha": alpha, "zeta": zeta, "soon": soon}


def owner_page(browser: Browser, site: Site, cast: dict[str, Any], name: str, lang: str, width: int):
    context = person(browser, site.url, name)
    page = context.__enter__()
    page.set_viewport_size({"width": width, "height": 844 if width < 500 else 900})
    sign_in(page, cast["owner"].email, cast["owner"].password, then="#/dashboard")
    in_language(page, lang)
    return context, page


@pytest.mark.parametrize(("lang", "width"), SIZES)
def test_dashboard_orders_associations_by_next_event_and_counts_an_rsvp(
        browser: Browser, site: Site, cast: dict[str, Any], lang: str, width: int) -> None:
    context, page = owner_page(browser, site, cast, f"dashboard_{lang}_{width}", lang, width)
    try:
        cards = page.locator("main .dash-cards > li")
        expect(cards).to_have_count(2)
        # Zeta's event comes first: it leads, though Alpha comes first in the alphabet
        expect(cards.nth(0).locator(".card-title")).to_have_text(cast["zeta"]["name"])
        expect(cards.nth(1).locator(".card-title")).to_have_text(cast["alpha"]["name"])
        zeta = cards.nth(0)
        expect(zeta.locator(".stat-events dt")).to_have_text(TEXT[lang]["upcoming"])
        expect(zeta.locator(".stat-events dd")).to_have_text("1")
        expect(zeta.get_by_role("link", name=cast["soon"]["title"]["uk" if lang == "uk" else "fr"])).to_be_visible()
        before = int(zeta.locator(".stat-registrations dd").inner_text())
        # a member registers for Zeta's event: the dashboard shows one more registration
        api = cast["api"]
        api.call("POST", f"/events/{cast['soon']['id']}/rsvp", api.account("member"))
        page.reload()
        expect(cards.nth(0).locator(".stat-registrations dt")).to_have_text(TEXT[lang]["registrations"])
        expect(cards.nth(0).locator(".stat-registrations dd")).to_have_text(str(before + 1))
        expect(cards.nth(1).locator(".stat-registrations dd")).to_have_text("0")
        no_sideways_scroll(page)
    finally:
        context.__exit__(None, None, None)


@pytest.mark.parametrize(("lang", "width"), SIZES)
def test_announcement_form_shows_its_type_fields_and_starts_in_the_association_region(
        browser: Browser, site: Site, cast: dict[str, Any], lang: str, width: int) -> None:
    context, page = owner_page(browser, site, cast, f"announcement_form_{lang}_{width}", lang, width)
    try:
        page.goto(f"/#/dashboard/a/{cast['zeta']['id']}/announcement")
        form = page.locator("main form")
        kind = form.locator("select[name=type]")
        expect(kind).to_have_value("news")
        expect(form.locator("select[name=region]")).to_have_value("84")  # Zeta is in Auvergne-Rhône-Alpes
        project, sources = form.locator("#part-project"), form.locator("#part-sources")
        expect(project).to_be_hidden()
        expect(sources).to_be_hidden()
        kind.select_option("project")
        expect(project).to_be_visible()
        expect(project.locator("legend").first).to_have_text(TEXT[lang]["project"])
        expect(form.locator("input[name=donation_url]")).to_be_hidden()
        project.locator("input[name=needs][value=donations]").check()
        expect(form.locator("input[name=donation_url]")).to_be_visible()
        expect(sources).to_be_hidden()
        kind.select_option("fact_check")
        expect(project).to_be_hidden()
        expect(sources).to_be_visible()
        expect(sources.locator("legend")).to_have_text(TEXT[lang]["sources"])
        # back to news: the needs ticked before are not sent, so the news is published
        kind.select_option("news")
        title = f"Nouvelles {uuid.uuid4().hex[:6]}"
        form.locator("input[name=title_fr]").fill(title)
        form.locator("textarea[name=body_fr]").fill("Des nouvelles de l'association.")
        form.locator("input[name=categories][value=culture]").check()
        form.locator("button[type=submit]").click()
        expect(page).to_have_url(f"{site.url}/#/dashboard/a/{cast['zeta']['id']}")
        published = requests.get(f"{site.url}/announcements", params={"association": cast["zeta"]["id"]},
                                 timeout=30).json()["items"]
        mine = next(a for a in published if a["title"].get("fr") == title)
        assert (mine["region"], mine["needs"], mine["donation_url"]) == ("84", [], None)
        no_sideways_scroll(page)
    finally:
        context.__exit__(None, None, None)


@pytest.mark.parametrize(("lang", "width"), SIZES)
def test_moderator_sees_rna_website_contact_and_owner_domain(
        browser: Browser, site: Site, cast: dict[str, Any], lang: str, width: int) -> None:
    api = cast["api"]
    rna = f"W31{uuid.uuid4().int % 10**7:07d}"
    pending = api.call("POST", "/associations", cast["owner"], json=association(
        f"En attente {uuid.uuid4().hex[:5]}", rna=rna, website="https://example.org/en-attente",
        contact_email="bureau@example.org"))
    with person(browser, site.url, f"moderator_{lang}_{width}") as page:
        page.set_viewport_size({"width": width, "height": 900})
        sign_in_as(page, "moderator", then="#/moderation")
        in_language(page, lang)
        card = page.locator("main .card", has=page.get_by_role("heading", name=pending["name"]))
        expect(card).to_be_visible()
        facts = card.locator("dl.facts-list")
        expect(facts).to_contain_text(TEXT[lang]["rna"])
        expect(facts).to_contain_text(rna)
        lookup = facts.locator("a[href^='https://annuaire-entreprises.data.gouv.fr/']")
        expect(lookup).to_have_attribute("href", f"https://annuaire-entreprises.data.gouv.fr/rechercher?terme={rna}")
        expect(facts.get_by_role("link", name="https://example.org/en-attente")).to_be_visible()
        expect(facts).to_contain_text("bureau@example.org")
        expect(facts).to_contain_text("example.org")  # the owner's verified mail domain
        expect(facts).to_contain_text("Toulouse")
        no_sideways_scroll(page)


@pytest.mark.parametrize(("lang", "width"), SIZES)
def test_partnerships_filtered_by_french_region_and_ukrainian_oblast(page: Page, lang: str, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    page.goto("/#/")
    in_language(page, lang)
    if width < 600:  # on a phone the navigation is folded behind the menu button
        page.locator(".menu-toggle").click()
    page.locator(".site-nav a[href='#/partnerships']").click()
    cards = page.locator("main .cards")
    lviv, mykolaiv = "Occitanie – Lviv : échanges culturels", "Nouvelle-Aquitaine – Mykolaïv : filières agricoles"
    expect(cards.get_by_role("link", name=lviv)).to_be_visible()
    expect(cards.get_by_role("link", name=mykolaiv)).to_be_visible()
    region, oblast = page.locator("main select[name=region]"), page.locator("main select[name=oblast]")
    expect(oblast.locator("option[value='UA-46']")).to_have_text(TEXT[lang]["lviv"])
    region.select_option("75")
    expect(cards.get_by_role("link", name=mykolaiv)).to_be_visible()
    expect(cards.get_by_role("link", name=lviv)).to_have_count(0)
    assert "region=75" in page.url
    expect(cards).to_contain_text(TEXT[lang]["mykolaiv"])
    region.select_option("")
    oblast.select_option("UA-46")
    expect(cards.get_by_role("link", name=lviv)).to_be_visible()
    expect(cards.get_by_role("link", name=mykolaiv)).to_have_count(0)
    cards.get_by_role("link", name=lviv).click()
    expect(page.locator("main h1")).to_have_text(lviv)
    expect(page.locator("main .facts")).to_contain_text(TEXT[lang]["lviv"])
    expect(page.locator("main").get_by_role("link", name="Maison ukrainienne de Toulouse")).to_be_visible()
    no_sideways_scroll(page)


@pytest.mark.parametrize(("lang", "width"), SIZES)
def test_an_association_needs_and_offers_and_their_matches(page: Page, lang: str, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    page.goto("/#/")
    in_language(page, lang)
    page.goto("/#/associations/solidarite-ukraine-paris")
    page.get_by_role("link", name=TEXT[lang]["theirs"]).click()
    cards = page.locator("main .cards")
    need = "Équipement de traitement de l'eau pour Mykolaïv"
    expect(cards.get_by_role("link", name=need)).to_be_visible()
    expect(cards.get_by_role("link", name="Unités mobiles de potabilisation")).to_have_count(0)  # another's
    cards.get_by_role("link", name=need).click()
    expect(page.locator("main h1")).to_have_text(need)
    matches = page.locator("section", has=page.get_by_role("heading", name=TEXT[lang]["offers"]))
    expect(matches.get_by_role("link", name="Unités mobiles de potabilisation")).to_be_visible()
    matches.get_by_role("link", name="Unités mobiles de potabilisation").click()
    expect(page.locator("main h1")).to_have_text("Unités mobiles de potabilisation")
    no_sideways_scroll(page)


def test_axe_finds_nothing_on_the_back_office_and_twinning_pages(
        browser: Browser, site: Site, cast: dict[str, Any]) -> None:
    partnership = requests.get(f"{site.url}/partnerships", timeout=30).json()["items"][0]["id"]
    initiative = requests.get(f"{site.url}/initiatives", params={"kind": "need"}, timeout=30).json()["items"][0]["id"]
    problems: list[dict] = []
    for lang in ("fr", "uk"):
        with person(browser, site.url, f"axe_twinning_{lang}") as page:
            page.goto("/")
            page.evaluate(f"localStorage.setItem('hromada.lang', '{lang}')")
            for name, path in (("partnerships", "/#/partnerships?region=76"),
                               ("partnership", f"/#/partnerships/{partnership}"),
                               ("initiatives", "/#/initiatives"), ("initiative", f"/#/initiatives/{initiative}")):
                problems += check(page, path, f"{lang}-{name}")
        context, page = owner_page(browser, site, cast, f"axe_back_office_{lang}", lang, 1366)
        try:
            for name, path in (("dashboard", "/#/dashboard"),
                               ("new-announcement", f"/#/dashboard/a/{cast['zeta']['id']}/announcement"),
                               ("new-event", f"/#/dashboard/a/{cast['zeta']['id']}/event"),
                               ("register", "/#/dashboard/new")):
                problems += check(page, path, f"{lang}-owner-{name}")
        finally:
            context.__exit__(None, None, None)
        with person(browser, site.url, f"axe_moderation_{lang}") as page:
            sign_in_as(page, "moderator", then="#/moderation")
            page.evaluate(f"localStorage.setItem('hromada.lang', '{lang}')")
            problems += check(page, "/#/moderation", f"{lang}-moderation")
    assert problems == [], json.dumps(problems, indent=2, ensure_ascii=False)
