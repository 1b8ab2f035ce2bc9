"""Events over HTTP through the local gateway: publish, find, read, edit, cancel, delete, calendars."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta

import icalendar
import pytest

from tests.conftest import association_body, event_body
from tests.integration.test_bad_input import error_of

LYON = {"name": "Maison des associations", "address": "28 rue Denfert-Rochereau", "city": "Lyon",
        "postal_code": "69004", "department": "69", "region": "84"}


@pytest.fixture(scope="module")
def publisher(api, person):
    """One verified association and its owner, for tests that need no association of their own."""
    owner, moderator = person(label="owner"), person("moderators", label="moderator")
    association = api("POST", "/associations", owner, json=association_body()).json()
    api("POST", f"/associations/{association['id']}/verify", moderator, json={})
    return association, owner


def ids(response) -> list[str]:
    assert response.status_code == 200, response.text
    return [e["id"] for e in response.json()["items"]]


def test_publish_then_read_it_everywhere(api, new_association):
    association, owner = new_association(verified=True)
    tag = uuid.uuid4().hex[:8]
    created = api("POST", f"/associations/{association['slug']}/events", owner,
                  json=event_body(title={"fr": f"Soirée {tag}"}, capacity=30))
    assert created.status_code == 201, created.text
    event = created.json()
    assert created.headers["Location"] == f"/events/{event['id']}"
    assert event["association"] == {"id": association["id"], "name": association["name"],
                                    "slug": association["slug"]}
    assert event["seats"] == {"capacity": 30, "confirmed": 0, "waitlisted": 0, "available": 30}
    assert event["start_local"].endswith(("T19:00:00+01:00", "T19:00:00+02:00"))
    assert event["start"].endswith("Z") and event["sequence"] == 0 and event["status"] == "scheduled"
    assert set(event) >= {"description", "description_html"} and "created_by" not in event
    one = api("GET", f"/events/{event['id']}")
    assert one.status_code == 200 and one.json() == event
    assert ids(api("GET", "/events", params={"association": association["id"]})) == [event["id"]]
    assert ids(api("GET", "/events", params={"q": tag})) == [event["id"]]
    listed = api("GET", "/events", params={"q": tag}).json()["items"][0]
    assert listed["seats"] is None and listed["title"] == event["title"]


def test_filters(api, new_association):
    association, owner = new_association(verified=True)
    tag = uuid.uuid4().hex[:8]

    def publish(**overrides):
        title = {"fr": f"{overrides.pop('name')} {tag}"}
        response = api("POST", f"/associations/{association['id']}/events", owner,
                       json=event_body(title=title, **overrides))
        assert response.status_code == 201, response.text
        return response.json()["id"]

    toulouse = publish(name="Concert", days=10)
    lyon = publish(name="Conférence", days=20, venue=LYON, categories=["talk"], languages=["en"])
    online = publish(name="Cours en ligne", days=30, venue=None, online_url="https://meet.example.org/cours",
                     categories=["language_class"])
    hybrid = publish(name="Table ronde", days=40, online_url="https://meet.example.org/table",
                     categories=["talk", "meetup"], languages=["fr"])

    def found(**params):
        return ids(api("GET", "/events", params={"q": tag, **params}))

    assert found() == [toulouse, lyon, online, hybrid]  # by start time
    assert found(order="desc") == [hybrid, online, lyon, toulouse]
    assert found(region="76") == [toulouse, hybrid]
    assert found(department="69") == [lyon]
    assert found(region="84", department="69") == [lyon]
    assert found(category="talk") == [lyon, hybrid]
    assert found(language="en") == [lyon]
    assert found(online="true") == [online, hybrid]
    assert found(online="false") == [toulouse, lyon, hybrid]
    day = (date.today() + timedelta(days=20)).isoformat()
    assert found(**{"from": day, "to": day}) == [lyon]
    assert found(**{"from": (date.today() + timedelta(days=25)).isoformat()}) == [online, hybrid]
    assert found(q=f"CONFERENCE {tag}") == [lyon]  # case and accents folded
    assert found(q=f"concert conference {tag}") == []  # one phrase, not words
    by_association = ids(api("GET", "/events", params={"association": association["id"], "region": "84"}))
    assert by_association == [lyon]


def test_pages_follow_each_other_without_gaps_or_repeats(api, new_association):
    association, owner = new_association(verified=True)
    created = [api("POST", f"/associations/{association['id']}/events", owner,
                   json=event_body(days=5 + i)).json()["id"] for i in range(5)]
    seen, cursor = [], None
    for _ in range(5):
        params = {"association": association["id"], "limit": 2} | ({"cursor": cursor} if cursor else {})
        page = api("GET", "/events", params=params).json()
        seen += [e["id"] for e in page["items"]]
        cursor = page["next_cursor"]
        if not cursor:
            break
    assert seen == created
    first = api("GET", "/events", params={"association": association["id"], "limit": 2}).json()["next_cursor"]
    error = error_of(api("GET", "/events", params={"region": "76", "cursor": first}), 400)
    assert error["code"] == "invalid_cursor"


def test_past_events_stay_readable_as_an_archive(api, new_association, stack):
    from hromada.domain.events import Events
    from hromada.models.event import EventCreate
    from hromada.store.associations import DynamoAssociationStore
    from hromada.store.events import DynamoEventStore
    from tests.unit.event_fakes import RecordingPublisher

    association, owner = new_association(verified=True)
    back_then = datetime.now(UTC) - timedelta(days=60)
    from hromada.auth import Principal

    admin = Principal(user_id="admin", email="admin@example.org", email_verified=True, groups=frozenset({"admins"}),
                      second_factor=True)
    past = Events(DynamoEventStore(), DynamoAssociationStore(), RecordingPublisher(), now=lambda: back_then)
    old, _ = past.create(admin, association["id"], EventCreate.model_validate(event_body(days=-50)))
    upcoming = api("POST", f"/associations/{association['id']}/events", owner, json=event_body(days=3)).json()
    assert api("GET", f"/events/{old.id}").status_code == 200
    assert ids(api("GET", "/events", params={"association": association["id"]})) == [upcoming["id"]]
    yesterday = (date.today() - timedelta(days=1)).isoformat()
    assert ids(api("GET", "/events", params={"association": association["id"], "to": yesterday})) == [old.id]
    everything = {"association": association["id"], "from": "2020-01-01", "order": "desc"}
    assert ids(api("GET", "/events", params=everything)) == [upcoming["id"], old.id]
    calendar = icalendar.Calendar.from_ical(api("GET", f"/associations/{association['id']}/events.ics").content)
    assert [str(v["uid"]).split("@")[0] for v in calendar.walk("VEVENT")] == [upcoming["id"]]  # 50 days ago: out


def test_calendars_read_back(api, new_association):
    association, owner = new_association(verified=True)
    tag = uuid.uuid4().hex[:8]
    event = api("POST", f"/associations/{association['id']}/events", owner,
                json=event_body(title={"fr": f"Fête {tag} <script>alert(1)</script>", "uk": f"Свято {tag}"},
                                description={"fr": "<img src=x onerror=alert(1)> **Venez**"})).json()
    one = api("GET", f"/events/{event['id']}.ics")
    assert one.status_code == 200 and one.headers["Content-Type"].startswith("text/calendar")
    assert "<" not in one.text
    [vevent] = icalendar.Calendar.from_ical(one.content).walk("VEVENT")
    uid = str(vevent["uid"])
    assert uid == f"{event['id']}@hromada.events" and vevent["sequence"] == 0
    assert vevent["dtstart"].params["TZID"] == "Europe/Paris"
    assert vevent["dtstart"].dt.astimezone(UTC) == datetime.fromisoformat(event["start"])
    assert str(vevent["summary"]) == f"Fête {tag} ‹script›alert(1)‹/script›"
    assert "Venez" in str(vevent["description"]) and "onerror=alert" in str(vevent["description"])  # as text

    patched = api("PATCH", f"/events/{event['id']}", owner, json={"start": event["start_local"][:11] + "20:00:00"})
    assert patched.status_code == 200 and patched.json()["sequence"] == 1
    api("POST", f"/events/{event['id']}/cancel", owner, json={"reason": "Salle fermée"})
    uk = api("GET", f"/events/{event['id']}.ics", params={"lang": "uk"})
    [after] = icalendar.Calendar.from_ical(uk.content).walk("VEVENT")
    assert str(after["uid"]) == uid and after["sequence"] == 2 and str(after["status"]) == "CANCELLED"
    assert str(after["summary"]) == f"Свято {tag}"

    feed = api("GET", "/events.ics", params={"q": tag})
    assert [str(v["uid"]) for v in icalendar.Calendar.from_ical(feed.content).walk("VEVENT")] == [uid]
    assert api("GET", "/events.ics", params={"q": tag, "region": "84"}).text.count("BEGIN:VEVENT") == 0
    mine = api("GET", f"/associations/{association['id']}/events.ics")
    assert [str(v["uid"]) for v in icalendar.Calendar.from_ical(mine.content).walk("VEVENT")] == [uid]
    nobody = api("GET", "/associations/as_00000000000000000000/events.ics")
    assert nobody.status_code == 200 and "BEGIN:VCALENDAR" in nobody.text


def test_html_in_text_is_harmless_in_json(api, new_event):
    event, _ = new_event(title={"fr": "<b onmouseover=alert(1)>Titre</b>"},
                         description={"fr": '<script>alert(1)</script> [x](javascript:alert(1)) <a href="j">y</a>'})
    assert event["title"]["fr"] == "<b onmouseover=alert(1)>Titre</b>"  # plain text, shown as text
    html = event["description_html"]["fr"]
    assert "<script" not in html and "<a" not in html and "&lt;script&gt;" in html


@pytest.mark.parametrize(("overrides", "field"), [
    ({"days": -1}, "start"),
    ({"end": "2020-01-01T00:00:00"}, "end"),
    # after the event (which is 30 days out), whatever the date when the test runs
    ({"registration_deadline": f"{date.today() + timedelta(days=40)}T00:00:00"}, "registration_deadline"),
    ({"venue": LYON | {"region": "99"}}, "venue.region"),
    ({"venue": LYON | {"department": "31"}}, "venue.department"),
    ({"venue": LYON | {"postal_code": "31000"}}, "venue.postal_code"),
    ({"venue": None}, "venue"),
    ({"timezone": "Mars/Olympus"}, "timezone"),
    ({"timezone": "../../etc/passwd"}, "timezone"),
    ({"categories": ["knitting"]}, "categories.0"),
    ({"categories": []}, "categories"),
    ({"capacity": 0}, "capacity"),
    ({"title": {}}, "title"),
    ({"title": {"fr": "  "}}, "title.fr"),
    ({"description": {"de": "Hallo"}}, "description.de"),
    ({"image_url": "http://example.org/x.png"}, "image_url"),
    ({"online_url": "javascript:alert(1)"}, "online_url"),
    ({"is_free": False}, "price_cents"),
    ({"status": "cancelled"}, "status"),
    ({"sequence": 7}, "sequence"),
])
def test_bad_events_are_refused_and_nothing_is_written(api, publisher, overrides, field):
    association, owner = publisher
    everything = {"association": association["id"], "from": "2000-01-01", "limit": 100}
    before = ids(api("GET", "/events", params=everything))
    response = api("POST", f"/associations/{association['id']}/events", owner, json=event_body(**overrides))
    error = error_of(response, 422)
    assert field in {d["field"] for d in error["details"]}, error
    assert ids(api("GET", "/events", params=everything)) == before


def test_oversize_bodies_are_413(api, publisher):
    association, owner = publisher
    body = event_body(description={"fr": "x" * 9000, "uk": "я" * 9000, "en": "y" * 9000})
    before = ids(api("GET", "/events", params={"association": association["id"], "limit": 100}))
    assert error_of(api("POST", f"/associations/{association['id']}/events", owner, json=body), 413)
    assert ids(api("GET", "/events", params={"association": association["id"], "limit": 100})) == before


def test_unknown_and_malformed_ids(api, person):
    member = person(label="member")
    assert error_of(api("GET", "/events/ev_00000000000000000000"), 404)["code"] == "event_not_found"
    assert error_of(api("GET", "/events/ev_00000000000000000000.ics"), 404)["code"] == "event_not_found"
    assert error_of(api("GET", "/events/nope"), 422)["details"][0]["field"] == "id"
    assert error_of(api("POST", "/events/ev_00000000000000000000/rsvp", member), 404)
    assert error_of(api("POST", "/associations/as_00000000000000000000/events", member, json=event_body()), 404)


@pytest.mark.parametrize("query", [
    {"region": "99"}, {"department": "96"}, {"region": "76", "department": "69"}, {"category": "knitting"},
    {"from": "2026-13-01"}, {"from": "tomorrow"}, {"order": "up"}, {"limit": 0}, {"association": "x"},
    {"from": "2026-06-01", "to": "2026-05-01"}, {"online": "maybe"}, {"q": "x"}, {"to": "9999-12-31"},
    {"from": "0001-01-01"},
])
def test_bad_listing_queries_are_4xx(api, query):
    response = api("GET", "/events", params=query)
    assert 400 <= response.status_code < 500 and response.json()["error"]["code"] == "validation_failed", response.text


def test_a_pending_association_cannot_publish(api, new_association):
    association, owner = new_association()
    error = error_of(api("POST", f"/associations/{association['id']}/events", owner, json=event_body()), 409)
    assert error["code"] == "association_not_verified"


def test_edit_rules(api, new_event, person):
    event, owner = new_event(capacity=2)
    path = f"/events/{event['id']}"
    for name in ("a", "b"):
        assert api("POST", f"{path}/rsvp", person(label=name)).status_code == 201
    error = error_of(api("PATCH", path, owner, json={"capacity": 1}), 422)
    assert error["code"] == "capacity_below_confirmed" and "2" in error["message"]
    error_of(api("PATCH", path, owner, json={"end": "2020-01-01T10:00:00"}), 422)
    error_of(api("PATCH", path, owner, json={"start": "2020-01-01T10:00:00"}), 422)
    assert api("GET", path).json()["sequence"] == 0  # nothing written
    assert api("PATCH", path, owner, json={"capacity": None}).json()["seats"]["available"] is None
    cancelled = api("POST", f"{path}/cancel", owner, json={"reason": "Grève"})
    assert cancelled.json()["status"] == "cancelled" and cancelled.json()["cancel_reason"] == "Grève"
    assert error_of(api("POST", f"{path}/cancel", owner, json={"reason": "Encore"}), 409)["code"] == \
        "event_already_cancelled"
    assert error_of(api("POST", f"{path}/cancel", owner, json={}), 422)["details"][0]["field"] == "reason"


def test_delete_rules(api, new_event, person, stack):
    from hromada.store import keys
    from tests.integration.test_races import table

    event, owner = new_event(capacity=1)
    members = [person(label="member"), person(label="waiting")]
    path = f"/events/{event['id']}"
    for member in members:  # a seat and a waitlist slot
        api("POST", f"{path}/rsvp", member)
    assert error_of(api("DELETE", path, owner), 409)["code"] == "event_has_attendees"
    api("POST", f"{path}/cancel", owner, json={"reason": "Annulé"})
    assert api("DELETE", path, owner).status_code == 204
    assert error_of(api("GET", path), 404)["code"] == "event_not_found"
    assert error_of(api("GET", f"{path}/rsvp", members[0]), 404)["code"] == "event_not_found"
    assert error_of(api("DELETE", path, owner), 404)
    # Nothing of it is left: the RSVPs (names, addresses) and the waitlist slot went with the event.
    client, name = table(stack)
    left = client.query(TableName=name, KeyConditionExpression="pk = :pk", ConsistentRead=True,
                        ExpressionAttributeValues={":pk": {"S": keys.event_partition(event["id"])}})["Items"]
    assert left == []
