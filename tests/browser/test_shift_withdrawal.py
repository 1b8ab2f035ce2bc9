"""Deleting a project that has volunteers, from the editor's dashboard: the confirmation says how many
volunteers its cancelled shifts will tell (fr on a laptop, uk on a phone); a project without any asks the
plain question. Declining deletes nothing; accepting deletes it."""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

import pytest
import requests
from playwright.sync_api import Browser

from infra.browser import settled
from tests.browser.people import person, sign_in
from tests.browser.test_back_office import Api, association, in_language, no_sideways_scroll

if TYPE_CHECKING:
    from tests.browser.conftest import Site

pytestmark = pytest.mark.browser

SIZES = [("fr", 1366), ("uk", 390)]
TEXT = {
    "fr": {"delete": "Supprimer", "told": "2 bénévoles prévenus par e-mail", "plain": "Supprimer définitivement ?"},
    "uk": {"delete": "Видалити", "told": "волонтерів (2) повідомлено", "plain": "Видалити назавжди?"},
}


@pytest.fixture(scope="module")
def cast(site: Site) -> dict[str, Any]:
    api = Api(site)
    owner, moderator = api.account("owner"), api.account("moderator", "moderators")
    made = api.call("POST", "/associations", owner, json=association(f"Test navigateur retrait {uuid.uuid4().hex[:5]}"))
    api.call("POST", f"/associations/{made['id']}/verify", moderator, json={})
    return {"api": api, "owner": owner, "association": made}


def project(cast: dict[str, Any], volunteers: int) -> dict[str, Any]:
    """A project with one shift of one place, and `volunteers` signed up (the first confirmed, the rest waiting)."""
    api, owner = cast["api"], cast["owner"]
    made = api.call("POST", f"/associations/{cast['association']['id']}/announcements", owner, json={
        "type": "project", "title": {"fr": f"Chantier {uuid.uuid4().hex[:5]}", "uk": "Толока"},
        "body": {"fr": "Nous cherchons des bénévoles."}, "categories": ["culture"], "needs": ["volunteers"]})
    shift = api.call("POST", f"/announcements/{made['id']}/shifts", owner, json={
        "date": (date.today() + timedelta(days=9)).isoformat(), "start_time": "10:00", "end_time": "13:00",
        "people": 1, "place": {"address": "3 allée Jean Jaurès, Toulouse", "region": "76", "department": "31"},
        "task": {"fr": "Peindre", "uk": "Фарбувати"}})
    for n in range(volunteers):
        api.call("POST", f"/announcements/{made['id']}/shifts/{shift['id']}/signup", api.account(f"vol{n}"))
    return made


def answer(page: Any, asked: list[str], *, accept: bool, button: str) -> None:
    """Click the delete button and answer its confirmation, once it is asked (after the count is read)."""
    page.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.accept() if accept else dialog.dismiss()))
    with page.expect_event("dialog"):
        page.get_by_role("button", name=button, exact=True).click()


@pytest.mark.parametrize(("lang", "width"), SIZES)
def test_the_delete_confirmation_counts_the_volunteers_told(browser: Browser, site: Site, cast: dict[str, Any],
                                                            lang: str, width: int) -> None:
    words, api, owner = TEXT[lang], cast["api"], cast["owner"]
    with_volunteers, without = project(cast, volunteers=2), project(cast, volunteers=0)
    asked: list[str] = []

    with person(browser, site.url, f"shift_withdrawal_{lang}_{width}") as page:
        page.set_viewport_size({"width": width, "height": 844 if width < 500 else 900})
        sign_in(page, owner.email, owner.password, then=f"#/dashboard/announcement/{with_volunteers['id']}")
        in_language(page, lang)
        settled(page)
        no_sideways_scroll(page)
        answer(page, asked, accept=False, button=words["delete"])
        assert len(asked) == 1 and words["told"] in asked[0], asked
        page.screenshot(path=f"test-artifacts/screenshots/shift_withdrawal_{lang}_{width}.png")
        assert page.url.endswith(f"#/dashboard/announcement/{with_volunteers['id']}")  # "no": still here

        answer(page, asked, accept=True, button=words["delete"])
        page.wait_for_url(f"**#/dashboard/a/{cast['association']['id']}")

        page.goto(f"#/dashboard/announcement/{without['id']}")
        settled(page)
        answer(page, asked, accept=False, button=words["delete"])
    assert len(asked) == 3 and asked[2] == words["plain"], asked
    assert requests.get(f"{site.url}/announcements/{with_volunteers['id']}", timeout=10).status_code == 404
    assert api.call("GET", f"/announcements/{without['id']}")["id"] == without["id"]
