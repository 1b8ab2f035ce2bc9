"""Who may do what on the campaigns routes: everyone reads campaigns, their events and announcements; only
admins (with their second factor) create, edit, archive, see the gap map and send invitations."""

from __future__ import annotations

import pytest

from tests.conftest import association_body
from tests.integration.campaigns import campaign_body

ROLES = ["anonymous", "member", "other_editor", "editor", "owner", "moderator", "admin"]
ADMINS_ONLY = [401, 403, 403, 403, 403, 403]

MATRIX: dict[str, list[int]] = {
    "GET /campaigns": [200] * 7,
    "GET /campaigns/{id}": [200] * 7,
    "GET /campaigns/{id}/events": [200] * 7,
    "GET /campaigns/{id}/announcements": [200] * 7,
    "POST /campaigns": [*ADMINS_ONLY, 201],
    "PATCH /campaigns/{id}": [*ADMINS_ONLY, 200],
    "POST /campaigns/{id}/archive": [*ADMINS_ONLY, 200],
    "GET /campaigns/{id}/gaps": [*ADMINS_ONLY, 200],
    "GET /campaigns/{id}/invitation": [*ADMINS_ONLY, 200],
    "POST /campaigns/{id}/invitations": [*ADMINS_ONLY, 202],
}


@pytest.fixture(scope="module")
def cast(person, api):
    people = {"member": person(label="member"), "other_editor": person(label="other"),
              "owner": person(label="owner"), "editor": person(label="editor"),
              "moderator": person("moderators", label="moderator"), "admin": person("admins", label="admin")}
    association = api("POST", "/associations", people["owner"], json=association_body()).json()
    api("POST", f"/associations/{association['id']}/editors", people["owner"], json={"email": people["editor"].email})
    api("POST", f"/associations/{association['id']}/verify", people["moderator"], json={})
    api("POST", "/associations", people["other_editor"], json=association_body())
    return people, association


@pytest.fixture
def campaign(api, cast):
    people, _ = cast
    created = api("POST", "/campaigns", people["admin"], json=campaign_body())
    assert created.status_code == 201, created.text
    return created.json()


@pytest.mark.parametrize("route", sorted(MATRIX))
@pytest.mark.parametrize("role", ROLES)
def test_route_by_role(route, role, api, cast, campaign):
    people, association = cast
    expected = MATRIX[route][ROLES.index(role)]
    method, path = route.split(" ")
    path = path.replace("{id}", campaign["id"])
    body = None
    if route == "POST /campaigns":
        body = campaign_body()
    elif method == "PATCH":
        body = {"name": {"fr": "Nouveau nom"}}
    elif path.endswith("/invitations"):
        body = {"association_ids": [association["id"]], "subject": "Une invitation",
                "body": "Organisez un événement pendant la campagne."}
    response = api(method, path, people.get(role), **({"json": body} if body is not None else {}))
    assert response.status_code == expected, (role, response.text)
    if expected >= 400:
        assert set(response.json()["error"]) == {"code", "message", "details"}
    if expected == 403:  # nothing changed behind a refusal
        assert api("GET", f"/campaigns/{campaign['id']}").json()["version"] == campaign["version"]


def test_an_admin_without_a_second_factor_is_refused(api, person):
    unenrolled = person("admins", label="admin-nomfa", mfa=False)
    response = api("POST", "/campaigns", unenrolled, json=campaign_body())
    assert response.status_code == 403 and response.json()["error"]["code"] == "mfa_required"
