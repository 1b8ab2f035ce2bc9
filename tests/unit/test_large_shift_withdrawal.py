"""A large announcement's shift withdrawal on a fake remaining time (no sleeps): each invocation stops between two
shifts before its time runs out, the next one resumes from what is left, and after several the work is done,
each volunteer mailed once, no sign-up left, even with a duplicate delivery in the middle."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

import pytest

from hromada.domain.shifts import Shifts
from hromada.domain.time_budget import OutOfTime, TimeBudget
from hromada.models.shift import ShiftStatus, SignupStatus
from tests.unit.test_shift_withdrawal import GONE, START, FakeStore, shift, signup

SHIFTS, VOLUNTEERS = 10, 30
SHIFT_SECONDS = 2.0  # what handling one shift of 30 volunteers costs in this fake
INVOCATION_SECONDS = 12.0  # room for three shifts and the margin (5 s)


class Invocation:
    """One Lambda invocation's remaining time, spent by the store's calls."""

    def __init__(self, seconds: float = INVOCATION_SECONDS) -> None:
        self.left = seconds

    def time_left(self) -> float:
        return self.left


class TimedStore(FakeStore):
    def __init__(self) -> None:
        super().__init__()
        self.announcement = None  # deleted
        self.shifts = {f"sh_{n:02}": shift(f"sh_{n:02}") for n in range(SHIFTS)}
        self.volunteers = {s: [signup(s, f"{s}-{m}", SignupStatus.CONFIRMED if m < 2 else SignupStatus.WAITLISTED)
                               for m in range(VOLUNTEERS)] for s in self.shifts}
        self.invocation = Invocation()

    def remove(self, announcement_id: str, shift_id: str) -> None:
        self.invocation.left -= SHIFT_SECONDS
        if self.invocation.left <= 0:
            raise TimeoutError("the invocation was cut off")  # what the budget must never let happen
        super().remove(announcement_id, shift_id)


class CountingMail:
    """Counts each (job key, recipient) put on the mail queue; the mailer's claims would send a repeat once."""

    def __init__(self) -> None:
        self.enqueued: Counter[tuple[str, str]] = Counter()

    def withdrawn(self, gone, shift, signups) -> None:
        assert shift.status == ShiftStatus.CANCELLED
        self.enqueued.update((f"shift-cancelled:{shift.id}", s.member_id) for s in signups)


def everyone() -> set[tuple[str, str]]:
    return {(f"shift-cancelled:sh_{n:02}", f"sh_{n:02}-{m}") for n in range(SHIFTS) for m in range(VOLUNTEERS)}


def run(shifts: Shifts, store: TimedStore) -> int | None:
    """One delivery of the follow-up in a fresh invocation: the shifts done when it stopped, None when finished."""
    store.invocation = Invocation()
    try:
        shifts.withdraw(GONE, TimeBudget(store.invocation.time_left))
    except OutOfTime as paused:
        return paused.done
    return None


def test_a_withdrawal_larger_than_one_invocation_finishes_over_several_each_volunteer_mailed_once():
    store, mail = TimedStore(), CountingMail()
    shifts = Shifts(store, mail=mail, now=lambda: START - timedelta(days=3))
    progress = []
    while (done := run(shifts, store)) is not None:
        assert done > 0, "an invocation that makes no progress would be put back for ever"
        progress.append(done)
        assert len(progress) < SHIFTS
    assert progress == [3, 3, 3]  # and the fourth finished the last one
    assert set(mail.enqueued) == everyone() and set(mail.enqueued.values()) == {1}
    assert not store.shifts and not store.volunteers


def test_a_duplicate_delivery_in_the_middle_mails_nobody_twice():
    store, mail = TimedStore(), CountingMail()
    shifts = Shifts(store, mail=mail, now=lambda: START - timedelta(days=3))
    assert run(shifts, store) == 3
    # A second copy of the event (a retried relay) runs, and stops, before the first copy's continuation.
    assert run(shifts, store) == 3
    chains = [shifts, shifts]  # both copies continue, turn by turn, until each finds nothing left
    finished = 0
    for turn in range(2 * SHIFTS):
        if run(chains[turn % 2], store) is None:
            finished += 1
            if finished == 2:
                break
    assert finished == 2
    assert set(mail.enqueued) == everyone() and set(mail.enqueued.values()) == {1}
    assert not store.shifts and not store.volunteers


def test_an_invocation_with_too_little_time_left_stops_before_touching_anything():
    store, mail = TimedStore(), CountingMail()
    shifts = Shifts(store, mail=mail, now=lambda: START - timedelta(days=3))
    with pytest.raises(OutOfTime) as paused:
        shifts.withdraw(GONE, TimeBudget(Invocation(4.0).time_left))  # below the margin: nothing started
    assert paused.value.done == 0
    assert not mail.enqueued and len(store.shifts) == SHIFTS and not store.before


def test_a_slow_shift_widens_what_is_kept_for_the_next():
    left = [20.0]
    budget = TimeBudget(lambda: left[0], margin=5.0)
    budget.start_step(0)
    left[0] -= 9.0  # a shift with many volunteers, on a slow table: 11 s left, more than the margin
    with pytest.raises(OutOfTime) as paused:
        budget.start_step(1)  # another as slow would end 2 s before the timeout, with nothing kept to re-queue
    assert paused.value.done == 1 and budget.slowest == 9.0


def test_without_a_context_there_is_no_limit():
    assert TimeBudget.of(None) is None
    context = type("Context", (), {"get_remaining_time_in_millis": lambda self: 7500})()
    assert TimeBudget.of(context).time_left() == 7.5
