"""Announcement pages: the list with the API's filters, one announcement (needs, donation, sources, its association,
report, share), titles on the home page as links, and the announcement links of mails (a follower's notice, read in
the dev mailbox) opening them, at a laptop's and a phone's width."""

from __future__ import annotations

import time
import uuid
from typing import TYPE_CHECKING

import pytest
import requests
from playwright.sync_api import Browser, Page, expect

from infra.demo import ACCOUNTS
from infra.users import Users
from tests.browser.people import person, sign_in_as

if TYPE_CHECKING:
    from tests.browser.conftest import Site

pytestmark = pytest.mark.browser

AMBULANCE = "Une ambulance pour Kharkiv"  # Solidarité Ukraine Paris, a project with needs and a donation page
FACT_CHECK = "Non, cette vidéo ne montre pas un défilé à Kyiv en 2025"  # Vérifié Ukraine, with two sources


def no_sideways_scroll(page: Page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def announcement_id(site: Site, title: str) -> str:
    items = requests.get(f"{site.url}/announcements", params={"limit": 100}, timeout=30).json()["items"]
    return next(a["id"] for a in items if a["title"].get("fr") == title)


@pytest.mark.parametrize("width", [1366, 390])
def test_the_home_page_titles_open_the_announcement_page(page: Page, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    page.goto("/#/?region=11")
    news = page.locator("section", has=page.get_by_role("heading", name="Dernières annonces"))
    news.get_by_role("link", name=AMBULANCE).click()
    expect(page.locator("main h1")).to_have_text(AMBULANCE)
    assert "#/announcements/an_" in page.url
    expect(page.locator("main h1")).not_to_have_text("Page introuvable")
    facts = page.locator(".facts")
    expect(facts).to_contain_text("Projet")
    expect(facts.get_by_role("link", name="Solidarité Ukraine Paris")).to_be_visible()
    expect(facts).to_contain_text("Île-de-France")
    # a project's needs and its donation (target and page)
    expect(page.get_by_role("list", name="Besoins")).to_contain_text("Dons")
    expect(page.get_by_role("list", name="Besoins")).to_contain_text("Bénévoles")
    expect(page.locator("main")).to_contain_text("Objectif : 45 000,00 €")
    expect(page.get_by_role("link", name="Faire un don")).to_have_attribute("href", "https://example.org/dons/ambulance")
    no_sideways_scroll(page)
    # back to the list, which keeps the association's other announcements a click away
    page.get_by_role("link", name="Retour aux annonces").click()
    expect(page.locator("main h1")).to_have_text("Annonces")
    no_sideways_scroll(page)


def test_the_list_filters_as_the_api_does(page: Page) -> None:
    page.goto("/#/announcements")
    expect(page.locator("main h1")).to_have_text("Annonces")
    cards = page.locator("main .cards")
    expect(cards.get_by_role("link", name=AMBULANCE)).to_be_visible()
    expect(cards.get_by_role("link", name=FACT_CHECK)).to_be_visible()

    page.get_by_label("Type d’annonce").select_option("fact_check")
    expect(cards.get_by_role("link", name=FACT_CHECK)).to_be_visible()
    expect(cards.get_by_role("link", name=AMBULANCE)).to_have_count(0)
    assert "type=fact_check" in page.url

    page.get_by_role("button", name="Effacer les filtres").click()
    page.get_by_label("Région").select_option("84")
    expect(cards.get_by_role("link", name="Collecte de fournitures scolaires")).to_be_visible()
    expect(cards.get_by_role("link", name=AMBULANCE)).to_have_count(0)
    page.get_by_label("Catégorie").select_option("youth")
    expect(cards.get_by_role("link", name="Collecte de fournitures scolaires")).to_be_visible()
    expect(cards.get_by_role("link", name="Nous cherchons des lieux d'exposition")).to_have_count(0)
    assert "region=84" in page.url and "category=youth" in page.url

    page.get_by_role("button", name="Effacer les filtres").click()
    page.get_by_label("Recherche").fill("ambulance")
    page.get_by_role("button", name="Rechercher").click()
    expect(cards.get_by_role("link", name=AMBULANCE)).to_be_visible()
    expect(cards.locator("li.card")).to_have_count(1)
    # a one-letter search is refused by the API: said before asking it
    page.get_by_label("Recherche").fill("a")
    page.get_by_role("button", name="Rechercher").click()
    expect(page.get_by_role("alert")).to_have_text("Saisissez au moins 2 caractères.")
    assert page.problems.console_errors == []  # type: ignore[attr-defined]


def test_a_fact_check_shows_its_sources_report_and_share(browser: Browser, site: Site) -> None:
    target = announcement_id(site, FACT_CHECK)
    with person(browser, site.url, "announcement_fact_check") as page:
        page.goto(f"/#/announcements/{target}")
        expect(page.locator("main h1")).to_have_text(FACT_CHECK)
        sources = page.locator("section", has=page.get_by_role("heading", name="Sources"))
        expect(sources.get_by_role("link", name="Archive de la vidéo originale (2019)")).to_have_attribute(
            "href", "https://example.org/archive/2019")
        expect(sources.get_by_role("link", name="Géolocalisation détaillée")).to_be_visible()
        expect(page.locator(".facts").get_by_role("link", name="Vérifié Ukraine")).to_have_attribute(
            "href", "#/associations/verifie-ukraine")
        page.get_by_role("button", name="Partager").click()
        expect(page.get_by_label("Lien de l’annonce")).to_have_value(page.url)
        # report: visitors are sent to sign in first, then come back to the announcement
        page.get_by_role("button", name="Signaler").click()
        expect(page.locator("main h1")).to_have_text("Connexion")
        sign_in_as(page, "member", then=f"#/announcements/{target}")
        expect(page.locator("main h1")).to_have_text(FACT_CHECK)
        page.get_by_role("button", name="Signaler").click()
        dialog = page.get_by_role("dialog", name="Signaler un contenu")
        expect(dialog).to_contain_text(FACT_CHECK)
        dialog.get_by_role("button", name="Annuler").click()
        expect(dialog).to_have_count(0)


def mails_to(site: Site, address: str, containing: str, timeout: float = 30) -> dict:
    deadline = time.monotonic() + timeout
    while True:
        mails = [m for m in requests.get(f"{site.url}/dev/mailbox.json", timeout=30).json()
                 if m["to"] == address and containing in (m["text"] or "")]
        if mails:
            return mails[0]
        assert time.monotonic() < deadline, f"no mail to {address} with {containing!r}"
        time.sleep(0.5)


def test_a_followers_notice_links_to_the_announcement_from_the_dev_mailbox(browser: Browser, site: Site) -> None:
    """A member follows an association; its new announcement reaches them by mail; in the dev mailbox the mail's
    link opens (in a new tab, as from a mail client) the announcement's page, not "Page introuvable"."""
    users = Users.from_info(site.info)
    owner, member = ACCOUNTS["owner"], ACCOUNTS["member"]
    association = requests.get(f"{site.url}/associations/maison-ukrainienne-de-toulouse", timeout=30).json()
    api = f"{site.url}"
    follower = {"Authorization": f"Bearer {users.id_token(member.email, member.password)}"}
    mine = requests.get(f"{api}/me/subscription", headers=follower, timeout=30).json()
    wanted = {"regions": mine["regions"], "categories": mine["categories"], "language": "fr",
              "frequency": mine["frequency"] if mine["status"] != "none" else "weekly",
              "associations": sorted({*mine["associations"], association["id"]})}
    assert requests.put(f"{api}/me/subscription", json=wanted, headers=follower, timeout=30).status_code == 200
    title = f"Soirée contes {uuid.uuid4().hex[:6]}"
    posted = requests.post(f"{api}/associations/{association['id']}/announcements", timeout=30,
                           headers={"Authorization": f"Bearer {users.id_token(owner.email, owner.password)}"},
                           json={"type": "news", "title": {"fr": title}, "body": {"fr": "Contes pour enfants."},
                                 "categories": ["culture"]})
    assert posted.status_code == 201, posted.text
    mail = mails_to(site, member.email, f"/#/announcements/{posted.json()['id']}")

    with person(browser, site.url, "announcement_from_mailbox") as page:
        page.goto("/dev/mailbox")
        entry = page.locator("details", has=page.locator("summary", has_text=mail["subject"])).first
        entry.locator("summary").click()
        frame = entry.frame_locator("iframe")
        with page.context.expect_page() as opened:
            frame.get_by_role("link", name=title).first.click()
        tab = opened.value
        expect(tab.locator("main h1")).to_have_text(title)
        expect(tab.locator(".facts")).to_contain_text("Maison ukrainienne de Toulouse")
