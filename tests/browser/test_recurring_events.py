"""Recurring events in the web client, in French and Ukrainian: an owner creates a weekly event, its dates are
listed each with a "repeats" badge, a member registers for one date, the owner cancels another; the form with its
Repeats section passes axe."""

from __future__ import annotations

import re
import uuid
from datetime import date, timedelta
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

SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
OPTIONS = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]},
           "resultTypes": ["violations"]}
TEXT = {  # what the page says, by language
    "fr": {"repeats": "Se répète", "weekly": "weekly", "summary": "Chaque mardi à 19:00, 4 fois", "badge": "Récurrent",
           "join": "Je participe", "joined": "Vous êtes inscrit·e à cet événement.", "next": "Prochaines dates",
           "cancel": "Annuler cette date", "reason": "Raison (envoyée aux inscrit·es de cette date)",
           "cancelled": "annulée", "publish": "Publier l’événement"},
    "uk": {"repeats": "Повторюється", "weekly": "weekly", "summary": "Щотижня: вівторок о 19:00, 4 рази",
           "badge": "Регулярна", "join": "Я буду", "joined": "Ви зареєстровані на цю подію.",
           "next": "Найближчі дати", "cancel": "Скасувати цю дату",
           "reason": "Причина (надсилається зареєстрованим на цю дату)", "cancelled": "скасовано",
           "publish": None},
}


def in_language(page: Page, lang: str) -> None:
    page.evaluate(f"localStorage.setItem('hromada.lang', '{lang}')")


def serious(page: Page) -> list[dict]:
    result = Axe().run(page, options=OPTIONS).response
    return [{"rule": v["id"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]][:5]}
            for v in result["violations"] if v["impact"] in ("serious", "critical")]


def next_tuesday() -> date:
    day = date.today() + timedelta(days=8)
    return day + timedelta(days=(1 - day.weekday()) % 7)


@pytest.mark.parametrize("lang", ["fr", "uk"])
def test_a_weekly_event_its_dates_one_registration_and_one_date_cancelled(browser: Browser, site: Site,
                                                                         lang: str) -> None:
    words = TEXT[lang]
    association = requests.get(f"{site.url}/associations/maison-ukrainienne-de-toulouse", timeout=30).json()
    title = f"Chorale {uuid.uuid4().hex[:6]}"
    first = next_tuesday()
    with person(browser, site.url, f"recurring_owner_{lang}") as owner:
        sign_in_as(owner, "owner", then="#/dashboard")
        in_language(owner, lang)
        owner.goto(f"/#/dashboard/a/{association['id']}/event")
        owner.reload()
        settled(owner)
        owner.locator("[name=title_fr]").fill(title)
        owner.locator("[name=description_fr]").fill("Chaque semaine, on chante.")
        owner.locator("[name=start]").fill(f"{first.isoformat()}T19:00")
        owner.locator("[name=end]").fill(f"{first.isoformat()}T21:00")
        owner.locator("[name=venue_name]").fill("Salle Nougaro")
        owner.locator("[name=venue_address]").fill("20 chemin de Garric")
        owner.locator("[name=venue_postal_code]").fill("31200")
        owner.locator("[name=venue_city]").fill("Toulouse")
        owner.locator("[name=venue_department]").select_option("31")
        owner.locator("input[name=categories]").first.check()
        owner.locator("input[name=languages]").first.check()
        owner.get_by_label(words["repeats"], exact=True).select_option("weekly")
        owner.locator("input[name=repeat_days][value=TU]").check()
        owner.locator("[name=repeat_ends]").select_option("count")
        owner.locator("[name=repeat_count]").fill("4")
        expect(owner.locator("#repeat-summary")).to_have_text(words["summary"])
        assert serious(owner) == []
        for width in (1366, 390):
            owner.set_viewport_size({"width": width, "height": 900})
            owner.locator("#part-repeats").screenshot(path=str(SCREENSHOTS / f"recurring_form_{lang}_{width}.png"))
        owner.set_viewport_size({"width": 1280, "height": 900})
        owner.locator(".sticky-actions button[type=submit]").click()
        expect(owner.locator("main h1")).to_have_text(title)
        series_id = owner.url.split("#/events/")[1]
        dates = owner.locator("ul.dates li")
        expect(dates).to_have_count(4)
        expect(owner.locator("#ev-dates")).to_have_text(words["next"])

        with person(browser, site.url, f"recurring_member_{lang}") as member:
            sign_in_as(member, "member", then="#/")
            in_language(member, lang)
            member.goto(f"/#/events?q={title}")
            member.reload()
            cards = member.locator(".card", has_text=title)
            expect(cards).to_have_count(4)
            expect(cards.first.locator(".badge-repeats")).to_have_text(words["badge"])
            for width in (1366, 390):
                member.set_viewport_size({"width": width, "height": 900})
                member.screenshot(path=str(SCREENSHOTS / f"recurring_list_{lang}_{width}.png"))
            member.set_viewport_size({"width": 1280, "height": 900})
            cards.first.get_by_role("link", name=title).click()
            member.get_by_role("button", name=words["join"]).click()
            expect(member.locator(".rsvp-state")).to_have_text(words["joined"])
            expect(member.locator("ul.dates li.current")).to_have_count(1)
            for width in (1366, 390):
                member.set_viewport_size({"width": width, "height": 900})
                member.screenshot(path=str(SCREENSHOTS / f"recurring_event_{lang}_{width}.png"), full_page=True)

        owner.goto(f"/#/dashboard/event/{series_id}")
        owner.reload()
        settled(owner)
        second = owner.locator("ul.dates-editor > li").nth(1)
        second.locator("summary", has_text=words["cancel"]).click()
        second.get_by_label(words["reason"]).fill("Salle prise ce jour-là")
        second.get_by_role("button", name=words["cancel"]).click()
        expect(owner.locator("ul.dates-editor > li").nth(1).locator(".badge-danger")).to_have_text(
            words["cancelled"])
        owner.screenshot(path=str(SCREENSHOTS / f"recurring_editor_{lang}.png"), full_page=True)

    listed = requests.get(f"{site.url}/events/{series_id}/occurrences", timeout=30).json()["items"]
    assert [d["status"] for d in listed] == ["scheduled", "cancelled", "scheduled", "scheduled"]
    assert re.fullmatch(r"ev_[0-9a-f]{20}", series_id)


def test_publishing_again_after_a_lost_answer_publishes_one_series(browser: Browser, site: Site) -> None:
    """The first answer is lost on the way back (the series was written; the page gets a 503): the owner clicks
    Publish again, the form sends the same Idempotency-Key, and the page opens the one series written."""
    association = requests.get(f"{site.url}/associations/maison-ukrainienne-de-toulouse", timeout=30).json()
    title = f"Atelier {uuid.uuid4().hex[:6]}"
    first = next_tuesday() + timedelta(days=7)
    keys: list[str | None] = []

    def lose_the_first_answer(route) -> None:
        keys.append(route.request.headers.get("idempotency-key"))
        answer = route.fetch()
        if len(keys) == 1:
            route.fulfill(status=503, content_type="application/json",
                          body='{"error": {"code": "unavailable", "message": "", "details": []}}')
        else:
            route.fulfill(response=answer)

    with person(browser, site.url, "recurring_owner_retry") as owner:
        sign_in_as(owner, "owner", then="#/dashboard")
        in_language(owner, "fr")
        owner.goto(f"/#/dashboard/a/{association['id']}/event")
        owner.reload()
        settled(owner)
        owner.locator("[name=title_fr]").fill(title)
        owner.locator("[name=description_fr]").fill("Chaque semaine, on brode.")
        owner.locator("[name=start]").fill(f"{first.isoformat()}T18:00")
        owner.locator("[name=end]").fill(f"{first.isoformat()}T20:00")
        owner.locator("[name=online_url]").fill("https://meet.example.org/atelier")
        owner.locator("input[name=categories]").first.check()
        owner.locator("input[name=languages]").first.check()
        owner.get_by_label(TEXT["fr"]["repeats"], exact=True).select_option("weekly")
        owner.locator("[name=repeat_ends]").select_option("count")
        owner.locator("[name=repeat_count]").fill("3")
        owner.route(f"**/associations/{association['id']}/events", lose_the_first_answer)
        publish = owner.locator(".sticky-actions button[type=submit]")
        publish.click()
        expect(owner.locator("[role=alert]").first).to_be_visible()
        publish.click()
        expect(owner.locator("main h1")).to_have_text(title)
        series_id = owner.url.split("#/events/")[1]
    assert len(keys) == 2 and keys[0] and keys[0] == keys[1]
    found = requests.get(f"{site.url}/events", timeout=30, params={"q": title, "limit": 50}).json()["items"]
    assert len(found) == 3 and {e["series_id"] for e in found} == {series_id}  # one series, not two
