"""Sending within the SES account's quota (pure: no AWS; the caller gives the quota and the time).

SES allows `MaxSendRate` messages a second and `Max24HourSend` in any rolling 24 hours, of which
`SentLast24Hours` are used. Bulk mail (digests, announcements, election notices) and transactional mail
(confirmations, notices, reminders) wait on two queues, so a confirmation never queues behind a digest;
each queue is served by up to `senders` mailer instances at once (its event source's MaximumConcurrency).
Nothing is shared between instances, so each keeps to a whole share of its class's part of the rate:
BULK_RATE_SHARE for bulk, the rest for transactional mail, divided by `senders` and floored, sends spaced
by its inverse. Any one-second window then holds at most MaxSendRate sends (14/s: 6 + 6 bulk, 1 + 1
transactional). The daily quota is SES's own count, re-read every few minutes, less what this instance
sent since. Bulk mail leaves BULK_RESERVE of the day to transactional mail, so a digest that fills the
day cannot hold back a confirmation link either.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

BULK_RESERVE = 0.05  # of Max24HourSend, kept for confirmations, reminders and notices
BULK_RATE_SHARE = 6 / 7  # of MaxSendRate; the rest is transactional mail's, which is small and must not wait
MAX_DELAY = 900  # SQS DelaySeconds' limit: the longest a job can be put back for
DAY = 86400
QUOTA_TTL = 120.0  # seconds a read quota is trusted (other instances send meanwhile)
SPACING_EPSILON = 1e-6  # 7 × (1/7) rounds below 1 s in floating point: an eighth send could share the second


@dataclass(frozen=True)
class SendQuota:
    max_24h: float  # Max24HourSend; negative: unlimited
    max_rate: float  # MaxSendRate, messages a second
    sent_24h: float = 0.0  # SentLast24Hours

    def daily_cap(self, bulk: bool) -> float:
        if self.max_24h < 0:
            return math.inf
        return self.max_24h * (1 - BULK_RESERVE) if bulk else self.max_24h

    def daily_left(self, bulk: bool) -> float:
        return max(0.0, self.daily_cap(bulk) - self.sent_24h)


def class_rate(quota: SendQuota, bulk: bool) -> float:
    """The part of MaxSendRate that bulk, or transactional, mail may use."""
    return quota.max_rate * (BULK_RATE_SHARE if bulk else 1 - BULK_RATE_SHARE)


def instance_rate(quota: SendQuota, senders: int, bulk: bool = True) -> float:
    """Messages a second one of `senders` instances of a class may send (a whole number when at least one)."""
    share = class_rate(quota, bulk) / max(1, senders)
    return float(math.floor(share + 1e-9)) if share >= 1 else share


def account_rate(quota: SendQuota, senders: int, bulk: bool = True) -> float:
    return instance_rate(quota, senders, bulk) * max(1, senders)


@dataclass(frozen=True)
class Step:
    send_now: int  # messages to send in this window
    continue_in: float | None  # seconds until the rest may go on (None: nothing is left)


def step(quota: SendQuota, backlog: int, window: float, senders: int = 1, bulk: bool = True,
         sent_since_read: int = 0) -> Step:
    """How many of `backlog` messages one instance may send in the next `window` seconds, and when the rest
    may continue: at once (another invocation) if only time ran out, after MAX_DELAY if the day's quota is
    spent (SES does not say when its rolling window frees up: look again then)."""
    left = quota.daily_left(bulk) - sent_since_read
    by_rate = math.floor(instance_rate(quota, senders, bulk) * max(0.0, window) + 1e-9)
    send_now = int(max(0, min(backlog, by_rate, left)))
    if send_now >= backlog:
        return Step(backlog, None)
    return Step(send_now, float(MAX_DELAY) if send_now >= left else 0.0)


@dataclass(frozen=True)
class Estimate:
    recipients: int
    seconds: float  # from the first send to the last
    days: int  # further 24-hour windows waited for the daily quota
    rate: float  # messages a second, all instances together

    def describe(self) -> str:
        hours, rest = divmod(round(self.seconds), 3600)
        return f"{self.recipients} mails in {hours} h {rest // 60:02d} min at {self.rate:g}/s"


def estimate(quota: SendQuota, recipients: int, senders: int, bulk: bool = True) -> Estimate:
    """How long sending `recipients` mails takes: at the account rate while the day's quota lasts, then a
    full quota per further 24 hours (the window frees up as the first day's sends leave it)."""
    rate = account_rate(quota, senders, bulk)
    if recipients <= 0:
        return Estimate(recipients, 0.0, 0, rate)
    if rate <= 0:
        return Estimate(recipients, math.inf, 0, rate)
    first = min(recipients, quota.daily_left(bulk))
    rest = recipients - first
    if rest <= 0:
        return Estimate(recipients, first / rate, 0, rate)
    per_day = quota.daily_cap(bulk)
    days = math.ceil(rest / per_day)
    last = rest - (days - 1) * per_day
    return Estimate(recipients, days * DAY + last / rate, days, rate)


class Pacer:
    """One mailer instance's pace: sends spaced by 1/instance_rate, the daily quota as last read.

    `acquire` answers None when one message may go now (having waited for its turn), or the seconds
    after which the rest of the work should continue (the day's quota is spent, or waiting would run
    past `deadline`, the end of this invocation's time)."""

    def __init__(self, read_quota: Callable[[], SendQuota], senders: int, clock: Callable[[], float],
                 sleep: Callable[[float], None], ttl: float = QUOTA_TTL):
        self.read_quota, self.senders, self.clock, self.sleep, self.ttl = read_quota, max(1, senders), clock, sleep, ttl
        self._quota: SendQuota | None = None
        self._read_at = -math.inf
        self.sent_since_read = 0.0
        self.next_at = -math.inf  # earliest time of this instance's next send
        self.deadline = math.inf

    def quota(self) -> SendQuota:
        now = self.clock()
        if self._quota is None or now - self._read_at >= self.ttl:
            self._quota, self._read_at, self.sent_since_read = self.read_quota(), now, 0.0
        return self._quota

    def blocked(self, bulk: bool) -> float | None:
        """None if a message could go (now or after a wait), else when to look again."""
        quota = self.quota()
        if quota.daily_left(bulk) - self.sent_since_read < 1 or instance_rate(quota, self.senders, bulk) <= 0:
            return float(MAX_DELAY)
        if max(self.clock(), self.next_at) > self.deadline:
            return 0.0  # out of time here, not out of quota: continue at once in another invocation
        return None

    def acquire(self, bulk: bool) -> float | None:
        pause = self.blocked(bulk)
        if pause is not None:
            return pause
        rate = instance_rate(self.quota(), self.senders, bulk)
        now = self.clock()
        start = max(now, self.next_at)
        if start > now:
            self.sleep(start - now)
        self.next_at = start + 1 / rate + SPACING_EPSILON
        self.sent_since_read += 1
        return None

    def exhausted(self) -> None:
        """SES said the day's quota is spent: trust that until the next read."""
        self.sent_since_read = math.inf

    def throttled(self) -> None:
        """SES said too fast (another sender on the account): leave a one-second gap."""
        self.next_at = max(self.next_at, self.clock() + 1.0)
