"""Recurring events: a series (an event with a rule) and its dates, each an event of its own.

Each date within the horizon is written as an ordinary event (its own id, seats, RSVPs and waitlist),
so listings, counts, digests and reminders read it with the one Query they already make. A daily run
writes the dates the horizon reaches; a series registration enrols its member in each date written.
A date moved or cancelled changes that event and the series' record of its exceptions (for iCalendar's
EXDATE and RECURRENCE-ID) in one transaction.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar

from hromada.auth import Principal
from hromada.domain import recurrence
from hromada.domain.associations import check_location
from hromada.domain.event_ports import DomainEvent, SeriesRegistration, SeriesStore
from hromada.domain.events import MAX_DURATION, Events, SeatsChanged, _instant, figures_detail
from hromada.domain.ports import ConditionFailed
from hromada.domain.publishing import confirm_editor, editor_email
from hromada.domain.rsvps import Rsvps
from hromada.errors import Conflict, Forbidden, Invalid, NotFound
from hromada.models.event import Event, EventPatch, EventStatus, OccurrenceMove, Seats
from hromada.reference import times

# What an occurrence takes from its series when the series is edited (a moved date keeps its own times
# and venue).
SHARED = ("title", "description", "description_html", "online_url", "categories", "languages", "is_free",
          "price_cents", "ticket_url", "image_url", "capacity", "registration_required", "timezone", "picture")
NOT_COPIED = {"id", "recurrence", "rrule", "cancelled_dates", "moved_dates", "last_end", "sequence", "status",
              "cancel_reason", "created_at", "updated_at", "registration_deadline", "series_id", "occurrence",
              "moved", "start", "end", "hidden", "hidden_on_its_own", "hidden_with_series", "request_fingerprint"}
LISTED = 60  # dates shown by the occurrences listing
# Dates written in one transaction (the series' own, then each that follows): two items each (the event, its
# seats) beside the series' two, the editor and verification checks, a campaign's two, the outbox and the
# request's write guard, within DynamoDB's 100 items. A weekly series of up to three days a week fits whole in
# the 12-week horizon.
DATES_PER_TRANSACTION = 40
MAX_ATTEMPTS = 5  # a date whose series moderation keeps hiding and restoring meanwhile is left to the next run
DROPPED = "Date retirée de la série · Дату вилучено з серії · Date removed from the series"
T = TypeVar("T")


def _again(attempt: Callable[[], T]) -> T:
    """A change of one date, made again from a fresh read while RSVPs change its seats meanwhile."""
    for _ in range(MAX_ATTEMPTS):
        try:
            return attempt()
        except SeatsChanged:
            continue
    raise Conflict("concurrent_event_update")


def date_ids(series: Event) -> list[str]:
    """The ids of every date the series' rule gives (written or not)."""
    duration = times.parse_iso(series.end) - times.parse_iso(series.start)
    found = recurrence.slots(series.rrule or "", recurrence.wall_clock(series.start, series.timezone), duration,
                             series.timezone)
    return [recurrence.occurrence_id(series.id, s.date) for s in found]


@dataclass(frozen=True)
class Dated:
    """One date of a series and, once written, its event and seats."""

    slot: recurrence.Slot
    event: Event | None
    seats: Seats | None


class Series:
    def __init__(self, events: Events, store: SeriesStore, rsvps: Rsvps):
        self.events = events
        self.store = store
        self.rsvps = rsvps

    def now(self) -> datetime:
        return self.events.now()

    # ------------------------------------------------------------ reading
    def get(self, series_id: str, *, public: bool = False) -> Event:
        found = self.store.get(series_id)
        if found is None or found[0].recurrence is None or (public and found[0].hidden):
            raise NotFound("series_not_found")
        return found[0]

    def slots(self, series: Event) -> list[recurrence.Slot]:
        duration = times.parse_iso(series.end) - times.parse_iso(series.start)
        return recurrence.slots(series.rrule or "", recurrence.wall_clock(series.start, series.timezone), duration,
                                series.timezone)

    def occurrences(self, series_id: str) -> tuple[Event, list[Dated]]:
        """The dates still to come (at most LISTED), with the events written for them."""
        series = self.get(series_id, public=True)
        upcoming = [s for s in self.slots(series) if s.end > times.iso(self.now())][:LISTED]
        found = self.store.get_many([recurrence.occurrence_id(series.id, s.date) for s in upcoming])
        dated = []
        for slot in upcoming:
            event, seats = found.get(recurrence.occurrence_id(series.id, slot.date), (None, None))
            dated.append(Dated(slot, event, seats))
        return series, dated

    def moved_occurrences(self, series: Event) -> list[Event]:
        """The dates moved one by one (iCalendar gives each its own VEVENT with a RECURRENCE-ID)."""
        ids = [recurrence.occurrence_id(series.id, day) for day in series.moved_dates]
        return [event for event, _ in self.store.get_many(ids).values()]

    # ------------------------------------------------------------ materialising
    def materialise(self, series: Event) -> list[str]:
        """Write the dates within the horizon that are not written yet; the ids written."""
        return self._write_dates(series, recurrence.within(self.slots(series), self.now()))

    def _write_dates(self, series: Event, slots: list[recurrence.Slot], *, missing: bool = False) -> list[str]:
        """Write these dates that do not exist yet (`missing`: none does), in order, DATES_PER_TRANSACTION to a
        transaction, so the dates written are always the first ones; the ids written. Members registered for
        the whole series are enrolled in each."""
        if series.status == EventStatus.CANCELLED:
            return []
        if not missing:  # one read, instead of a refused write per date written already
            found = self.store.get_many([recurrence.occurrence_id(series.id, s.date) for s in slots])
            slots = [s for s in slots if recurrence.occurrence_id(series.id, s.date) not in found]
        written: list[str] = []
        registrations: list[SeriesRegistration] | None = None
        for first in range(0, len(slots), DATES_PER_TRANSACTION):
            chunk = [self._new_occurrence(series, s) for s in slots[first:first + DATES_PER_TRANSACTION]]
            for occurrence_id in self._write_together(series, chunk):
                written.append(occurrence_id)
                if registrations is None:
                    registrations = self.store.registrations(series.id)
                for registration in registrations:
                    self._enrol(occurrence_id, registration)
        return written

    def _write_together(self, series: Event, chunk: list[Event]) -> list[str]:
        """The dates in one transaction; when another run wrote one of them meanwhile, or moderation changed
        the series, one by one (each is written once, hidden as its series is)."""
        try:
            self.store.materialise_many([(o, Seats(capacity=o.capacity)) for o in chunk])
            return [o.id for o in chunk]
        except ConditionFailed:
            return [o.id for o in chunk if self._write(series, o)]

    def run(self) -> dict[str, int]:
        """The daily run: every series with dates to come gets the dates the horizon now reaches, and its dates
        follow its moderation state again (should the pass after a moderation decision have failed)."""
        due = self.store.series_due(times.iso(self.now()))
        for series in due:
            self.store.follow_moderation(series.id, series.hidden)
        return {s.id: len(written) for s in due if (written := self.materialise(s))}

    def _new_occurrence(self, series: Event, slot: recurrence.Slot) -> Event:
        now = times.iso(self.now())
        return Event(**series.model_dump(exclude=NOT_COPIED), id=recurrence.occurrence_id(series.id, slot.date),
                     series_id=series.id, occurrence=slot.date, start=slot.start, end=slot.end,
                     status=EventStatus.SCHEDULED, sequence=0, updated_at=now,
                     # a date of a hidden series is written hidden (shown again when the series is restored)
                     hidden=series.hidden, hidden_with_series=True if series.hidden else None,
                     created_at=series.created_at)  # published with its series: digests announce a series once

    def _write(self, series: Event, occurrence: Event) -> bool:
        """Write a date (False when it was written already), hidden as its series is at the moment of the write:
        when moderation hid or restored the series since it was read, read it again."""
        for _ in range(MAX_ATTEMPTS):
            try:
                return self.store.materialise(occurrence, Seats(capacity=occurrence.capacity))
            except ConditionFailed:
                found = self.store.get(series.id)
                if found is None:
                    return False
                series = found[0]
                occurrence = occurrence.model_copy(update={
                    "hidden": series.hidden, "hidden_with_series": True if series.hidden else None})
        return False

    def _written(self, series: Event, day: str) -> tuple[recurrence.Slot, Event, Seats]:
        """The date's slot and event, written now if the horizon had not reached it yet."""
        slot = next((s for s in self.slots(series) if s.date == day), None)
        if slot is None:
            raise NotFound("occurrence_not_found")
        found = self.store.get(recurrence.occurrence_id(series.id, day))
        if found is None:
            occurrence = self._new_occurrence(series, slot)
            if self._write(series, occurrence):
                for registration in self.store.registrations(series.id):  # as the daily run would have
                    self._enrol(occurrence.id, registration)
            found = self.store.get(recurrence.occurrence_id(series.id, day))
            if found is None:
                raise NotFound("occurrence_not_found")
        return slot, *found

    # ------------------------------------------------------------ editing the series
    def create(self, principal: Principal, association_ref: str, data) -> tuple[Event, Seats]:
        event, seats, _, _ = self.create_once(principal, association_ref, data)
        return event, seats

    def create_once(self, principal: Principal, association_ref: str, data, *,
                    idempotency_key: str | None = None) -> tuple[Event, Seats, bool, list[str] | None]:
        """Publish an event or a series: whether it is new (see Events.create_once), and a series' dates that
        exist as events. A series and its first dates (all of a weekly one's) are one transaction, so a failure
        leaves nothing; the dates past those follow in order, DATES_PER_TRANSACTION to a transaction, so the
        dates written are always the first ones (the daily run, or a retry with the same key, writes the rest)."""
        event, seats, created = self.events.create_once(principal, association_ref, data,
                                                        idempotency_key=idempotency_key, dates=self._first_dates)
        if event.recurrence is None:
            return event, seats, created, None
        due = recurrence.within(self.slots(event), self.now())
        if created:
            self._write_dates(event, due[DATES_PER_TRANSACTION:], missing=True)
            return event, seats, created, [s.date for s in due]
        # A retry: complete what a failed attempt left (it wrote a prefix of the dates, or every one).
        ids = {s.date: recurrence.occurrence_id(event.id, s.date) for s in due}
        found = self.store.get_many(list(ids.values()))
        written = self._write_dates(event, [s for s in due if ids[s.date] not in found], missing=True)
        return event, seats, created, [s.date for s in due if ids[s.date] in found or ids[s.date] in written]

    def _first_dates(self, series: Event) -> list[tuple[Event, Seats]]:
        """The dates written in the series' own transaction."""
        first = recurrence.within(self.slots(series), self.now())[:DATES_PER_TRANSACTION]
        return [(self._new_occurrence(series, slot), Seats(capacity=series.capacity)) for slot in first]

    def update(self, principal: Principal, event_id: str, patch: EventPatch) -> tuple[Event, Seats]:
        current, _ = self.events.get(event_id)
        if current.recurrence is None:
            return self.events.update(principal, event_id, patch)
        capacity = patch.capacity if "capacity" in patch.model_fields_set else current.capacity
        if capacity is not None:
            self._check_capacity(current, capacity)
        updated, seats = self.events.update(principal, event_id, patch)
        if updated.sequence != current.sequence:
            self._propagate(current, updated)
            self.materialise(updated)
        return updated, seats

    def _check_capacity(self, series: Event, capacity: int) -> None:
        for _, seats in self._future_written(series).values():
            if seats.confirmed > capacity:
                raise Invalid("capacity", f"{seats.confirmed} people already have a seat on one date",
                              code="capacity_below_confirmed", confirmed=seats.confirmed)

    def _future_written(self, series: Event) -> dict[str, tuple[Event, Seats]]:
        now = times.iso(self.now())
        ids = [recurrence.occurrence_id(series.id, s.date) for s in recurrence.within(self.slots(series), self.now())]
        return {k: v for k, v in self.store.get_many(ids).items() if v[0].start > now}

    def _propagate(self, before: Event, after: Event) -> None:
        """The series' new fields reach its future dates; a date the new rule drops is deleted, or cancelled
        (its attendees are told) when people registered."""
        new_slots = {s.date: s for s in self.slots(after)}
        now = times.iso(self.now())
        for occurrence, seats in self._future_written(before).values():
            if occurrence.status == EventStatus.CANCELLED:
                continue
            slot = new_slots.get(occurrence.occurrence or "")
            if slot is None:
                self._drop(occurrence, seats, now)
                continue
            update = {k: getattr(after, k) for k in SHARED}
            if not occurrence.moved:
                update |= {"start": slot.start, "end": slot.end, "venue": after.venue}
            changed = sorted(k for k, v in update.items() if getattr(occurrence, k) != v)
            if not changed:
                continue
            updated = Event.model_validate(occurrence.model_dump() | update | {
                "sequence": occurrence.sequence + 1, "updated_at": now})
            self._save_date(occurrence, seats, updated, _changed, changed)

    def _save_date(self, occurrence: Event, seats: Seats, updated: Event,
                   event_for: Callable[..., DomainEvent], *more: Any) -> None:
        """Save a date the series changed (no editor check: the series' was made), with its bus event. When RSVPs
        changed its seats meanwhile (the figures' counts) the same change is made to a fresh read; a date edited
        meanwhile (or with seats taken beyond a smaller capacity) keeps its fields."""
        for _ in range(MAX_ATTEMPTS):
            figures, counts = figures_detail(occurrence, updated, seats)
            try:
                with self.events.publisher.staged([event_for(updated, *more, figures=figures)]):
                    self.store.save(updated, occurrence.sequence, editor_email=None,
                                    **({"counts": counts} if counts else {}))
                return
            except ConditionFailed as failed:
                found = self.store.get(occurrence.id) if counts and failed.which == "capacity" else None
                if found is None or found[0].sequence != occurrence.sequence:
                    return
                seats = found[1]

    def _drop(self, occurrence: Event, seats: Seats, now: str) -> None:
        try:
            self.store.delete(occurrence.id, occurrence.association_id, editor_email=None)
            return
        except ConditionFailed:
            pass  # people registered: cancel it, so they are told
        cancelled = occurrence.model_copy(update={
            "status": EventStatus.CANCELLED, "cancel_reason": DROPPED, "sequence": occurrence.sequence + 1,
            "updated_at": now})
        self._save_date(occurrence, seats, cancelled, _cancelled)

    def cancel(self, principal: Principal, event_id: str, reason: str) -> Event:
        """Cancel an event; an occurrence is one date of its series; a series is every date still to come."""
        current, record_seats = self.events.get(event_id)
        if current.series_id is not None and current.occurrence is not None:
            return self.cancel_date(principal, current.series_id, current.occurrence, reason, strict=True)
        if current.recurrence is None:
            return self.events.cancel(principal, event_id, reason)
        editor = editor_email(principal)
        now = times.iso(self.now())
        if current.status == EventStatus.CANCELLED:
            raise Conflict("event_already_cancelled")
        if (current.last_end or current.end) <= now:
            raise Conflict("event_ended")
        updated = current.model_copy(update={"status": EventStatus.CANCELLED, "cancel_reason": reason,
                                             "sequence": current.sequence + 1, "updated_at": now})
        # The series counted as one event in its first month: that goes (nobody registers for the series itself).
        figures, _ = figures_detail(current, updated, record_seats)
        with self.events.publisher.staged([_cancelled(updated, figures=figures)]):
            self.events._save(editor, updated, current.sequence)
        for occurrence, seats in self._future_written(current).values():
            if occurrence.status == EventStatus.CANCELLED:
                continue
            gone = occurrence.model_copy(update={"status": EventStatus.CANCELLED, "cancel_reason": reason,
                                                 "sequence": occurrence.sequence + 1, "updated_at": now})
            self._save_date(occurrence, seats, gone, _cancelled)
        return updated

    def delete(self, principal: Principal, event_id: str) -> None:
        current, _ = self.events.get(event_id)
        if current.series_id is not None:
            raise Conflict("occurrence_edit")
        if current.recurrence is None:
            self.events.delete(principal, event_id)
            return
        confirm_editor(self.store, current.association_id, editor_email(principal))  # before saying anything more
        written = self.store.get_many([recurrence.occurrence_id(current.id, s.date) for s in self.slots(current)])
        if any(e.status == EventStatus.SCHEDULED and (s.confirmed or s.waiting) for e, s in written.values()):
            raise Conflict("event_has_attendees")
        self.events.delete(principal, event_id)  # checks the editor
        for occurrence, _ in written.values():
            try:
                self.store.delete(occurrence.id, occurrence.association_id, editor_email=None)
            except ConditionFailed:
                continue

    # ------------------------------------------------------------ one date
    def cancel_date(self, principal: Principal, series_id: str, day: str, reason: str, *,
                    strict: bool = False) -> Event:
        """Cancel one date: only its attendees are told. Cancelling it again changes nothing (unless `strict`,
        the behaviour of cancelling the occurrence as an event)."""
        return _again(lambda: self._cancel_date(principal, series_id, day, reason, strict=strict))

    def _cancel_date(self, principal: Principal, series_id: str, day: str, reason: str, *, strict: bool) -> Event:
        editor = editor_email(principal)
        series = self.get(series_id)
        _, occurrence, seats = self._written(series, day)
        if occurrence.status == EventStatus.CANCELLED:
            if strict:
                raise Conflict("event_already_cancelled")
            confirm_editor(self.store, series.association_id, editor)
            return occurrence
        now = times.iso(self.now())
        if occurrence.end <= now:
            raise Conflict("event_ended")
        updated = occurrence.model_copy(update={"status": EventStatus.CANCELLED, "cancel_reason": reason,
                                                "sequence": occurrence.sequence + 1, "updated_at": now})
        exceptions = series.model_copy(update={"cancelled_dates": sorted({*series.cancelled_dates, day}),
                                               "sequence": series.sequence + 1, "updated_at": now})
        figures, counts = figures_detail(occurrence, updated, seats)
        with self.events.publisher.staged([_cancelled(updated, figures=figures)]):
            self._save(editor, exceptions, series, updated, occurrence, counts)
        return updated

    def move_date(self, principal: Principal, series_id: str, day: str, move: OccurrenceMove) -> Event:
        return _again(lambda: self._move_date(principal, series_id, day, move))

    def _move_date(self, principal: Principal, series_id: str, day: str, move: OccurrenceMove) -> Event:
        editor = editor_email(principal)
        series = self.get(series_id)
        _, occurrence, seats = self._written(series, day)
        if occurrence.status == EventStatus.CANCELLED:
            raise Conflict("occurrence_cancelled")
        start = _instant(move.start, series.timezone, "start")
        end = _instant(move.end, series.timezone, "end")
        if start <= self.now():
            raise Invalid("start", "the start must be in the future")
        if end <= start:
            raise Invalid("end", "the end must be after the start")
        if end - start > MAX_DURATION:
            raise Invalid("end", "an event lasts at most 31 days")
        if move.venue is not None:
            try:
                check_location(move.venue.region, move.venue.department, move.venue.postal_code)
            except Invalid as error:
                raise Invalid(f"venue.{error.details[0]['field']}", error.details[0]["message"]) from error
        now = times.iso(self.now())
        fields = {"start": times.iso(start), "end": times.iso(end), "venue": move.venue or series.venue}
        changed = sorted(k for k, v in fields.items() if getattr(occurrence, k) != v)
        if not changed:
            confirm_editor(self.store, series.association_id, editor)
            return occurrence
        updated = Event.model_validate(occurrence.model_dump() | fields | {
            "moved": True, "sequence": occurrence.sequence + 1, "updated_at": now})
        exceptions = series.model_copy(update={
            "moved_dates": series.moved_dates | {day: {"start": fields["start"], "end": fields["end"]}},
            "sequence": series.sequence + 1, "updated_at": now})
        figures, counts = figures_detail(occurrence, updated, seats)
        with self.events.publisher.staged([_changed(updated, changed, figures=figures)]):
            self._save(editor, exceptions, series, updated, occurrence, counts)
        return updated

    def restore_date(self, principal: Principal, series_id: str, day: str) -> Event:
        """Undo a cancellation, or else a move (the date returns to the series' time and venue)."""
        return _again(lambda: self._restore_date(principal, series_id, day))

    def _restore_date(self, principal: Principal, series_id: str, day: str) -> Event:
        editor = editor_email(principal)
        series = self.get(series_id)
        slot, occurrence, seats = self._written(series, day)
        now = times.iso(self.now())
        if occurrence.status == EventStatus.CANCELLED:
            if occurrence.end <= now:
                raise Conflict("event_ended")
            fields: dict = {"status": EventStatus.SCHEDULED, "cancel_reason": None}
            series_fields: dict = {"cancelled_dates": [d for d in series.cancelled_dates if d != day]}
            changed = ["status"]
        elif occurrence.moved:
            fields = {"start": slot.start, "end": slot.end, "venue": series.venue, "moved": False}
            series_fields = {"moved_dates": {d: v for d, v in series.moved_dates.items() if d != day}}
            changed = ["end", "start", "venue"]
        else:
            confirm_editor(self.store, series.association_id, editor)
            return occurrence
        updated = Event.model_validate(occurrence.model_dump() | fields | {
            "sequence": occurrence.sequence + 1, "updated_at": now})
        exceptions = series.model_copy(update=series_fields | {"sequence": series.sequence + 1, "updated_at": now})
        figures, counts = figures_detail(occurrence, updated, seats)
        with self.events.publisher.staged([_changed(updated, changed, figures=figures)]):
            self._save(editor, exceptions, series, updated, occurrence, counts)
        return updated

    def _save(self, editor: str | None, series: Event, series_before: Event, occurrence: Event,
              occurrence_before: Event, counts: tuple[int, int] | None = None) -> None:
        try:
            self.store.save_with_series(series, series_before.sequence, occurrence, occurrence_before.sequence,
                                        editor_email=editor, **({"counts": counts} if counts else {}))
        except ConditionFailed as failed:
            if failed.which == "editor":
                raise Forbidden() from failed
            if failed.which == "seats":
                raise SeatsChanged() from failed
            raise Conflict("concurrent_event_update") from failed

    # ------------------------------------------------------------ registering for every date
    def register(self, principal: Principal, series_id: str) -> tuple[bool, dict[str, str]]:
        """Register for every date: a seat where one is free, the waitlist elsewhere, and the dates written
        later too. Whether the registration is new, and the member's place on each date to come."""
        principal.require_verified_email()
        series = self.get(series_id, public=True)
        if series.status == EventStatus.CANCELLED:
            raise Conflict("event_cancelled")
        if series.recurrence is None or not series.recurrence.series_registration:
            raise Conflict("series_registration_not_allowed")
        registration = SeriesRegistration(series_id=series.id, member_id=principal.user_id,
                                          email=principal.email or "", name=principal.name,
                                          joined_at=times.iso(self.now()))
        created = self.store.register(registration)
        places = {}
        for occurrence, _ in self._future_written(series).values():
            status = self._enrol(occurrence.id, registration)
            if status:
                places[occurrence.id] = status
        return created, places

    def unregister(self, principal: Principal, series_id: str) -> None:
        """Leave every date still to come (each freed seat goes to that date's waitlist)."""
        series = self.get(series_id)
        if not self.store.unregister(series.id, principal.user_id):
            raise NotFound("series_registration_not_found")
        for occurrence, _ in self._future_written(series).values():
            try:
                self.rsvps.withdraw(occurrence.id, principal.user_id)
            except NotFound:
                continue

    def registration(self, principal: Principal, series_id: str) -> tuple[bool, dict[str, str]]:
        series = self.get(series_id, public=True)
        registered = self.store.registration(series.id, principal.user_id) is not None
        mine = self.store.rsvps_of(list(self._future_written(series)), principal.user_id)
        return registered, {event_id: rsvp.status.value for event_id, rsvp in mine.items()}

    def _enrol(self, occurrence_id: str, registration: SeriesRegistration) -> str | None:
        try:
            rsvp, _, _ = self.rsvps.enrol(occurrence_id, registration.member_id, registration.email,
                                          registration.name)
        except (Conflict, NotFound):
            return None  # that date is cancelled or closed
        return rsvp.status.value


def _changed(event: Event, changed: list[str], *, figures: dict[str, Any]) -> DomainEvent:
    return DomainEvent("EventChanged", {
        "event_id": event.id, "association_id": event.association_id, "sequence": event.sequence,
        "changed": changed, "start": event.start, "end": event.end, "status": event.status.value} | figures)


def _cancelled(event: Event, *, figures: dict[str, Any]) -> DomainEvent:
    return DomainEvent("EventCancelled", {
        "event_id": event.id, "association_id": event.association_id, "sequence": event.sequence,
        "start": event.start, "reason": event.cancel_reason or ""} | figures)
