"""What becomes of a mail job that could not finish now (pure: no AWS; the mailer carries the decision out).

Two ways back to the queue:
- continue: the rest of the job (recipients not yet served) goes back as a new, delayed message and the
  received one is deleted. For waits that are no fault of the job (the quota, the invocation's time, SES
  refusing for the account's quota) and for a job that was still moving: it never spends its receives, so a
  digest spread over days never reaches the dead-letter queue.
- retry: the received message fails and comes back after a backoff growing with each receive; after the
  queue's maxReceiveCount it lands in the dead-letter queue (an outage that lasts, a poison message).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any, Literal

from hromada import jitter
from hromada.mail.jobs import MailJob
from hromada.mail.pacing import MAX_DELAY

MAX_BACKOFF = 900  # SQS allows up to 12 h; a quarter of an hour keeps digests within their morning


def backoff(receive_count: int, base: float, draw: Callable[[float, float], float] = jitter.uniform) -> int:
    """Exponential backoff with jitter: a delay drawn in [ceiling/2, ceiling], ceiling = base·2^(n-1) capped
    at MAX_BACKOFF (half the ceiling at least, so retries spread out without coming back at once)."""
    ceiling = min(MAX_BACKOFF, base * 2 ** max(0, receive_count - 1))
    return int(draw(ceiling / 2, ceiling)) if ceiling > 0 else 0


@dataclass(frozen=True)
class Continue:
    """Put the rest back as a new message after `delay` seconds; delete the received one."""

    delay: int
    reason: Literal["quota", "time", "ses-daily", "ses-rate", "progress"]

    @property
    def paced(self) -> bool:
        """A wait imposed by the quota or the clock (not a failure that happened to leave progress)."""
        return self.reason != "progress"


@dataclass(frozen=True)
class Retry:
    """Fail the received message; it comes back after `delay` seconds and counts towards the DLQ."""

    delay: int


def after_pause(delay: float) -> Continue:
    """The pacer stopped the job: the day's quota (a delay) or the invocation's end (none: at once)."""
    return Continue(int(delay), "quota" if delay else "time")


def after_failure(quota: str | None, progressed: bool, receive_count: int, base: float,
                  draw: Callable[[float, float], float] = jitter.uniform) -> Continue | Retry:
    """SES could not take a message. `quota` is "daily" or "rate" when SES refused for the account's sending
    quota: no fault of the job, so it never counts towards the DLQ (a spent day waits the longest delay SQS
    allows). Otherwise a job that served some recipients continues; one that served none is retried."""
    if quota == "daily":
        return Continue(MAX_DELAY, "ses-daily")
    if quota:
        return Continue(backoff(1, base, draw), "ses-rate")
    if progressed:
        return Continue(backoff(1, base, draw), "progress")
    return Retry(backoff(receive_count, base, draw))


def served(outcome: Any) -> set[str]:
    """Recipients a delivery attempt is done with: sent, already sent, suppressed or refused for good."""
    return set(outcome.sent) | set(outcome.duplicates) | set(outcome.suppressed) | set(outcome.rejected)


def made_progress(job: MailJob, outcome: Any) -> bool:
    """Whether the attempt was done with at least one of the job's recipients."""
    return any(r.id in served(outcome) for r in job.recipients)


def rest_of(job: MailJob, outcome: Any) -> MailJob:
    """The job for the recipients not yet served (the same key: a copy put back twice still sends once)."""
    done = served(outcome)
    return replace(job, recipients=[r for r in job.recipients if r.id not in done])
