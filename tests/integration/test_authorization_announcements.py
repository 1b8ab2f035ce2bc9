"""Who may do what on the announcements routes, route by route and role by role."""

from __future__ import annotations

import uuid

import pytest

from tests.conftest import make_cast

ROLES = ["anonymous", "member", "other_editor", "editor", "owner", "moderator", "admin"]

# route key -> expected status per role (same order as ROLES)
MATRIX: dict[str, list[int]] = {
    "GET /announcements": [200, 200, 200, 200, 200, 200, 200],
    "GET /announcements/{id}": [200, 200, 200, 200, 200, 200, 200],
    "POST /associations/{id}/announcements": [401, 403, 403, 201, 201, 403, 201],
    "PATCH /announcements/{id}": [401, 403, 403, 200, 200, 403, 200],
    "DELETE /announcements/{id}": [401, 403, 403, 204, 204, 403, 204],
}


def announcement_body(**overrides) -> dict:
    body = {"type": "news", "title": {"fr": f"Nouvelles {uuid.uuid4().hex[:6]}"},
            "body": {"fr": "Une **bonne** nouvelle."}, "categories": ["culture"], "region": "76"}
    body.update(overrides)
    return body


@pytest.fixture(scope="module")
def cast(person, api):
    people, association, _ = make_cast(person, api)
    post = api("POST", f"/associations/{association['id']}/announcements", people["owner"],
               json=announcement_body()).json()
    return people, association, post


@pytest.mark.parametrize("route", sorted(MATRIX))
@pytest.mark.parametrize("role", ROLES)
def test_route_by_role(route, role, api, cast):
    people, association, post = cast
    expected = MATRIX[route][ROLES.index(role)]
    method, template_path = route.split(" ", 1)
    body = None
    if route == "DELETE /announcements/{id}":
        post = api("POST", f"/associations/{association['id']}/announcements", people["owner"],
                   json=announcement_body()).json()
    elif route == "POST /associations/{id}/announcements":
        body = announcement_body()
    elif route == "PATCH /announcements/{id}":
        body = {"pinned": True, "title": {"fr": f"Épinglé {uuid.uuid4().hex[:6]}"}}
    target = association["id"] if template_path.startswith("/associations/") else post["id"]
    response = api(method, template_path.replace("{id}", target), people.get(role), json=body)
    assert response.status_code == expected, f"{role} {method}: {response.text}"
    if expected >= 400:
        assert set(response.json()["error"]) == {"code", "message", "details"}


def test_refused_writes_change_nothing(api, cast):
    people, _, post = cast
    before = api("GET", f"/announcements/{post['id']}").json()
    for role in ("member", "other_editor", "moderator"):
        api("PATCH", f"/announcements/{post['id']}", people[role], json={"pinned": False, "title": {"fr": "x"}})
        api("DELETE", f"/announcements/{post['id']}", people[role])
    assert api("GET", f"/announcements/{post['id']}").json() == before
