"""Who may do what on the volunteer shifts routes, route by route and role by role."""

from __future__ import annotations

import uuid

import pytest

from tests.conftest import association_body
from tests.integration.shifts import project_body, shift_body

ROLES = ["anonymous", "member", "other_editor", "editor", "owner", "moderator", "admin"]

SHIFT = "/announcements/{id}/shifts/{shift}"
# route key -> expected status per role (same order as ROLES)
MATRIX: dict[str, list[int]] = {
    "GET /announcements/{id}/shifts": [200, 200, 200, 200, 200, 200, 200],
    "POST /announcements/{id}/shifts": [401, 403, 403, 201, 201, 403, 201],
    f"PATCH {SHIFT}": [401, 403, 403, 200, 200, 403, 200],
    f"POST {SHIFT}/cancel": [401, 403, 403, 200, 200, 403, 200],
    f"POST {SHIFT}/signup": [401, 201, 201, 201, 201, 201, 201],
    f"GET {SHIFT}/signup": [401, 200, 200, 200, 200, 200, 200],
    f"DELETE {SHIFT}/signup": [401, 204, 204, 204, 204, 204, 204],
    f"GET {SHIFT}/volunteers": [401, 403, 403, 200, 200, 403, 200],
    f"POST {SHIFT}/messages": [401, 403, 403, 202, 202, 403, 202],
}


@pytest.fixture(scope="module")
def cast(person, api):
    people = {"member": person(label="member"), "other_editor": person(label="other"),
              "owner": person(label="owner"), "editor": person(label="editor"),
              "moderator": person("moderators", label="moderator"), "admin": person("admins", label="admin")}
    association = api("POST", "/associations", people["owner"], json=association_body(
        contact_email="contact@example.org", show_contact_email=True)).json()
    api("POST", f"/associations/{association['id']}/verify", people["moderator"], json={})
    api("POST", f"/associations/{association['id']}/editors", people["owner"], json={"email": people["editor"].email})
    other = api("POST", "/associations", people["other_editor"], json=association_body()).json()
    api("POST", f"/associations/{other['id']}/verify", people["moderator"], json={})
    post = api("POST", f"/associations/{association['id']}/announcements", people["owner"],
               json=project_body()).json()
    return people, post


def _new_shift(api, people, post) -> dict:
    made = api("POST", f"/announcements/{post['id']}/shifts", people["owner"], json=shift_body(people=50))
    assert made.status_code == 201, made.text
    return made.json()


@pytest.mark.parametrize("route", sorted(MATRIX))
@pytest.mark.parametrize("role", ROLES)
def test_route_by_role(route, role, api, cast):
    people, post = cast
    expected = MATRIX[route][ROLES.index(role)]
    method, template_path = route.split(" ", 1)
    shift = _new_shift(api, people, post)
    who = people.get(role)
    body = None
    if route == "POST /announcements/{id}/shifts":
        body = shift_body()
    elif method == "PATCH":
        body = {"people": 40}
    elif template_path.endswith("/messages"):
        body = {"id": uuid.uuid4().hex, "text": "Rendez-vous à 9 h devant l'entrée."}
    elif method == "DELETE" and who is not None:
        assert api("POST", f"/announcements/{post['id']}/shifts/{shift['id']}/signup", who).status_code == 201
    path = template_path.replace("{id}", post["id"]).replace("{shift}", shift["id"])
    response = api(method, path, who, json=body)
    assert response.status_code == expected, f"{role} {method}: {response.text}"
    if expected >= 400:
        assert set(response.json()["error"]) == {"code", "message", "details"}


def test_refused_writes_change_nothing(api, cast):
    people, post = cast
    shift = _new_shift(api, people, post)
    path = f"/announcements/{post['id']}/shifts/{shift['id']}"
    before = [s for s in api("GET", f"/announcements/{post['id']}/shifts").json() if s["id"] == shift["id"]]
    for role in ("member", "other_editor", "moderator"):
        api("PATCH", path, people[role], json={"people": 1})
        api("POST", f"{path}/cancel", people[role])
    after = [s for s in api("GET", f"/announcements/{post['id']}/shifts").json() if s["id"] == shift["id"]]
    assert after == before and after[0]["status"] == "scheduled" and after[0]["people"] == 50
