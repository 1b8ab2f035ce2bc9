"""Who may do what on the partnership routes, route by route and role by role.

The partnership is proposed by "the" association (owner and editor) with a territorial body as partner, so
no one but a moderator can confirm it; other_editor edits another verified association, no party to it.
"""

from __future__ import annotations

import pytest

from tests.integration.twinning import make_cast, proposal_body

ROLES = ["anonymous", "member", "other_editor", "editor", "owner", "moderator", "admin"]

# route key -> expected status per role (same order as ROLES)
MATRIX: dict[str, list[int]] = {
    "GET /partnerships": [200, 200, 200, 200, 200, 200, 200],
    "GET /partnerships/match": [200, 200, 200, 200, 200, 200, 200],
    "GET /partnerships/{id}": [200, 200, 200, 200, 200, 200, 200],
    "GET /partnerships/{id}/contacts": [401, 403, 403, 200, 200, 200, 200],
    "POST /associations/{id}/partnerships": [401, 403, 403, 201, 201, 403, 403],
    "PATCH /partnerships/{id}": [401, 403, 403, 200, 200, 403, 200],
    "POST /partnerships/{id}/confirm": [401, 403, 403, 403, 403, 200, 200],
    "POST /partnerships/{id}/status": [401, 403, 403, 200, 200, 200, 200],
    "POST /partnerships/{id}/hide": [401, 403, 403, 403, 403, 200, 200],
    "POST /partnerships/{id}/restore": [401, 403, 403, 403, 403, 200, 200],
}


@pytest.fixture(scope="module")
def cast(person, api):
    people, association = make_cast(person, api)
    partnership = api("POST", f"/associations/{association['id']}/partnerships", people["owner"],
                      json=proposal_body()).json()
    return people, association, partnership


def _fresh(api, people, association, *then: tuple[str, dict]) -> dict:
    """A new proposal taken through the given acts by a moderator (one-shot routes need their own target)."""
    partnership = api("POST", f"/associations/{association['id']}/partnerships", people["owner"],
                      json=proposal_body()).json()
    for act, body in then:
        done = api("POST", f"/partnerships/{partnership['id']}/{act}", people["moderator"], json=body)
        assert done.status_code == 200, done.text
    return partnership


def _request_for(route: str, api, people, association, partnership) -> tuple[str, str, dict | None]:
    method, template_path = route.split(" ", 1)
    target, body, query = partnership, None, ""
    if route == "GET /partnerships/match":
        query = "?domain=culture&region=76"
    elif route == "POST /associations/{id}/partnerships":
        return method, template_path.replace("{id}", association["id"]), proposal_body()
    elif route == "PATCH /partnerships/{id}":
        body = {"title": "Occitanie – Lviv : culture et vignes"}
    elif route.endswith("/confirm"):
        target, body = _fresh(api, people, association), {}
    elif route.endswith("/status"):
        target, body = _fresh(api, people, association, ("confirm", {})), {"status": "signed"}
    elif route.endswith("/hide"):
        target, body = _fresh(api, people, association), {"reason": "Contenu trompeur"}
    elif route.endswith("/restore"):
        target, body = _fresh(api, people, association, ("hide", {"reason": "Vérification"})), {}
    return method, template_path.replace("{id}", target["id"]) + query, body


@pytest.mark.parametrize("route", sorted(MATRIX))
@pytest.mark.parametrize("role", ROLES)
def test_route_by_role(route, role, api, cast):
    people, association, partnership = cast
    expected = MATRIX[route][ROLES.index(role)]
    method, path, body = _request_for(route, api, people, association, partnership)
    response = api(method, path, people.get(role), json=body)
    assert response.status_code == expected, f"{role} {method} {path}: {response.text}"
    if expected >= 400:
        error = response.json()["error"]
        assert set(error) == {"code", "message", "details"} and error["message"]


def test_the_body_cannot_choose_the_proposer_the_status_or_the_parties(api, cast):
    people, association, _ = cast
    sneaky = proposal_body(status="active", proposed_by=association["id"], parties=[], hidden=False)
    response = api("POST", f"/associations/{association['id']}/partnerships", people["owner"], json=sneaky)
    assert response.status_code == 422
    assert {d["field"] for d in response.json()["error"]["details"]} == {"status", "proposed_by", "parties",
                                                                          "hidden"}


def test_an_editor_speaks_only_for_their_own_association(api, cast):
    people, association, partnership = cast
    # other_editor names the association in the path: refused, whatever the body says.
    response = api("POST", f"/associations/{association['id']}/partnerships", people["other_editor"],
                   json=proposal_body())
    assert response.status_code == 403
    before = api("GET", f"/partnerships/{partnership['id']}").json()
    patched = api("PATCH", f"/partnerships/{partnership['id']}", people["other_editor"], json={"title": "Non !"})
    assert patched.status_code == 403
    assert api("GET", f"/partnerships/{partnership['id']}").json() == before


def test_a_removed_editor_loses_the_partnership_at_once(api, cast, person):
    people, association, partnership = cast
    temp = person(label="temp")
    api("POST", f"/associations/{association['id']}/editors", people["owner"], json={"email": temp.email})
    path = f"/partnerships/{partnership['id']}"
    assert api("GET", f"{path}/contacts", temp).status_code == 200
    api("DELETE", f"/associations/{association['id']}/editors/{temp.email}", people["owner"])
    assert api("GET", f"{path}/contacts", temp).status_code == 403
    assert api("PATCH", path, temp, json={"title": "Plus le droit"}).status_code == 403


def test_unverified_emails_do_not_speak_for_an_association(api, cast, person):
    _, association, _ = cast
    unverified = person(verified=False, label="unverified")
    response = api("POST", f"/associations/{association['id']}/partnerships", unverified, json=proposal_body())
    assert response.status_code == 403 and response.json()["error"]["code"] == "email_not_verified"
