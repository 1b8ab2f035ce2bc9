"""Who may do what on the associations routes, route by route and role by role."""

from __future__ import annotations

import uuid

import pytest

from tests.conftest import association_body, make_cast

ROLES = ["anonymous", "member", "other_editor", "editor", "owner", "moderator", "admin"]

# route key -> expected status per role (same order as ROLES)
MATRIX: dict[str, list[int]] = {
    "GET /health": [200, 200, 200, 200, 200, 200, 200],
    "GET /regions": [200, 200, 200, 200, 200, 200, 200],
    "GET /associations": [200, 200, 200, 200, 200, 200, 200],
    "GET /associations/{id}": [200, 200, 200, 200, 200, 200, 200],
    "POST /associations": [401, 201, 201, 201, 201, 201, 201],
    "PATCH /associations/{id}": [401, 403, 403, 200, 200, 403, 200],
    "POST /associations/{id}/verify": [401, 403, 403, 403, 403, 200, 200],
    "POST /associations/{id}/reject": [401, 403, 403, 403, 403, 200, 200],
    "GET /associations/{id}/editors": [401, 403, 403, 200, 200, 200, 200],
    "GET /associations/{id}/numbers": [401, 403, 403, 200, 200, 403, 200],
    "GET /associations/{id}/figures": [401, 403, 403, 200, 200, 403, 200],
    "POST /associations/{id}/editors": [401, 403, 403, 403, 201, 403, 201],
    "DELETE /associations/{id}/editors/{email}": [401, 403, 403, 403, 204, 403, 204],
    "GET /moderation/associations": [401, 403, 403, 403, 403, 200, 200],
    "GET /me": [401, 200, 200, 200, 200, 200, 200],
}


@pytest.fixture(scope="module")
def cast(person, api):
    """One association with an owner and a co-editor; another association's editor; staff."""
    people, association, _ = make_cast(person, api)
    return people, association


def _request_for(route: str, association: dict, api, people) -> tuple[str, str, dict | None]:
    """The method, concrete path and body to exercise `route` (fresh targets where the act is one-shot)."""
    method, template_path = route.split(" ", 1)
    target = association
    body: dict | None = None
    if route.endswith(("/verify", "/reject")):
        target = api("POST", "/associations", people["owner"], json=association_body()).json()  # pending
        body = {"reason": "Pièces justificatives manquantes"} if route.endswith("reject") else {}
    elif route == "POST /associations":
        body = association_body()
    elif route == "PATCH /associations/{id}":
        body = {"city": "Toulouse"}
    elif route == "POST /associations/{id}/editors":
        body = {"email": f"invited-{uuid.uuid4().hex[:8]}@example.org"}
    elif route.startswith("DELETE"):
        removable = f"leaving-{uuid.uuid4().hex[:8]}@example.org"
        api("POST", f"/associations/{association['id']}/editors", people["owner"], json={"email": removable})
        return method, template_path.replace("{id}", association["id"]).replace("{email}", removable), None
    return method, template_path.replace("{id}", target["id"]), body


@pytest.mark.parametrize("route", sorted(MATRIX))
@pytest.mark.parametrize("role", ROLES)
def test_route_by_role(route, role, api, cast):
    people, association = cast
    expected = MATRIX[route][ROLES.index(role)]
    method, path, body = _request_for(route, association, api, people)
    response = api(method, path, people.get(role), json=body)
    assert response.status_code == expected, f"{role} {method} {path}: {response.text}"
    if expected >= 400:
        error = response.json()["error"]
        assert set(error) == {"code", "message", "details"} and error["message"]


def test_unverified_email_cannot_register_or_edit(api, person):
    unverified = person(verified=False, label="unverified")
    response = api("POST", "/associations", unverified, json=association_body())
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "email_not_verified"


def test_a_removed_editor_loses_access_at_once(api, cast, person):
    people, association = cast
    temp = person(label="temp")
    path = f"/associations/{association['id']}/editors"
    api("POST", path, people["owner"], json={"email": temp.email})
    assert api("PATCH", f"/associations/{association['id']}", temp, json={"city": "Toulouse"}).status_code == 200
    api("DELETE", f"{path}/{temp.email}", people["owner"])
    assert api("PATCH", f"/associations/{association['id']}", temp, json={"city": "Toulouse"}).status_code == 403


def test_pending_association_is_invisible_even_to_signed_in_strangers(api, cast):
    people, _ = cast
    pending = api("POST", "/associations", people["owner"], json=association_body()).json()
    for role in ("anonymous", "member", "other_editor"):
        assert api("GET", f"/associations/{pending['id']}", people.get(role)).status_code == 404


def test_the_body_cannot_choose_the_owner_or_the_status(api, cast):
    people, _ = cast
    sneaky = association_body(status="verified", owner_id=people["admin"].sub)
    response = api("POST", "/associations", people["member"], json=sneaky)
    assert response.status_code == 422
    assert {d["field"] for d in response.json()["error"]["details"]} == {"status", "owner_id"}


def test_inviting_yourself(api, cast):
    people, association = cast
    path = f"/associations/{association['id']}/editors"
    assert api("POST", path, people["member"], json={"email": people["member"].email}).status_code == 403
    assert api("POST", path, people["owner"], json={"email": people["owner"].email}).status_code == 409
    assert api("POST", path, people["editor"], json={"email": people["editor"].email}).status_code == 409
