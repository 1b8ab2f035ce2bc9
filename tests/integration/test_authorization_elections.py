"""Who may do what on the elections and polls routes, route by route and role by role."""

from __future__ import annotations

import pytest

from tests.conftest import make_cast
from tests.integration.voting import (
    CLOCK,
    at,
    draft,
    election_body,
    in_nominations,
    in_voting,
    nomination_body,
    ok,
)

ROLES = ["anonymous", "member", "other_editor", "editor", "owner", "moderator", "admin"]
SIGNED_IN_200 = [401, 200, 200, 200, 200, 200, 200]
ADMINS_ONLY = [401, 403, 403, 403, 403, 403, 200]
PUBLIC = [200, 200, 200, 200, 200, 200, 200]

# route key -> expected status per role (same order as ROLES)
MATRIX: dict[str, list[int]] = {
    "GET /elections": PUBLIC,
    "GET /elections/{election_id}": PUBLIC,
    "GET /elections/{election_id}/candidates": PUBLIC,
    "GET /elections/{election_id}/results": PUBLIC,
    "GET /elections/{election_id}/ballots": PUBLIC,
    "GET /elections/{election_id}/ballots/{tracker}": PUBLIC,
    "POST /elections": [401, 403, 403, 403, 403, 403, 201],
    "PATCH /elections/{election_id}": ADMINS_ONLY,
    "GET /admin/elections": ADMINS_ONLY,
    "POST /elections/{election_id}/open": ADMINS_ONLY,
    "POST /elections/{election_id}/close": ADMINS_ONLY,
    "POST /elections/{election_id}/roll": ADMINS_ONLY,
    "GET /elections/{election_id}/audit": ADMINS_ONLY,
    "GET /elections/{election_id}/nominations": SIGNED_IN_200,
    # Owners nominate for their own verified association only (not its editors, not the organizers).
    "POST /elections/{election_id}/candidates": [401, 403, 403, 403, 201, 403, 403],
    # The candidate is the member here: only they consent.
    "POST /elections/{election_id}/candidates/{candidate_id}/consent": [401, 200, 403, 403, 403, 403, 403],
    "POST /elections/{election_id}/candidates/{candidate_id}/approve": ADMINS_ONLY,
    "POST /elections/{election_id}/candidates/{candidate_id}/reject": ADMINS_ONLY,
    "POST /elections/{election_id}/candidates/{candidate_id}/withdraw": [401, 200, 403, 403, 200, 403, 200],
    "POST /elections/{election_id}/ballots": [401, 201, 201, 201, 201, 201, 201],
    "GET /elections/{election_id}/my-vote": SIGNED_IN_200,
    "GET /polls": SIGNED_IN_200,
    "POST /polls": [401, 403, 403, 403, 403, 201, 201],  # a poll to every member
    "GET /polls/{poll_id}": SIGNED_IN_200,
    "POST /polls/{poll_id}/votes": [401, 201, 201, 201, 201, 201, 201],
    "POST /polls/{poll_id}/close": [401, 403, 403, 403, 403, 200, 200],
}


def poll_body(**overrides):
    return {"question": {"fr": "Quelle date pour la fête ?"}, "options": [{"fr": "Samedi"}, {"fr": "Dimanche"}],
            "results": "live", "closes_at": at(86400)} | overrides


@pytest.fixture(scope="module")
def cast(person, api, stack):
    people, association, _ = make_cast(person, api)
    admin, owner, member = people["admin"], people["owner"], people["member"]
    nominations = in_nominations(api, admin, nominations_per_association=10)
    voting, _ = in_voting(api, admin, owner, association, member, method="plurality")
    published, ids = in_voting(api, admin, owner, association, member, method="plurality")
    receipt = ok(api("POST", f"/elections/{published['id']}/ballots", member, json={"choice": ids[0]}), 201)
    ok(api("POST", f"/elections/{published['id']}/close", admin, json={"reason": "Fin du test"}))
    stack.schedules.run_now(CLOCK)
    roll = in_nominations(api, admin, electorate="roll")
    poll = ok(api("POST", "/polls", people["moderator"], json=poll_body()), 201)
    return {"people": people, "association": association, "nominations": nominations, "voting": voting,
            "published": published, "tracker": receipt["tracker"], "roll": roll, "poll": poll}


def _request_for(route: str, role: str, api, cast) -> tuple[str, str, dict | None]:
    """The method, concrete path and body to exercise `route` (fresh targets where the act is one-shot)."""
    people, association = cast["people"], cast["association"]
    admin, owner, member = people["admin"], people["owner"], people["member"]
    method, path = route.split(" ", 1)
    election, body = cast["voting"], None
    if route.startswith("GET /elections/{election_id}/") and route.split("/")[3] in ("results", "ballots"):
        election = cast["published"]
    elif route == "POST /elections":
        body = election_body()
    elif route in ("PATCH /elections/{election_id}", "POST /elections/{election_id}/open"):
        election = draft(api, admin)
        body = {"title": {"en": "Renamed"}} if method == "PATCH" else None
    elif route == "POST /elections/{election_id}/close":
        body = {"reason": "Clôture anticipée"}
        if role == "admin":  # one-shot: a fresh election in voting (the others are refused before acting)
            election, _ = in_voting(api, admin, owner, association, member, names=("Olena",))
    elif route == "POST /elections/{election_id}/roll":
        election, body = cast["roll"], {"emails": ["voter@example.org"]}
    elif route in ("GET /elections/{election_id}/nominations", "POST /elections/{election_id}/candidates"):
        election = cast["nominations"]
        if method == "POST":
            body = nomination_body(association["id"], member.email)
    elif "{candidate_id}" in route:
        election = in_nominations(api, admin)
        nominated = ok(api("POST", f"/elections/{election['id']}/candidates", owner,
                           json=nomination_body(association["id"], member.email)), 201)
        if route.endswith(("/approve", "/reject")):
            ok(api("POST", f"/elections/{election['id']}/candidates/{nominated['id']}/consent", member))
            body = {"reason": "Hors délai"} if route.endswith("/reject") else None
        path = path.replace("{candidate_id}", nominated["id"])
    elif route == "POST /elections/{election_id}/ballots":
        body = {"choice": election["ballot"][0]["id"]}
    elif route == "POST /polls":
        body = poll_body()
    elif route.startswith(("GET /polls/", "POST /polls/")):
        poll = cast["poll"]
        if route.endswith("/close"):
            body = {"reason": "Assez de réponses"}
            if role in ("moderator", "admin"):
                poll = ok(api("POST", "/polls", people["moderator"], json=poll_body()), 201)
        elif route.endswith("/votes"):
            body = {"choices": ["o1"]}
        path = path.replace("{poll_id}", poll["id"])
    path = path.replace("{election_id}", election["id"]).replace("{tracker}", cast["tracker"])
    return method, path, body


@pytest.mark.parametrize("route", sorted(MATRIX))
@pytest.mark.parametrize("role", ROLES)
def test_route_by_role(route, role, api, cast):
    expected = MATRIX[route][ROLES.index(role)]
    method, path, body = _request_for(route, role, api, cast)
    response = api(method, path, cast["people"].get(role), json=body)
    assert response.status_code == expected, f"{role} {method} {path}: {response.text}"
    if expected >= 400:
        error = response.json()["error"]
        assert set(error) == {"code", "message", "details"} and error["message"]


def test_drafts_do_not_exist_outside_the_organizers(api, cast):
    hidden = draft(api, cast["people"]["admin"])
    assert api("GET", f"/elections/{hidden['id']}").status_code == 404
    assert hidden["id"] not in {e["id"] for e in ok(api("GET", "/elections", params={"limit": 100}))["items"]}
    listed = ok(api("GET", "/admin/elections", cast["people"]["admin"], params={"limit": 100}))["items"]
    assert hidden["id"] in {e["id"] for e in listed}


def test_nominations_are_seen_by_those_concerned_only(api, cast, person):
    people, association = cast["people"], cast["association"]
    election = in_nominations(api, people["admin"])
    stranger_candidate = person(label="stranger")
    for email in (people["member"].email, stranger_candidate.email):
        ok(api("POST", f"/elections/{election['id']}/candidates", people["owner"],
               json=nomination_body(association["id"], email)), 201)
    seen = {role: {n["email"] for n in ok(api("GET", f"/elections/{election['id']}/nominations", people[role]))}
            for role in ("member", "other_editor", "editor", "owner", "moderator", "admin")}
    both = {people["member"].email, stranger_candidate.email}
    assert seen == {"member": {people["member"].email}, "other_editor": set(), "editor": both, "owner": both,
                    "moderator": set(), "admin": both}
    public = ok(api("GET", f"/elections/{election['id']}/candidates"))
    assert public == []  # nothing approved yet; and never an e-mail


def test_my_vote_is_about_me_only_and_ballots_name_nobody(api, cast, person):
    people = cast["people"]
    election, ids = in_voting(api, people["admin"], people["owner"], cast["association"], people["member"],
                              method="plurality", names=("Olena",))
    voter, other = person(label="voter"), person(label="other")
    receipt = ok(api("POST", f"/elections/{election['id']}/ballots", voter, json={"choice": ids[0]}), 201)
    assert ok(api("GET", f"/elections/{election['id']}/my-vote", other))["voted"] is False
    assert ok(api("GET", f"/elections/{election['id']}/my-vote", voter))["voted"] is True
    assert voter.sub not in str(receipt) and voter.email not in str(receipt)
    audit = ok(api("GET", f"/elections/{election['id']}/audit", people["admin"]))
    assert not any(voter.sub in str(entry) for entry in audit)  # voting is no administrative act


def test_association_polls_belong_to_the_association(api, cast):
    people, association = cast["people"], cast["association"]
    body = poll_body(audience="association", association_id=association["id"])
    for role in ("member", "other_editor"):
        assert api("POST", "/polls", people[role], json=body).status_code == 403
    poll = ok(api("POST", "/polls", people["editor"], json=body), 201)
    assert ok(api("POST", "/polls", people["moderator"], json=body), 201)["association_id"] == association["id"]
    for role, status in (("member", 404), ("other_editor", 404), ("owner", 200), ("editor", 200), ("moderator", 200)):
        assert api("GET", f"/polls/{poll['id']}", people[role]).status_code == status, role
    assert api("POST", f"/polls/{poll['id']}/votes", people["member"], json={"choices": ["o1"]}).status_code == 404
    ok(api("POST", f"/polls/{poll['id']}/votes", people["owner"], json={"choices": ["o1"]}), 201)
    listing = api("GET", "/polls", people["member"], params={"association": association["id"]})
    assert listing.status_code == 403
    listed = ok(api("GET", "/polls", people["editor"], params={"association": association["id"]}))["items"]
    assert poll["id"] in {p["id"] for p in listed}
    ok(api("POST", f"/polls/{poll['id']}/close", people["editor"], json={"reason": "Décision prise"}))
    everyone = ok(api("GET", "/polls", people["member"], params={"limit": 100}))["items"]
    assert poll["id"] not in {p["id"] for p in everyone}
