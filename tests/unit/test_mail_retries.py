"""What the mailer does with a job that could not finish: continue it later, or retry it (towards the DLQ)."""

from __future__ import annotations

import pytest

from hromada.mail.delivery import Outcome
from hromada.mail.pacing import MAX_DELAY
from hromada.mail.retries import (
    MAX_BACKOFF,
    Continue,
    Retry,
    after_failure,
    after_pause,
    backoff,
    made_progress,
    rest_of,
)
from tests.unit.test_mail import job


def highest(low: float, high: float) -> float:
    return high


def lowest(low: float, high: float) -> float:
    return low


@pytest.mark.parametrize(("receives", "ceiling"), [(0, 30), (1, 30), (2, 60), (3, 120), (5, 480), (6, 900), (30, 900)])
def test_the_backoff_doubles_with_each_receive_up_to_a_quarter_of_an_hour(receives, ceiling):
    assert backoff(receives, 30, draw=highest) == ceiling
    assert backoff(receives, 30, draw=lowest) == ceiling // 2


def test_the_backoff_is_drawn_between_half_the_ceiling_and_the_ceiling():
    drawn = {backoff(4, 30) for _ in range(200)}
    assert all(120 <= d <= 240 for d in drawn)
    assert len(drawn) > 1  # jittered: mailers retrying together do not come back together


def test_no_base_means_no_backoff():
    assert backoff(3, 0) == 0
    assert MAX_BACKOFF <= MAX_DELAY  # a continued job can be delayed by as much as a retried one


def test_a_spent_day_waits_the_longest_delay_sqs_allows_and_never_counts_towards_the_dlq():
    assert after_failure("daily", False, receive_count=5, base=30, draw=highest) == Continue(MAX_DELAY, "ses-daily")


def test_ses_refusing_for_its_rate_continues_after_the_first_backoff_whatever_the_receives():
    assert after_failure("rate", False, receive_count=7, base=30, draw=highest) == Continue(30, "ses-rate")


def test_a_job_that_moved_before_failing_continues_instead_of_spending_its_receives():
    decision = after_failure(None, True, receive_count=4, base=30, draw=highest)
    assert decision == Continue(30, "progress")
    assert not decision.paced


def test_a_job_that_served_nobody_is_retried_with_a_growing_backoff():
    assert after_failure(None, False, receive_count=1, base=30, draw=highest) == Retry(30)
    assert after_failure(None, False, receive_count=4, base=30, draw=highest) == Retry(240)


def test_a_pause_for_the_quota_waits_and_one_for_the_clock_does_not():
    assert after_pause(120.7) == Continue(120, "quota")
    assert after_pause(0) == Continue(0, "time")
    assert after_pause(120).paced and after_pause(0).paced


def test_the_rest_of_a_job_keeps_its_key_and_drops_everyone_served():
    whole = job(6)
    outcome = Outcome(sent=["sb_0"], duplicates=["sb_1"], suppressed=["sb_2"], rejected=["sb_3"])
    rest = rest_of(whole, outcome)
    assert [r.id for r in rest.recipients] == ["sb_4", "sb_5"]
    assert rest.key == whole.key and rest.bulk
    assert made_progress(whole, outcome)
    assert not made_progress(whole, Outcome())
    assert not made_progress(whole, Outcome(sent=["sb_99"]))  # another job's recipient
