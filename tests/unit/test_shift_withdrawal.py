"""Shifts of a deleted announcement, on a fake clock: each is cancelled, its volunteers (confirmed and waitlisted)
mailed once however often the follow-up runs, nothing reminded afterwards; a hidden announcement's reminders
are held, not spent."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from hromada.domain.shift_ports import WithdrawnAnnouncement
from hromada.domain.shifts import Shifts
from hromada.models.announcement import Announcement
from hromada.models.shift import Shift, ShiftStatus, Signup, SignupStatus
from hromada.reference import times
from tests.unit.shift_fakes import ReminderClaims, project

START = datetime(2027, 3, 6, 8, 0, tzinfo=UTC)
GONE = WithdrawnAnnouncement(id="an_1", association_name="A", title={"fr": "Projet"})


def shift(shift_id: str) -> Shift:
    return Shift(id=shift_id, announcement_id="an_1", association_id="as_1", date="2027-03-06", start_time="09:00",
                 end_time="12:00", time_zone="Europe/Paris", starts_at=times.iso(START),
                 ends_at=times.iso(START + timedelta(hours=3)), online_url="https://meet.example.org/x",
                 people=2, task={"fr": "Trier"}, created_at="2027-01-01T00:00:00.000Z", confirmed=2, waiting=1)


def signup(shift_id: str, member: str, status: SignupStatus) -> Signup:
    return Signup(shift_id=shift_id, announcement_id="an_1", member_id=member, email=f"{member}@example.org",
                  status=status, joined_at="2027-01-02T00:00:00.000Z")


class FakeStore(ReminderClaims):
    """The announcement's partition and its shifts' partitions, as the DynamoDB store keeps them."""

    def __init__(self) -> None:
        self.announcement: Announcement | None = project()
        self.shifts = {s: shift(s) for s in ("sh_1", "sh_2")}
        self.volunteers = {s: [signup(s, f"{s}-a", SignupStatus.CONFIRMED), signup(s, f"{s}-b", SignupStatus.CONFIRMED),
                            signup(s, f"{s}-c", SignupStatus.WAITLISTED)] for s in self.shifts}
        self.claimed: set[tuple[str, str]] = set()
        self.fail_removing = False
        self.before: dict[str, str] = {}

    def announcement_with_shifts(self, announcement_id: str):
        return self.announcement, sorted(self.shifts.values(), key=lambda s: s.id)

    def starting_between(self, low: str, high: str) -> list[Shift]:
        return [s for s in self.shifts.values() if s.status == ShiftStatus.SCHEDULED and low <= s.starts_at < high]

    def signups(self, shift_id: str):
        return self.volunteers.get(shift_id, []), []

    def close(self, announcement_id: str, shift_id: str) -> str | None:
        if shift_id not in self.shifts:
            return None
        self.before.setdefault(shift_id, self.shifts[shift_id].status.value)
        self.shifts[shift_id] = self.shifts[shift_id].model_copy(update={"status": ShiftStatus.CANCELLED})
        return self.before[shift_id]

    def remove(self, announcement_id: str, shift_id: str) -> None:
        if self.fail_removing:
            raise ConnectionError("table unreachable")
        self.volunteers.pop(shift_id, None)
        self.shifts.pop(shift_id, None)


class FakeMail:
    """Records (job key, recipient) as the mailer's once-only claims would: a repeat is not sent."""

    def __init__(self) -> None:
        self.sent: set[tuple[str, str]] = set()
        self.enqueued = 0

    def withdrawn(self, gone, shift, signups) -> None:
        assert shift.status == ShiftStatus.CANCELLED
        for s in signups:
            self.enqueued += 1
            self.sent.add((f"shift-cancelled:{shift.id}", s.member_id))

    def reminder(self, announcement, shift, signups) -> None:
        self.sent |= {(f"shift-reminder:{shift.id}", s.member_id) for s in signups}


def test_every_volunteer_of_every_shift_is_told_once_even_when_the_follow_up_runs_twice():
    store, mail = FakeStore(), FakeMail()
    store.announcement = None  # deleted
    shifts = Shifts(store, mail=mail, now=lambda: START - timedelta(days=3))
    assert shifts.withdraw(GONE) == 2
    assert shifts.withdraw(GONE) == 0  # the duplicate delivery finds nothing left
    assert mail.sent == {(f"shift-cancelled:{s}", f"{s}-{m}") for s in ("sh_1", "sh_2") for m in "abc"}
    assert mail.enqueued == 6
    assert not store.shifts and not store.volunteers


def test_a_follow_up_stopped_half_way_is_finished_by_the_retry_without_a_second_mail():
    store, mail = FakeStore(), FakeMail()
    store.announcement = None
    store.fail_removing = True
    shifts = Shifts(store, mail=mail, now=lambda: START - timedelta(days=3))
    with pytest.raises(ConnectionError):
        shifts.withdraw(GONE)
    store.fail_removing = False
    shifts.withdraw(GONE)
    assert len(mail.sent) == 6 and mail.enqueued > 6  # mailed again, sent once: the same job key and recipient
    assert not store.shifts


def test_no_reminder_after_the_announcement_is_deleted():
    store, mail = FakeStore(), FakeMail()
    clock = [START - timedelta(days=2)]
    shifts = Shifts(store, mail=mail, now=lambda: clock[0])
    store.announcement = None
    shifts.withdraw(GONE)
    clock[0] = START - timedelta(hours=20)  # within the day before
    assert shifts.remind() == 0
    assert not [sent for sent in mail.sent if sent[0].startswith("shift-reminder")]


def test_a_deleted_announcement_whose_follow_up_is_late_is_not_reminded_either():
    store, mail = FakeStore(), FakeMail()
    store.announcement = None  # the follow-up has not run yet
    shifts = Shifts(store, mail=mail, now=lambda: START - timedelta(hours=20))
    assert shifts.remind() == 0
    assert not mail.sent


def test_a_hidden_announcement_holds_its_reminder_until_it_is_shown_again():
    store, mail = FakeStore(), FakeMail()
    clock = [START - timedelta(hours=20)]
    shifts = Shifts(store, mail=mail, now=lambda: clock[0])
    store.announcement = store.announcement.model_copy(update={"hidden": True})
    assert shifts.remind() == 0
    assert not store.claimed  # held, not spent
    clock[0] += timedelta(minutes=15)
    store.announcement = store.announcement.model_copy(update={"hidden": False})
    assert shifts.remind() == 2
    # the confirmed volunteers, as for any reminder
    assert {m for k, m in mail.sent if k.startswith("shift-reminder")} == {"sh_1-a", "sh_1-b", "sh_2-a", "sh_2-b"}


def test_a_shift_cancelled_earlier_or_already_over_is_removed_without_a_mail():
    store, mail = FakeStore(), FakeMail()
    store.announcement = None
    store.shifts["sh_1"] = store.shifts["sh_1"].model_copy(update={"status": ShiftStatus.CANCELLED})  # told then
    shifts = Shifts(store, mail=mail, now=lambda: START - timedelta(days=3))
    shifts.withdraw(GONE)
    assert {m for _, m in mail.sent} == {"sh_2-a", "sh_2-b", "sh_2-c"}
    assert not store.shifts and not store.volunteers

    store, mail = FakeStore(), FakeMail()
    store.announcement = None
    Shifts(store, mail=mail, now=lambda: START + timedelta(days=1)).withdraw(GONE)  # the shifts took place
    assert not mail.sent and not store.shifts and not store.volunteers
