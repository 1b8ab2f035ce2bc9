"""RSVPs: a seat while there is one, else the waitlist in order of arrival; a freed seat goes to the
first waitlisted member in the same transaction that frees it.

Every decision made here from a read is re-checked by the write's conditions (the seats item holds
the counters); when a condition fails, the use case reads again and decides again.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import UTC, datetime
from typing import Any

from hromada.auth import Principal
from hromada.domain.event_ports import DomainEvent, EventRoster, EventStore, Publisher
from hromada.domain.ports import ConditionFailed
from hromada.errors import Conflict, Forbidden, NotFound, Unavailable
from hromada.models.event import Event, EventStatus, Rsvp, RsvpStatus
from hromada.reference import times

# Each failed attempt means another request changed the seats first, so attempts are few in practice
# (50 simultaneous RSVPs at a 10-seat event: at most 3 each).
MAX_ATTEMPTS = 12


def _clock() -> datetime:
    return datetime.now(UTC)


class Rsvps:
    def __init__(self, store: EventStore, publisher: Publisher, now: Callable[[], datetime] = _clock):
        self.store = store
        self.publisher = publisher
        self.now = now

    def join(self, principal: Principal, event_id: str) -> tuple[Rsvp, int | None, bool]:
        """The member's RSVP, their waitlist position (None when confirmed), and whether it is new."""
        principal.require_verified_email()
        return self.enrol(event_id, principal.user_id, principal.email, principal.name)

    def enrol(self, event_id: str, member_id: str, email: str, name: str | None) -> tuple[Rsvp, int | None, bool]:
        """join() for a member already identified (a series registration enrols its member in each date)."""
        for _ in range(MAX_ATTEMPTS):
            event, seats, existing = self._read(event_id, member_id)
            if event.hidden:  # hidden by moderation, on its own or with its series: not there for members
                raise NotFound("event_not_found")
            if existing is not None:
                return existing, self._position(existing), False
            now = times.iso(self.now())
            if event.recurrence is not None:  # a series has no seats: its dates do
                raise Conflict("register_for_a_date")
            if event.status == EventStatus.CANCELLED or not seats.open:
                raise Conflict("event_cancelled")
            if now >= event.registration_closes:
                raise Conflict("registration_closed")
            seat = seats.has_room and seats.waiting == 0
            rsvp = Rsvp(event_id=event.id, member_id=member_id, email=email, name=name,
                        status=RsvpStatus.CONFIRMED if seat else RsvpStatus.WAITLISTED, joined_at=now,
                        attempt=secrets.token_hex(8))
            try:
                # For the association's figures (hromada.domain.figures), in the RSVP's own transaction.
                with self.publisher.staged([_figure("RsvpConfirmed" if seat else "RsvpWaitlisted", event)]):
                    if seat:
                        self.store.confirm(rsvp, sequence=event.sequence)
                    else:
                        self.store.wait(rsvp, sequence=event.sequence)
                if seat:
                    return rsvp, None, True
                return rsvp, self.store.position(rsvp), True
            except ConditionFailed:
                if self._ours(rsvp):
                    # Our own write, retried by the client after a timeout: it did happen. The retry may fail on
                    # any of its conditions (the seats item our first attempt changed, or the RSVP it wrote).
                    return rsvp, self._position(rsvp), True
                continue  # the seats changed (or a parallel request of this member won): read again
        raise Unavailable()

    def mine(self, principal: Principal, event_id: str) -> tuple[Rsvp | None, int | None]:
        """The member's RSVP and waitlist position; (None, None) when they have none: not having registered
        is a state, not an error (every event page asks). An event that does not exist is still a 404."""
        # One read of the event, its seats and the RSVP answers every case but a waitlisted one (whose place
        # is counted by a second read): most callers have not registered, and that read also says the event exists.
        _, _, rsvp = self._read(event_id, principal.user_id)
        if rsvp is None:
            return None, None
        return rsvp, self._position(rsvp)

    def leave(self, principal: Principal, event_id: str) -> None:
        self.withdraw(event_id, principal.user_id)

    def withdraw(self, event_id: str, member_id: str) -> None:
        """leave() for a member already identified."""
        for _ in range(MAX_ATTEMPTS):
            event, seats, rsvp = self._read(event_id, member_id)
            if rsvp is None:
                raise NotFound("rsvp_not_found")
            now = times.iso(self.now())
            # Once the event has started or is cancelled a freed seat is simply freed.
            handing_over = seats.open and now < event.start
            slot = None
            if rsvp.status == RsvpStatus.CONFIRMED and handing_over and seats.waiting:
                slot = self.store.first_waiting(event_id)
            withdrawn = [_figure("RsvpWithdrawn", event, held_seat=rsvp.status == RsvpStatus.CONFIRMED)]
            staged = self._promoting(event, also=withdrawn) if slot is not None else self.publisher.staged(withdrawn)
            try:
                with staged:
                    self.store.leave(rsvp, promote=slot, at=now, only_if_nobody_waits=handing_over,
                                     sequence=event.sequence)
            except ConditionFailed:
                continue
            return
        raise Unavailable()

    def fill(self, event_id: str) -> int:
        """Give free seats to the waitlist, first come first served (after the capacity grew)."""
        promoted = 0
        event = None
        found = self.store.get(event_id)
        budget = (found[1].waiting if found else 0) + MAX_ATTEMPTS
        for _ in range(budget):
            found = self.store.get(event_id)
            if found is None:
                break
            event, seats = found
            if not (seats.open and seats.has_room and seats.waiting and times.iso(self.now()) < event.start):
                break
            slot = self.store.first_waiting(event_id)
            if slot is None:
                break
            try:
                with self._promoting(event):
                    self.store.promote(slot, at=times.iso(self.now()), sequence=event.sequence)
                promoted += 1
            except ConditionFailed:
                continue
        return promoted

    def roster(self, principal: Principal, event_id: str) -> EventRoster:
        """Attendees, for the association's editors (and admins) only: it holds names and e-mails."""
        roster = self.store.roster(event_id)
        if roster is None:
            raise NotFound("event_not_found")
        if not principal.is_admin:
            principal.require_verified_email()
            if not self.store.is_editor(roster.event.association_id, principal.email):
                raise Forbidden()
        return roster

    # ------------------------------------------------------------ helpers
    def _read(self, event_id: str, member_id: str):
        found = self.store.get_with_rsvp(event_id, member_id)
        if found is None:
            raise NotFound("event_not_found")
        return found

    def _ours(self, rsvp: Rsvp) -> bool:
        stored = self.store.get_rsvp(rsvp.event_id, rsvp.member_id)
        return stored is not None and stored.attempt == rsvp.attempt and stored.status == rsvp.status

    def _position(self, rsvp: Rsvp) -> int | None:
        return self.store.position(rsvp) if rsvp.status == RsvpStatus.WAITLISTED else None

    def _promoting(self, event: Event, also: list[DomainEvent] | None = None) -> AbstractContextManager[Any]:
        # One event per promotion, in its transaction. Who was promoted is in the table (RSVPs carry
        # promoted_at); the bus carries no personal data.
        return self.publisher.staged([DomainEvent("WaitlistPromoted", {
            "event_id": event.id, "association_id": event.association_id, "promoted": 1, "start": event.start}),
            *(also or [])])


def _figure(kind: str, event: Event, **more: Any) -> DomainEvent:
    """An RSVP's change, for the association's figures: which event, never who. Its start and status are the
    event's when the RSVP is written (the store checks the event's sequence)."""
    return DomainEvent(kind, {"event_id": event.id, "association_id": event.association_id, "start": event.start,
                              "status": event.status.value} | more)
