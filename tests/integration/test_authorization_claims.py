"""Who may do what on the claims registry, route by route and role by role: everyone reads claims and their
verdicts; moderators and admins (with their second factor) record, edit and link fact-checks, and read the
edit history; members and association editors cannot."""

from __future__ import annotations

import uuid

import pytest

from tests.conftest import association_body

ROLES = ["anonymous", "member", "other_editor", "editor", "owner", "moderator", "admin"]

MATRIX: dict[str, list[int]] = {
    "GET /claims": [200, 200, 200, 200, 200, 200, 200],
    "GET /claims/{id}": [200, 200, 200, 200, 200, 200, 200],
    "POST /claims": [401, 403, 403, 403, 403, 201, 201],
    "PATCH /claims/{id}": [401, 403, 403, 403, 403, 200, 200],
    "GET /claims/{id}/history": [401, 403, 403, 403, 403, 200, 200],
    "POST /claims/{id}/fact-checks": [401, 403, 403, 403, 403, 200, 200],
    "DELETE /claims/{id}/fact-checks/{announcement_id}": [401, 403, 403, 403, 403, 200, 200],
}


def claim_body(**overrides) -> dict:
    tag = uuid.uuid4().hex[:10]
    return {"text": {"fr": f"Affirmation {tag}", "uk": f"Твердження {tag}"}, "verdict": "false",
            "first_seen_on": "2026-11-02", "first_seen_where": "Telegram",
            "urls": [f"https://example.org/{tag}?utm_source=x"]} | overrides


def fact_check_body(**overrides) -> dict:
    return {"type": "fact_check", "title": {"fr": f"Vérification {uuid.uuid4().hex[:6]}"},
            "body": {"fr": "Ce qui a été vérifié, et comment."}, "categories": ["culture"],
            "sources": [{"title": "Source", "url": "https://example.org/source"}]} | overrides


@pytest.fixture(scope="module")
def cast(person, api):
    people = {"member": person(label="member"), "other_editor": person(label="other"),
              "owner": person(label="owner"), "editor": person(label="editor"),
              "moderator": person("moderators", label="moderator"), "admin": person("admins", label="admin")}
    association = api("POST", "/associations", people["owner"], json=association_body()).json()
    api("POST", f"/associations/{association['id']}/verify", people["moderator"], json={})
    api("POST", f"/associations/{association['id']}/editors", people["owner"], json={"email": people["editor"].email})
    other = api("POST", "/associations", people["other_editor"], json=association_body()).json()
    assert other["id"] != association["id"]
    return people, association


@pytest.fixture
def claim(api, cast):
    people, association = cast
    created = api("POST", "/claims", people["moderator"], json=claim_body())
    assert created.status_code == 201, created.text
    check = api("POST", f"/associations/{association['id']}/announcements", people["owner"], json=fact_check_body())
    assert check.status_code == 201, check.text
    linked = api("POST", f"/claims/{created.json()['id']}/fact-checks", people["moderator"],
                 json={"announcement_id": check.json()["id"]})
    assert linked.status_code == 200, linked.text
    return linked.json(), check.json()


@pytest.mark.parametrize("route", sorted(MATRIX))
@pytest.mark.parametrize("role", ROLES)
def test_route_by_role(route, role, api, cast, claim):
    people, _ = cast
    recorded, check = claim
    expected = MATRIX[route][ROLES.index(role)]
    method, path = route.split(" ")
    path = path.replace("{id}", recorded["id"]).replace("{announcement_id}", check["id"])
    body = {"POST /claims": claim_body(),
            "PATCH /claims/{id}": {"version": recorded["version"], "verdict": "misleading"},
            "POST /claims/{id}/fact-checks": {"announcement_id": check["id"]}}.get(route)
    response = api(method, path, people.get(role), **({"json": body} if body is not None else {}))
    assert response.status_code == expected, (role, response.text)
    after = api("GET", f"/claims/{recorded['id']}").json()
    if expected >= 400:  # refused: nothing changed
        assert (after["verdict"], after["version"]) == (recorded["verdict"], recorded["version"])
