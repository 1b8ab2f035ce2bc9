"""The demo's poll and election, as a newcomer finds them after `make run`: vote, check, answer."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import call

pytestmark = pytest.mark.e2e


def all_pages(running, path: str, token: str | None = None) -> list[dict]:
    """Every item of a listing: the fuzzer, which runs first, adds many of its own."""
    items, cursor = [], None
    while True:
        params = {"limit": 100} | ({"cursor": cursor} if cursor else {})
        page = call(running, "GET", path, token, params=params).json()
        items += page["items"]
        cursor = page.get("next_cursor")
        if not cursor:
            return items


def test_the_demo_election_is_open_for_voting(running, tokens):
    elections = all_pages(running, "/elections")
    election = next(e for e in elections if e["title"].get("en") == "Head of the Youth Council of France")
    assert election["status"] == "voting" and election["method"] == "schulze"
    names = {c["name"] for c in election["ballot"]}
    assert {"Sofiia Melnyk", "Maksym Bondarenko", "Chloé Martin"} <= names
    candidates = call(running, "GET", f"/elections/{election['id']}/candidates").json()
    assert {c["association_name"] for c in candidates} >= {"Jeunesse ukrainienne de Grenoble", "Vyshyvanka Lyon"}
    path = f"/elections/{election['id']}"
    before = call(running, "GET", path).json()["turnout"]
    ranking = [[c["id"]] for c in election["ballot"]]
    cast = call(running, "POST", f"{path}/ballots", tokens["member"], json={"ranking": ranking})
    if cast.status_code == 409:  # the stack is shared: another test (or the fuzzer) may have voted first
        assert cast.json()["error"]["code"] == "already_voted"
    else:
        assert cast.status_code == 201 and cast.json()["tracker"]
        assert call(running, "GET", path).json()["turnout"] == before + 1
    assert call(running, "GET", f"{path}/my-vote", tokens["member"]).json()["voted"] is True
    assert call(running, "GET", f"{path}/results").status_code == 409  # secret until the count


def test_the_demo_poll_takes_answers_and_shows_live_results(running, tokens):
    polls = all_pages(running, "/polls", tokens["owner"])
    poll = next(p for p in polls if p["question"].get("en") == "Which workshop would you like this autumn?")
    answered = call(running, "POST", f"/polls/{poll['id']}/votes", tokens["owner"], json={"choices": ["o2"]})
    assert answered.status_code in (201, 409)
    view = call(running, "GET", f"/polls/{poll['id']}", tokens["owner"]).json()
    assert view["voted"] is True and view["counts"]["o2"] >= 1 and view["status"] == "open"
