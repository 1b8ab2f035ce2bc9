"""RSVP rules against in-memory ports: seats, the waitlist in order, promotion, closing times."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from hromada.domain.event_ports import EventRoster
from hromada.domain.ports import ConditionFailed
from hromada.domain.rsvps import Rsvps
from hromada.errors import Conflict, Forbidden, NotFound
from hromada.models.event import RsvpStatus
from tests.unit.event_world import ADMIN, EDITOR, MODERATOR, OTHER, OWNER, Clock, body, who


class Ticking(Clock):
    """Each reading is a millisecond later: arrivals have distinct, increasing times."""

    def __call__(self) -> datetime:
        self.at += timedelta(milliseconds=1)
        return self.at


@pytest.fixture
def event_with(world):
    events, mine, _, clock, _ = world
    ticking = Ticking(clock.at)
    events.now = ticking
    rsvps = Rsvps(events.store, events.publisher, ticking)

    def make(**overrides):
        event, _ = events.create(OWNER, mine, body(**overrides))
        return event, rsvps, events

    return make


def test_seats_then_the_waitlist_in_order_of_arrival(event_with):
    event, rsvps, events = event_with(capacity=2)
    answers = [rsvps.join(who(n), event.id) for n in ("a", "b", "c", "d", "e")]
    assert [(r.status, position) for r, position, _ in answers] == [
        (RsvpStatus.CONFIRMED, None), (RsvpStatus.CONFIRMED, None), (RsvpStatus.WAITLISTED, 1),
        (RsvpStatus.WAITLISTED, 2), (RsvpStatus.WAITLISTED, 3)]
    seats = events.store.seats[event.id]
    assert (seats.confirmed, seats.waiting) == (2, 3)


def test_rsvp_twice_returns_the_same_rsvp(event_with):
    event, rsvps, _ = event_with(capacity=1)
    first, _, created = rsvps.join(who("a"), event.id)
    again, _, created_again = rsvps.join(who("a"), event.id)
    assert created and not created_again and again == first


def test_a_freed_seat_goes_to_the_first_waitlisted(event_with):
    event, rsvps, events = event_with(capacity=1)
    for name in ("a", "b", "c"):
        rsvps.join(who(name), event.id)
    rsvps.leave(who("a"), event.id)
    mine, position = rsvps.mine(who("b"), event.id)
    assert mine.status == RsvpStatus.CONFIRMED and position is None and mine.promoted_at
    assert rsvps.mine(who("c"), event.id)[1] == 1
    seats = events.store.seats[event.id]
    assert (seats.confirmed, seats.waiting) == (1, 1)
    # The promotion and the withdrawal that freed the seat, in the same transaction.
    assert events.publisher.kinds()[-2:] == ["WaitlistPromoted", "RsvpWithdrawn"]
    assert events.publisher.published[-1].detail["held_seat"] is True
    assert "email" not in str([e.detail for e in events.publisher.published])


def test_leaving_the_waitlist_moves_the_others_up(event_with):
    event, rsvps, events = event_with(capacity=1)
    for name in ("a", "b", "c"):
        rsvps.join(who(name), event.id)
    rsvps.leave(who("b"), event.id)
    assert rsvps.mine(who("c"), event.id)[1] == 1
    assert events.store.seats[event.id].confirmed == 1
    assert events.publisher.kinds() == ["EventPublished", "RsvpConfirmed", "RsvpWaitlisted", "RsvpWaitlisted",
                                        "RsvpWithdrawn"]
    assert events.publisher.published[-1].detail == {"event_id": event.id, "association_id": event.association_id,
                                                     "start": event.start, "status": "scheduled",
                                                     "held_seat": False}
    assert rsvps.mine(who("b"), event.id) == (None, None)
    with pytest.raises(NotFound):
        rsvps.mine(who("b"), "ev_" + "0" * 20)  # no such event: still an error


def test_a_freed_seat_without_waitlist_is_free_for_anyone(event_with):
    event, rsvps, _ = event_with(capacity=1)
    rsvps.join(who("a"), event.id)
    rsvps.leave(who("a"), event.id)
    assert rsvps.join(who("b"), event.id)[0].status == RsvpStatus.CONFIRMED


def test_no_limit_no_waitlist(event_with):
    event, rsvps, events = event_with()
    for n in range(20):
        assert rsvps.join(who(f"p{n}"), event.id)[0].status == RsvpStatus.CONFIRMED
    assert events.store.seats[event.id].confirmed == 20


def test_registration_closes_at_the_deadline_or_the_start(event_with):
    event, rsvps, _ = event_with(registration_deadline="2026-04-01T12:00:00")
    rsvps.now.at = datetime.fromisoformat("2026-04-01T10:00:00+00:00")
    with pytest.raises(Conflict) as closed:
        rsvps.join(who("late"), event.id)
    assert closed.value.code == "registration_closed"
    open_until_start, _, _ = event_with()
    rsvps.now.at = datetime.fromisoformat("2026-04-10T17:00:00+00:00")
    with pytest.raises(Conflict):
        rsvps.join(who("late"), open_until_start.id)


def test_no_rsvp_to_a_cancelled_event_and_leaving_it_frees_without_promotion(event_with):
    event, rsvps, events = event_with(capacity=1)
    rsvps.join(who("a"), event.id)
    rsvps.join(who("b"), event.id)
    events.cancel(OWNER, event.id, "Annulé")
    with pytest.raises(Conflict) as cancelled:
        rsvps.join(who("c"), event.id)
    assert cancelled.value.code == "event_cancelled"
    rsvps.leave(who("a"), event.id)
    assert rsvps.mine(who("b"), event.id)[0].status == RsvpStatus.WAITLISTED
    assert events.store.seats[event.id].confirmed == 0


def test_unknown_event_and_unverified_email(event_with):
    _, rsvps, _ = event_with()
    with pytest.raises(NotFound):
        rsvps.join(who("a"), "ev_nope")
    event, _, _ = event_with()
    with pytest.raises(Forbidden) as unverified:
        rsvps.join(who("x", verified=False), event.id)
    assert unverified.value.code == "email_not_verified"


def test_attendees_are_for_the_association_editors_and_admins(event_with):
    event, rsvps, _ = event_with(capacity=1)
    rsvps.join(who("a"), event.id)
    rsvps.join(who("b"), event.id)
    for allowed in (OWNER, EDITOR, ADMIN):
        roster = rsvps.roster(allowed, event.id)
        assert isinstance(roster, EventRoster) and len(roster.rsvps) == 2
    for refused in (who("a"), OTHER, MODERATOR):
        with pytest.raises(Forbidden):
            rsvps.roster(refused, event.id)


@pytest.mark.parametrize("met", ["exists", "seats"])
def test_a_write_retried_after_a_timeout_is_still_a_new_rsvp(event_with, met):
    """The client library retries a transaction whose answer timed out; the first attempt had landed. The retry
    meets whichever condition is checked first: the RSVP it wrote, or the seats item it changed."""
    event, rsvps, events = event_with(capacity=1)
    store = events.store
    landed = store.confirm

    def lands_then_times_out(rsvp, **version):
        landed(rsvp, **version)
        raise ConditionFailed(met)  # what the retry of a committed write meets

    store.confirm = lands_then_times_out
    mine, position, created = rsvps.join(who("a"), event.id)
    assert created and mine.status == RsvpStatus.CONFIRMED and position is None
    assert store.seats[event.id].confirmed == 1
