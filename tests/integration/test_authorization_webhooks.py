"""Who may do what on the webhooks routes, route by route and role by role: the association's editors and
owners act; admins may read (the list, the delivery log) but not act for it; nobody else sees anything."""

from __future__ import annotations

import pytest

from tests.conftest import make_cast

ROLES = ["anonymous", "member", "other_editor", "editor", "owner", "moderator", "admin"]

# route key -> expected status per role (same order as ROLES)
MATRIX: dict[str, list[int]] = {
    "GET /associations/{id}/webhooks": [401, 403, 403, 200, 200, 403, 200],
    "POST /associations/{id}/webhooks": [401, 403, 403, 201, 201, 403, 403],
    "PATCH /associations/{id}/webhooks/{webhook_id}": [401, 403, 403, 200, 200, 403, 403],
    "DELETE /associations/{id}/webhooks/{webhook_id}": [401, 403, 403, 204, 204, 403, 403],
    "POST /associations/{id}/webhooks/{webhook_id}/secret": [401, 403, 403, 200, 200, 403, 403],
    "POST /associations/{id}/webhooks/{webhook_id}/ping": [401, 403, 403, 202, 202, 403, 403],
    "GET /associations/{id}/webhooks/{webhook_id}/deliveries": [401, 403, 403, 200, 200, 403, 200],
}


@pytest.fixture(scope="module")
def cast(person, api):
    people, association, _ = make_cast(person, api, verified=False)
    return people, association


@pytest.fixture
def hook(api, cast, stack):
    """A webhook of the association (to the local stack's dev receiver), deleted after the test."""
    people, association = cast
    base = f"/associations/{association['id']}/webhooks"
    created = api("POST", base, people["owner"], json={"url": f"{stack.api_url}/dev/webhooks/receive",
                                                       "kinds": ["event.changed"]})
    assert created.status_code == 201, created.text
    yield created.json()
    for item in api("GET", base, people["owner"]).json()["items"]:  # what the test added too
        api("DELETE", f"{base}/{item['id']}", people["owner"])


@pytest.mark.parametrize("route", sorted(MATRIX))
@pytest.mark.parametrize("role", ROLES)
def test_route_by_role(route, role, api, cast, hook, stack):
    people, association = cast
    expected = MATRIX[route][ROLES.index(role)]
    who = people.get(role)
    method, path = route.split(" ")
    path = path.replace("{id}", association["id"]).replace("{webhook_id}", hook["id"])
    body = None
    if method == "POST" and path.endswith("/webhooks"):
        body = {"url": f"{stack.api_url}/dev/webhooks/receive", "kinds": ["event.published"]}
    elif method == "PATCH":
        body = {"kinds": ["event.cancelled"]}
    response = api(method, path, who, **({"json": body} if body is not None else {}))
    assert response.status_code == expected, (role, response.text)
    if expected < 300 and response.content:
        text = response.text
        if not path.endswith(("/webhooks", "/secret")) or method == "GET":
            assert hook["secret"] not in text  # only creation and rotation show a secret
