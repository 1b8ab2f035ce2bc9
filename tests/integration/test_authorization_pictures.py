"""Who may do what on the pictures routes, route by route and role by role: those who may edit the item."""

from __future__ import annotations

import io

import pytest
import requests
from PIL import Image

from tests.conftest import make_cast

ROLES = ["anonymous", "member", "other_editor", "editor", "owner", "moderator", "admin"]

# route key -> expected status per role (same order as ROLES)
MATRIX: dict[str, list[int]] = {
    "POST /pictures/uploads": [401, 403, 403, 201, 201, 403, 201],
    "PUT /pictures/{target}/{id}": [401, 403, 403, 200, 200, 403, 200],
    "DELETE /pictures/{target}/{id}": [401, 403, 403, 204, 204, 403, 204],
}


def small_png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (64, 48), (255, 215, 0)).save(out, format="PNG")
    return out.getvalue()


@pytest.fixture(scope="module")
def cast(person, api):
    people, association, _ = make_cast(person, api)
    return people, association


def uploaded(api, who, association) -> str:
    data = small_png()
    granted = api("POST", "/pictures/uploads", who, json={"target": "association", "id": association["id"],
                                                          "content_type": "image/png", "size": len(data)})
    assert granted.status_code == 201, granted.text
    ticket = granted.json()
    posted = requests.post(ticket["url"], data=ticket["fields"], files={"file": ("logo.png", data, "image/png")},
                           timeout=30)
    assert posted.status_code == 204, posted.text
    return ticket["upload_id"]


@pytest.mark.parametrize("route", sorted(MATRIX))
@pytest.mark.parametrize("role", ROLES)
def test_route_by_role(route, role, api, cast):
    people, association = cast
    expected = MATRIX[route][ROLES.index(role)]
    who = people.get(role)
    path = f"/pictures/association/{association['id']}"
    if route == "POST /pictures/uploads":
        response = api("POST", "/pictures/uploads", who, json={
            "target": "association", "id": association["id"], "content_type": "image/jpeg", "size": 1000})
    elif route == "PUT /pictures/{target}/{id}":
        upload_id = uploaded(api, who if expected == 200 else people["owner"], association)
        response = api("PUT", path, who, json={"upload_id": upload_id, "alt": {"fr": "Le logo"}})
    else:
        set_ = api("PUT", path, people["owner"], json={"upload_id": uploaded(api, people["owner"], association),
                                                        "alt": {"fr": "Le logo"}})
        assert set_.status_code == 200, set_.text
        response = api("DELETE", path, who)
    assert response.status_code == expected, (role, response.text)
