"""Who may do what on the initiative routes, route by route and role by role."""

from __future__ import annotations

import pytest

from tests.integration.twinning import initiative_body, make_cast

ROLES = ["anonymous", "member", "other_editor", "editor", "owner", "moderator", "admin"]

# route key -> expected status per role (same order as ROLES)
MATRIX: dict[str, list[int]] = {
    "GET /initiatives": [200, 200, 200, 200, 200, 200, 200],
    "GET /initiatives/{id}": [200, 200, 200, 200, 200, 200, 200],
    "GET /initiatives/{id}/matches": [200, 200, 200, 200, 200, 200, 200],
    "POST /associations/{id}/initiatives": [401, 403, 403, 201, 201, 403, 403],
    "PATCH /initiatives/{id}": [401, 403, 403, 200, 200, 403, 200],
    "POST /initiatives/{id}/status": [401, 403, 403, 200, 200, 200, 200],
    "POST /initiatives/{id}/hide": [401, 403, 403, 403, 403, 200, 200],
    "POST /initiatives/{id}/restore": [401, 403, 403, 403, 403, 200, 200],
}


@pytest.fixture(scope="module")
def cast(person, api):
    people, association = make_cast(person, api)
    initiative = api("POST", f"/associations/{association['id']}/initiatives", people["owner"],
                     json=initiative_body()).json()
    return people, association, initiative


def _fresh(api, people, association, hidden: bool = False) -> dict:
    initiative = api("POST", f"/associations/{association['id']}/initiatives", people["owner"],
                     json=initiative_body()).json()
    if hidden:
        done = api("POST", f"/initiatives/{initiative['id']}/hide", people["moderator"], json={"reason": "Vérif"})
        assert done.status_code == 200, done.text
    return initiative


def _request_for(route: str, api, people, association, initiative) -> tuple[str, str, dict | None]:
    method, template_path = route.split(" ", 1)
    target, body = initiative, None
    if route == "POST /associations/{id}/initiatives":
        return method, template_path.replace("{id}", association["id"]), initiative_body()
    if route == "PATCH /initiatives/{id}":
        body = {"title": "Station de pompage"}
    elif route.endswith("/status"):
        target, body = _fresh(api, people, association), {"status": "matched"}
    elif route.endswith("/hide"):
        target, body = _fresh(api, people, association), {"reason": "Annonce frauduleuse"}
    elif route.endswith("/restore"):
        target, body = _fresh(api, people, association, hidden=True), {}
    return method, template_path.replace("{id}", target["id"]), body


@pytest.mark.parametrize("route", sorted(MATRIX))
@pytest.mark.parametrize("role", ROLES)
def test_route_by_role(route, role, api, cast):
    people, association, initiative = cast
    expected = MATRIX[route][ROLES.index(role)]
    method, path, body = _request_for(route, api, people, association, initiative)
    response = api(method, path, people.get(role), json=body)
    assert response.status_code == expected, f"{role} {method} {path}: {response.text}"
    if expected >= 400:
        error = response.json()["error"]
        assert set(error) == {"code", "message", "details"} and error["message"]


def test_the_body_cannot_choose_the_association_or_the_status(api, cast):
    people, association, _ = cast
    sneaky = initiative_body(association_id="as_00000000000000000000", status="matched", association_name="X")
    response = api("POST", f"/associations/{association['id']}/initiatives", people["owner"], json=sneaky)
    assert response.status_code == 422
    assert {d["field"] for d in response.json()["error"]["details"]} == {"association_id", "status",
                                                                          "association_name"}


def test_a_pending_association_cannot_publish(api, new_association):
    pending, owner = new_association()
    response = api("POST", f"/associations/{pending['id']}/initiatives", owner, json=initiative_body())
    assert response.status_code == 403 and response.json()["error"]["code"] == "association_not_verified"
