"""Events as iCalendar (RFC 5545), written with the icalendar library.

UIDs are stable (the event id), SEQUENCE is the event's change counter, cancelled events stay in
feeds with STATUS:CANCELLED so subscribed calendars remove them, and times carry the event's TZID
with its VTIMEZONE. Text is plain: the Markdown description goes in as the text of its sanitised HTML,
and angle brackets become ‹ › so no calendar client can read markup into any field.
"""

from __future__ import annotations

import html
import re
from datetime import timedelta
from typing import Any

from hromada.models.event import Event, EventStatus
from hromada.models.localized import pick
from hromada.reference import times

PRODID = "-//Hromada//Events//FR"
UID_DOMAIN = "hromada.events"
_TAG = re.compile(r"<[^>]*>")
_BLANK_LINES = re.compile(r"\n{3,}")


def plain(value: str) -> str:
    return value.replace("<", "‹").replace(">", "›")


def html_to_text(fragment: str) -> str:
    """Text of sanitised HTML (ours: tags without attributes but links): paragraphs become blank lines."""
    spaced = re.sub(r">\n", ">", fragment)  # the renderer's own line breaks between tags
    spaced = re.sub(r"</(p|h[2-6]|blockquote|pre|ul|ol)>", "\n\n", spaced)
    spaced = re.sub(r"</li>|<br\s*/?>", "\n", spaced)
    text = html.unescape(_TAG.sub("", spaced))
    return plain(_BLANK_LINES.sub("\n\n", text).strip())


def _location(event: Event) -> str | None:
    if event.venue is None:
        return event.online_url
    v = event.venue
    return f"{v.name}, {v.address}, {v.postal_code} {v.city}"


def _vevent(event: Event, lang: str) -> Any:
    import icalendar

    vevent = icalendar.Event()
    zone = times.zone(event.timezone)
    vevent.add("uid", f"{event.id}@{UID_DOMAIN}")
    vevent.add("dtstamp", times.parse_iso(event.updated_at))
    vevent.add("created", times.parse_iso(event.created_at))
    vevent.add("last-modified", times.parse_iso(event.updated_at))
    vevent.add("sequence", event.sequence)
    vevent.add("dtstart", times.parse_iso(event.start).astimezone(zone))
    vevent.add("dtend", times.parse_iso(event.end).astimezone(zone))
    vevent.add("summary", plain(pick(event.title, lang)))
    description = plain(event.association_name) + "\n\n" + html_to_text(pick(event.description_html, lang))
    if event.status == EventStatus.CANCELLED and event.cancel_reason:
        description = plain(event.cancel_reason) + "\n\n" + description
    vevent.add("description", description)
    location = _location(event)
    if location:
        vevent.add("location", plain(location))
    if event.online_url:
        vevent.add("url", event.online_url)
    vevent.add("categories", [c.value for c in event.categories])
    vevent.add("status", "CANCELLED" if event.status == EventStatus.CANCELLED else "CONFIRMED")
    vevent.add("transp", "OPAQUE")
    return vevent


def _series_vevents(series: Event, moved: list[Event], lang: str) -> list[Any]:
    """A series: one VEVENT with its RRULE and an EXDATE per cancelled date, and one VEVENT per moved date with
    the same UID and the RECURRENCE-ID of the date it replaces (RFC 5545 3.8.4.4)."""
    import icalendar

    from hromada.domain import recurrence

    zone = times.zone(series.timezone)
    master = _vevent(series, lang)
    rule = icalendar.vRecur.from_ical(series.rrule or "")
    if "UNTIL" in rule:  # with a TZID start, UNTIL must be UTC
        rule["UNTIL"] = [recurrence.place(u.replace(tzinfo=None), series.timezone) for u in rule["UNTIL"]]
    master.add("rrule", rule)
    duration = times.parse_iso(series.end) - times.parse_iso(series.start)
    starts = {s.date: s.start for s in recurrence.slots(series.rrule or "", recurrence.wall_clock(
        series.start, series.timezone), duration, series.timezone)}
    excluded = [times.parse_iso(starts[d]).astimezone(zone) for d in series.cancelled_dates if d in starts]
    if excluded:
        master.add("exdate", excluded)
    components = [master]
    for occurrence in sorted(moved, key=lambda e: e.occurrence or ""):
        day = occurrence.occurrence or ""
        if day not in starts or day in series.cancelled_dates:
            continue
        vevent = _vevent(occurrence, lang)
        vevent["uid"] = master["uid"]
        vevent.add("recurrence-id", times.parse_iso(starts[day]).astimezone(zone))
        components.append(vevent)
    return components


def calendar(events: list[Event], *, name: str, lang: str, moved: list[Event] | None = None) -> bytes:
    """A calendar of events; a series among them is written with its rule (`moved`: its dates moved one by one)."""
    import icalendar

    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", plain(name))
    cal.add("x-wr-timezone", times.DEFAULT_ZONE)
    for event in events:
        if event.recurrence is not None and event.rrule:
            for component in _series_vevents(event, [m for m in moved or [] if m.series_id == event.id], lang):
                cal.add_component(component)
        else:
            cal.add_component(_vevent(event, lang))
    if events:
        # Zone rules for the span the calendar covers (the full 1970-2038 default is ~4 kB per zone).
        first = min(times.parse_iso(e.start) for e in events) - timedelta(days=366)
        last = max(times.parse_iso(e.last_end or e.end) for e in events) + timedelta(days=366)
        cal.add_missing_timezones(first_date=first.date(), last_date=last.date())
    return cal.to_ical()


def shift_calendar(*, shift_id: str, starts_at: str, ends_at: str, zone_name: str, title: str, task: str,
                   location: str | None, url: str | None, stamp: str, cancelled: bool = False) -> bytes:
    """One volunteer shift as an invitation to attach to its mails (UID: the shift id)."""
    import icalendar

    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("method", "PUBLISH")
    zone = times.zone(zone_name)
    vevent = icalendar.Event()
    vevent.add("uid", f"{shift_id}@{UID_DOMAIN}")
    vevent.add("dtstamp", times.parse_iso(stamp))
    vevent.add("dtstart", times.parse_iso(starts_at).astimezone(zone))
    vevent.add("dtend", times.parse_iso(ends_at).astimezone(zone))
    vevent.add("summary", plain(title))
    vevent.add("description", plain(task))
    if location:
        vevent.add("location", plain(location))
    if url:
        vevent.add("url", url)
    vevent.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    cal.add_component(vevent)
    start = times.parse_iso(starts_at)
    cal.add_missing_timezones(first_date=(start - timedelta(days=366)).date(),
                              last_date=(start + timedelta(days=366)).date())
    return cal.to_ical()
