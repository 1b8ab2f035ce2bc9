"""Who may do what on the events routes, route by route and role by role."""

from __future__ import annotations

import uuid

import pytest

from tests.conftest import event_body, make_cast

ROLES = ["anonymous", "member", "other_editor", "editor", "owner", "moderator", "admin"]

# route key -> expected status per role (same order as ROLES)
MATRIX: dict[str, list[int]] = {
    "GET /events": [200, 200, 200, 200, 200, 200, 200],
    "GET /events.ics": [200, 200, 200, 200, 200, 200, 200],
    "GET /events/{id}": [200, 200, 200, 200, 200, 200, 200],
    "GET /events/counts": [200, 200, 200, 200, 200, 200, 200],
    "GET /share/events/{id}": [200, 200, 200, 200, 200, 200, 200],
    "GET /associations/{id}/events.ics": [200, 200, 200, 200, 200, 200, 200],
    "POST /associations/{id}/events": [401, 403, 403, 201, 201, 403, 201],
    "PATCH /events/{id}": [401, 403, 403, 200, 200, 403, 200],
    "POST /events/{id}/cancel": [401, 403, 403, 200, 200, 403, 200],
    "DELETE /events/{id}": [401, 403, 403, 204, 204, 403, 204],
    "POST /events/{id}/rsvp": [401, 201, 201, 201, 201, 201, 201],
    "GET /events/{id}/rsvp": [401, 200, 200, 200, 200, 200, 200],
    "DELETE /events/{id}/rsvp": [401, 204, 204, 204, 204, 204, 204],
    "GET /events/{id}/attendees": [401, 403, 403, 200, 200, 403, 200],
    "GET /events/{id}/attendees.csv": [401, 403, 403, 200, 200, 403, 200],
    "GET /events/{id}/occurrences": [200, 200, 200, 200, 200, 200, 200],
    "POST /events/{id}/occurrences/{date}/cancel": [401, 403, 403, 200, 200, 403, 200],
    "POST /events/{id}/occurrences/{date}/move": [401, 403, 403, 200, 200, 403, 200],
    "POST /events/{id}/occurrences/{date}/restore": [401, 403, 403, 200, 200, 403, 200],
    "POST /events/{id}/series-registration": [401, 201, 201, 201, 201, 201, 201],
    "GET /events/{id}/series-registration": [401, 200, 200, 200, 200, 200, 200],
    "DELETE /events/{id}/series-registration": [401, 204, 204, 204, 204, 204, 204],
}


@pytest.fixture(scope="module")
def cast(person, api):
    """A verified association with an owner, a co-editor and an event; another association's owner; staff."""
    people, association, _ = make_cast(person, api)
    event = api("POST", f"/associations/{association['id']}/events", people["owner"], json=event_body()).json()
    return people, association, event


def _fresh_event(api, people, association) -> dict:
    created = api("POST", f"/associations/{association['id']}/events", people["owner"], json=event_body())
    assert created.status_code == 201, created.text
    return created.json()


def _request_for(route: str, role: str, api, people, association, event) -> tuple[str, str, dict | None]:
    """The method, concrete path and body to exercise `route` (fresh events where the act is one-shot)."""
    method, template_path = route.split(" ", 1)
    body: dict | None = None
    target = event
    if route in ("POST /events/{id}/cancel", "DELETE /events/{id}") or route.endswith("/rsvp"):
        target = _fresh_event(api, people, association)
    if route == "POST /events/{id}/cancel":
        body = {"reason": "Salle indisponible"}
    elif route == "POST /associations/{id}/events":
        body = event_body()
    elif route == "PATCH /events/{id}":
        body = {"title": {"fr": f"Titre {uuid.uuid4().hex[:6]}"}}
    elif route in ("GET /events/{id}/rsvp", "DELETE /events/{id}/rsvp") and role in people:
        assert api("POST", f"/events/{target['id']}/rsvp", people[role]).status_code == 201
    if "/occurrences" in route or "/series-registration" in route:
        return _series_request(route, role, api, people, association)
    path = template_path.replace("{id}", association["id"] if "/associations/" in template_path else target["id"])
    return method, path, body


def _series_request(route: str, role: str, api, people, association) -> tuple[str, str, dict | None]:
    """A fresh weekly series (open to series registration) for each request to a recurring-events route."""
    from datetime import date, timedelta

    method, template_path = route.split(" ", 1)
    first = date.today() + timedelta(days=40)  # after the other modules' events: their filtered listings stay short
    body = event_body(start=f"{first}T19:00:00", end=f"{first}T21:00:00") | {
        "recurrence": {"frequency": "weekly", "count": 1, "series_registration": True}}  # one date is enough
    series = api("POST", f"/associations/{association['id']}/events", people["owner"], json=body)
    assert series.status_code == 201, series.text
    path = template_path.replace("{id}", series.json()["id"]).replace("{date}", first.isoformat())
    request: dict | None = None
    if route.endswith("/cancel"):
        request = {"reason": "Salle indisponible"}
    elif route.endswith("/move"):
        request = {"start": f"{first}T20:00:00", "end": f"{first}T22:00:00"}
    elif route.endswith("/restore"):  # a cancelled date to restore
        cancelled = api("POST", path.replace("/restore", "/cancel"), people["owner"], json={"reason": "Grève"})
        assert cancelled.status_code == 200, cancelled.text
    elif method == "DELETE" and role in people:
        assert api("POST", path, people[role]).status_code == 201
    return method, path, request


@pytest.mark.parametrize("route", sorted(MATRIX))
@pytest.mark.parametrize("role", ROLES)
def test_route_by_role(route, role, api, cast):
    people, association, event = cast
    expected = MATRIX[route][ROLES.index(role)]
    method, path, body = _request_for(route, role, api, people, association, event)
    response = api(method, path, people.get(role), json=body)
    assert response.status_code == expected, f"{role} {method} {path}: {response.text}"
    if expected >= 400:
        error = response.json()["error"]
        assert set(error) == {"code", "message", "details"} and error["message"]
    if route == "GET /events/{id}/rsvp" and expected == 200:
        assert response.json()["status"] == "confirmed"  # the caller's own RSVP, made just before


def test_my_rsvp_is_only_ever_mine(api, cast):
    """GET /events/{id}/rsvp answers 200 for everyone signed in: what it must never do is show another
    person's registration. Each person sees their own state, `none` until they register."""
    people, association, _ = cast
    event = _fresh_event(api, people, association)
    path = f"/events/{event['id']}/rsvp"
    assert api("POST", path, people["member"]).status_code == 201
    assert api("GET", path, people["member"]).json()["status"] == "confirmed"
    for role in ("other_editor", "editor", "owner", "moderator", "admin"):
        assert api("GET", path, people[role]).json() == {
            "event_id": event["id"], "status": "none", "position": None, "joined_at": None, "promoted_at": None}
    assert api("GET", "/events/ev_00000000000000000000/rsvp", people["member"]).status_code == 404


def test_refused_writes_change_nothing(api, cast):
    people, _, event = cast
    before = api("GET", f"/events/{event['id']}").json()
    for role in ("member", "other_editor", "moderator"):
        api("PATCH", f"/events/{event['id']}", people[role], json={"capacity": 1})
        api("POST", f"/events/{event['id']}/cancel", people[role], json={"reason": "pirate"})
        api("DELETE", f"/events/{event['id']}", people[role])
    assert api("GET", f"/events/{event['id']}").json() == before


def test_a_removed_editor_loses_access_to_events_at_once(api, cast, person):
    people, association, event = cast
    temp = person(label="temp")
    path = f"/associations/{association['id']}/editors"
    api("POST", path, people["owner"], json={"email": temp.email})
    assert api("PATCH", f"/events/{event['id']}", temp, json={"title": {"fr": "Temp"}}).status_code == 200
    api("DELETE", f"{path}/{temp.email}", people["owner"])
    assert api("PATCH", f"/events/{event['id']}", temp, json={"title": {"fr": "Temp 2"}}).status_code == 403
    assert api("GET", f"/events/{event['id']}/attendees", temp).status_code == 403


def test_an_unverified_editor_cannot_publish(api, cast, person):
    people, association, _ = cast
    unverified = person(verified=False, label="unverified")
    api("POST", f"/associations/{association['id']}/editors", people["owner"], json={"email": unverified.email})
    response = api("POST", f"/associations/{association['id']}/events", unverified, json=event_body())
    assert response.status_code == 403 and response.json()["error"]["code"] == "email_not_verified"
