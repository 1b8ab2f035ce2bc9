"""Who may read the twinning health figures and act on possible matches, route by route, role by role.

"The" association (owner, editor) publishes a need; other_editor's association publishes the offer that
matches it, so other_editor is the other side of the possible match; moderators and admins are staff.
"""

from __future__ import annotations

import pytest

from tests.conftest import make_cast
from tests.integration.mail import wait_for
from tests.integration.twinning import initiative_body

ROLES = ["anonymous", "member", "other_editor", "editor", "owner", "moderator", "admin"]

MATRIX: dict[str, list[int]] = {
    "GET /twinning/health": [401, 403, 403, 403, 403, 200, 200],
    "GET /initiatives/{id}/possible-matches": [401, 403, 403, 200, 200, 200, 200],
    # Only the side's own editors answer for it: staff do not, nor the other side.
    "POST /initiatives/{id}/possible-matches/{other}/confirm": [401, 403, 403, 200, 200, 403, 403],
    "POST /initiatives/{id}/possible-matches/{other}/decline": [401, 403, 403, 200, 200, 403, 403],
}
PLACE = {"domain": "education", "oblast": "UA-35"}


@pytest.fixture(scope="module")
def cast(person, api):
    """The people, the association, and an offer by other_editor's association that its needs match."""
    people, association, _ = make_cast(person, api)
    from tests.conftest import association_body

    other_id = api("POST", "/associations", people["other_editor"], json=association_body()).json()["id"]
    assert api("POST", f"/associations/{other_id}/verify", people["moderator"], json={}).status_code == 200
    offer = api("POST", f"/associations/{other_id}/initiatives", people["other_editor"],
                json=initiative_body(kind="offer", **PLACE))
    assert offer.status_code == 201, offer.text
    return people, association, offer.json()


@pytest.mark.parametrize("route", sorted(MATRIX))
@pytest.mark.parametrize("role", ROLES)
def test_route_by_role(route, role, api, cast):
    people, association, offer = cast
    expected = MATRIX[route][ROLES.index(role)]
    method, path = route.split(" ", 1)
    if "{id}" in path:  # a fresh need each time: its pair with the offer is answered once per side
        need = api("POST", f"/associations/{association['id']}/initiatives", people["owner"],
                   json=initiative_body(**PLACE)).json()
        path = path.replace("{id}", need["id"]).replace("{other}", offer["id"])
        if "{other}" in route:  # its pair is recorded by the publication's follow-up (outbox, bus, notifier)
            assert wait_for(lambda: api("GET", f"/initiatives/{need['id']}/possible-matches", people["owner"]).json())
    response = api(method, path, people.get(role), json={} if method == "POST" else None)
    assert response.status_code == expected, f"{role} {route}: {response.text}"
    if expected >= 400:
        error = response.json()["error"]
        assert set(error) == {"code", "message", "details"} and error["message"]
