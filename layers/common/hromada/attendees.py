"""An event's attendees for its editors: confirmed first, then the waitlist in order; as JSON or CSV."""

from __future__ import annotations

import csv
import io

from hromada.domain.event_ports import EventRoster
from hromada.models.event import AttendeeOut, AttendeesOut, RsvpStatus

CSV_COLUMNS = ("name", "email", "status", "position", "joined_at", "promoted_at")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def attendees(roster: EventRoster) -> AttendeesOut:
    order = {slot.member_id: index for index, slot in enumerate(roster.waitlist, start=1)}
    confirmed = sorted((r for r in roster.rsvps if r.status == RsvpStatus.CONFIRMED), key=lambda r: r.joined_at)
    waiting = sorted((r for r in roster.rsvps if r.status == RsvpStatus.WAITLISTED),
                     key=lambda r: order.get(r.member_id, len(order) + 1))
    items = [AttendeeOut(name=r.name, email=r.email, status=r.status,
                         position=order.get(r.member_id) if r.status == RsvpStatus.WAITLISTED else None,
                         joined_at=r.joined_at, promoted_at=r.promoted_at) for r in [*confirmed, *waiting]]
    return AttendeesOut(event_id=roster.event.id, capacity=roster.seats.capacity, confirmed=len(confirmed),
                        waitlisted=len(waiting), items=items)


def _cell(value: object) -> str:
    """Spreadsheets run cells that start like a formula: such cells are quoted as text."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def attendees_csv(listing: AttendeesOut) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for a in listing.items:
        writer.writerow([_cell(getattr(a, column)) for column in CSV_COLUMNS])
    return "\ufeff" + out.getvalue()  # the BOM makes spreadsheets read UTF-8 (Cyrillic names)
