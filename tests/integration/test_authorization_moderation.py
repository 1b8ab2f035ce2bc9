"""Who may do what on the moderation and personal-data routes, route by route and role by role.

"the" association is verified, with its owner and a co-editor; other_editor edits another verified
association. One-shot acts (a flag, a decision, lifting a suspension, erasing oneself) get their own target.
A suspended user is checked on every route at the end.
"""

from __future__ import annotations

import pytest

from tests.conftest import make_cast
from tests.integration.test_authorization_announcements import announcement_body

ROLES = ["anonymous", "member", "other_editor", "editor", "owner", "moderator", "admin"]

# route key -> expected status per role (same order as ROLES)
MATRIX: dict[str, list[int]] = {
    "POST /flags": [401, 201, 201, 201, 201, 201, 201],
    "GET /moderation/flags": [401, 403, 403, 403, 403, 200, 200],
    "GET /moderation/flags/{item}": [401, 403, 403, 403, 403, 200, 200],
    "POST /moderation/flags/{item}/decisions": [401, 403, 403, 403, 403, 200, 200],
    "DELETE /moderation/suspensions/{user_id}": [401, 403, 403, 403, 403, 403, 204],
    "GET /associations/{id}/moderation": [200, 200, 200, 200, 200, 200, 200],
    "GET /associations/{id}/notices": [401, 403, 403, 200, 200, 200, 200],
    "GET /me/export": [401, 200, 200, 200, 200, 200, 200],
    "GET /me/rsvps": [401, 200, 200, 200, 200, 200, 200],
    "DELETE /me": [401, 204, 204, 204, 204, 204, 204],
}


@pytest.fixture(scope="module")
def cast(person, api):
    people, association, _ = make_cast(person, api)
    return people, association


def _announcement(api, people, association) -> dict:
    created = api("POST", f"/associations/{association['id']}/announcements", people["owner"],
                  json=announcement_body())
    assert created.status_code == 201, created.text
    return created.json()


def _flagged(api, people, association) -> str:
    """A fresh announcement with one open flag; returns its reference."""
    announcement = _announcement(api, people, association)
    flagged = api("POST", "/flags", people["member"], json={"kind": "announcement", "id": announcement["id"],
                                                            "reason": "spam"})
    assert flagged.status_code == 201, flagged.text
    return flagged.json()["item"]


def _suspended(api, person, people, new_owner=None) -> str:
    """A throwaway association owner whose announcement an admin suspended them for; returns their id."""
    from tests.conftest import association_body

    owner = new_owner or person(label="suspect")
    association = api("POST", "/associations", owner, json=association_body()).json()
    api("POST", f"/associations/{association['id']}/verify", people["moderator"], json={})
    ref = _flagged(api, {**people, "owner": owner}, association)
    version = api("GET", f"/moderation/flags/{ref}", people["admin"]).json()["version"]
    done = api("POST", f"/moderation/flags/{ref}/decisions", people["admin"],
               json={"action": "suspend", "version": version, "note": "Test"})
    assert done.status_code == 200, done.text
    return owner.sub


def _fresh_as(role: str, api, person, people):
    """Someone in this role who may be erased (the cast stays for the other tests)."""
    from tests.conftest import association_body

    if role in ("moderator", "admin"):
        return person(f"{role}s", label=role)
    if role == "member":
        return person(label="member")
    owner = person(label="owner")
    association = api("POST", "/associations", owner, json=association_body()).json()
    if role == "owner":
        return owner
    editor = person(label="editor")
    api("POST", f"/associations/{association['id']}/editors", owner, json={"email": editor.email})
    return editor


def _request_for(route, role, api, person, people, association) -> tuple[str, str, dict | None, object]:
    method, template_path = route.split(" ", 1)
    who = people.get(role)
    body = None
    path = template_path.replace("{id}", association["id"])
    if route == "POST /flags":
        body = {"kind": "announcement", "id": _announcement(api, people, association)["id"], "reason": "spam"}
    elif route == "GET /moderation/flags/{item}":
        path = path.replace("{item}", _flagged(api, people, association))
    elif route == "POST /moderation/flags/{item}/decisions":
        ref = _flagged(api, people, association)
        path = path.replace("{item}", ref)
        body = {"action": "dismiss", "version": 1}
    elif route == "DELETE /moderation/suspensions/{user_id}":
        path = path.replace("{user_id}", _suspended(api, person, people))
    elif route == "DELETE /me":
        who = _fresh_as(role, api, person, people) if role != "anonymous" else None
        body = {"confirm": who.email if who else "someone@example.org"}
    return method, path, body, who


@pytest.mark.parametrize("route", sorted(MATRIX))
@pytest.mark.parametrize("role", ROLES)
def test_route_by_role(route, role, api, cast, person):
    people, association = cast
    expected = MATRIX[route][ROLES.index(role)]
    method, path, body, who = _request_for(route, role, api, person, people, association)
    response = api(method, path, who, json=body)
    assert response.status_code == expected, f"{role} {method} {path}: {response.text}"
    if expected >= 400:
        error = response.json()["error"]
        assert set(error) == {"code", "message", "details"} and error["message"]


def test_a_suspended_user_reads_but_writes_nothing_except_erasing_themselves(api, cast, person):
    people, association = cast
    suspect = person(label="suspect")
    _suspended(api, person, people, new_owner=suspect)
    for route in sorted(MATRIX):
        method, path, body, _ = _request_for(route, "member", api, person, people, association)
        if route == "DELETE /me":
            continue
        response = api(method, path, suspect, json=body)
        if method == "GET":
            assert response.status_code in (200, 403), (route, response.text)
            assert response.json().get("error", {}).get("code") != "account_suspended"
        elif MATRIX[route][ROLES.index("member")] < 300:  # a write a member may make: refused for the suspension
            assert response.status_code == 403 and response.json()["error"]["code"] == "account_suspended", route
        else:  # a write no member may make: refused as such (the suspension rides in writes that happen)
            assert response.status_code == 403, route
    assert api("DELETE", "/me", suspect, json={"confirm": suspect.email}).status_code == 204


def test_moderators_cannot_suspend_and_nobody_decides_on_their_own_say(api, cast):
    people, association = cast
    ref = _flagged(api, people, association)
    path = f"/moderation/flags/{ref}/decisions"
    refused = api("POST", path, people["moderator"], json={"action": "suspend", "version": 1})
    assert refused.status_code == 403
    sneaky = api("POST", path, people["admin"], json={"action": "dismiss", "version": 1, "status": "closed"})
    assert sneaky.status_code == 422
    assert api("POST", path, people["owner"], json={"action": "dismiss", "version": 1}).status_code == 403
