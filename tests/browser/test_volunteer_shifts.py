"""Volunteer shifts on a project's page, in French (laptop) and Ukrainian (phone): sign up, a full shift puts the
next person on the waitlist, cancelling frees the place for them; the association's editor sees who comes and
writes to them, and the mail in the dev mailbox answers to the association (Reply-To), showing no address."""

from __future__ import annotations

import time
import uuid
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

import pytest
import requests
from playwright.sync_api import Browser, expect

from infra.browser import settled
from tests.browser.people import person, sign_in
from tests.browser.test_accessibility import OPTIONS, axe
from tests.browser.test_back_office import Api, association, in_language, no_sideways_scroll

if TYPE_CHECKING:
    from tests.browser.conftest import Site

pytestmark = pytest.mark.browser

SIZES = [("fr", 1366), ("uk", 390)]
TEXT = {
    "fr": {"section": "Créneaux de bénévolat", "sign_up": "S’inscrire", "waitlist": "Rejoindre la liste d’attente",
           "confirmed": "Vous êtes inscrit·e", "waiting": "n° 1 sur la liste d’attente",
           "leave": "Annuler mon inscription",
           "volunteers": "Bénévoles", "message": "Écrire aux bénévoles", "text": "Votre message", "send": "Envoyer",
           "sent": "Message envoyé"},
    "uk": {"section": "Волонтерські зміни", "sign_up": "Записатися", "waitlist": "Стати в список очікування",
           "confirmed": "Ви записані", "waiting": "№ 1 у списку очікування", "leave": "Скасувати мій запис",
           "volunteers": "Волонтери", "message": "Написати волонтерам", "text": "Ваше повідомлення",
           "send": "Надіслати",
           "sent": "Повідомлення надіслано"},
}
CONTACT = "benevoles@asso-test.hromada.test"


@pytest.fixture(scope="module")
def cast(site: Site) -> dict[str, Any]:
    api = Api(site)
    owner, moderator = api.account("owner"), api.account("moderator", "moderators")
    made = api.call("POST", "/associations", owner, json=association(
        f"Test navigateur bénévoles {uuid.uuid4().hex[:5]}", contact_email=CONTACT, show_contact_email=True))
    api.call("POST", f"/associations/{made['id']}/verify", moderator, json={})
    return {"api": api, "owner": owner, "association": made}


def new_project(cast: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    api, owner = cast["api"], cast["owner"]
    project = api.call("POST", f"/associations/{cast['association']['id']}/announcements", owner, json={
        "type": "project", "title": {"fr": f"Distribution {uuid.uuid4().hex[:5]}", "uk": "Роздача"},
        "body": {"fr": "Nous cherchons des bénévoles."}, "categories": ["culture"], "needs": ["volunteers"]})
    shift = api.call("POST", f"/announcements/{project['id']}/shifts", owner, json={
        "date": (date.today() + timedelta(days=9)).isoformat(), "start_time": "10:00", "end_time": "13:00",
        "people": 1, "place": {"address": "3 allée Jean Jaurès, Toulouse", "region": "76", "department": "31"},
        "task": {"fr": "Distribuer les colis", "uk": "Роздавати посилки"}})
    return project, shift


def check_page(page: Any, lang: str) -> None:
    no_sideways_scroll(page)
    violations = [v for v in axe.run(page, context="section.shift-section", options=OPTIONS).response["violations"]
                  if v["impact"] in ("serious", "critical")]
    assert violations == []


def mail_to(site: Site, address: str, needle: str) -> dict[str, Any] | None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        for mail in requests.get(f"{site.url}/dev/mailbox.json", timeout=10).json():
            if mail["to"].lower() == address.lower() and needle in (mail.get("text") or ""):
                return mail
        time.sleep(0.3)  # the stack's mailer runs in another process
    return None


@pytest.mark.parametrize(("lang", "width"), SIZES)
def test_sign_up_wait_cancel_and_message_the_volunteers(browser: Browser, site: Site, cast: dict[str, Any],
                                                         lang: str, width: int) -> None:
    words = TEXT[lang]
    api = cast["api"]
    project, shift = new_project(cast)
    first, second = api.account(f"first{lang}"), api.account(f"second{lang}")
    viewport = {"width": width, "height": 844 if width < 500 else 900}
    where = f"#/announcements/{project['id']}"

    with person(browser, site.url, f"shifts_first_{lang}_{width}") as page:
        page.set_viewport_size(viewport)
        sign_in(page, first.email, first.password, then=where)
        in_language(page, lang)
        settled(page)
        section = page.locator("section.shift-section")
        expect(section.locator("h2")).to_have_text(words["section"])
        section.get_by_role("button", name=words["sign_up"]).click()
        expect(section.locator(".rsvp-state")).to_contain_text(words["confirmed"])
        check_page(page, lang)
        section.screenshot(path=f"test-artifacts/screenshots/shifts_signed_up_{lang}_{width}.png")

    with person(browser, site.url, f"shifts_second_{lang}_{width}") as page:
        page.set_viewport_size(viewport)
        sign_in(page, second.email, second.password, then=where)
        in_language(page, lang)
        settled(page)
        section = page.locator("section.shift-section")
        section.get_by_role("button", name=words["waitlist"]).click()  # the shift is full
        expect(section.locator(".rsvp-state")).to_contain_text(words["waiting"])

    with person(browser, site.url, f"shifts_leave_{lang}_{width}") as page:
        page.set_viewport_size(viewport)
        sign_in(page, first.email, first.password, then=where)
        in_language(page, lang)
        settled(page)
        section = page.locator("section.shift-section")
        section.get_by_role("button", name=words["leave"]).click()
        expect(section.get_by_role("button", name=words["waitlist"])).to_be_visible()  # the place went on
    path = f"/announcements/{project['id']}/shifts/{shift['id']}/signup"
    assert api.call("GET", path, second)["status"] == "confirmed"

    owner = cast["owner"]
    with person(browser, site.url, f"shifts_editor_{lang}_{width}") as page:
        page.set_viewport_size(viewport)
        sign_in(page, owner.email, owner.password, then=where)
        in_language(page, lang)
        settled(page)
        section = page.locator("section.shift-section")
        card = section.locator(".shift").first
        card.get_by_text(words["volunteers"], exact=True).click()
        expect(card.locator(".shift-volunteers li")).to_have_text([f"{second.name} — " + (
            "inscrit·e" if lang == "fr" else "записаний(-а)")])
        expect(card.locator(".shift-volunteers")).not_to_contain_text("@")
        card.locator("summary", has_text=words["message"]).click()
        text = f"Rendez-vous {uuid.uuid4().hex[:6]} devant la porte B."
        card.get_by_label(words["text"]).fill(text)
        card.get_by_role("button", name=words["send"], exact=True).click()
        expect(card.locator(".success")).to_contain_text(words["sent"])
        check_page(page, lang)
        section.screenshot(path=f"test-artifacts/screenshots/shifts_editor_{lang}_{width}.png")

    mail = mail_to(site, second.email, text)
    assert mail is not None
    assert mail["headers"]["Reply-To"] == CONTACT
    assert owner.email.lower() not in str(mail).lower() and first.email.lower() not in str(mail).lower()
