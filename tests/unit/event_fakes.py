"""In-memory EventStore, AnnouncementStore and Publisher: the ports' contracts without DynamoDB."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from hromada.domain.announcement_ports import AnnouncementQuery
from hromada.domain.event_ports import DomainEvent, EventQuery, EventRoster, WaitSlot
from hromada.domain.ports import ConditionFailed
from hromada.models.announcement import Announcement
from hromada.models.association import Status
from hromada.models.common import Page
from hromada.models.event import Event, Rsvp, RsvpStatus, Seats
from tests.unit.fakes import MemoryAssociationStore


class RecordingPublisher:
    def __init__(self) -> None:
        self.published: list[DomainEvent] = []

    @contextmanager
    def staged(self, events: list[DomainEvent]) -> Iterator[None]:
        # As the outbox: the events count only if the write inside the block succeeded.
        yield
        self.published += events

    def kinds(self) -> list[str]:
        return [e.kind for e in self.published]


class _Editors:
    """Editor and verified-association checks, answered by the association fake."""

    def __init__(self, associations: MemoryAssociationStore):
        self.associations = associations

    def is_editor(self, association_id: str, email: str) -> bool:
        return email in self.associations.editors_by_assoc.get(association_id, {})

    def confirm_editor(self, association_id: str, editor_email: str | None) -> None:
        self._guard(association_id, editor_email)

    def _guard(self, association_id: str, editor_email: str | None) -> None:
        if editor_email is not None and not self.is_editor(association_id, editor_email):
            raise ConditionFailed("editor")

    def _verified(self, association_id: str) -> None:
        association = self.associations.get(association_id)
        if association is None or association.status != Status.VERIFIED:
            raise ConditionFailed("association")


class MemoryEventStore(_Editors):
    def __init__(self, associations: MemoryAssociationStore):
        super().__init__(associations)
        self.events: dict[str, Event] = {}
        self.seats: dict[str, Seats] = {}
        self.rsvps: dict[tuple[str, str], Rsvp] = {}
        self.queue: dict[str, list[WaitSlot]] = {}

    # ------------------------------------------------------------ events
    def create(self, event: Event, seats: Seats, *, editor_email: str | None, dates=()) -> None:
        self._guard(event.association_id, editor_email)
        self._verified(event.association_id)
        if event.id in self.events:
            raise ConditionFailed("exists")
        if any(occurrence.id in self.events for occurrence, _ in dates):
            raise ConditionFailed("dates")
        for written, its_seats in [(event, seats), *dates]:
            self.events[written.id], self.seats[written.id] = written, its_seats.model_copy()
            self.queue[written.id] = []

    def get(self, event_id: str) -> tuple[Event, Seats] | None:
        if event_id not in self.events:
            return None
        return self.events[event_id], self.seats[event_id].model_copy()

    def get_consistent(self, event_id: str) -> tuple[Event, Seats] | None:
        return self.get(event_id)

    def save(self, event: Event, expected_sequence: int, *, editor_email: str | None,
             counts: tuple[int, int] | None = None) -> None:
        self._guard(event.association_id, editor_email)
        if self.events[event.id].sequence != expected_sequence:
            raise ConditionFailed("version")
        seats = self.seats[event.id]
        if event.capacity is not None and seats.confirmed > event.capacity:
            raise ConditionFailed("capacity")
        if counts is not None and counts != (seats.confirmed, seats.waiting):
            raise ConditionFailed("capacity")
        self.events[event.id] = event
        seats.capacity, seats.open = event.capacity, event.status == "scheduled"

    def get_for_deletion(self, event_id: str) -> tuple[Event, Seats, object] | None:
        found = self.get(event_id)
        return (*found, None) if found else None

    def delete(self, event_id: str, association_id: str, *, editor_email: str | None, rest: object = None,
               sequence: int | None = None) -> None:
        self._guard(association_id, editor_email)
        if event_id not in self.events or sequence not in (None, self.events[event_id].sequence):
            raise ConditionFailed("missing")
        seats = self.seats[event_id]
        if (seats.confirmed or seats.waiting) and seats.open:
            raise ConditionFailed("attendees")
        del self.events[event_id], self.seats[event_id], self.queue[event_id]
        self.rsvps = {k: v for k, v in self.rsvps.items() if k[0] != event_id}

    def list(self, query: EventQuery) -> Page:
        found = [e for e in self.events.values()
                 if (not query.association_id or e.association_id == query.association_id)
                 and (not query.region or (e.venue and e.venue.region == query.region))
                 and (not query.start_from or e.start >= query.start_from)
                 and (not query.start_to or e.start <= query.start_to)]
        return Page(items=sorted(found, key=lambda e: e.start, reverse=query.descending)[:query.limit])

    def count_upcoming_by_region(self, since: str) -> dict[str, int]:
        counts: dict[str, int] = {}
        for e in self.events.values():
            if e.venue and e.start >= since and e.status == "scheduled" and not e.hidden:
                counts[e.venue.region] = counts.get(e.venue.region, 0) + 1
        return counts

    # ------------------------------------------------------------ RSVPs
    def get_rsvp(self, event_id: str, member_id: str) -> Rsvp | None:
        return self.rsvps.get((event_id, member_id))

    def get_with_rsvp(self, event_id: str, member_id: str):
        found = self.get(event_id)
        return None if found is None else (*found, self.get_rsvp(event_id, member_id))

    def _same_version(self, event_id: str, sequence: int | None, reason: str) -> None:
        if sequence is not None and (event_id not in self.events or self.events[event_id].sequence != sequence):
            raise ConditionFailed(reason)

    def confirm(self, rsvp: Rsvp, *, sequence: int | None = None) -> None:
        self._same_version(rsvp.event_id, sequence, "hidden")
        seats = self.seats.get(rsvp.event_id)
        if seats is None or not seats.open or seats.waiting or not seats.has_room:
            raise ConditionFailed("seats")
        self._add(rsvp)
        seats.confirmed += 1

    def wait(self, rsvp: Rsvp, *, sequence: int | None = None) -> None:
        self._same_version(rsvp.event_id, sequence, "hidden")
        seats = self.seats.get(rsvp.event_id)
        if (seats is None or not seats.open or seats.capacity is None
                or not (seats.confirmed >= seats.capacity or seats.waiting)):
            raise ConditionFailed("seats")
        self._add(rsvp)
        self.queue[rsvp.event_id].append(WaitSlot(rsvp.event_id, rsvp.member_id, rsvp.joined_at))
        self.queue[rsvp.event_id].sort(key=lambda s: (s.joined_at, s.member_id))
        seats.waiting += 1

    def _add(self, rsvp: Rsvp) -> None:
        if (rsvp.event_id, rsvp.member_id) in self.rsvps:
            raise ConditionFailed("exists")
        self.rsvps[(rsvp.event_id, rsvp.member_id)] = rsvp

    def position(self, rsvp: Rsvp) -> int:
        slots = self.queue[rsvp.event_id]
        return next(i for i, s in enumerate(slots, start=1) if s.member_id == rsvp.member_id)

    def first_waiting(self, event_id: str) -> WaitSlot | None:
        return next(iter(self.queue.get(event_id, [])), None)

    def leave(self, rsvp: Rsvp, *, promote: WaitSlot | None, at: str, only_if_nobody_waits: bool,
              sequence: int | None = None) -> None:
        self._same_version(rsvp.event_id, sequence, "changed")
        seats = self.seats[rsvp.event_id]
        stored = self.rsvps.get((rsvp.event_id, rsvp.member_id))
        if stored is None or stored.status != rsvp.status:
            raise ConditionFailed("changed")
        if rsvp.status == RsvpStatus.WAITLISTED:
            self.queue[rsvp.event_id] = [s for s in self.queue[rsvp.event_id] if s.member_id != rsvp.member_id]
            seats.waiting -= 1
        elif promote is not None:
            self._promote(promote, at)
            seats.waiting -= 1
        else:
            if only_if_nobody_waits and seats.waiting:
                raise ConditionFailed("changed")
            seats.confirmed -= 1
        del self.rsvps[(rsvp.event_id, rsvp.member_id)]

    def promote(self, slot: WaitSlot, *, at: str, sequence: int | None = None) -> None:
        self._same_version(slot.event_id, sequence, "changed")
        seats = self.seats[slot.event_id]
        if not seats.open or not seats.has_room:
            raise ConditionFailed("changed")
        self._promote(slot, at)
        seats.confirmed += 1
        seats.waiting -= 1

    def _promote(self, slot: WaitSlot, at: str) -> None:
        if slot not in self.queue[slot.event_id]:
            raise ConditionFailed("changed")
        self.queue[slot.event_id].remove(slot)
        key = (slot.event_id, slot.member_id)
        self.rsvps[key] = self.rsvps[key].model_copy(update={"status": RsvpStatus.CONFIRMED, "promoted_at": at})

    def roster(self, event_id: str) -> EventRoster | None:
        found = self.get(event_id)
        if found is None:
            return None
        return EventRoster(event=found[0], seats=found[1],
                           rsvps=[r for (e, _), r in self.rsvps.items() if e == event_id],
                           waitlist=list(self.queue[event_id]))


class MemoryAnnouncementStore(_Editors):
    def __init__(self, associations: MemoryAssociationStore):
        super().__init__(associations)
        self.announcements: dict[str, Announcement] = {}

    def create(self, announcement: Announcement, *, editor_email: str | None) -> None:
        self._guard(announcement.association_id, editor_email)
        self._verified(announcement.association_id)
        self.announcements[announcement.id] = announcement

    def get(self, announcement_id: str) -> Announcement | None:
        return self.announcements.get(announcement_id)

    def save(self, announcement: Announcement, expected_version: int, *, editor_email: str | None) -> None:
        self._guard(announcement.association_id, editor_email)
        if self.announcements[announcement.id].version != expected_version:
            raise ConditionFailed("version")
        self.announcements[announcement.id] = announcement

    def delete(self, announcement_id: str, association_id: str, *, editor_email: str | None) -> None:
        self._guard(association_id, editor_email)
        if self.announcements.pop(announcement_id, None) is None:
            raise ConditionFailed("missing")

    def list(self, query: AnnouncementQuery) -> Page:
        found = [a for a in self.announcements.values() if not a.expires_at or a.expires_at > query.now]
        return Page(items=sorted(found, key=lambda a: a.created_at, reverse=True)[:query.limit])
