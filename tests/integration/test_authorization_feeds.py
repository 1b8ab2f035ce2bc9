"""Who may read the feeds, the crawlable pages and the sitemap: everyone, signed in or not, with the same answer."""

from __future__ import annotations

import pytest

from tests.conftest import event_body, make_cast
from tests.integration.test_authorization_announcements import announcement_body

ROLES = ["anonymous", "member", "other_editor", "editor", "owner", "moderator", "admin"]

MATRIX: dict[str, list[int]] = {
    "GET /events.atom": [200, 200, 200, 200, 200, 200, 200],
    "GET /announcements.atom": [200, 200, 200, 200, 200, 200, 200],
    "GET /pages/events/{id}": [200, 200, 200, 200, 200, 200, 200],
    "GET /pages/associations/{id}": [200, 200, 200, 200, 200, 200, 200],
    "GET /pages/announcements/{id}": [200, 200, 200, 200, 200, 200, 200],
    "GET /sitemap.xml": [200, 200, 200, 200, 200, 200, 200],
    "GET /sitemap/{kind}": [200, 200, 200, 200, 200, 200, 200],
    "GET /robots.txt": [200, 200, 200, 200, 200, 200, 200],
}


@pytest.fixture(scope="module")
def cast(person, api):
    people, association, _ = make_cast(person, api)
    event = api("POST", f"/associations/{association['id']}/events", people["owner"], json=event_body()).json()
    post = api("POST", f"/associations/{association['id']}/announcements", people["owner"],
               json=announcement_body()).json()
    return people, {"events": event["id"], "associations": association["slug"], "announcements": post["id"]}


@pytest.mark.parametrize("route", sorted(MATRIX))
@pytest.mark.parametrize("role", ROLES)
def test_route_by_role(route, role, api, cast):
    people, refs = cast
    method, path = route.split(" ", 1)
    if "{id}" in path:
        path = path.replace("{id}", refs[path.split("/")[2]])
    path = path.replace("{kind}", "events")
    response = api(method, path, people.get(role))
    assert response.status_code == MATRIX[route][ROLES.index(role)], f"{role} {method} {path}: {response.text}"
    assert "set-cookie" not in {h.lower() for h in response.headers}
