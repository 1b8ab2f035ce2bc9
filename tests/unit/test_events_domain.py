"""Event rules against in-memory ports: publishing, editing, cancelling, deleting, who may do it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from hromada.domain.event_ports import EventQuery
from hromada.domain.rsvps import Rsvps
from hromada.errors import Conflict, Forbidden, Invalid, NotFound
from hromada.models.association import AssociationCreate
from hromada.models.event import EventPatch, EventStatus, RsvpStatus
from tests.unit.event_world import ADMIN, EDITOR, MEMBER, MODERATOR, OTHER, OWNER, Clock, body, who


def test_a_naive_time_is_wall_clock_time_in_the_event_zone(world):
    events, mine, *_ = world
    event, seats = events.create(OWNER, mine, body())
    assert (event.start, event.end, event.timezone) == ("2026-04-10T17:00:00.000Z", "2026-04-10T19:00:00.000Z",
                                                        "Europe/Paris")
    kyiv, _ = events.create(OWNER, mine, body(timezone="Europe/Kyiv"))
    assert kyiv.start == "2026-04-10T16:00:00.000Z"
    aware, _ = events.create(OWNER, mine, body(start="2026-04-10T19:00:00+02:00", end="2026-04-10T20:00:00Z"))
    assert (aware.start, aware.end) == ("2026-04-10T17:00:00.000Z", "2026-04-10T20:00:00.000Z")
    assert event.sequence == 0 and event.status == EventStatus.SCHEDULED and seats.capacity is None


def test_markdown_is_stored_as_source_and_sanitised_html(world):
    events, mine, *_ = world
    event, _ = events.create(OWNER, mine, body(description={"fr": "**gras** <script>alert(1)</script>",
                                                            "uk": "[лінк](javascript:alert(1))"}))
    assert event.description["fr"] == "**gras** <script>alert(1)</script>"
    assert event.description_html["fr"] == "<p><strong>gras</strong> &lt;script&gt;alert(1)&lt;/script&gt;</p>"
    assert event.description_html["uk"] == "<p>[лінк](javascript:alert(1))</p>"  # text, not a link


@pytest.mark.parametrize(("overrides", "field"), [
    ({"start": "2026-03-20T12:59:00", "end": "2026-03-20T14:00:00"}, "start"),  # 11:59 UTC: past
    ({"start": "2026-04-10T19:00:00", "end": "2026-04-10T19:00:00"}, "end"),
    ({"start": "2026-04-10T19:00:00", "end": "2026-04-10T18:00:00"}, "end"),
    ({"end": "2026-05-20T18:00:00"}, "end"),  # longer than 31 days
    ({"start": "2030-04-10T19:00:00", "end": "2030-04-10T21:00:00"}, "start"),  # more than 3 years ahead
    ({"registration_deadline": "2026-04-10T19:30:00"}, "registration_deadline"),
    ({"start": "2026-03-29T02:30:00", "end": "2026-03-29T04:00:00"}, "start"),  # skipped by DST in Paris
    ({"venue": None}, "venue"),
    ({"venue": {"name": "X", "address": "Y", "city": "Lyon", "postal_code": "69002", "department": "69",
                "region": "76"}}, "venue.department"),
    ({"venue": {"name": "X", "address": "Y", "city": "Lyon", "postal_code": "31000", "department": "69",
                "region": "84"}}, "venue.postal_code"),
    ({"price_cents": 500}, "price_cents"),
    ({"is_free": False}, "price_cents"),
])
def test_rules_the_schema_cannot_state(world, overrides, field):
    events, mine, *_ = world
    with pytest.raises(Invalid) as refused:
        events.create(OWNER, mine, body(**overrides))
    assert refused.value.details[0]["field"] == field
    assert events.store.events == {}  # nothing half-written


def test_online_only_and_paid_events_are_fine(world):
    events, mine, *_ = world
    event, _ = events.create(OWNER, mine, body(venue=None, online_url="https://meet.example.org/x", is_free=False,
                                               ticket_url="https://tickets.example.org/x"))
    assert event.venue is None and event.online_url


def test_only_editors_of_a_verified_association_publish(world):
    events, mine, theirs, _, directory = world
    for stranger in (MEMBER, OTHER, MODERATOR):
        with pytest.raises(Forbidden):
            events.create(stranger, mine, body())
    events.create(EDITOR, mine, body())
    events.create(ADMIN, theirs, body())
    with pytest.raises(Forbidden) as unverified_email:
        events.create(who("editor", verified=False), mine, body())
    assert unverified_email.value.code == "email_not_verified"
    pending = directory.register(OWNER, AssociationCreate.model_validate({
        "name": "En attente", "description": {"fr": "x"}, "categories": ["culture"], "region": "76",
        "department": "31", "city": "Toulouse", "postal_code": "31000"}))
    with pytest.raises(Conflict) as not_verified:
        events.create(OWNER, pending.id, body())
    assert not_verified.value.code == "association_not_verified"
    with pytest.raises(NotFound):
        events.create(OWNER, "as_nope", body())


def test_editors_of_another_association_never_touch_its_events(world):
    events, mine, *_ = world
    event, _ = events.create(OWNER, mine, body())
    with pytest.raises(Forbidden):
        events.update(OTHER, event.id, EventPatch(capacity=3))
    with pytest.raises(Forbidden):
        events.cancel(OTHER, event.id, "non")
    with pytest.raises(Forbidden):
        events.delete(OTHER, event.id)
    with pytest.raises(Forbidden):  # a change to nothing writes nothing, and is refused all the same
        events.update(OTHER, event.id, EventPatch(capacity=event.capacity))
    assert events.store.events[event.id] == event


def test_an_edit_bumps_the_sequence_and_says_what_changed(world):
    events, mine, *_ = world
    event, _ = events.create(OWNER, mine, body())
    updated, _ = events.update(EDITOR, event.id, EventPatch.model_validate(
        {"start": "2026-04-10T20:00:00", "title": {"fr": "Nouveau titre"}}))
    assert updated.sequence == 1 and updated.start == "2026-04-10T18:00:00.000Z"
    assert events.publisher.kinds() == ["EventPublished", "EventChanged"]
    published = events.publisher.published[-1]
    assert published.detail == {"event_id": event.id, "association_id": mine, "sequence": 1,
                                "changed": ["start", "title"], "start": updated.start, "end": updated.end,
                                "status": "scheduled", "previous_start": event.start, "previous_status": "scheduled"}


def test_an_edit_that_changes_nothing_is_not_a_change(world):
    events, mine, *_ = world
    event, _ = events.create(OWNER, mine, body())
    same, _ = events.update(OWNER, event.id, EventPatch.model_validate({"start": "2026-04-10T17:00:00Z"}))
    assert same.sequence == 0 and events.publisher.kinds() == ["EventPublished"]


def test_the_merged_event_is_validated_as_a_whole(world):
    events, mine, *_ = world
    event, _ = events.create(OWNER, mine, body())
    with pytest.raises(Invalid) as refused:
        events.update(OWNER, event.id, EventPatch.model_validate({"end": "2026-04-10T18:00:00"}))
    assert refused.value.details[0]["field"] == "end"
    with pytest.raises(Invalid):
        events.update(OWNER, event.id, EventPatch.model_validate({"venue": None}))
    assert events.store.events[event.id] == event


def test_a_past_event_stays_editable_but_cannot_move_into_the_past(world):
    events, mine, _, clock, _ = world
    event, _ = events.create(OWNER, mine, body())
    clock.at = datetime(2026, 5, 1, tzinfo=UTC)
    fixed, _ = events.update(OWNER, event.id, EventPatch.model_validate({"title": {"fr": "Compte rendu"}}))
    assert fixed.sequence == 1
    with pytest.raises(Invalid):
        events.update(OWNER, event.id, EventPatch.model_validate({"start": "2026-04-10T18:00:00",
                                                                  "end": "2026-04-10T21:00:00"}))


def test_capacity_never_below_the_confirmed_count(world):
    events, mine, *_ = world
    event, _ = events.create(OWNER, mine, body(capacity=3))
    rsvps = Rsvps(events.store, events.publisher, events.now)
    for name in ("a", "b"):
        rsvps.join(who(name), event.id)
    with pytest.raises(Invalid) as refused:
        events.update(OWNER, event.id, EventPatch(capacity=1))
    assert refused.value.code == "capacity_below_confirmed" and refused.value.params == {"confirmed": 2}
    updated, seats = events.update(OWNER, event.id, EventPatch(capacity=2))
    assert seats.capacity == 2 and updated.capacity == 2


def test_more_seats_promote_the_waitlist_in_order(world):
    events, mine, *_ = world
    event, _ = events.create(OWNER, mine, body(capacity=1))
    rsvps = Rsvps(events.store, events.publisher, events.now)
    for name in ("a", "b", "c", "d"):
        rsvps.join(who(name), event.id)
        events.now = Clock(events.now() + timedelta(seconds=1))
    _, seats = events.update(OWNER, event.id, EventPatch(capacity=3))
    assert (seats.confirmed, seats.waiting) == (3, 1)
    statuses = {m: r.status for (_, m), r in events.store.rsvps.items()}
    assert statuses == {"sub-a": RsvpStatus.CONFIRMED, "sub-b": RsvpStatus.CONFIRMED, "sub-c": RsvpStatus.CONFIRMED,
                        "sub-d": RsvpStatus.WAITLISTED}
    # One event per promotion, each written in its promotion's transaction.
    assert events.publisher.kinds() == ["EventPublished", "RsvpConfirmed", *["RsvpWaitlisted"] * 3, "EventChanged",
                                        "WaitlistPromoted", "WaitlistPromoted"]
    assert events.publisher.published[-1].detail == {"event_id": event.id, "association_id": mine, "promoted": 1,
                                                     "start": event.start}


def test_cancelling_closes_registration_and_is_said_once(world):
    events, mine, *_ = world
    event, _ = events.create(OWNER, mine, body())
    cancelled = events.cancel(EDITOR, event.id, "Salle indisponible")
    assert cancelled.status == EventStatus.CANCELLED and cancelled.sequence == 1
    assert events.store.seats[event.id].open is False
    assert events.publisher.published[-1].kind == "EventCancelled"
    assert events.publisher.published[-1].detail["reason"] == "Salle indisponible"
    with pytest.raises(Conflict) as again:
        events.cancel(EDITOR, event.id, "encore")
    assert again.value.code == "event_already_cancelled"


def test_an_ended_event_cannot_be_cancelled(world):
    events, mine, _, clock, _ = world
    event, _ = events.create(OWNER, mine, body())
    clock.at = datetime(2026, 4, 11, tzinfo=UTC)
    with pytest.raises(Conflict) as ended:
        events.cancel(OWNER, event.id, "trop tard")
    assert ended.value.code == "event_ended"


def test_delete_only_when_nobody_is_registered_or_once_cancelled(world):
    events, mine, *_ = world
    event, _ = events.create(OWNER, mine, body())
    Rsvps(events.store, events.publisher, events.now).join(MEMBER, event.id)
    with pytest.raises(Conflict) as busy:
        events.delete(OWNER, event.id)
    assert busy.value.code == "event_has_attendees"
    events.cancel(OWNER, event.id, "Annulé")
    events.delete(OWNER, event.id)
    with pytest.raises(NotFound):
        events.get(event.id)
    assert events.store.rsvps == {}


@pytest.mark.parametrize(("region", "department", "field"), [
    ("99", None, "region"), ("76", "69", "department"), (None, "96", "department")])
def test_listing_filters_must_agree(world, region, department, field):
    events, *_ = world
    with pytest.raises(Invalid) as refused:
        events.listing(EventQuery(region=region, department=department))
    assert refused.value.details[0]["field"] == field


def test_a_department_filter_reads_its_region(world):
    events, mine, *_ = world
    event, _ = events.create(OWNER, mine, body())
    assert [e.id for e in events.listing(EventQuery(department="31")).items] == [event.id]
    assert events.listing(EventQuery(department="69")).items == []


def test_the_map_counts_upcoming_scheduled_events_per_region(world):
    events, mine, _, clock, _ = world
    events.create(OWNER, mine, body())  # Toulouse (76)
    cancelled, _ = events.create(OWNER, mine, body())
    events.cancel(OWNER, cancelled.id, "Salle indisponible")
    events.create(OWNER, mine, body(venue=None, online_url="https://meet.example.org/x"))
    counts = events.upcoming_by_region()
    assert len(counts) == 18 and counts["76"] == 1 and sum(counts.values()) == 1
    clock.at += timedelta(days=60)  # once it has started, it is no longer coming up
    assert events.upcoming_by_region()["76"] == 0


def test_a_venue_has_both_coordinates_or_none():
    from pydantic import ValidationError

    from hromada.models.event import Venue

    place = {"name": "Salle", "address": "1 rue", "city": "Toulouse", "postal_code": "31000", "department": "31",
             "region": "76"}
    assert Venue.model_validate(place | {"latitude": 43.604652123, "longitude": 1.444209}).latitude == 43.604652
    for wrong in ({"latitude": 43.6}, {"longitude": 1.4}, {"latitude": -90.1, "longitude": 0},
                  {"latitude": 0, "longitude": 180.5}, {"latitude": float("nan"), "longitude": 0}):
        with pytest.raises(ValidationError):
            Venue.model_validate(place | wrong)
