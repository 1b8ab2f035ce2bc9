"""RSVPs over HTTP: seats, the waitlist, promotion, my RSVP, attendees for editors (JSON and CSV)."""

from __future__ import annotations

import csv
import io
import time
from datetime import UTC, datetime, timedelta

from tests.integration.test_bad_input import error_of


def test_seats_waitlist_and_promotion(api, new_event, person):
    event, owner = new_event(capacity=2)
    path = f"/events/{event['id']}"
    people = [person(label=f"p{i}") for i in range(4)]
    answers = [api("POST", f"{path}/rsvp", p).json() for p in people]
    assert [(a["status"], a["position"]) for a in answers] == [
        ("confirmed", None), ("confirmed", None), ("waitlisted", 1), ("waitlisted", 2)]
    again = api("POST", f"{path}/rsvp", people[2])
    assert again.status_code == 200 and again.json() == answers[2]
    assert api("GET", path).json()["seats"] == {"capacity": 2, "confirmed": 2, "waitlisted": 2, "available": 0}

    assert api("DELETE", f"{path}/rsvp", people[0]).status_code == 204
    promoted = api("GET", f"{path}/rsvp", people[2]).json()
    assert promoted["status"] == "confirmed" and promoted["promoted_at"] and promoted["position"] is None
    assert api("GET", f"{path}/rsvp", people[3]).json()["position"] == 1
    # having no RSVP is a state, not an error: every event page asks, and 4xx alarms keep their meaning
    assert api("GET", f"{path}/rsvp", people[0]).json() == {
        "event_id": event["id"], "status": "none", "position": None, "joined_at": None, "promoted_at": None}
    assert error_of(api("DELETE", f"{path}/rsvp", people[0]), 404)["code"] == "rsvp_not_found"
    assert api("GET", path).json()["seats"] == {"capacity": 2, "confirmed": 2, "waitlisted": 1, "available": 0}

    listing = api("GET", f"{path}/attendees", owner).json()
    assert (listing["confirmed"], listing["waitlisted"], listing["capacity"]) == (2, 1, 2)
    assert [(a["email"], a["status"], a["position"]) for a in listing["items"]] == [
        (people[1].email, "confirmed", None), (people[2].email, "confirmed", None),
        (people[3].email, "waitlisted", 1)]
    exported = api("GET", f"{path}/attendees.csv", owner)
    assert exported.headers["Content-Type"].startswith("text/csv")
    assert "attachment" in exported.headers["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(exported.content.decode("utf-8-sig"))))
    assert [(r["email"], r["status"], r["position"]) for r in rows] == [
        (people[1].email, "confirmed", ""), (people[2].email, "confirmed", ""), (people[3].email, "waitlisted", "1")]


def test_more_seats_move_the_waitlist_up(api, new_event, person):
    event, owner = new_event(capacity=1)
    path = f"/events/{event['id']}"
    people = [person(label=f"p{i}") for i in range(3)]
    for p in people:
        api("POST", f"{path}/rsvp", p)
    seats = api("PATCH", path, owner, json={"capacity": 2}).json()["seats"]
    assert seats == {"capacity": 2, "confirmed": 2, "waitlisted": 1, "available": 0}
    assert [api("GET", f"{path}/rsvp", p).json()["status"] for p in people] == ["confirmed", "confirmed", "waitlisted"]


def test_no_rsvp_when_cancelled_or_closed(api, new_event, person):
    member = person(label="member")
    event, owner = new_event()
    api("POST", f"/events/{event['id']}/cancel", owner, json={"reason": "Annulé"})
    assert error_of(api("POST", f"/events/{event['id']}/rsvp", member), 409)["code"] == "event_cancelled"
    closing = (datetime.now(UTC) + timedelta(seconds=2)).isoformat()
    closed, _ = new_event(registration_deadline=closing)
    time.sleep(2.5)
    assert error_of(api("POST", f"/events/{closed['id']}/rsvp", member), 409)["code"] == "registration_closed"


def test_an_unverified_email_cannot_rsvp(api, new_event, person):
    event, _ = new_event()
    unverified = person(verified=False, label="unverified")
    assert error_of(api("POST", f"/events/{event['id']}/rsvp", unverified), 403)["code"] == "email_not_verified"


def test_attendees_are_private(api, new_event, person, new_association):
    event, _ = new_event()
    member = person(label="member")
    api("POST", f"/events/{event['id']}/rsvp", member)
    _, other_owner = new_association(verified=True)
    for stranger in (member, other_owner, person("moderators", label="moderator")):
        for suffix in ("attendees", "attendees.csv"):
            assert error_of(api("GET", f"/events/{event['id']}/{suffix}", stranger), 403)
    public = api("GET", f"/events/{event['id']}").json()
    assert member.email not in str(public)
