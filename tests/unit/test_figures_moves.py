"""Figures following their event: a move to another month, a cancellation, a deletion, a restored date; and the
counts carried by the bus events agree with the data whatever order the queue delivers them in."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hromada.domain.figures import Change, changes
from hromada.domain.rsvps import Rsvps
from hromada.models.event import EventPatch
from tests.unit.event_world import OWNER, body, who

A = "as_" + "a" * 20
DEC, JAN = "2026-12-15T18:00:00.000Z", "2027-01-20T18:00:00.000Z"
HELD = {"events": 1, "registrations": 3, "confirmed": 2}  # 2 confirmed, 1 waiting
SEATS = {"confirmed": 2, "waiting": 1}


def negative(adds: dict[str, int]) -> dict[str, int]:
    return {k: -v for k, v in adds.items()}


def detail(**more) -> dict:
    return {"event_id": "ev_1", "association_id": A, "start": JAN, "status": "scheduled"} | more


# ------------------------------------------------------------------ the rules, bus event by bus event
def test_a_move_to_another_month_takes_the_event_and_its_registrations_along():
    moved = detail(previous_start=DEC, previous_status="scheduled", **SEATS)
    assert changes("EventChanged", moved) == [Change(A, "2026-12", negative(HELD)), Change(A, "2027-01", HELD)]


def test_a_move_within_the_month_moves_nothing():
    within = detail(start="2026-12-20T18:00:00.000Z", previous_start=DEC, previous_status="scheduled", **SEATS)
    assert changes("EventChanged", within) == []
    assert changes("EventChanged", detail(previous_start=JAN, previous_status="scheduled")) == []  # a title


def test_a_move_across_midnight_in_paris_is_a_move_of_month():
    late = detail(start="2026-12-31T23:30:00.000Z", previous_start="2026-12-31T22:30:00.000Z",
                  previous_status="scheduled", confirmed=1, waiting=0)
    assert [c.month for c in changes("EventChanged", late)] == ["2026-12", "2027-01"]


def test_a_date_of_a_series_moves_its_registrations_only():
    moved = detail(previous_start=DEC, previous_status="scheduled", occurrence=True, **SEATS)
    regs = {"registrations": 3, "confirmed": 2}
    assert changes("EventChanged", moved) == [Change(A, "2026-12", negative(regs)), Change(A, "2027-01", regs)]


def test_a_cancelled_event_is_no_longer_held_nor_its_registrations_attended():
    assert changes("EventCancelled", detail(start=DEC, status="cancelled", previous_start=DEC,
                                            previous_status="scheduled", **SEATS)) == [
        Change(A, "2026-12", negative(HELD))]
    date = changes("EventCancelled", detail(start=DEC, occurrence=True, **SEATS))
    assert date == [Change(A, "2026-12", {"registrations": -3, "confirmed": -2})]


def test_a_restored_date_counts_again():
    restored = detail(previous_start=JAN, previous_status="cancelled", occurrence=True, confirmed=1, waiting=0)
    assert changes("EventChanged", restored) == [Change(A, "2027-01", {"registrations": 1, "confirmed": 1})]


def test_a_deleted_event_counts_no_more_unless_its_cancellation_took_it_away_already():
    assert changes("EventDeleted", detail(confirmed=0, waiting=0)) == [Change(A, "2027-01", {"events": -1})]
    assert changes("EventDeleted", detail(status="cancelled", confirmed=0, waiting=0)) == []
    assert changes("EventDeleted", detail(occurrence=True, confirmed=0, waiting=0)) == []


def test_leaving_a_cancelled_event_counts_nothing():
    assert changes("RsvpWithdrawn", detail(status="cancelled", held_seat=True)) == []
    assert changes("RsvpWithdrawn", detail(held_seat=True)) == [
        Change(A, "2027-01", {"registrations": -1, "confirmed": -1})]


def test_a_cancellation_staged_before_the_counts_were_carried_still_takes_the_event_away():
    assert changes("EventCancelled", {"association_id": A, "start": DEC}) == [Change(A, "2026-12", {"events": -1})]


# ------------------------------------------------------------------ the use cases carry the right counts
@pytest.fixture
def moving(world):
    events, mine, _, _, _ = world
    rsvps = Rsvps(events.store, events.publisher, events.now)
    event, _ = events.create(OWNER, mine, body(capacity=2))
    for name in ("a", "b", "c"):  # two seats, one waiting
        rsvps.join(who(name), event.id)
    return events, rsvps, event


def months(published) -> dict[tuple[str, str], int]:
    totals: dict[tuple[str, str], int] = {}
    for event in published:
        for change in changes(event.kind, event.detail):
            for name, value in change.adds.items():
                totals[(change.month, name)] = totals.get((change.month, name), 0) + value
    return {k: v for k, v in totals.items() if v}


MAY = {("2026-05", "events"): 1, ("2026-05", "registrations"): 3, ("2026-05", "confirmed"): 2}


def test_moving_an_event_to_another_month_moves_its_figures(moving):
    events, _, event = moving
    events.update(OWNER, event.id, EventPatch.model_validate({"start": "2026-05-02T19:00:00",
                                                              "end": "2026-05-02T21:00:00"}))
    changed = events.publisher.published[-1]
    assert changed.kind == "EventChanged" and (changed.detail["confirmed"], changed.detail["waiting"]) == (2, 1)
    assert months(events.publisher.published) == MAY  # April is empty again


def test_a_move_made_while_seats_change_carries_the_counts_of_its_own_write(moving):
    events, rsvps, event = moving
    store, save = events.store, events.store.save
    sneaked: list[bool] = []

    def someone_registers_first(updated, expected, **kwargs):
        if not sneaked:
            sneaked.append(True)
            rsvps.join(who("d"), event.id)  # between the move's read and its write
        save(updated, expected, **kwargs)

    store.save = someone_registers_first
    events.update(OWNER, event.id, EventPatch.model_validate({"start": "2026-05-02T19:00:00",
                                                              "end": "2026-05-02T21:00:00"}))
    assert events.publisher.published[-1].detail["waiting"] == 2
    assert months(events.publisher.published) == MAY | {("2026-05", "registrations"): 4}


def test_an_rsvp_decided_before_a_move_is_decided_again_in_the_new_month(moving):
    events, rsvps, event = moving
    store, wait = events.store, events.store.wait
    moved: list[bool] = []

    def the_event_moves_first(rsvp, **version):
        if not moved:
            moved.append(True)
            events.update(OWNER, event.id, EventPatch.model_validate({"start": "2026-05-02T19:00:00",
                                                                      "end": "2026-05-02T21:00:00"}))
        wait(rsvp, **version)

    store.wait = the_event_moves_first
    rsvps.join(who("d"), event.id)
    assert events.publisher.published[-1].detail["start"] == "2026-05-02T17:00:00.000Z"
    assert months(events.publisher.published) == MAY | {("2026-05", "registrations"): 4}


def test_cancelling_then_deleting_leaves_nothing_and_leaving_meanwhile_changes_nothing(moving):
    events, rsvps, event = moving
    events.cancel(OWNER, event.id, "Salle indisponible")
    rsvps.leave(who("a"), event.id)
    events.delete(OWNER, event.id)
    assert events.publisher.kinds()[-3:] == ["EventCancelled", "RsvpWithdrawn", "EventDeleted"]
    assert months(events.publisher.published) == {}


def test_deleting_an_event_nobody_registered_for_takes_it_away(world):
    events, mine, _, _, _ = world
    event, _ = events.create(OWNER, mine, body())
    events.delete(OWNER, event.id)
    assert months(events.publisher.published) == {}


# ------------------------------------------------------------------ any delivery order gives the same months
STEPS = st.lists(st.sampled_from(["join", "leave", "move", "back", "cancel"]), min_size=1, max_size=12)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=STEPS, order=st.randoms(use_true_random=False))
def test_the_months_are_right_whatever_the_order_of_delivery(world, steps, order):
    events, mine, _, _, _ = world
    rsvps = Rsvps(events.store, events.publisher, events.now)
    events.publisher.published.clear()
    event, _ = events.create(OWNER, mine, body(capacity=2))
    people = iter(who(f"p{i}") for i in range(100))
    joined = []
    for step in steps:
        current, _ = events.get(event.id)
        if current.status == "cancelled":
            break
        if step == "join":
            joined.append(next(people))
            rsvps.join(joined[-1], event.id)
        elif step == "leave" and joined:
            rsvps.leave(joined.pop(0), event.id)
        elif step in ("move", "back"):
            day = "2026-05-02" if step == "move" else "2026-04-10"
            events.update(OWNER, event.id, EventPatch.model_validate({"start": f"{day}T19:00:00",
                                                                      "end": f"{day}T21:00:00"}))
        elif step == "cancel":
            events.cancel(OWNER, event.id, "Annulé")
    delivered = list(events.publisher.published)
    order.shuffle(delivered)
    final, seats = events.get(event.id)
    month = final.start[:7]
    expected = {} if final.status == "cancelled" else {
        (month, "events"): 1, (month, "registrations"): seats.confirmed + seats.waiting,
        (month, "confirmed"): seats.confirmed}
    assert months(delivered) == {k: v for k, v in expected.items() if v}
