"""Who may read the twinning health figures and act on possible matches, route by route, role by role.

"The" association (owner, editor) publishes a need; other_editor's association publishes the offer that
matches it, so other_editor is the other side of the possible match; moderators and admins are staff.
"""

from __future__ import annotations

import pytest

from tests.integration.twinning import make_cast

ROLES = ["anonymous", "member", "other_editor", "editor", "owner", "moderator", "admin"]

MATRIX: dict[str, list[int]] = {
    "GET /twinning/health": [401, 403, 403, 403, 403, 200, 200],
}


@pytest.fixture(scope="module")
def cast(person, api):
    people, association = make_cast(person, api)
    return people, association


@pytest.mark.parametrize("route", sorted(MATRIX))
@pytest.mark.parametrize("role", ROLES)
def test_route_by_role(route, role, api, cast):
    people, _ = cast
    expected = MATRIX[route][ROLES.index(role)]
    method, path = route.split(" ", 1)
    response = api(method, path, people.get(role))
    assert response.status_code == expected, f"{role} {route}: {response.text}"
    if expected >= 400:
        error = response.json()["error"]
        assert set(error) == {"code", "message", "details"} and error["message"]
