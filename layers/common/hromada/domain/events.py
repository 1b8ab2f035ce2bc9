"""Event use cases: publish, edit, cancel, delete, find. RSVPs live in domain.rsvps."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from typing import Any

from hromada.auth import Principal
from hromada.domain import creation_keys, markdown, recurrence
from hromada.domain.associations import check_location
from hromada.domain.clock import new_id
from hromada.domain.event_ports import DomainEvent, EventQuery, EventStore, Publisher
from hromada.domain.figures import carried, moves_figures
from hromada.domain.ports import AssociationStore, ConditionFailed
from hromada.domain.publishing import confirm_editor, editor_email, validate_whole, verified_association
from hromada.domain.rsvps import Rsvps
from hromada.errors import Conflict, Forbidden, Invalid, NotFound
from hromada.models.common import Page
from hromada.models.event import Event, EventCreate, EventDraft, EventPatch, EventStatus, Seats
from hromada.reference import geography, times

ID_PREFIX = "ev"
MAX_DURATION = timedelta(days=31)
MAX_AHEAD = timedelta(days=3 * 366)
EDITABLE = tuple(EventDraft.model_fields)
FEED_LIMIT = 200  # events in one calendar feed (one Query)
FEED_PAST = timedelta(days=30)  # feeds keep recent events, so subscribers see late cancellations
MAX_ATTEMPTS = 5  # an edit that moves an event's figures is read again while RSVPs keep changing its seats


class SeatsChanged(Exception):
    """The seats changed between the read and the write that carries their counts: read again."""


class CampaignChanged(Exception):
    """The campaign changed (dates, archive) between checking the event's day against it and the write that
    attaches or moves the event: check again against the campaign as it is now."""


def figures_detail(before: Event, after: Event, seats: Seats) -> tuple[dict[str, Any], tuple[int, int] | None]:
    """What an event's change tells the figures (hromada.domain.figures), and the seat counts its write must be
    conditioned on: only when the change moves what the event holds (another month, cancelled or restored)."""
    detail: dict[str, Any] = {"previous_start": before.start, "previous_status": before.status.value}
    if not moves_figures(before.start, before.status.value, after.start, after.status.value):
        return detail, None
    counts = (seats.confirmed, seats.waiting)
    return detail | carried(*counts, occurrence=after.series_id is not None), counts


def utc_clock() -> datetime:
    return datetime.now(UTC)


def check_filters(region: str | None, department: str | None) -> str | None:
    """The region a listing reads (a department implies its region); Invalid when they disagree."""
    if department is not None:
        dept_region = geography.region_of_department(department)
        if dept_region is None:
            raise Invalid("department", f"unknown department code {department!r}")
        if region is not None and region != dept_region:
            raise Invalid("department", f"department {department} is not in region {region}")
        return dept_region
    if region is not None and not geography.is_region(region):
        raise Invalid("region", f"unknown INSEE region code {region!r}")
    return region


def bound(value: str | None, field: str, *, end: bool) -> str | None:
    """A listing's `from`/`to` as a UTC instant: a date alone is the whole day, Paris time (its first or last
    moment), a date-time without a zone is Paris time too."""
    if value is None:
        return None
    try:
        parsed: date | datetime = (date.fromisoformat(value) if len(value) == 10
                                   else datetime.fromisoformat(value.replace(" ", "T")))
        return times.iso(times.day_bound(parsed, end=end))
    except (ValueError, OverflowError) as error:
        raise Invalid(field, "not a valid date or date-time") from error


def window(start_from: str | None, start_to: str | None, now: datetime, *,
           feed: bool = False) -> tuple[str | None, str | None]:
    """The start times a listing reads. Upcoming by default: with neither bound given, a listing starts now
    and a calendar feed FEED_PAST ago (a calendar app must still see last week's event cancelled). A bound
    given is taken as it is, the other stays open (`to` alone reaches into the past)."""
    low, high = bound(start_from, "from", end=False), bound(start_to, "to", end=True)
    if low is None and high is None:
        low = times.iso(now - FEED_PAST if feed else now)
    return low, high


def _instant(value: datetime, zone_name: str, field: str) -> datetime:
    try:
        return times.to_utc(value, zone_name)
    except times.LocalTimeError as error:
        raise Invalid(field, str(error)) from error
    except (OverflowError, ValueError) as error:  # e.g. year 1 or 9999 moved across the date line
        raise Invalid(field, "out of range") from error


def schedule(draft: EventDraft, now: datetime, previous_start: str | None = None) -> tuple[str, str, str | None]:
    """Start, end and registration deadline as stored (UTC), after the rules the schema cannot state.
    A new start must be in the future; an unchanged one may be past (past events stay editable)."""
    start = _instant(draft.start, draft.timezone, "start")
    end = _instant(draft.end, draft.timezone, "end")
    if times.iso(start) != previous_start and start <= now:
        raise Invalid("start", "the start must be in the future")
    if start > now + MAX_AHEAD:
        raise Invalid("start", "the start must be within three years")
    if end <= start:
        raise Invalid("end", "the end must be after the start")
    if end - start > MAX_DURATION:
        raise Invalid("end", "an event lasts at most 31 days")
    deadline = None
    if draft.registration_deadline is not None:
        deadline = _instant(draft.registration_deadline, draft.timezone, "registration_deadline")
        if deadline > start:
            raise Invalid("registration_deadline", "the registration deadline must be at or before the start")
    return times.iso(start), times.iso(end), times.iso(deadline) if deadline else None


def check_details(draft: EventDraft) -> None:
    if draft.venue is None and draft.online_url is None:
        raise Invalid("venue", "give a venue, an online link, or both")
    if draft.venue is not None:
        venue = draft.venue
        try:
            check_location(venue.region, venue.department, venue.postal_code)
        except Invalid as error:
            field = error.details[0]["field"]
            raise Invalid(f"venue.{field}", error.details[0]["message"]) from error
    if draft.is_free and draft.price_cents is not None:
        raise Invalid("price_cents", "a free event has no price")
    if not draft.is_free and draft.price_cents is None and draft.ticket_url is None:
        raise Invalid("price_cents", "give a price or a ticket link, or mark the event free")


def series_dates(draft: EventDraft, start: str, end: str, deadline: str | None) -> dict[str, Any]:
    """A series' stored rule and span, its first date's times; nothing for a single event."""
    if draft.recurrence is None:
        return {}
    if deadline is not None:
        raise Invalid("registration_deadline", "each date of a series closes registration at its start")
    text, dates = recurrence.plan(draft.recurrence, start, end, draft.timezone)
    return {"rrule": text, "start": dates[0].start, "end": dates[0].end, "last_end": dates[-1].end}


def _editable(event: Event) -> dict[str, Any]:
    """The stored event in the shape of a draft (instants stay UTC, so they keep their meaning)."""
    return event.model_dump(include=set(EDITABLE), exclude_none=True)


class Events:
    def __init__(self, store: EventStore, associations: AssociationStore, publisher: Publisher,
                 now: Callable[[], datetime] = utc_clock, make_id: Callable[[str], str] = new_id,
                 campaign_check: Callable[[str, date], object] | None = None):
        # campaign_check(campaign_id, Paris day of the start): raises when the event may not be attached
        self.campaign_check = campaign_check
        self.store = store
        self.associations = associations
        self.publisher = publisher
        self.now = now
        self.make_id = make_id

    # ------------------------------------------------------------ reading
    def get(self, event_id: str) -> tuple[Event, Seats]:
        found = self.store.get(event_id)
        if found is None:
            raise NotFound("event_not_found")
        return found

    def public(self, event_id: str) -> tuple[Event, Seats]:
        """A hidden event does not exist for visitors."""
        event, seats = self.get(event_id)
        if event.hidden:
            raise NotFound("event_not_found")
        return event, seats

    def listing(self, query: EventQuery) -> Page[Event]:
        region = check_filters(query.region, query.department)
        if query.start_from and query.start_to and query.start_from > query.start_to:
            raise Invalid("to", "`to` must not be before `from`")
        found = self.store.list(replace(query, region=region))
        found.items = [e for e in found.items if not e.hidden]  # the page may be shorter: follow the cursor
        return found

    def upcoming_by_region(self) -> dict[str, int]:
        """How many events are coming up in each region (every region, zeros included): the map's numbers."""
        since = times.iso(self.now())
        counts = self.store.count_upcoming_by_region(since)
        return {code: counts.get(code, 0) for code in sorted(geography.REGIONS)}

    # ------------------------------------------------------------ writing
    def create(self, principal: Principal, association_ref: str, data: EventCreate) -> tuple[Event, Seats]:
        event, seats, _ = self.create_once(principal, association_ref, data)
        return event, seats

    def create_once(self, principal: Principal, association_ref: str, data: EventCreate, *,
                    idempotency_key: str | None = None,
                    dates: Callable[[Event], Sequence[tuple[Event, Seats]]] | None = None,
                    ) -> tuple[Event, Seats, bool]:
        """Publish an event (a series with the `dates(series)` written in the same transaction), and whether
        it is new: with an idempotency key, a retry of the same request gets the event it created (False)."""
        editor = editor_email(principal)
        association = verified_association(self.associations, association_ref)
        draft = validate_whole(EventDraft, data.model_dump())
        start, end, deadline = schedule(draft, self.now())
        check_details(draft)
        now = times.iso(self.now())
        series = series_dates(draft, start, end, deadline)
        start, end = series.pop("start", start), series.pop("end", end)
        keyed = {} if idempotency_key is None else {
            "id": creation_keys.keyed_id(ID_PREFIX, principal.user_id, association.id, idempotency_key),
            "request_fingerprint": creation_keys.fingerprint(idempotency_key, data.model_dump(mode="json"))}
        event = Event(
            **draft.model_dump(exclude={"start", "end", "registration_deadline"}), **series,
            start=start, end=end, registration_deadline=deadline,
            description_html=markdown.to_html_by_language(draft.description.model_dump(exclude_none=True)),
            id=self.make_id(ID_PREFIX), association_id=association.id, association_name=association.name,
            association_slug=association.slug, status=EventStatus.SCHEDULED, sequence=0,
            created_at=now, updated_at=now, created_by=principal.user_id,
        ).model_copy(update=keyed)
        seats = Seats(capacity=event.capacity)
        published = [DomainEvent("EventPublished", {  # for webhooks (no mail goes out on publication)
            "event_id": event.id, "association_id": event.association_id, "sequence": 0, "start": event.start,
            "end": event.end, "status": event.status.value})]
        with_dates = {"dates": dates(event)} if dates is not None and event.recurrence is not None else {}
        for _ in range(MAX_ATTEMPTS):
            campaign = self._check_campaign(event)
            try:
                with self.publisher.staged(published):
                    self.store.create(event, seats, editor_email=editor, **with_dates, **campaign)
            except ConditionFailed as failed:
                if failed.which == "editor":
                    raise Forbidden() from failed
                if failed.which == "campaign" and campaign:
                    continue  # the campaign changed since its dates were checked: check them again
                if failed.which == "campaign":
                    raise Invalid("campaign_id", "this campaign is archived", code="campaign_archived") from failed
                if failed.which in ("exists", "dates") and event.request_fingerprint is not None:
                    return self._created_before(event, principal)
                raise Conflict("association_not_verified") from failed
            return event, seats, True
        raise Conflict("concurrent_campaign_update")

    def _created_before(self, event: Event, principal: Principal) -> tuple[Event, Seats, bool]:
        """A retry: the event its first attempt created, unless the key was used for another request."""
        found = self.store.get_consistent(event.id)
        if found is None or found[0].created_by != principal.user_id or \
                found[0].request_fingerprint != event.request_fingerprint:
            raise Conflict("idempotency_key_reused")
        return found[0], found[1], False

    def update(self, principal: Principal, event_id: str, patch: EventPatch) -> tuple[Event, Seats]:
        for _ in range(MAX_ATTEMPTS):
            try:
                return self._update(principal, event_id, patch)
            except (SeatsChanged, CampaignChanged):
                continue
        raise Conflict("concurrent_event_update")

    def _update(self, principal: Principal, event_id: str, patch: EventPatch) -> tuple[Event, Seats]:
        current, seats = self.get(event_id)
        editor = editor_email(principal)
        changes = patch.model_dump(exclude_unset=True)
        if current.series_id is not None:
            raise Conflict("occurrence_edit")  # one date is moved or cancelled; the rest is the series'
        draft = validate_whole(EventDraft, _editable(current) | changes)
        if (draft.recurrence is None) != (current.recurrence is None):
            raise Invalid("recurrence", "a series stays a series and a single event stays single")
        start, end, deadline = schedule(draft, self.now(), previous_start=current.start)
        check_details(draft)
        series = series_dates(draft, start, end, deadline)
        start, end = series.pop("start", start), series.pop("end", end)
        if draft.capacity is not None and draft.capacity < seats.confirmed:
            raise Invalid("capacity", f"{seats.confirmed} people already have a seat",
                          code="capacity_below_confirmed", confirmed=seats.confirmed)
        fields = draft.model_dump(exclude={"start", "end", "registration_deadline"}) | series | {
            "start": start, "end": end, "registration_deadline": deadline}
        if "description" in changes:
            fields["description_html"] = markdown.to_html_by_language(
                draft.description.model_dump(exclude_none=True))
        before = current.model_dump()
        changed = sorted(k for k, v in fields.items() if k in EDITABLE and before.get(k) != v)
        if not changed:
            confirm_editor(self.store, current.association_id, editor)  # nothing to write, but still only theirs
            return current, seats
        updated = Event.model_validate(before | fields | {
            "sequence": current.sequence + 1, "updated_at": times.iso(self.now())})
        attaching = bool(updated.campaign_id) and updated.campaign_id != current.campaign_id
        campaign: dict[str, int] = {}
        if updated.campaign_id and (attaching or updated.start != current.start):
            campaign = self._check_campaign(updated)
        figures, counts = figures_detail(current, updated, seats)
        with self.publisher.staged([DomainEvent("EventChanged", {
                "event_id": updated.id, "association_id": updated.association_id, "sequence": updated.sequence,
                "changed": changed, "start": updated.start, "end": updated.end, "status": updated.status.value}
                | figures)]):
            self._save(editor, updated, current.sequence, counts=counts, attaching=attaching,
                       detaching=bool(current.campaign_id) and not updated.campaign_id, **campaign)
        seats = seats.model_copy(update={"capacity": updated.capacity})
        # More seats than before: the waitlist moves up now, in order.
        if seats.waiting and seats.has_room and Rsvps(self.store, self.publisher, self.now).fill(updated.id):
            seats = self.get(updated.id)[1]
        return updated, seats

    def cancel(self, principal: Principal, event_id: str, reason: str) -> Event:
        for _ in range(MAX_ATTEMPTS):
            try:
                return self._cancel(principal, event_id, reason)
            except SeatsChanged:
                continue
        raise Conflict("concurrent_event_update")

    def _cancel(self, principal: Principal, event_id: str, reason: str) -> Event:
        current, seats = self.get(event_id)
        editor = editor_email(principal)
        if current.status == EventStatus.CANCELLED:
            raise Conflict("event_already_cancelled")
        if current.end <= times.iso(self.now()):
            raise Conflict("event_ended")
        updated = current.model_copy(update={
            "status": EventStatus.CANCELLED, "cancel_reason": reason, "sequence": current.sequence + 1,
            "updated_at": times.iso(self.now())})
        figures, counts = figures_detail(current, updated, seats)
        with self.publisher.staged([DomainEvent("EventCancelled", {
                "event_id": updated.id, "association_id": updated.association_id, "sequence": updated.sequence,
                "start": updated.start, "reason": reason} | figures)]):
            self._save(editor, updated, current.sequence, counts=counts)
        return updated

    def delete(self, principal: Principal, event_id: str) -> None:
        editor = editor_email(principal)
        for _ in range(MAX_ATTEMPTS):
            found = self.store.get_for_deletion(event_id)
            if found is None:
                raise NotFound("event_not_found")
            current, _, rest = found
            # The figures lose what it held: a scheduled event can only go without registrations (the store's
            # condition), a cancelled one holds nothing any more. Conditioned on the version read.
            deleted = DomainEvent("EventDeleted", {
                "event_id": current.id, "association_id": current.association_id, "start": current.start,
                "status": current.status.value} | carried(0, 0, occurrence=current.series_id is not None))
            try:
                with self.publisher.staged([deleted]):
                    self.store.delete(current.id, current.association_id, editor_email=editor, rest=rest,
                                      sequence=current.sequence)
                return
            except ConditionFailed as failed:
                if failed.which == "editor":
                    raise Forbidden() from failed
                if failed.which == "attendees":
                    raise Conflict("event_has_attendees") from failed
                continue  # gone, or changed since it was read: read again
        raise Conflict("concurrent_event_update")

    # ------------------------------------------------------------ helpers

    def _check_campaign(self, event: Event) -> dict[str, int]:
        """Raises when the event may not be in its campaign; else the campaign version its day was checked
        against, for the write to condition on ({} when there is nothing to check)."""
        if event.campaign_id and self.campaign_check is not None:
            start = datetime.fromisoformat(event.start.replace("Z", "+00:00"))
            campaign = self.campaign_check(event.campaign_id, start.astimezone(times.zone(event.timezone)).date())
            version = getattr(campaign, "version", None)
            if isinstance(version, int):
                return {"campaign_version": version}
        return {}

    def _save(self, editor: str | None, updated: Event, expected_sequence: int,
              counts: tuple[int, int] | None = None, campaign_version: int | None = None,
              **campaign: bool) -> None:
        more: dict[str, Any] = {k: v for k, v in campaign.items() if v} | ({"counts": counts} if counts else {}) \
            | ({"campaign_version": campaign_version} if campaign_version is not None else {})
        try:
            self.store.save(updated, expected_sequence, editor_email=editor, **more)
        except ConditionFailed as failed:
            if failed.which == "editor":
                raise Forbidden() from failed
            if failed.which == "capacity" and counts is not None:
                raise SeatsChanged() from failed
            if failed.which == "campaign" and campaign_version is not None:
                raise CampaignChanged() from failed
            if failed.which == "campaign":
                raise Invalid("campaign_id", "this campaign is archived", code="campaign_archived") from failed
            if failed.which == "capacity":
                confirmed = self.get(updated.id)[1].confirmed
                raise Invalid("capacity", f"{confirmed} people already have a seat",
                              code="capacity_below_confirmed", confirmed=confirmed) from failed
            raise Conflict("concurrent_event_update") from failed

