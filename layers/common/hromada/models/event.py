"""Events and RSVPs: what editors send, what is stored, what the API shows."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Annotated

from pydantic import AfterValidator, Field, StrictBool, StringConstraints, model_validator

from hromada.models.association import AssociationRef, DepartmentCode, Language, Languages, PostalCode, RegionCode
from hromada.models.claim import FactCheckNotice
from hromada.models.common import HttpsUrl, Model, Strict, single_line, text
from hromada.models.event_category import EventCategory
from hromada.models.localized import LocalizedMarkdown, LocalizedTitle
from hromada.models.picture import Picture
from hromada.models.recurrence import Recurrence
from hromada.reference import times

CampaignRef = Annotated[str, StringConstraints(pattern=r"^cp_[0-9a-f]{20}$")]


class EventStatus(StrEnum):
    SCHEDULED = "scheduled"
    CANCELLED = "cancelled"


class RsvpStatus(StrEnum):
    CONFIRMED = "confirmed"
    WAITLISTED = "waitlisted"


def _known_zone(name: str) -> str:
    times.zone(name)
    return name


TimeZone = Annotated[str, StringConstraints(max_length=64, pattern=times.ZONE_PATTERN),
                     AfterValidator(_known_zone)]
EventCategories = Annotated[list[EventCategory], Field(min_length=1, max_length=5)]
Capacity = Annotated[int, Field(ge=1, le=100_000, description="Seats; RSVPs beyond it join the waitlist")]
PriceCents = Annotated[int, Field(ge=1, le=1_000_000, description="Price in euro cents")]
WHEN = ("Date and time: with an offset (2026-05-01T17:00:00Z), or without one, read as wall-clock time "
        "in `timezone`")


Latitude = Annotated[float, Field(ge=-90, le=90, allow_inf_nan=False, description="WGS 84 latitude (degrees)")]
Longitude = Annotated[float, Field(ge=-180, le=180, allow_inf_nan=False, description="WGS 84 longitude (degrees)")]


class Venue(Strict):
    name: single_line(1, 150)
    address: text(1, 200)
    city: single_line(1, 100)
    postal_code: PostalCode
    department: DepartmentCode
    region: RegionCode = Field(description="INSEE region code, e.g. 76")
    latitude: Latitude | None = Field(None, description="Where the venue is, for a map (with `longitude`)")
    longitude: Longitude | None = Field(None, description="With `latitude`")

    @model_validator(mode="after")
    def _both_coordinates(self) -> Venue:
        if (self.latitude is None) != (self.longitude is None):
            raise ValueError("give both latitude and longitude, or neither")
        if self.latitude is not None:  # a few centimetres is plenty for a map pin
            self.latitude, self.longitude = round(self.latitude, 6), round(self.longitude, 6)
        return self


class _EventFields(Strict):
    """Fields an editor controls (shared by create and the merged result of a patch)."""

    title: LocalizedTitle
    description: LocalizedMarkdown
    start: datetime = Field(description=WHEN)
    end: datetime = Field(description=WHEN)
    timezone: TimeZone = Field(times.DEFAULT_ZONE, description="IANA time zone of the event")
    venue: Venue | None = Field(None, description="Where it happens; a venue, an online link, or both")
    online_url: HttpsUrl | None = None
    categories: EventCategories
    languages: Languages = Field(default_factory=lambda: [Language.UK, Language.FR])
    is_free: StrictBool = True
    price_cents: PriceCents | None = None
    ticket_url: HttpsUrl | None = None
    image_url: HttpsUrl | None = None
    capacity: Capacity | None = None
    registration_required: StrictBool = False
    campaign_id: CampaignRef | None = Field(None, description="A running or coming campaign (cp_...) the event "
                                                               "takes part in; its start within the campaign's window")
    registration_deadline: datetime | None = Field(None, description="RSVPs close then (at the start at the "
                                                                     "latest). " + WHEN)
    recurrence: Recurrence | None = Field(None, description="How the event repeats (null: once)")

    @model_validator(mode="after")
    def _unique_lists(self) -> _EventFields:
        self.categories = list(dict.fromkeys(self.categories))
        self.languages = list(dict.fromkeys(self.languages))
        return self


class EventCreate(_EventFields):
    pass


class EventDraft(_EventFields):
    """The editable fields after a patch is merged, validated as a whole."""


class EventPatch(Strict):
    title: LocalizedTitle | None = None
    description: LocalizedMarkdown | None = None
    start: datetime | None = Field(None, description=WHEN)
    end: datetime | None = Field(None, description=WHEN)
    timezone: TimeZone | None = None
    venue: Venue | None = None
    online_url: HttpsUrl | None = None
    categories: EventCategories | None = None
    languages: Languages | None = None
    is_free: StrictBool | None = None
    price_cents: PriceCents | None = None
    ticket_url: HttpsUrl | None = None
    image_url: HttpsUrl | None = None
    capacity: Capacity | None = Field(None, description="null removes the limit")
    registration_required: StrictBool | None = None
    registration_deadline: datetime | None = None
    campaign_id: CampaignRef | None = Field(None, description="null detaches the event from its campaign")
    recurrence: Recurrence | None = Field(None, description="A series' rule (a series stays a series)")


class OccurrenceMove(Strict):
    """One date of a series moved: its own times, and optionally its own venue."""

    start: datetime = Field(description=WHEN)
    end: datetime = Field(description=WHEN)
    venue: Venue | None = Field(None, description="Where this date happens (default: the series' venue)")


class CancelRequest(Strict):
    reason: text(3, 1000) = Field(description="Why; shown to attendees")


class Event(Model):
    """The stored record (domain entity). Instants are UTC ISO-8601 strings."""

    model_config = {"extra": "ignore"}

    id: str
    association_id: str
    association_name: str
    association_slug: str
    title: dict[str, str]
    description: dict[str, str]
    description_html: dict[str, str]
    start: str
    end: str
    timezone: str
    venue: Venue | None = None
    online_url: str | None = None
    categories: list[EventCategory]
    languages: list[Language]
    is_free: bool = True
    price_cents: int | None = None
    ticket_url: str | None = None
    image_url: str | None = None
    capacity: int | None = None
    registration_required: bool = False
    registration_deadline: str | None = None
    status: EventStatus = EventStatus.SCHEDULED
    cancel_reason: str | None = None
    sequence: int = 0
    created_at: str
    updated_at: str
    created_by: str
    hidden: bool = False  # hidden by moderation (reports or a moderator): gone for the public
    # Why it is hidden, each present only while true (`hidden` is their union): a moderation decision or
    # reports on this event itself, or its series being hidden. Restoring one keeps the other.
    hidden_on_its_own: bool | None = None
    hidden_with_series: bool | None = None
    picture: Picture | None = None  # the poster, set through /pictures
    # A series: its rule (as given and as an RRULE) and the dates changed one by one.
    recurrence: Recurrence | None = None
    rrule: str | None = None
    cancelled_dates: list[str] = Field(default_factory=list)
    moved_dates: dict[str, dict[str, str]] = Field(default_factory=dict)  # date -> start/end (UTC)
    last_end: str | None = None  # when the series' last date ends
    # An occurrence of a series: which series and which of its dates; moved when its times are its own.
    series_id: str | None = None
    occurrence: str | None = None
    moved: bool = False
    campaign_id: str | None = None
    # Created with an Idempotency-Key: a digest of that key and the request's body, so a retry is told apart
    # from another request reusing the key (stored only, never shown).
    request_fingerprint: str | None = None

    @property
    def registration_closes(self) -> str:
        return min(self.registration_deadline or self.start, self.start)


class Seats(Model):
    """The counters every RSVP write is conditioned on."""

    capacity: int | None = None
    confirmed: int = 0
    waiting: int = 0
    open: bool = True

    @property
    def has_room(self) -> bool:
        return self.capacity is None or self.confirmed < self.capacity


class SeatsOut(Model):
    capacity: int | None
    confirmed: int
    waitlisted: int
    available: int | None = Field(description="Free seats; null when the event has no limit")


class EventOut(Model):
    """What the API shows. Built field by field: nothing leaks that is not listed here."""

    id: str
    association: AssociationRef
    title: dict[str, str]
    description: dict[str, str] = Field(description="Markdown source by language")
    description_html: dict[str, str] = Field(description="Sanitised HTML by language")
    start: str = Field(description="UTC")
    end: str = Field(description="UTC")
    timezone: str
    start_local: str = Field(description="Wall-clock time with its offset in the event's time zone")
    end_local: str
    venue: Venue | None
    online_url: str | None
    categories: list[EventCategory]
    languages: list[Language]
    is_free: bool
    price_cents: int | None
    ticket_url: str | None
    image_url: str | None
    capacity: int | None
    registration_required: bool
    registration_deadline: str | None
    status: EventStatus
    cancel_reason: str | None
    sequence: int = Field(description="Bumped on every change (the iCalendar SEQUENCE)")
    seats: SeatsOut | None = Field(None, description="Shown on the event itself, not in lists")
    created_at: str
    updated_at: str
    picture: Picture | None = Field(None, description="The poster")
    recurrence: Recurrence | None = Field(None, description="A series: how it repeats (see /occurrences)")
    series_id: str | None = Field(None, description="An occurrence: the series it belongs to")
    occurrence: str | None = Field(None, description="An occurrence: its date as the series' rule gives it")
    fact_checks: list[FactCheckNotice] = Field(default_factory=list, description="Claims its links spread, "
                                               "with their verdict and where to read the fact-check")
    campaign_id: str | None = Field(None, description="The campaign it takes part in")
    dates_written: list[str] | None = Field(
        None, description="A series, in the answer to its creation: its dates (YYYY-MM-DD, as the rule gives them) "
                          "that exist as events now, every one within the 12-week horizon; later dates are written "
                          "by the daily run")

    @classmethod
    def of(cls, e: Event, seats: Seats | None = None) -> EventOut:
        return cls(
            id=e.id, association=AssociationRef(id=e.association_id, name=e.association_name,
                                                slug=e.association_slug),
            title=e.title, description=e.description, description_html=e.description_html,
            start=e.start, end=e.end, timezone=e.timezone, start_local=times.local(e.start, e.timezone),
            end_local=times.local(e.end, e.timezone), venue=e.venue, online_url=e.online_url,
            categories=e.categories, languages=e.languages, is_free=e.is_free, price_cents=e.price_cents,
            ticket_url=e.ticket_url, image_url=e.image_url, capacity=e.capacity,
            registration_required=e.registration_required, registration_deadline=e.registration_deadline,
            status=e.status, cancel_reason=e.cancel_reason, sequence=e.sequence,
            seats=None if seats is None else SeatsOut(
                capacity=seats.capacity, confirmed=seats.confirmed, waitlisted=seats.waiting,
                available=None if seats.capacity is None else max(seats.capacity - seats.confirmed, 0)),
            created_at=e.created_at, updated_at=e.updated_at, picture=e.picture, campaign_id=e.campaign_id,
            recurrence=e.recurrence, series_id=e.series_id, occurrence=e.occurrence,
        )


class EventCountsOut(Model):
    """Upcoming events by region."""

    regions: dict[str, int] = Field(description="INSEE region code -> scheduled events starting from now",
                                    examples=[{"11": 4, "76": 3, "94": 0}])
    total: int = Field(description="Sum over the regions (online-only events excluded)")


class Rsvp(Model):
    """One member's registration to one event (stored)."""

    model_config = {"extra": "ignore"}

    event_id: str
    member_id: str
    email: str
    name: str | None = None
    status: RsvpStatus
    joined_at: str  # also the waitlist order
    promoted_at: str | None = None
    # Which request wrote it: a retried write recognises its own work, two clicks in one millisecond do not.
    attempt: str | None = None


class RsvpOut(Model):
    event_id: str
    status: RsvpStatus
    position: int | None = Field(description="Place on the waitlist (1 = next to get a seat); null when confirmed")
    joined_at: str
    promoted_at: str | None


class RsvpState(StrEnum):
    CONFIRMED = "confirmed"
    WAITLISTED = "waitlisted"
    NONE = "none"


class RsvpStateOut(Model):
    """The caller's own RSVP; `none` (and null fields) when they have not registered."""

    event_id: str
    status: RsvpState
    position: int | None = Field(description="Place on the waitlist (1 = next to get a seat); null otherwise")
    joined_at: str | None
    promoted_at: str | None


class AttendeeOut(Model):
    name: str | None
    email: str
    status: RsvpStatus
    position: int | None
    joined_at: str
    promoted_at: str | None


class AttendeesOut(Model):
    event_id: str
    capacity: int | None
    confirmed: int
    waitlisted: int
    items: list[AttendeeOut] = Field(description="Confirmed first (by time of RSVP), then the waitlist in order")
