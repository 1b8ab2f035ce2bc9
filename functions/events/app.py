"""Events API: find events, publish and edit them, RSVP, attendees, iCalendar feeds."""

from __future__ import annotations

import gc

gc.disable()  # during init only: hromada.coldstart.init_done() resumes it, last

import re
from datetime import date
from functools import cache
from typing import Annotated, Any, Literal

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.openapi.params import Header, Path, Query

from hromada import api
from hromada.api import CONFLICT, ERRORS_PUBLIC, ERRORS_SIGNED_IN, NOT_FOUND, SIGNED_IN, documented
from hromada.attendees import attendees, attendees_csv
from hromada.bus import OutboxPublisher
from hromada.coldstart import init_done
from hromada.domain.event_ports import EventQuery
from hromada.domain.events import FEED_LIMIT, Events, window
from hromada.domain.rsvps import Rsvps
from hromada.domain.series import Series
from hromada.errors import NotFound
from hromada.i18n import negotiate
from hromada.models import ids
from hromada.models.association import DepartmentCode, Language, RegionCode
from hromada.models.common import Limit, Page
from hromada.models.event import (
    AttendeesOut,
    CancelRequest,
    EventCategory,
    EventCountsOut,
    EventCreate,
    EventOut,
    EventPatch,
    OccurrenceMove,
    RsvpOut,
    RsvpState,
    RsvpStateOut,
)
from hromada.models.recurrence import (
    OccurrenceCancel,
    OccurrenceOut,
    OccurrencesOut,
    SeriesRegistrationOut,
)
from hromada.observability import metrics
from hromada.reference.text import fold
from hromada.settings import get_settings
from hromada.store.associations import DynamoAssociationStore
from hromada.store.client import dynamodb
from hromada.store.events import DynamoEventStore
from hromada.store.series import DynamoSeriesStore

app = api.create_app()
TAGS = ["events"]

EventId = Annotated[str, Path(pattern=ids.EVENT, description="Event id (ev_...)")]
EventIdOrIcs = Annotated[str, Path(pattern=ids.EVENT.removesuffix("$") + r"(\.ics)?$",
                                   description="Event id; with .ics, the event as iCalendar")]
AssociationRef = Annotated[str, Path(min_length=3, max_length=80, description="Association id (as_...) or slug")]
AssociationId = Annotated[str, Path(pattern=ids.ASSOCIATION, description="Association id (as_...)")]
BOUND = r"^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})?)?$"
BOUND_HELP = "A date (the whole day, Paris time) or a date-time; bounds the start time"
IdempotencyKey = Annotated[str | None, Header(
    pattern=r"^[A-Za-z0-9_.:-]{8,100}$",
    description="Any unique string of yours (a UUID): a retry with the same key creates nothing twice")]
CalendarLang = Annotated[Literal["fr", "uk", "en"] | None,
                         Query(description="Language of the texts (default: Accept-Language)")]
CALENDAR = {"text/calendar": {"schema": {"type": "string", "description": "RFC 5545 iCalendar"}}}


def calendar_doc(description: str) -> dict[int, Any]:
    return {200: {"description": description, "content": CALENDAR}, **ERRORS_PUBLIC}


@cache
def events() -> Events:
    return Events(DynamoEventStore(), DynamoAssociationStore(), OutboxPublisher(), campaign_check=_campaign_check)


def _campaign_check(campaign_id: str, day: date) -> object:
    from hromada.domain.campaigns import Campaigns
    from hromada.store.campaigns import DynamoCampaignStore

    return Campaigns(DynamoCampaignStore()).attachable(campaign_id, day)


@cache
def rsvps() -> Rsvps:
    return Rsvps(DynamoEventStore(), OutboxPublisher())


@cache
def series() -> Series:
    return Series(events(), DynamoSeriesStore(), rsvps())


def _query(*, region, department, association, category, language, q, online, start_from, start_to, order,
           limit, cursor, feed: bool = False) -> EventQuery:
    low, high = window(start_from, start_to, events().now(), feed=feed)
    return EventQuery(region=region, department=department, association_id=association,
                      category=category.value if category else None, language=language.value if language else None,
                      text=fold(q) if q else None, online=online, start_from=low, start_to=high,
                      descending=order == "desc", limit=limit, cursor=cursor)


def _lang(lang: str | None) -> str:
    return lang or negotiate(app.current_event.headers.get("accept-language"))


def _ics(body: bytes, filename: str) -> Response[str]:
    return Response(200, "text/calendar; charset=utf-8", body.decode("utf-8"),
                    headers={"Cache-Control": "public, max-age=300",
                             "Content-Disposition": f'inline; filename="{filename}"'})


def _rsvp_out(rsvp, position) -> RsvpOut:
    return RsvpOut(event_id=rsvp.event_id, status=rsvp.status, position=position, joined_at=rsvp.joined_at,
                   promoted_at=rsvp.promoted_at)


# ---------------------------------------------------------------- finding events
def with_fact_checks(found: list[tuple[Any, Any]]) -> list[EventOut]:
    """The events as shown, each with the notices of the claims its links spread (one read for all)."""
    from hromada.claim_notices import notices
    from hromada.domain.claims import links_in

    marked = notices({e.id: links_in(e.description_html, e.online_url, e.ticket_url) for e, _ in found})
    return [EventOut.of(e, seats).model_copy(update={"fact_checks": marked.get(e.id, [])}) for e, seats in found]



@app.get("/events", tags=TAGS, summary="Find events (upcoming by default), sorted by start time",
         responses=documented(200, "A page of events (it may hold fewer than `limit`: follow next_cursor)",
                              ERRORS_PUBLIC))
def list_events(
    region: Annotated[RegionCode | None, Query(description="INSEE region code of the venue, e.g. 76")] = None,
    department: Annotated[DepartmentCode | None, Query(description="Department code of the venue")] = None,
    association: Annotated[str | None, Query(pattern=ids.ASSOCIATION, description="Association id")] = None,
    category: Annotated[EventCategory | None, Query()] = None,
    language: Annotated[Language | None, Query(description="A language spoken at the event")] = None,
    q: Annotated[str | None, Query(min_length=2, max_length=100, description="Free text")] = None,
    online: Annotated[bool | None, Query(description="true: with an online link; false: with a venue")] = None,
    start_from: Annotated[str | None, Query(alias="from", pattern=BOUND, description=BOUND_HELP)] = None,
    start_to: Annotated[str | None, Query(alias="to", pattern=BOUND, description=BOUND_HELP)] = None,
    order: Annotated[Literal["asc", "desc"], Query(description="By start time")] = "asc",
    limit: Annotated[Limit, Query()] = 20,
    cursor: Annotated[str | None, Query(max_length=1000)] = None,
) -> Response[Page[EventOut]]:
    query = _query(region=region, department=department, association=association, category=category,
                   language=language, q=q, online=online, start_from=start_from, start_to=start_to, order=order,
                   limit=limit, cursor=cursor)
    found = events().listing(query)
    page = Page[EventOut](items=with_fact_checks([(e, None) for e in found.items]), next_cursor=found.next_cursor)
    return Response(200, "application/json", page, headers={"Cache-Control": "public, max-age=60"})


@app.get("/events/counts", tags=TAGS, summary="How many events are coming up in each region (the map's numbers)",
         description="Scheduled events with a venue, starting from now, by the venue's INSEE region code; every "
                     "region is listed, with 0 when nothing is planned. Online-only events have no region.",
         responses=documented(200, "Upcoming events by region", ERRORS_PUBLIC))
def count_events() -> Response[EventCountsOut]:
    counts = events().upcoming_by_region()
    return Response(200, "application/json", EventCountsOut(regions=counts, total=sum(counts.values())),
                    headers={"Cache-Control": "public, max-age=60"})


@app.get("/events.ics", tags=TAGS, summary="Events as an iCalendar feed (the filters of GET /events)",
         description="Upcoming events and those of the last 30 days unless `from`/`to` say otherwise; "
                     f"at most {FEED_LIMIT}.",
         responses=calendar_doc("An iCalendar feed"))
def events_calendar(
    region: Annotated[RegionCode | None, Query()] = None,
    department: Annotated[DepartmentCode | None, Query()] = None,
    association: Annotated[str | None, Query(pattern=ids.ASSOCIATION)] = None,
    category: Annotated[EventCategory | None, Query()] = None,
    language: Annotated[Language | None, Query()] = None,
    q: Annotated[str | None, Query(min_length=2, max_length=100)] = None,
    online: Annotated[bool | None, Query()] = None,
    start_from: Annotated[str | None, Query(alias="from", pattern=BOUND, description=BOUND_HELP)] = None,
    start_to: Annotated[str | None, Query(alias="to", pattern=BOUND, description=BOUND_HELP)] = None,
    lang: CalendarLang = None,
) -> Response[str]:
    from hromada.ical import calendar

    query = _query(region=region, department=department, association=association, category=category,
                   language=language, q=q, online=online, start_from=start_from, start_to=start_to, order="asc",
                   limit=FEED_LIMIT, cursor=None, feed=True)
    found = events().listing(query)
    return _ics(calendar(found.items, name="Hromada", lang=_lang(lang)), "hromada.ics")


@app.get("/associations/<id>/events.ics", tags=TAGS, summary="An association's events as an iCalendar feed",
         description=f"Upcoming events and those of the last 30 days; at most {FEED_LIMIT}. "
                     "An unknown association has an empty calendar.",
         responses=calendar_doc("An iCalendar feed"))
def association_calendar(id: AssociationId, lang: CalendarLang = None) -> Response[str]:
    from hromada.ical import calendar

    start_from, _ = window(None, None, events().now(), feed=True)
    query = EventQuery(association_id=id, start_from=start_from, limit=FEED_LIMIT)
    found = events().listing(query)
    name = found.items[0].association_name if found.items else "Hromada"
    return _ics(calendar(found.items, name=name, lang=_lang(lang)), f"{id}.ics")


@app.get("/events/<id>", tags=TAGS, summary="One event (past ones stay readable); /events/{id}.ics: iCalendar",
         responses={200: {"description": "The event, with its seats",
                          "content": {"application/json": {"model": EventOut}, **CALENDAR}},
                    **ERRORS_PUBLIC, **NOT_FOUND})
def get_event(id: EventIdOrIcs, lang: CalendarLang = None) -> Response[EventOut | str]:
    if id.endswith(".ics"):
        from hromada.ical import calendar

        event, _ = events().public(id.removesuffix(".ics"))
        moved = series().moved_occurrences(event) if event.recurrence is not None else []
        return _ics(calendar([event], name=event.association_name, lang=_lang(lang), moved=moved), id)
    event, seats = events().public(id)
    return Response(200, "application/json", with_fact_checks([(event, seats)])[0],
                    headers={"Cache-Control": "public, max-age=30"})


@app.get("/share/events/<id>", tags=TAGS, summary="A shared event: its Open Graph and Twitter card for link previews",
         description="HTML for social networks' crawlers (title, date and place, picture); people are sent on to "
                     "the web client's page of the event. 404 (an HTML page) for an unknown or hidden event.",
         responses={200: {"description": "The event's share page",
                          "content": {"text/html": {"schema": {"type": "string"}}}},
                    404: {"description": "No such public event",
                          "content": {"text/html": {"schema": {"type": "string"}}}}})
def share_event(id: Annotated[str, Path(max_length=40, description="Event id (ev_...)")]) -> Response[str]:
    from hromada import share

    lang = _lang(None)
    settings = get_settings()
    web_url = settings.public_web_url
    try:
        if not re.fullmatch(r"ev_[0-9a-f]{20}", id):
            raise NotFound("event_not_found")
        event, _ = events().public(id)
    except NotFound:
        return _html(share.missing_page(lang=lang, web_url=web_url), 404)
    api_url = settings.public_api_url or _request_api_url()
    return _html(share.event_page(event, lang=lang, share_url=f"{api_url}/share/events/{id}", web_url=web_url,
                                  api_url=api_url))


def _request_api_url() -> str:
    """The API's own address, as API Gateway saw the request (its domain, or the custom domain it came to)."""
    return f"https://{app.current_event.request_context.domain_name}"


def _html(body: str, status: int = 200) -> Response[str]:
    return Response(status_code=status, content_type="text/html; charset=utf-8", body=body,
                    headers={"Cache-Control": "public, max-age=300", "Vary": "Accept-Language",
                             "Content-Security-Policy": "default-src 'none'; img-src https:; "
                                                        "style-src 'unsafe-inline'; base-uri 'none'"})


# ---------------------------------------------------------------- publishing
@app.post("/associations/<id>/events", tags=TAGS, summary="Publish an event (editors of a verified association)",
          description="A series is written with its dates, all or nothing. Send an `Idempotency-Key` (one per "
                      "event you mean to publish) and a retry of the same request, after a timeout or a 5xx, gets "
                      "the event the first attempt published (200) instead of a second one; the key sent with "
                      "another body: 409 `idempotency_key_reused`.",
          security=SIGNED_IN,
          responses=documented(201, "Published", ERRORS_SIGNED_IN, NOT_FOUND, CONFLICT, {200: {
              "description": "Published already, by a request with this Idempotency-Key",
              "content": {"application/json": {"model": EventOut}}}}))
def create_event(id: AssociationRef, body: EventCreate, idempotency_key: IdempotencyKey = None) -> Response[EventOut]:
    event, seats, created, dates = series().create_once(api.principal(app), id, body, idempotency_key=idempotency_key)
    if created:
        metrics.add_metric(name="EventPublished", unit="Count", value=1)
    else:  # a replay wrote nothing (or little): it still spends the write quota, so replays cannot flood
        from hromada.store.write_guards import spend_now

        spend_now()
    out = EventOut.of(event, seats).model_copy(update={"dates_written": dates})
    return Response(201 if created else 200, "application/json", out, headers={"Location": f"/events/{event.id}"})


@app.patch("/events/<id>", tags=TAGS, summary="Edit an event (its association's editors; SEQUENCE bumps)",
           security=SIGNED_IN, responses=documented(200, "Updated", ERRORS_SIGNED_IN, NOT_FOUND, CONFLICT))
def update_event(id: EventId, body: EventPatch) -> EventOut:
    event, seats = series().update(api.principal(app), id, body)
    return EventOut.of(event, seats)


@app.post("/events/<id>/cancel", tags=TAGS, summary="Cancel an event (it stays visible, marked cancelled)",
          security=SIGNED_IN, responses=documented(200, "Cancelled", ERRORS_SIGNED_IN, NOT_FOUND, CONFLICT))
def cancel_event(id: EventId, body: CancelRequest) -> EventOut:
    return EventOut.of(series().cancel(api.principal(app), id, body.reason))


@app.delete("/events/<id>", tags=TAGS, summary="Delete an event nobody is registered to (or a cancelled one)",
            security=SIGNED_IN, responses=documented(204, "Deleted", ERRORS_SIGNED_IN, NOT_FOUND, CONFLICT))
def delete_event(id: EventId) -> Response[None]:
    series().delete(api.principal(app), id)
    return Response(204, None, "")


# ---------------------------------------------------------------- RSVP
@app.post("/events/<id>/rsvp", tags=TAGS, summary="RSVP: a seat if one is free, else the waitlist",
          security=SIGNED_IN,
          responses=documented(201, "Registered", ERRORS_SIGNED_IN, NOT_FOUND, CONFLICT, {200: {
              "description": "Already registered", "content": {"application/json": {"model": RsvpOut}}}}))
def rsvp(id: EventId) -> Response[RsvpOut]:
    mine, position, created = rsvps().join(api.principal(app), id)
    if created:
        metrics.add_metric(name="Rsvp", unit="Count", value=1)
    return Response(201 if created else 200, "application/json", _rsvp_out(mine, position),
                    headers={"Cache-Control": "private, no-store"})


@app.get("/events/<id>/rsvp", tags=TAGS, summary="My RSVP and waitlist position", security=SIGNED_IN,
         responses=documented(200, "My RSVP; status `none` when I have not registered", ERRORS_SIGNED_IN,
                              NOT_FOUND))
def my_rsvp(id: EventId) -> Response[RsvpStateOut]:
    mine, position = rsvps().mine(api.principal(app), id)
    out = RsvpStateOut(event_id=id, status=RsvpState.NONE, position=None, joined_at=None, promoted_at=None) \
        if mine is None else RsvpStateOut(event_id=mine.event_id, status=RsvpState(mine.status), position=position,
                                          joined_at=mine.joined_at, promoted_at=mine.promoted_at)
    return Response(200, "application/json", out, headers={"Cache-Control": "private, no-store"})


@app.delete("/events/<id>/rsvp", tags=TAGS, summary="Cancel my RSVP (a freed seat goes to the waitlist)",
            security=SIGNED_IN, responses=documented(204, "Cancelled", ERRORS_SIGNED_IN, NOT_FOUND))
def cancel_rsvp(id: EventId) -> Response[None]:
    rsvps().leave(api.principal(app), id)
    return Response(204, None, "")


@app.get("/events/<id>/attendees", tags=TAGS, summary="Attendees and waitlist (the association's editors)",
         security=SIGNED_IN, responses=documented(200, "Attendees", ERRORS_SIGNED_IN, NOT_FOUND))
def list_attendees(id: EventId) -> Response[AttendeesOut]:
    listing = attendees(rsvps().roster(api.principal(app), id))
    return Response(200, "application/json", listing, headers={"Cache-Control": "private, no-store"})


@app.get("/events/<id>/attendees.csv", tags=TAGS, summary="Attendees as CSV (the association's editors)",
         security=SIGNED_IN,
         responses={200: {"description": "CSV, UTF-8 with BOM",
                          "content": {"text/csv": {"schema": {"type": "string"}}}},
                    **ERRORS_SIGNED_IN, **NOT_FOUND})
def export_attendees(id: EventId) -> Response[str]:
    listing = attendees(rsvps().roster(api.principal(app), id))
    return Response(200, "text/csv; charset=utf-8", attendees_csv(listing),
                    headers={"Cache-Control": "private, no-store",
                             "Content-Disposition": f'attachment; filename="{id}-attendees.csv"'})


# ---------------------------------------------------------------- recurring events
Day = Annotated[str, Path(pattern=r"^\d{4}-\d{2}-\d{2}$", description="The date of the series' rule (YYYY-MM-DD)")]


@app.get("/events/<id>/occurrences", tags=TAGS, summary="A series' dates to come, with the event of each",
         description="Each date within the horizon is an event of its own (RSVP there); dates further ahead are "
                     "listed with `materialised: false`. 404 for an event that is not a series.",
         responses=documented(200, "The dates to come", ERRORS_PUBLIC, NOT_FOUND))
def list_occurrences(id: EventId) -> Response[OccurrencesOut]:
    found, dated = series().occurrences(id)
    items = []
    for d in dated:
        event = d.event
        start, end = (event.start, event.end) if event else (d.slot.start, d.slot.end)
        items.append(OccurrenceOut(
            date=d.slot.date, event_id=event.id if event else _occurrence_id(found.id, d.slot.date), start=start,
            end=end, start_local=_local(start, found.timezone),
            status=event.status.value if event else "cancelled" if d.slot.date in found.cancelled_dates
            else "scheduled", moved=bool(event and event.moved), materialised=event is not None))
    return Response(200, "application/json", OccurrencesOut(series_id=found.id, items=items),
                    headers={"Cache-Control": "public, max-age=30"})


def _occurrence_id(series_id: str, day: str) -> str:
    from hromada.domain.recurrence import occurrence_id

    return occurrence_id(series_id, day)


def _local(instant: str, zone: str) -> str:
    from hromada.reference import times

    return times.local(instant, zone)


@app.post("/events/<id>/occurrences/<date>/cancel", tags=TAGS,
          summary="Cancel one date of a series (only its attendees are told; again: no change)",
          security=SIGNED_IN, responses=documented(200, "The date, cancelled", ERRORS_SIGNED_IN, NOT_FOUND, CONFLICT))
def cancel_occurrence(id: EventId, date: Day, body: OccurrenceCancel) -> EventOut:
    return EventOut.of(series().cancel_date(api.principal(app), id, date, body.reason))


@app.post("/events/<id>/occurrences/<date>/move", tags=TAGS,
          summary="Move one date of a series (new times, optionally a new venue; its attendees are told)",
          security=SIGNED_IN, responses=documented(200, "The date, moved", ERRORS_SIGNED_IN, NOT_FOUND, CONFLICT))
def move_occurrence(id: EventId, date: Day, body: OccurrenceMove) -> EventOut:
    return EventOut.of(series().move_date(api.principal(app), id, date, body))


@app.post("/events/<id>/occurrences/<date>/restore", tags=TAGS,
          summary="Restore one date of a series: undo its cancellation, or else its move",
          security=SIGNED_IN, responses=documented(200, "The date, restored", ERRORS_SIGNED_IN, NOT_FOUND, CONFLICT))
def restore_occurrence(id: EventId, date: Day) -> EventOut:
    return EventOut.of(series().restore_date(api.principal(app), id, date))


@app.post("/events/<id>/series-registration", tags=TAGS,
          summary="Register for every date of a series (where its editors allow it)",
          description="A seat on each date to come where one is free, the waitlist on the others; dates written "
                      "later are joined too.",
          security=SIGNED_IN,
          responses=documented(201, "Registered", ERRORS_SIGNED_IN, NOT_FOUND, CONFLICT, {200: {
              "description": "Already registered", "content": {"application/json": {"model": SeriesRegistrationOut}}}}))
def register_for_series(id: EventId) -> Response[SeriesRegistrationOut]:
    created, places = series().register(api.principal(app), id)
    return Response(201 if created else 200, "application/json",
                    SeriesRegistrationOut(series_id=id, registered=True, occurrences=places),
                    headers={"Cache-Control": "private, no-store"})


@app.get("/events/<id>/series-registration", tags=TAGS, summary="Whether I am registered for a whole series",
         security=SIGNED_IN, responses=documented(200, "My registration and my places on the dates to come",
                                                  ERRORS_SIGNED_IN, NOT_FOUND))
def my_series_registration(id: EventId) -> Response[SeriesRegistrationOut]:
    registered, places = series().registration(api.principal(app), id)
    return Response(200, "application/json",
                    SeriesRegistrationOut(series_id=id, registered=registered, occurrences=places),
                    headers={"Cache-Control": "private, no-store"})


@app.delete("/events/<id>/series-registration", tags=TAGS,
            summary="Leave a whole series: every place on the dates to come is freed",
            security=SIGNED_IN, responses=documented(204, "Left", ERRORS_SIGNED_IN, NOT_FOUND))
def leave_series(id: EventId) -> Response[None]:
    series().unregister(api.principal(app), id)
    return Response(204, None, "")


lambda_handler = api.make_handler(app)
# Built during init, so SnapStart's snapshot holds the DynamoDB client (~40 ms) instead of each restore.
dynamodb()
init_done()
