"""Volunteer shifts of a project announcement, and the volunteers who sign up for them."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated

from pydantic import Field, StringConstraints, model_validator

from hromada.models.association import DepartmentCode, LocalizedText, RegionCode
from hromada.models.common import HttpsUrl, Model, Strict, single_line, text
from hromada.models.event import TimeZone
from hromada.reference import geography, times

SHIFT = r"^sh_[0-9a-f]{20}$"
MESSAGE_ID = r"^[A-Za-z0-9_-]{8,64}$"
People = Annotated[int, Field(ge=1, le=500, description="How many volunteers the shift needs")]


class ShiftStatus(StrEnum):
    SCHEDULED = "scheduled"
    CANCELLED = "cancelled"


class SignupStatus(StrEnum):
    CONFIRMED = "confirmed"
    WAITLISTED = "waitlisted"


class ShiftTask(LocalizedText):
    """What the volunteers will do, in a sentence or two (at least one language)."""

    fr: single_line(1, 300) = None  # type: ignore[assignment]
    uk: single_line(1, 300) = None  # type: ignore[assignment]
    en: single_line(1, 300) = None  # type: ignore[assignment]


class ShiftPlace(Strict):
    address: text(1, 200)
    region: RegionCode = Field(description="INSEE region code, e.g. 11")
    department: DepartmentCode

    @model_validator(mode="after")
    def _department_in_region(self) -> ShiftPlace:
        if geography.region_of_department(self.department) != self.region:
            raise ValueError("the department is not in that region")
        return self


class _ShiftFields(Strict):
    date: dt.date = Field(description="The day, in `time_zone`")
    start_time: dt.time = Field(description="Wall-clock start, e.g. 09:00")
    end_time: dt.time = Field(description="Wall-clock end, after the start (same day)")
    time_zone: TimeZone = times.DEFAULT_ZONE
    place: ShiftPlace | None = Field(None, description="Where (or `online_url`)")
    online_url: HttpsUrl | None = Field(None, description="Online shifts: the meeting link")
    people: People
    task: ShiftTask

    @model_validator(mode="after")
    def _coherent(self) -> _ShiftFields:
        if self.end_time <= self.start_time:
            raise ValueError("end_time must be after start_time")
        if (self.place is None) == (self.online_url is None):
            raise ValueError("give either a place or an online_url")
        if self.start_time.tzinfo is not None or self.end_time.tzinfo is not None:
            raise ValueError("times are wall-clock times in time_zone, without an offset")
        return self


class ShiftCreate(_ShiftFields):
    pass


class ShiftDraft(_ShiftFields):
    """A shift's editable fields after a patch is merged, validated as a whole."""


class ShiftPatch(Strict):
    date: dt.date | None = None
    start_time: dt.time | None = None
    end_time: dt.time | None = None
    time_zone: TimeZone | None = None
    place: ShiftPlace | None = None
    online_url: HttpsUrl | None = None
    people: People | None = Field(None, description="Below the confirmed volunteers: 409 (nobody is moved)")
    task: ShiftTask | None = None


class Shift(Model):
    """The stored shift (its places counters live on the same item: confirmed, waiting)."""

    model_config = {"extra": "ignore"}

    id: str
    announcement_id: str
    association_id: str
    date: str
    start_time: str
    end_time: str
    time_zone: str
    starts_at: str  # UTC instants, for ordering, the reminder and the .ics
    ends_at: str
    place: ShiftPlace | None = None
    online_url: str | None = None
    people: int
    task: dict[str, str]
    status: ShiftStatus = ShiftStatus.SCHEDULED
    confirmed: int = 0
    waiting: int = 0
    created_at: str
    version: int = 1


class ShiftOut(Model):
    id: str
    announcement_id: str
    date: str
    start_time: str
    end_time: str
    time_zone: str
    starts_at: str
    ends_at: str
    place: ShiftPlace | None
    online_url: str | None
    people: int
    task: dict[str, str]
    status: ShiftStatus
    confirmed: int
    waitlisted: int
    places_left: int

    @classmethod
    def of(cls, s: Shift) -> ShiftOut:
        return cls(id=s.id, announcement_id=s.announcement_id, date=s.date, start_time=s.start_time,
                   end_time=s.end_time, time_zone=s.time_zone, starts_at=s.starts_at, ends_at=s.ends_at,
                   place=s.place, online_url=s.online_url, people=s.people, task=s.task, status=s.status,
                   confirmed=s.confirmed, waitlisted=s.waiting, places_left=max(0, s.people - s.confirmed))


class Signup(Model):
    """A volunteer's place (or waitlist slot) on a shift. `email` serves the platform's mail only."""

    model_config = {"extra": "ignore"}

    shift_id: str
    announcement_id: str
    member_id: str
    email: str | None = None
    name: str | None = None
    status: SignupStatus
    joined_at: str
    promoted_at: str | None = None
    attempt: str | None = None  # which request wrote it (a retried request recognises its own write)


class SignupOut(Model):
    shift_id: str
    status: SignupStatus | None = Field(None, description="None: not signed up")
    position: int | None = Field(None, description="On the waitlist: 1 is next")
    joined_at: str | None = None


class VolunteerOut(Model):
    """What editors see of a volunteer: the name they gave, never their address."""

    name: str
    status: SignupStatus
    position: int | None


class VolunteersOut(Model):
    shift_id: str
    people: int
    confirmed: int
    waitlisted: int
    items: list[VolunteerOut]


class VolunteerMessage(Strict):
    id: Annotated[str, StringConstraints(pattern=MESSAGE_ID)] = Field(
        description="Chosen by the sender: the same id is sent once, whatever the retries")
    text: text(1, 2000)


class MessageSent(Model):
    id: str
    recipients: int
    already_sent: bool
