"""The day-before reminder of a shift, on a fake clock: once per shift and start time."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from hromada.domain.shifts import Shifts
from hromada.models.shift import Shift, Signup, SignupStatus
from hromada.reference import times
from tests.unit.shift_fakes import ReminderClaims, project

START = datetime(2027, 3, 6, 8, 0, tzinfo=UTC)


def shift(starts_at: datetime = START) -> Shift:
    return Shift(id="sh_1", announcement_id="an_1", association_id="as_1", date="2027-03-06", start_time="09:00",
                 end_time="12:00", time_zone="Europe/Paris", starts_at=times.iso(starts_at),
                 ends_at=times.iso(starts_at + timedelta(hours=3)), online_url="https://meet.example.org/x",
                 people=2, task={"fr": "Trier"}, created_at="2027-01-01T00:00:00.000Z", confirmed=1)


class FakeStore(ReminderClaims):
    def __init__(self) -> None:
        self.shift = shift()
        self.claimed: set[tuple[str, str]] = set()

    def starting_between(self, low: str, high: str) -> list[Shift]:
        return [self.shift] if low <= self.shift.starts_at < high else []

    def announcement_with_shifts(self, announcement_id: str):
        return project(), [self.shift]

    def signups(self, shift_id: str):
        return [Signup(shift_id="sh_1", announcement_id="an_1", member_id="m1", email="m1@example.org",
                       status=SignupStatus.CONFIRMED, joined_at="2027-01-02T00:00:00.000Z"),
                Signup(shift_id="sh_1", announcement_id="an_1", member_id="m2", email="m2@example.org",
                       status=SignupStatus.WAITLISTED, joined_at="2027-01-03T00:00:00.000Z")], []


class FakeMail:
    def __init__(self, fail: bool = False) -> None:
        self.sent: list[list[str]] = []
        self.fail = fail

    def reminder(self, announcement, shift, signups) -> None:
        if self.fail:
            raise ConnectionError("queue unreachable")
        self.sent.append([s.member_id for s in signups])


def test_the_reminder_goes_once_to_the_confirmed_volunteers_within_the_day_before():
    store, mail = FakeStore(), FakeMail()
    clock = [START - timedelta(hours=30)]
    shifts = Shifts(store, mail=mail, now=lambda: clock[0])
    assert shifts.remind() == 0  # too early
    clock[0] = START - timedelta(hours=20)
    assert shifts.remind() == 1
    clock[0] += timedelta(minutes=15)
    assert shifts.remind() == 0  # the next run of the schedule: already reminded
    assert mail.sent == [["m1"]]


def test_a_shift_moved_to_another_time_is_reminded_again():
    store, mail = FakeStore(), FakeMail()
    clock = [START - timedelta(hours=20)]
    shifts = Shifts(store, mail=mail, now=lambda: clock[0])
    shifts.remind()
    store.shift = shift(START + timedelta(hours=2))
    assert shifts.remind() == 1 and len(mail.sent) == 2


def test_a_reminder_that_could_not_be_queued_is_tried_again():
    store = FakeStore()
    clock = [START - timedelta(hours=20)]
    failing = Shifts(store, mail=FakeMail(fail=True), now=lambda: clock[0])
    with pytest.raises(ConnectionError):
        failing.remind()
    mail = FakeMail()
    assert Shifts(store, mail=mail, now=lambda: clock[0]).remind() == 1 and mail.sent == [["m1"]]
