"""What the events and announcements use cases need from storage and from the event bus."""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:  # annotations only: a function that publishes events need not build the event models
    from hromada.models.common import Page
    from hromada.models.event import Event, Rsvp, Seats


@dataclass(frozen=True)
class EventQuery:
    """One listing of events: the store reads it with one Query on the key that fits best."""

    region: str | None = None
    department: str | None = None
    association_id: str | None = None
    category: str | None = None
    language: str | None = None
    text: str | None = None  # already folded (see reference.text.fold)
    online: bool | None = None  # True: with an online link; False: with a venue
    start_from: str | None = None  # UTC ISO-8601, inclusive
    start_to: str | None = None  # UTC ISO-8601, inclusive
    descending: bool = False
    limit: int = 20
    cursor: str | None = None


@dataclass(frozen=True)
class WaitSlot:
    """A place on a waitlist, in order of arrival."""

    event_id: str
    member_id: str
    joined_at: str


@dataclass(frozen=True)
class EventRoster:
    """Everything stored under one event: the event, its seats, the RSVPs and the waitlist order."""

    event: Event
    seats: Seats
    rsvps: list[Rsvp]
    waitlist: list[WaitSlot]


@dataclass(frozen=True)
class DomainEvent:
    """Something other capabilities react to (mail tells attendees). Never carries personal data."""

    kind: str  # EventChanged, EventCancelled, WaitlistPromoted
    detail: dict[str, Any]


class Publisher(Protocol):
    def staged(self, events: list[DomainEvent]) -> AbstractContextManager[Any]:
        """Around the one write the events report: they are stored in that write's transaction (an
        outbox) and reach the bus afterwards, so the change and its events happen together or not at all."""


class EventStore(Protocol):
    def create(self, event: Event, seats: Seats, *, editor_email: str | None,
               dates: Sequence[tuple[Event, Seats]] = ()) -> None:
        """All or nothing, a series with its `dates` (events of their own) included. ConditionFailed("editor")
        when editor_email does not edit the association, ("association") when it is not (or no longer)
        verified, ("exists") when an event with that id exists, ("dates") when one of the dates does."""

    def get(self, event_id: str) -> tuple[Event, Seats] | None: ...

    def get_consistent(self, event_id: str) -> tuple[Event, Seats] | None:
        """As `get`, reading every write acknowledged before it (a retry's look at what it created)."""

    def save(self, event: Event, expected_sequence: int, *, editor_email: str | None,
             counts: tuple[int, int] | None = None) -> None:
        """Write the event and its seats' capacity/open flag. ConditionFailed("editor"), ("version") or
        ("capacity") when the new capacity is below the confirmed count, or the seats no longer hold `counts`
        (confirmed, waiting: what the change's bus event carries for the figures)."""

    def get_for_deletion(self, event_id: str) -> tuple[Event, Seats, object] | None:
        """get(), with what else the event's partition holds (RSVPs, waitlist slots) in the form delete()
        takes it, read in the same call."""

    def delete(self, event_id: str, association_id: str, *, editor_email: str | None, rest: object = None,
               sequence: int | None = None) -> None:
        """ConditionFailed("editor"), ("missing") (also when no longer at `sequence`), or ("attendees") while
        people are registered to a scheduled event. `rest` (from get_for_deletion) is deleted with it."""

    def list(self, query: EventQuery) -> Page[Event]:
        """A page; it may hold fewer than `limit` items when filters drop some: follow next_cursor."""

    def count_upcoming_by_region(self, since: str) -> dict[str, int]:
        """Scheduled, visible events with a venue starting at `since` (UTC ISO-8601) or later, counted by the
        venue's region (regions without any are absent)."""

    def is_editor(self, association_id: str, email: str) -> bool: ...

    def confirm_editor(self, association_id: str, email: str | None) -> None:
        """ConditionFailed("editor") unless `email` edits the association (None: staff, nothing checked);
        one transaction, so it carries the request's write guard like any write."""

    # RSVPs: each write is one transaction conditioned on the seats item.
    def get_rsvp(self, event_id: str, member_id: str) -> Rsvp | None: ...

    # `sequence`: the event's version the RSVP was decided on; ConditionFailed when it changed since.
    def confirm(self, rsvp: Rsvp, *, sequence: int | None = None) -> None:
        """Take a seat. ConditionFailed("seats") when full, closed or someone waits; ("exists")."""

    def wait(self, rsvp: Rsvp, *, sequence: int | None = None) -> None:
        """Join the waitlist. ConditionFailed("seats") unless full (or others wait); ("exists")."""

    def position(self, rsvp: Rsvp) -> int: ...

    def first_waiting(self, event_id: str) -> WaitSlot | None: ...

    def get_with_rsvp(self, event_id: str, member_id: str) -> tuple[Event, Seats, Rsvp | None] | None:
        """One strongly consistent read of the event, its seats and this member's RSVP."""

    def leave(self, rsvp: Rsvp, *, promote: WaitSlot | None, at: str, only_if_nobody_waits: bool,
              sequence: int | None = None) -> None:
        """Remove the RSVP. A confirmed seat passes to `promote` in the same transaction; without one it
        is freed, if `only_if_nobody_waits`, only while the waitlist is empty. ConditionFailed("changed")."""

    def promote(self, slot: WaitSlot, *, at: str, sequence: int | None = None) -> None:
        """Give a free seat to this waitlisted member. ConditionFailed("changed")."""

    def roster(self, event_id: str) -> EventRoster | None: ...


@dataclass(frozen=True)
class SeriesRegistration:
    """A member registered for every date of a series (each date still holds its own RSVP)."""

    series_id: str
    member_id: str
    email: str
    name: str | None
    joined_at: str


class SeriesStore(EventStore, Protocol):
    def materialise(self, occurrence: Event, seats: Seats) -> bool:
        """Write a date of a series as an event of its own, once: False when it was there already;
        ConditionFailed when the series is no longer hidden (or shown) as the date's `hidden_with_series` says."""

    def materialise_many(self, dated: list[tuple[Event, Seats]]) -> None:
        """Write dates of one series together, all or nothing: ConditionFailed("exists") when one of them was
        there already, ("series") as `materialise` says."""

    def get_many(self, event_ids: list[str]) -> dict[str, tuple[Event, Seats]]: ...

    def follow_moderation(self, series_id: str, hidden: bool) -> None:
        """Bring the series' written dates in line with its moderation state (idempotent)."""

    def rsvps_of(self, event_ids: list[str], member_id: str) -> dict[str, Rsvp]: ...

    def save_with_series(self, series: Event, series_sequence: int, occurrence: Event, occurrence_sequence: int,
                         *, editor_email: str | None, counts: tuple[int, int] | None = None) -> None:
        """One date and the series' record of its exceptions, together. ConditionFailed("editor"), ("version")."""

    def series_due(self, since: str) -> list[Event]:
        """Series whose last date ends at `since` (UTC ISO-8601) or later."""

    def register(self, registration: SeriesRegistration) -> bool: ...

    def unregister(self, series_id: str, member_id: str) -> bool: ...

    def registration(self, series_id: str, member_id: str) -> SeriesRegistration | None: ...

    def registrations(self, series_id: str) -> list[SeriesRegistration]: ...
