"""When a campaign runs: its yearly day (a fixed date, or the nth weekday of a month) and the window around it.

Pure: dates in, dates out. dateutil's rrule computes the nth weekday (the same rule iCalendar uses), so
"the fourth Saturday of November" is BYMONTH=11;BYDAY=+4SA and "the last Friday" is -1FR.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from dateutil.rrule import YEARLY, rrule, weekday


@dataclass(frozen=True)
class YearlyRule:
    """A fixed date (`day`), or the `nth` (1..5, or -1 for the last) `weekday` (0 = Monday) of `month`."""

    month: int
    day: int | None = None
    weekday: int | None = None
    nth: int | None = None

    def __post_init__(self) -> None:
        if not 1 <= self.month <= 12:
            raise ValueError("month must be 1..12")
        fixed = self.day is not None
        by_weekday = self.weekday is not None or self.nth is not None
        if fixed == by_weekday or (by_weekday and (self.weekday is None or self.nth is None)):
            raise ValueError("give either a day, or a weekday with its nth")
        if fixed and not 1 <= self.day <= 31:  # type: ignore[operator]
            raise ValueError("day must be 1..31")
        if by_weekday and (not 0 <= self.weekday <= 6 or self.nth not in (-1, 1, 2, 3, 4, 5)):  # type: ignore[operator]
            raise ValueError("weekday must be 0..6 and nth 1..5 or -1")

    def _rule(self, start: date) -> rrule:
        begin = datetime(start.year, start.month, start.day)
        if self.day is not None:
            # A 29 February comes back only in leap years; a 31st only in months that have one.
            return rrule(YEARLY, dtstart=begin, bymonth=self.month, bymonthday=self.day)
        return rrule(YEARLY, dtstart=begin, bymonth=self.month, byweekday=weekday(self.weekday, self.nth))  # type: ignore[arg-type]

    def on_or_after(self, start: date) -> date | None:
        """The first day the rule gives on or after `start` (None if none within 400 years)."""
        found = self._rule(start).after(datetime(start.year, start.month, start.day), inc=True)
        return found.date() if found and found.year < start.year + 400 else None

    def next_days(self, start: date, count: int) -> list[date]:
        """The next `count` days the rule gives, from `start` on."""
        days: list[date] = []
        for moment in self._rule(start):
            if len(days) == count or moment.year >= start.year + 400:
                break
            days.append(moment.date())
        return days

    def in_year(self, year: int) -> date | None:
        found = self.on_or_after(date(year, 1, 1))
        return found if found and found.year == year else None


@dataclass(frozen=True)
class Window:
    start: date
    end: date
    day: date | None = None  # the day itself, for a recurring campaign

    def covers(self, day: date) -> bool:
        return self.start <= day <= self.end

    def running(self, today: date) -> bool:
        return self.covers(today)


def occurrence(rule: YearlyRule, before: int, after: int, year: int) -> Window | None:
    day = rule.in_year(year)
    return Window(day - timedelta(days=before), day + timedelta(days=after), day) if day else None


def current_window(rule: YearlyRule, before: int, after: int, today: date) -> Window | None:
    """The window running today, else the next one to come."""
    for year in range(today.year - 1, today.year + 30):
        window = occurrence(rule, before, after, year)
        if window and window.end >= today:
            return window
    return None


def window_covering(rule: YearlyRule, before: int, after: int, day: date) -> Window | None:
    """The occurrence whose window holds `day`, if any (a window may straddle a new year)."""
    for year in (day.year - 1, day.year, day.year + 1):
        window = occurrence(rule, before, after, year)
        if window and window.covers(day):
            return window
    return None
