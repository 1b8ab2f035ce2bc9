"""Claims and fact-checks in the web client: a moderator records a claim with the address that spreads it; an
announcement linking that address shows the "fact-checked" notice, whose link opens the claim; the public claims
page finds it by search, in French and in Ukrainian; axe on the new pages; at a laptop's and a phone's width."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

import pytest
import requests
from playwright.sync_api import Browser, Page, expect

from infra.browser import settled
from infra.demo import ACCOUNTS
from infra.users import Users
from tests.browser.people import person, sign_in_as
from tests.browser.test_accessibility import OPTIONS, axe
from tests.schema_org import problems

if TYPE_CHECKING:
    from tests.browser.conftest import Site

pytestmark = pytest.mark.browser


def no_sideways_scroll(page: Page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def no_violations(page: Page) -> None:
    violations = axe.run(page, context="main", options=OPTIONS).response["violations"]
    assert violations == [], [(v["id"], [n["target"] for n in v["nodes"]]) for v in violations]


def association_of(site: Site) -> str:
    return requests.get(f"{site.url}/associations/maison-ukrainienne-de-toulouse", timeout=30).json()["id"]


def announce_linking(site: Site, url: str, title: str) -> str:
    """The demo owner posts an announcement whose text links the address (as a reader would paste it)."""
    linked = url.replace("https://spread.example.org", "https://SPREAD.Example.org:443") + "/"
    owner = ACCOUNTS["owner"]
    token = Users.from_info(site.info).id_token(owner.email, owner.password)
    association = requests.get(f"{site.url}/associations/maison-ukrainienne-de-toulouse", timeout=30).json()
    posted = requests.post(f"{site.url}/associations/{association['id']}/announcements", timeout=30,
                           headers={"Authorization": f"Bearer {token}"},
                           json={"type": "news", "title": {"fr": title, "uk": title}, "categories": ["culture"],
                                 "body": {"fr": f"Lu sur [ce site]({linked}?utm_source=x#haut)."}})
    assert posted.status_code == 201, posted.text
    return posted.json()["id"]


@pytest.mark.parametrize("width", [1366, 390])
def test_a_moderator_records_a_claim_and_readers_see_the_notice_in_french(browser: Browser, site: Site,
                                                                           width: int) -> None:
    tag = uuid.uuid4().hex[:8]
    claim_text = f"L’Ukraine aurait inventé les pénuries {tag}"
    url = f"https://spread.example.org/penuries-{tag}"
    with person(browser, site.url, f"claims_moderator_{width}") as page:
        page.set_viewport_size({"width": width, "height": 900})
        sign_in_as(page, "moderator", then="#/claims")
        expect(page.locator("main h1")).to_have_text("Affirmations vérifiées")
        form = page.locator("form", has=page.get_by_role("heading", name="Enregistrer une affirmation"))
        form.get_by_label("En français").fill(claim_text)
        form.get_by_label("Verdict").select_option("false")
        form.get_by_label("Où (plateforme, lieu)").fill("Telegram")
        form.get_by_label("Adresses qui la diffusent (une par ligne)").fill(url + "/")
        form.get_by_role("button", name="Enregistrer").click()
        expect(page.locator("main h1")).to_have_text(claim_text)
        expect(page.locator("main .verdict").first).to_have_text("Faux")
        settled(page)
        no_violations(page)
        no_sideways_scroll(page)

    announcement = announce_linking(site, url, f"Revue de presse {tag}")
    with person(browser, site.url, f"claims_reader_{width}") as page:
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(f"/#/announcements/{announcement}")
        notice = page.locator(".fact-check-notice")
        expect(notice).to_contain_text("Vérifié : ce contenu renvoie à une affirmation connue")
        expect(notice).to_contain_text(claim_text)
        expect(notice.locator(".verdict")).to_have_text("Faux")
        no_sideways_scroll(page)
        page.goto("/#/announcements?association=" + association_of(site))
        card = page.locator("main .cards > li", has_text=f"Revue de presse {tag}")
        expect(card.locator(".card-fact-check")).to_contain_text("Renvoie à une affirmation vérifiée :")
        expect(card.locator(".verdict")).to_have_text("Faux")
        page.go_back()
        notice = page.locator(".fact-check-notice")
        notice.get_by_role("link", name="Lire la vérification").click()
        expect(page.locator("main h1")).to_have_text(claim_text)
        # the public page finds it by search, from the footer link
        page.locator("footer").get_by_role("link", name="Affirmations vérifiées").click()
        expect(page.locator("main h1")).to_have_text("Affirmations vérifiées")
        page.get_by_label("Rechercher (en français, ukrainien ou anglais, ou une adresse)").fill(f"penuries {tag}")
        page.get_by_role("button", name="Rechercher").click()
        cards = page.locator("main .cards")
        expect(cards.get_by_role("link", name=claim_text)).to_be_visible()
        expect(cards.locator(":scope > li")).to_have_count(1)
        settled(page)
        no_violations(page)
        no_sideways_scroll(page)

    if width == 1366:  # reported: the moderation queue groups the flags under the claim, with its verdict
        member = ACCOUNTS["member"]
        token = Users.from_info(site.info).id_token(member.email, member.password)
        flagged = requests.post(f"{site.url}/flags", headers={"Authorization": f"Bearer {token}"}, timeout=30,
                                json={"kind": "announcement", "id": announcement, "reason": "disinformation"})
        assert flagged.status_code == 201, flagged.text
        with person(browser, site.url, "claims_moderation_queue") as page:
            sign_in_as(page, "moderator", then="#/moderation")
            group = page.locator(".claim-groups li", has_text=claim_text)
            expect(group).to_contain_text("Signalements sur du contenu qui diffuse l’affirmation : 1")
            expect(group.locator(".verdict")).to_have_text("Faux")


def test_the_claims_page_and_the_notice_in_ukrainian(browser: Browser, site: Site) -> None:
    tag = uuid.uuid4().hex[:8]
    url = f"https://spread.example.org/uk-{tag}"
    # staff act with their second factor: the claim is recorded through the form, as a moderator would
    with person(browser, site.url, "claims_uk_moderator") as page:
        sign_in_as(page, "moderator", then="#/claims")
        form = page.locator("form", has=page.get_by_role("heading", name="Enregistrer une affirmation"))
        form.get_by_label("En ukrainien").fill(f"Біолабораторії {tag}")
        form.get_by_label("Verdict").select_option("misleading")
        form.get_by_label("Adresses qui la diffusent (une par ligne)").fill(url)
        form.get_by_role("button", name="Enregistrer").click()
        expect(page.locator("main .verdict").first).to_have_text("Trompeur")
    announcement = announce_linking(site, url, f"Огляд преси {tag}")
    with person(browser, site.url, "claims_uk_reader", locale="uk-UA") as page:
        page.goto("/#/claims")
        page.get_by_role("button", name="Українська").click()
        expect(page.locator("main h1")).to_have_text("Перевірені твердження")
        page.get_by_label("Пошук (французькою, українською чи англійською, або адреса)").fill(f"біолабораторії {tag}")
        page.get_by_label("Вердикт").select_option("misleading")
        cards = page.locator("main .cards")
        expect(cards.get_by_role("link", name=f"Біолабораторії {tag}")).to_be_visible()
        expect(cards.locator(".verdict")).to_have_text("Маніпуляція")
        settled(page)
        no_violations(page)
        page.goto(f"/#/announcements/{announcement}")
        notice = page.locator(".fact-check-notice")
        expect(notice).to_contain_text("Перевірено: цей вміст посилається на відоме твердження")
        expect(notice.get_by_role("link", name="Читати перевірку")).to_be_visible()
        page.set_viewport_size({"width": 390, "height": 900})
        no_sideways_scroll(page)


def test_the_demo_claims_with_their_fact_checks_and_claim_review(page: Page) -> None:
    page.goto("/#/claims?verdict=misleading")
    cards = page.locator("main .cards")
    card = cards.locator(":scope > li", has_text="Les sanctions contre la Russie")
    expect(card.locator(".verdict")).to_have_text("Trompeur")
    card.get_by_role("link", name="Sanctions : ce que montrent les chiffres").click()
    expect(page.locator("main h1")).to_have_text("Sanctions : ce que montrent les chiffres")
    script = page.locator("script[data-view-ld]")
    expect(script).to_have_count(1)
    # the ClaimReview joins the NewsArticle once the claims are read (the page's CSP refuses wait_for_function)
    for _ in range(100):
        if "ClaimReview" in page.evaluate("document.querySelector('script[data-view-ld]').textContent"):
            break
        page.wait_for_timeout(100)
    data = page.evaluate("JSON.parse(document.querySelector('script[data-view-ld]').textContent)")
    review = next(d for d in data if d["@type"] == "ClaimReview")
    assert problems(review) == []  # the web client's shape passes the same checker as the crawlable page's
    assert review["reviewRating"]["alternateName"] == "Trompeur"
    assert review["itemReviewed"]["firstAppearance"]["url"] == "https://example.org/spread/sanctions-europe"
    # the fact-check links the address that spread the claim: it carries the notice too
    expect(page.locator(".fact-check-notice")).to_contain_text("Les sanctions contre la Russie")
