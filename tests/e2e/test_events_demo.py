"""`make run` shows events and announcements: the demo data, the calendars, a publish-and-RSVP journey."""

from __future__ import annotations

import icalendar
import pytest

from tests.conftest import event_body
from tests.e2e.conftest import call

pytestmark = pytest.mark.e2e


def test_demo_events_and_announcements_are_there(running):
    from infra.demo import ANNOUNCEMENTS, EVENTS, PAST_EVENTS

    upcoming = call(running, "GET", "/events", params={"limit": 100}).json()["items"]
    titles = {e["title"]["fr"] for e in upcoming}
    assert {row[1][0] for row in EVENTS} <= titles
    assert not {row[1][0] for row in PAST_EVENTS} & titles
    assert len({e["venue"]["region"] for e in upcoming if e["venue"]}) >= 6
    assert any(e["status"] == "cancelled" for e in upcoming)
    archive = call(running, "GET", "/events", params={"from": "2000-01-01", "limit": 100}).json()["items"]
    assert {row[1][0] for row in PAST_EVENTS} <= {e["title"]["fr"] for e in archive}
    posted = call(running, "GET", "/announcements", params={"limit": 100}).json()["items"]
    assert {row[2] for row in ANNOUNCEMENTS} <= {a["title"]["fr"] for a in posted}
    full = next(e for e in upcoming if e["title"]["fr"] == "Atelier cuisine : varenyky")
    assert call(running, "GET", f"/events/{full['id']}").json()["seats"]["waitlisted"] == 1


def test_demo_calendar_reads_back(running):
    feed = call(running, "GET", "/events.ics", params={"region": "76"})
    calendar = icalendar.Calendar.from_ical(feed.content)
    events = calendar.walk("VEVENT")
    assert events and all(str(e["uid"]).endswith("@hromada.events") for e in events)
    assert {str(e["status"]) for e in events} == {"CONFIRMED", "CANCELLED"}
    assert [tz["tzid"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Paris"]


def test_publish_rsvp_and_subscribe_journey(running, tokens):
    owned = call(running, "GET", "/me", tokens["owner"]).json()["memberships"]
    association = next(m["association"] for m in owned if m["association"]["status"] == "verified")
    created = call(running, "POST", f"/associations/{association['id']}/events", tokens["owner"],
                   json=event_body(capacity=1))
    assert created.status_code == 201, created.text
    event = created.json()
    seat = call(running, "POST", f"/events/{event['id']}/rsvp", tokens["member"]).json()
    waiting = call(running, "POST", f"/events/{event['id']}/rsvp", tokens["moderator"]).json()
    assert (seat["status"], waiting["status"], waiting["position"]) == ("confirmed", "waitlisted", 1)
    call(running, "DELETE", f"/events/{event['id']}/rsvp", tokens["member"])
    assert call(running, "GET", f"/events/{event['id']}/rsvp", tokens["moderator"]).json()["status"] == "confirmed"
    feed = call(running, "GET", f"/associations/{association['id']}/events.ics")
    uids = [str(e["uid"]) for e in icalendar.Calendar.from_ical(feed.content).walk("VEVENT")]
    assert f"{event['id']}@hromada.events" in uids
