"""A digest under the SES account quota: the mailer handler itself, five instances, SES stubbed to refuse
what the quota refuses (N a second, M in any 24 hours), SQS simulated with its delays, time simulated.

Deliveries are claimed in the local stack's table (moto), as in AWS. Every recipient must get exactly one
copy: none lost while jobs wait out the day, none duplicated by a job put back or redelivered.
"""

from __future__ import annotations

import bisect
import json
import math
import uuid
from collections import Counter
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

import pytest
from botocore.exceptions import ClientError

from hromada.mail import letters
from hromada.mail.delivery import Mailer
from hromada.mail.jobs import MailJob, Recipient, split
from hromada.mail.pacing import DAY, MAX_DELAY, Pacer, SendQuota, estimate
from hromada.mail.quota import account_quota
from hromada.mail.ses import SesSender
from infra.events import LambdaContext
from infra.pollers import sqs_event

START = 1_780_000_000.0  # a Monday morning, in simulated seconds
VISIBILITY = 180  # the MailQueue's visibility timeout
MAX_RECEIVES = 5  # its redrive policy


class QuotaSes:
    """SES as the account quota makes it: more than `rate` sends in a clock second, or than `daily` in the
    last 24 hours, are refused with SES's own errors."""

    def __init__(self, rate: int, daily: int, now: Any):
        self.rate, self.daily, self.now = rate, daily, now
        self.times: list[float] = []  # accepted sends, sorted
        self.per_second: Counter[int] = Counter()
        self.delivered: Counter[str] = Counter()
        self.refused: Counter[str] = Counter()

    def last_24h(self, at: float) -> int:
        return bisect.bisect_right(self.times, at) - bisect.bisect_right(self.times, at - DAY)

    def since(self, at: float) -> int:
        """Sends after `at`, including those of instances simulated a few seconds ahead: SES counts them all."""
        return len(self.times) - bisect.bisect_right(self.times, at)

    def send_email(self, **kwargs: Any) -> dict[str, str]:
        at = self.now()
        if self.per_second[math.floor(at)] >= self.rate:
            self.refused["rate"] += 1
            raise ClientError({"Error": {"Code": "TooManyRequestsException",
                                         "Message": "Maximum sending rate exceeded."}}, "SendEmail")
        if self.since(at - DAY) >= self.daily:
            self.refused["daily"] += 1
            raise ClientError({"Error": {"Code": "LimitExceededException",
                                         "Message": "Daily message quota exceeded."}}, "SendEmail")
        self.per_second[math.floor(at)] += 1
        bisect.insort(self.times, at)
        [recipient] = kwargs["Destination"]["ToAddresses"]
        self.delivered[recipient] += 1
        return {"MessageId": f"m-{len(self.times)}"}

    def get_account(self) -> dict[str, Any]:
        return {"SendQuota": {"Max24HourSend": float(self.daily), "MaxSendRate": float(self.rate),
                              "SentLast24Hours": float(self.since(self.now() - DAY))}}


@dataclass
class Message:
    id: str
    body: str
    visible_at: float
    receives: int = 0


@dataclass
class Queue:
    """SQS as the mailer sees it: DelaySeconds ≤ 900, in-flight messages hidden for the visibility timeout."""

    messages: dict[str, Message] = field(default_factory=dict)
    dead: list[Message] = field(default_factory=list)
    puts: int = 0

    def put(self, body: str, at: float, delay: int = 0) -> None:
        assert 0 <= delay <= MAX_DELAY
        self.puts += 1
        message = Message(uuid.uuid4().hex, body, at + delay)
        self.messages[message.id] = message

    def receive(self, at: float) -> list[Message]:
        due = sorted((m for m in self.messages.values() if m.visible_at <= at), key=lambda m: m.visible_at)[:10]
        for message in due:
            message.receives += 1
            message.visible_at = at + VISIBILITY
        return due


class Instance:
    """One mailer environment: its own module (caches, pacer), its own clock (they run side by side)."""

    def __init__(self, stack: Any, world: World, senders: int, offset: float):
        self.now = START + offset
        self.module = stack.pools["MailerFunction"]._load()
        self.pacer = Pacer(lambda: account_quota(world.ses), senders, clock=lambda: self.now, sleep=self.sleep)
        mailer = Mailer(self.module.DynamoDeliveryLog(), SesSender(client=world.ses),
                        self.module.DynamoSubscriptionStore(), world.links, "Hromada <n@hromada.example>",
                        clock=lambda: self.now, pace=self.pacer)
        outbox = SimpleNamespace(enqueue=lambda jobs, delay=0: [world.queue.put(j.to_json(), self.now, delay)
                                                                for j in jobs])
        self.module.mailer, self.module.outbox = (lambda: mailer), (lambda: outbox)
        self.module.pacer = lambda: self.pacer
        self.module.time = SimpleNamespace(monotonic=lambda: self.now, sleep=self.sleep)

    def sleep(self, seconds: float) -> None:
        self.now += seconds


class Links:
    def manage(self, sid: str, generation: int | None = None) -> str:
        return f"https://hromada.example/manage?{sid}"

    def unsubscribe(self, sid: str, generation: int | None = None) -> str:
        return f"https://hromada.example/unsubscribe?{sid}"


@dataclass
class World:
    ses: QuotaSes
    queue: Queue = field(default_factory=Queue)
    links: Links = field(default_factory=Links)
    current: Instance | None = None

    def now(self) -> float:
        assert self.current is not None
        return self.current.now


def digest_jobs(count: int) -> tuple[list[MailJob], list[str]]:
    run = uuid.uuid4().hex[:8]
    recipients = [Recipient(f"sb_{run}_{i}", f"reader-{run}-{i}@example.org", f"sb_{run}_{i}") for i in range(count)]
    letter = letters.digest("fr", "weekly", [], [])
    return split("digest", f"digest:weekly:quota-{run}", letter, recipients, bulk=True), [r.email for r in recipients]


def run_mailers(stack: Any, world: World, jobs: list[MailJob], instances: int, senders: int,
                limit: float = 5 * DAY) -> list[Instance]:
    mailers = [Instance(stack, world, senders, offset=0.137 * i) for i in range(instances)]
    for job in jobs:
        world.queue.put(job.to_json(), START)
    while world.queue.messages:
        instance = min(mailers, key=lambda m: m.now)
        assert instance.now < START + limit, "the digest did not finish"
        batch = world.queue.receive(instance.now)
        if not batch:
            instance.now = max(instance.now, min(m.visible_at for m in world.queue.messages.values()))
            continue
        world.current = instance
        event = sqs_event([{"MessageId": m.id, "ReceiptHandle": m.id, "Body": m.body,
                            "Attributes": {"ApproximateReceiveCount": str(m.receives)}} for m in batch],
                          "arn:aws:sqs:eu-west-3:123456789012:mail", "eu-west-3")
        result = instance.module.lambda_handler(event, LambdaContext("MailerFunction", timeout_seconds=30))
        failed = {f["itemIdentifier"] for f in result.get("batchItemFailures", [])}
        for message in batch:
            if message.id not in failed:
                del world.queue.messages[message.id]
            elif message.receives >= MAX_RECEIVES:
                world.queue.dead.append(world.queue.messages.pop(message.id))
        instance.now += 0.05  # the invocation's own time
    return mailers


def busiest_second(times: list[float]) -> int:
    return max(Counter(math.floor(t) for t in times).values())


def test_a_digest_beyond_the_daily_quota_reaches_everyone_once_spread_over_days_at_the_rate(stack, capsys):
    """Two instances as deployed; five out of step are checked in tests/unit/test_mail_pacing.py."""
    # A small account (14/s, 300 a day) and 500 subscribers: two days of sending.
    world = World(QuotaSes(rate=14, daily=300, now=lambda: world.now()))
    jobs, emails = digest_jobs(500)
    run_mailers(stack, world, jobs, instances=2, senders=2)  # as deployed: MaximumConcurrency 2
    ses = world.ses
    assert set(ses.delivered) == set(emails), "every recipient reached"
    assert set(ses.delivered.values()) == {1}, "nobody twice"
    assert world.queue.dead == []
    assert ses.refused["rate"] == 0, "paced instances never exceed the account's rate"
    assert busiest_second(ses.times) <= 12  # bulk: 6 a second each, out of step (2/s kept for transactional)
    assert max(ses.last_24h(t) for t in ses.times) <= 300
    span = ses.times[-1] - ses.times[0]
    expected = estimate(SendQuota(max_24h=300, max_rate=14), 500, senders=2)
    assert expected.days == 1 and DAY <= span <= expected.seconds + MAX_DELAY + 120
    first_day = sum(1 for t in ses.times if t < START + DAY)
    assert 285 <= first_day <= 300  # the bulk cap (95 %), overshot at most to SES's own limit
    with capsys.disabled():
        print(f"\n2,000 recipients at 14/s, 1,200/day, 2 instances: {span / 3600:.1f} h of sending "
              f"(estimate {expected.seconds / 3600:.1f} h); refused by SES: {dict(ses.refused)}; "
              f"queue puts {world.queue.puts}; busiest second {busiest_second(ses.times)}")


def test_instances_that_overrun_the_rate_are_refused_by_ses_and_lose_nobody(stack):
    # Misconfigured: five instances each believing they are alone (14/s each): SES refuses the excess.
    world = World(QuotaSes(rate=14, daily=100_000, now=lambda: world.now()))
    jobs, emails = digest_jobs(400)
    run_mailers(stack, world, jobs, instances=5, senders=1)
    assert world.ses.refused["rate"] > 0
    assert set(world.ses.delivered) == set(emails) and set(world.ses.delivered.values()) == {1}
    assert world.queue.dead == []


def test_the_planner_reports_how_long_the_digest_for_100000_subscribers_takes(stack, capsys):
    planner = stack.pools["MailPlannerFunction"]._load()
    sending = planner.sending_time(100_000)  # the local SES answers GetAccount with a new account's quota
    assert sending["quota"]["max_send_rate"] == 14 and sending["quota"]["max_24_hour_send"] == 50_000
    assert sending["mailer_instances"] == 2 and sending["extra_days"] == 2 and sending["rate_per_second"] == 12
    assert 47 <= sending["hours"] <= 49
    with capsys.disabled():
        print("\nweekly digest, 100,000 subscribers, new SES account:", json.dumps(sending))


@pytest.mark.parametrize("code", ["TooManyRequestsException", "Throttling", "LimitExceededException"])
def test_ses_quota_refusals_mean_later_never_failed(code):
    from hromada.mail.ses import SendFailed

    assert SendFailed(code, retryable=True).quota in ("rate", "daily")
    assert SendFailed("Throttling", True, "Daily message quota exceeded.").quota == "daily"
    assert SendFailed("MessageRejected", False).quota is None
