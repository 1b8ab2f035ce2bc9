"""Recurrence rules: an RFC 5545 RRULE, expanded with dateutil in the event's own time zone.

The rule is expanded in wall-clock time and each date is then placed in the zone, so a 19:00 class in
Paris stays at 19:00 across the changes of October and March (its UTC instant moves by an hour).
An occurrence is named by its date as the rule gives it; that name, and the id derived from it, stay
the same when the date is moved or the series' time of day changes.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from dateutil import rrule as du

from hromada.errors import Invalid
from hromada.models.recurrence import MAX_OCCURRENCES, MAX_SPAN_DAYS, Recurrence
from hromada.reference import times

HORIZON = timedelta(weeks=12)  # occurrences exist as listing items (with seats) this far ahead
_DAYS = {"MO": du.MO, "TU": du.TU, "WE": du.WE, "TH": du.TH, "FR": du.FR, "SA": du.SA, "SU": du.SU}
_WEEKDAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


@dataclass(frozen=True)
class Slot:
    """One date of a series as the rule gives it: its name and its instants (UTC ISO-8601)."""

    date: str
    start: str
    end: str


def occurrence_id(series_id: str, day: str) -> str:
    """The occurrence's event id: derived, so materialising a date twice writes the same item (once)."""
    return "ev_" + hashlib.sha256(f"{series_id}#{day}".encode()).hexdigest()[:20]


def rrule_text(rule: Recurrence, first: datetime) -> str:
    """The RRULE value (after "RRULE:") for a series whose first start is `first` (naive, wall-clock)."""
    options: dict = {"freq": du.WEEKLY if rule.frequency == "weekly" else du.MONTHLY, "interval": rule.interval,
                     "dtstart": first}
    if rule.frequency == "weekly":
        codes = rule.weekdays or [_WEEKDAY_CODES[first.weekday()]]
        options["byweekday"] = [_DAYS[c] for c in codes]
    elif rule.week is not None:
        options["byweekday"] = [_DAYS[rule.weekdays[0]](rule.week)]
    else:
        options["bymonthday"] = [rule.month_day or first.day]
    if rule.count is not None:
        options["count"] = rule.count
    else:
        options["until"] = datetime.combine(rule.until, time(23, 59, 59))
    written = str(du.rrule(**options))
    return next(line for line in written.splitlines() if line.startswith("RRULE:")).removeprefix("RRULE:")


def expand(text: str, first: datetime) -> list[datetime]:
    """The rule's wall-clock starts, first included if it matches, at most MAX_OCCURRENCES + 1 of them
    (one more than allowed, so a rule that gives too many can be told apart)."""
    found = []
    for start in du.rrulestr(text, dtstart=first):
        found.append(start)
        if len(found) > MAX_OCCURRENCES:
            break
    return found


def place(wall: datetime, zone_name: str) -> datetime:
    """A wall-clock time in the zone as a UTC instant; an hour skipped in spring moves to just after the gap."""
    return wall.replace(tzinfo=times.zone(zone_name), fold=0).astimezone(UTC)


def wall_clock(instant: str, zone_name: str) -> datetime:
    return times.parse_iso(instant).astimezone(times.zone(zone_name)).replace(tzinfo=None)


def plan(rule: Recurrence, start: str, end: str, zone_name: str) -> tuple[str, list[Slot]]:
    """Check a rule against the first start/end (UTC) and give its RRULE and its dates; Invalid when the rule
    gives no date or more than the bounds allow."""
    first = wall_clock(start, zone_name)
    if rule.until is not None and rule.until < first.date():
        raise Invalid("recurrence.until", "the series must end on or after its first date")
    if rule.until is not None and rule.until > first.date() + timedelta(days=MAX_SPAN_DAYS):
        raise Invalid("recurrence.until", "a series lasts at most two years", code="recurrence_too_long")
    text = rrule_text(rule, first)
    starts = expand(text, first)
    if not starts:
        raise Invalid("recurrence", "the rule gives no date")
    if len(starts) > MAX_OCCURRENCES:
        raise Invalid("recurrence", f"a series has at most {MAX_OCCURRENCES} dates", code="recurrence_too_long")
    if starts[-1].date() > first.date() + timedelta(days=MAX_SPAN_DAYS):
        raise Invalid("recurrence", "a series lasts at most two years", code="recurrence_too_long")
    return text, slots(text, starts[0], times.parse_iso(end) - times.parse_iso(start), zone_name)


def slots(text: str, first: datetime, duration: timedelta, zone_name: str) -> list[Slot]:
    """Every date of a stored rule (already checked: bounded), with its instants."""
    found = []
    for wall in expand(text, first):
        begin = place(wall, zone_name)
        found.append(Slot(date=wall.date().isoformat(), start=times.iso(begin), end=times.iso(begin + duration)))
    return found


def within(found: list[Slot], now: datetime, horizon: timedelta = HORIZON) -> list[Slot]:
    """The dates still to come (not yet ended) that start before the horizon."""
    low, high = times.iso(now), times.iso(now + horizon)
    return [s for s in found if s.end > low and s.start <= high]


def day(value: str) -> date:
    return date.fromisoformat(value)
