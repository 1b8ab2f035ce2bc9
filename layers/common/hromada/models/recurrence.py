"""Recurring events: how an editor says an event repeats, and how one date of the series is changed."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import Field, StrictBool, model_validator

from hromada.models.common import Model, Strict, text

MAX_OCCURRENCES = 200  # a series spans at most this many dates...
MAX_SPAN_DAYS = 2 * 366  # ...and at most two years from its first one


class Weekday(StrEnum):
    MO = "MO"
    TU = "TU"
    WE = "WE"
    TH = "TH"
    FR = "FR"
    SA = "SA"
    SU = "SU"


OccurrenceDate = Annotated[str, Field(pattern=r"^\d{4}-\d{2}-\d{2}$",
                                      description="The date the rule gives the occurrence (local to the event)")]


class Recurrence(Strict):
    """How an event repeats, in its own time zone: kept as an RFC 5545 RRULE."""

    frequency: Literal["weekly", "monthly"]
    interval: int = Field(1, ge=1, le=12, description="Every N weeks (weekly) or months (monthly)")
    weekdays: list[Weekday] | None = Field(
        None, min_length=1, max_length=7,
        description="weekly: the days of the week (default: the start's); monthly with `week`: one day")
    week: Literal[1, 2, 3, 4, -1] | None = Field(
        None, description="monthly by weekday: which one in the month (1 = first, -1 = last)")
    month_day: int | None = Field(None, ge=1, le=31, description="monthly by date: the day of the month")
    until: date | None = Field(None, description="The last possible date (inclusive); or give `count`")
    count: int | None = Field(None, ge=1, le=MAX_OCCURRENCES, description="How many dates; or give `until`")
    series_registration: StrictBool = Field(False, description="Members may register for every date at once")

    @model_validator(mode="after")
    def _consistent(self) -> Recurrence:
        if (self.until is None) == (self.count is None):
            raise ValueError("give either `until` or `count`")
        if self.weekdays is not None:
            self.weekdays = list(dict.fromkeys(self.weekdays))
        if self.frequency == "weekly" and (self.week is not None or self.month_day is not None):
            raise ValueError("`week` and `month_day` are for monthly rules")
        if self.frequency == "monthly":
            if self.week is not None and self.month_day is not None:
                raise ValueError("monthly: give `week` (with one weekday) or `month_day`, not both")
            if self.week is not None and (self.weekdays is None or len(self.weekdays) != 1):
                raise ValueError("monthly by weekday: give exactly one weekday with `week`")
            if self.week is None and self.weekdays is not None:
                raise ValueError("monthly: `weekdays` goes with `week`")
        return self


class OccurrenceCancel(Strict):
    reason: text(3, 1000) = Field(description="Why; shown to this date's attendees")


class OccurrenceOut(Model):
    date: str = Field(description="The date the rule gives it (local)")
    event_id: str = Field(description="The occurrence's own event id (RSVP there)")
    start: str
    end: str
    start_local: str
    status: Literal["scheduled", "cancelled"]
    moved: bool
    materialised: bool = Field(description="false: beyond the horizon, not open for registration yet")


class OccurrencesOut(Model):
    series_id: str
    items: list[OccurrenceOut]


class SeriesRegistrationOut(Model):
    series_id: str
    registered: bool
    occurrences: dict[str, str] = Field(description="Occurrence event id -> confirmed | waitlisted (future dates)")
