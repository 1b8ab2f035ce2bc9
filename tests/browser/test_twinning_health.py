"""The twinning health page (staff) and the possible-match panel of an initiative, in French and Ukrainian, at a
laptop's and a phone's width: the figures as tables with bars, the link from the back office; an editor confirms
a possible match, and sees both associations' contacts once the other side confirmed too; axe on both."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, Any

import pytest
from playwright.sync_api import Browser, expect

from infra.browser import settled
from tests.browser.people import person, sign_in, sign_in_as
from tests.browser.test_accessibility import OPTIONS, axe
from tests.browser.test_back_office import Api, association, in_language, no_sideways_scroll
from tests.integration.mail import wait_for

if TYPE_CHECKING:
    from tests.browser.conftest import Site

pytestmark = pytest.mark.browser

SIZES = [("fr", 1366), ("uk", 390)]
TEXT = {
    "fr": {"title": "Santé des jumelages", "oblasts": "Besoins ouverts par oblast", "median": "Délai médian",
           "panel": "Correspondances possibles", "confirm": "Confirmer", "saved": "Confirmation enregistrée.",
           "both": "Confirmée des deux côtés", "contacts": "Coordonnées", "link": "Santé des jumelages"},
    "uk": {"title": "Стан побратимства", "oblasts": "Відкриті потреби за областями", "median": "Медіанний час",
           "panel": "Можливі збіги", "confirm": "Підтвердити", "saved": "Підтвердження збережено.",
           "both": "Підтверджено обома сторонами", "contacts": "Контакти", "link": "Стан побратимства"},
}


def serious(page, context: str) -> list[Any]:
    return [v for v in axe.run(page, context=context, options=OPTIONS).response["violations"]
            if v["impact"] in ("serious", "critical")]


@pytest.fixture(scope="module")
def cast(site: Site) -> dict[str, Any]:
    api = Api(site)
    moderator = api.account("moderator", "moderators")
    pairs = {}
    for lang, _ in SIZES:
        need_owner, offer_owner = api.account("needs"), api.account("offers")
        sides = []
        for owner in (need_owner, offer_owner):
            made = api.call("POST", "/associations", owner,
                            json=association(f"Test navigateur Jumelage {uuid.uuid4().hex[:5]}"))
            api.call("POST", f"/associations/{made['id']}/verify", moderator, json={})
            sides.append(made)
        initiative = {"description": {"fr": "Des instruments pour l’école de musique.",
                                      "uk": "Інструменти для музичної школи."}, "domain": "culture", "oblast": "UA-46"}
        offer = api.call("POST", f"/associations/{sides[1]['id']}/initiatives", offer_owner,
                         json=initiative | {"kind": "offer", "title": f"Instruments offerts {lang}"})
        need = api.call("POST", f"/associations/{sides[0]['id']}/initiatives", need_owner,
                        json=initiative | {"kind": "need", "title": f"Instruments recherchés {lang}"})
        # The pair is recorded by the publication's follow-up (outbox, bus, notifier), a moment after it.
        assert wait_for(lambda n=need, o=need_owner: api.call("GET", f"/initiatives/{n['id']}/possible-matches", o))
        pairs[lang] = {"need": need, "offer": offer, "need_owner": need_owner, "offer_owner": offer_owner}
    return {"api": api, "pairs": pairs}


@pytest.mark.parametrize(("lang", "width"), SIZES)
def test_staff_read_the_twinning_health(browser: Browser, site: Site, cast: dict[str, Any], lang: str,
                                        width: int) -> None:
    words = TEXT[lang]
    with person(browser, site.url, f"twinhealth_{lang}_{width}") as page:
        page.set_viewport_size({"width": width, "height": 844 if width < 500 else 900})
        sign_in_as(page, "moderator", then="#/moderation")
        in_language(page, lang)
        settled(page)
        page.get_by_role("link", name=words["link"]).click()
        settled(page)
        expect(page.locator("main h1")).to_have_text(words["title"])
        oblasts = page.locator("section", has=page.locator("h2", has_text=words["oblasts"]))
        expect(oblasts.locator("table tbody tr").first).to_be_visible()
        expect(page.locator("main h2", has_text=words["median"])).to_be_visible()
        assert serious(page, "main") == []
        no_sideways_scroll(page)
        page.screenshot(path=f"test-artifacts/screenshots/twinning_health_{lang}_{width}.png", full_page=True)


@pytest.mark.parametrize(("lang", "width"), SIZES)
def test_an_editor_confirms_a_possible_match_and_gets_the_contacts(browser: Browser, site: Site,
                                                                     cast: dict[str, Any], lang: str,
                                                                     width: int) -> None:
    words, pair, api = TEXT[lang], cast["pairs"][lang], cast["api"]
    with person(browser, site.url, f"possible_match_{lang}_{width}") as page:
        page.set_viewport_size({"width": width, "height": 844 if width < 500 else 900})
        sign_in(page, pair["need_owner"].email, pair["need_owner"].password)
        in_language(page, lang)
        page.goto(f"/#/initiatives/{pair['need']['id']}")
        settled(page)
        panel = page.locator("section.possible-matches")
        expect(panel.locator("h2")).to_have_text(words["panel"])
        card = panel.locator(".cards > li", has_text=pair["offer"]["title"])
        expect(card).to_have_count(1)
        assert pair["offer_owner"].email not in panel.inner_text()  # nothing shared before both confirm
        card.get_by_role("button", name=words["confirm"]).click()
        expect(panel.get_by_text(words["saved"])).to_be_visible()
        assert serious(page, "section.possible-matches") == []

        api.call("POST", f"/initiatives/{pair['offer']['id']}/possible-matches/{pair['need']['id']}/confirm",
                 pair["offer_owner"], json={})
        page.reload()
        settled(page)
        card = page.locator("section.possible-matches .cards > li", has_text=pair["offer"]["title"])
        expect(card.locator(".badge")).to_have_text(words["both"])
        expect(card.get_by_role("heading", name=words["contacts"])).to_be_visible()
        expect(card.get_by_role("link", name=pair["offer_owner"].email)).to_be_visible()
        assert serious(page, "section.possible-matches") == []
        no_sideways_scroll(page)
        page.locator("section.possible-matches").screenshot(
            path=f"test-artifacts/screenshots/possible_match_{lang}_{width}.png")
