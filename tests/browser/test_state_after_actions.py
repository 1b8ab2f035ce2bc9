"""After an action the page shows the state the API returned: the seats after "Je participe" (in one message, not
two), the ballots cast after voting; and asking for "my" state that does not exist yet leaves the console clean."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pytest
import requests
from playwright.sync_api import Browser, Page, expect

from tests.browser.people import person, sign_up

if TYPE_CHECKING:
    from tests.browser.conftest import Site

pytestmark = pytest.mark.browser

CLASS = "Cours d'ukrainien pour débutants"  # Toulouse, seats limited and free (infra/demo.py)
ELECTION = "Présidence du Conseil de la jeunesse de France"  # the demo election in its voting phase


def event_id(site: Site, title: str) -> str:
    items = requests.get(f"{site.url}/events", params={"q": "ukrainien", "limit": 50}, timeout=30).json()["items"]
    return next(e["id"] for e in items if e["title"].get("fr") == title)


def confirmed(page: Page) -> int:
    return int(re.match(r"\d+", page.locator("#ev-seats").inner_text()).group(0))


@pytest.mark.parametrize("width", [1366, 390])
def test_registering_shows_the_new_seat_count_in_one_message(page: Page, site: Site, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    sign_up(page, name="Seats Test")
    errors_before = len(page.problems.console_errors)  # type: ignore[attr-defined]
    page.goto(f"/#/events/{event_id(site, CLASS)}")
    expect(page.locator("main h1")).to_have_text(CLASS)
    expect(page.get_by_role("button", name="Je participe")).to_be_visible()
    before = confirmed(page)

    page.get_by_role("button", name="Je participe").click()
    rsvp = page.locator(".rsvp")
    expect(rsvp.locator(".rsvp-state")).to_have_text("Vous êtes inscrit·e à cet événement.")
    expect(rsvp.get_by_text(re.compile("Vous êtes inscrit"))).to_have_count(1)  # one message, not two
    expect(page.locator("#ev-seats")).to_contain_text(f"{before + 1} inscrit")  # what the API now counts
    expect(page.get_by_role("button", name="Annuler ma participation")).to_be_focused()

    page.get_by_role("button", name="Annuler ma participation").click()
    expect(rsvp.locator(".rsvp-state")).to_have_text("Votre participation est annulée.")
    expect(page.locator("#ev-seats")).to_contain_text(f"{before} inscrit")
    expect(page.get_by_role("button", name="Je participe")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")

    # Not being registered is a state the API answers (200, "none"): nothing in the console on an event page
    page.reload()
    expect(page.get_by_role("button", name="Je participe")).to_be_visible()
    assert page.problems.console_errors[errors_before:] == []  # type: ignore[attr-defined]


def test_the_account_page_of_someone_not_subscribed_logs_nothing(page: Page) -> None:
    sign_up(page, name="Console Test")
    errors_before = len(page.problems.console_errors)  # type: ignore[attr-defined]
    page.goto("/#/account")
    expect(page.get_by_text("Vous n’êtes pas abonné·e aux nouvelles.")).to_be_visible()
    assert page.problems.console_errors[errors_before:] == []  # type: ignore[attr-defined]


def test_voting_shows_the_ballots_cast_at_once(browser: Browser, site: Site) -> None:
    with person(browser, site.url, "state_turnout") as page:
        sign_up(page, name="Turnout Test")
        page.goto("/#/votes")
        page.get_by_role("link", name=ELECTION).click()
        turnout = page.locator("#el-turnout")
        expect(turnout).to_be_visible()
        before = int(re.sub(r"\D", "", turnout.inner_text()))
        page.get_by_role("button", name="Vérifier mon vote").click()  # the review step, then casting
        page.get_by_role("button", name="Déposer mon bulletin").click()
        expect(page.get_by_role("heading", name="Votre bulletin est enregistré")).to_be_visible()
        expect(turnout).to_have_text(str(before + 1))  # without a reload
