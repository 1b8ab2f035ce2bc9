"""e. Mail: the weekly digest planned for N subscribers against moto, a sample through the real mailer."""

from __future__ import annotations

import statistics
import time
from datetime import UTC, datetime
from typing import Any

from .common import REGION, log, table, verdict
from .stack import Stack

# ---------------------------------------------------------------- mail
MAIL_SUBSCRIBERS, MAIL_SUBSCRIBERS_QUICK = 100_000, 3_000
MAIL_SAMPLE_JOBS = 40  # jobs actually delivered through the mailer (SES calls per recipient)
# Where subscribers live (weights): the big regions first, as the associations are spread.
REGION_WEIGHTS = {"11": 24, "84": 12, "76": 10, "93": 9, "75": 8, "44": 7, "32": 7, "52": 5, "53": 5, "28": 4,
                  "27": 4, "24": 3, "94": 1}


def subscriber_items(count: int, seed: int) -> list[dict[str, Any]]:
    """A realistic mix: most follow one region; some two or none; a third pick topics; some follow
    associations; 60 % French, 30 % Ukrainian, 10 % English."""
    import random

    from hromada.domain.subscriptions import subscription_id
    from hromada.models.event import EventCategory
    from hromada.models.subscription import Subscription
    from hromada.store.subscriptions import _item

    rng = random.Random(seed)
    regions, weights = list(REGION_WEIGHTS), list(REGION_WEIGHTS.values())
    categories = [c.value for c in EventCategory]
    associations = [f"as_{i:020x}" for i in range(80)]
    items = []
    for i in range(count):
        email = f"reader{i}@example.org"
        shape = rng.random()
        chosen = [] if shape < 0.1 else rng.choices(regions, weights, k=1 if shape < 0.8 else 2)
        topics = rng.sample(categories, rng.randint(1, 3)) if rng.random() < 0.35 else []
        follows = rng.sample(associations, rng.randint(1, 3)) if rng.random() < 0.25 else []
        lang = rng.choices(["fr", "uk", "en"], [6, 3, 1])[0]
        sub = Subscription(id=subscription_id(email), email=email, regions=sorted(set(chosen)),
                           categories=sorted(topics), associations=sorted(follows), language=lang,
                           frequency="weekly", status="confirmed", created_at="2026-01-01T00:00:00Z",
                           updated_at="2026-01-01T00:00:00Z", confirmed_at="2026-01-01T00:00:00Z")
        items.append(_item(sub, None))
    return items


def content_items(now: datetime, seed: int) -> list[dict[str, Any]]:
    """A busy week: 150 new events across the regions (a tenth online) and 60 announcements."""
    import random
    from datetime import timedelta

    from hromada.models.event import EventCategory
    from hromada.store import keys
    from hromada.store.codec import to_item

    rng = random.Random(seed)
    categories = [c.value for c in EventCategory]
    created = (now - timedelta(days=2)).isoformat(timespec="milliseconds").replace("+00:00", "Z")
    items = []
    for i in range(150):
        start = (now + timedelta(days=rng.randint(1, 40), hours=rng.randint(0, 12))).isoformat(
            timespec="milliseconds").replace("+00:00", "Z")
        region = rng.choices(list(REGION_WEIGHTS), list(REGION_WEIGHTS.values()))[0]
        venue = None if i % 10 == 0 else {"name": "Salle", "city": "Ville", "region": region}
        event_id = f"ev_bench{i:012x}"
        items.append(to_item(keys.event(event_id) | {
            "gsi2pk": keys.EVENTS_COLLECTION, "gsi2sk": keys.event_order(start, event_id), "id": event_id,
            "title": {"fr": f"Événement {i}", "uk": f"Подія {i}"}, "description": {"fr": "Description " * 20},
            "start": start, "end": start, "timezone": "Europe/Paris", "venue": venue,
            "categories": rng.sample(categories, 2), "association_id": f"as_{rng.randrange(80):020x}",
            "association_name": "Association", "created_at": created, "status": "scheduled"}))
    for i in range(60):
        ann_id = f"an_bench{i:012x}"
        region = rng.choice([None, *REGION_WEIGHTS])
        items.append(to_item(keys.announcement(ann_id) | {
            "gsi2pk": keys.ANNOUNCEMENTS_COLLECTION, "gsi2sk": keys.announcement_order(created, ann_id),
            "id": ann_id, "title": {"fr": f"Annonce {i}"}, "body": {"fr": "Texte " * 40}, "region": region,
            "association_id": f"as_{rng.randrange(80):020x}", "association_name": "Association",
            "created_at": created}))
    return items


def write_items(table: str, items: list[dict[str, Any]]) -> None:
    from hromada.store.client import dynamodb

    client = dynamodb()
    for start in range(0, len(items), 25):
        request = {table: [{"PutRequest": {"Item": item}} for item in items[start:start + 25]]}
        while request:
            request = client.batch_write_item(RequestItems=request).get("UnprocessedItems") or None


def measure_mail(stack: Stack, quick: bool) -> dict[str, Any]:
    """The weekly digest for N subscribers: the planner against moto, then a sample through the mailer."""
    from hromada.domain.digests import DigestPlanner
    from hromada.mail.delivery import Mailer
    from hromada.mail.jobs import Outbox
    from hromada.mail.links import SignedLinks
    from hromada.mail.ses import SesSender, sesv2
    from hromada.store.deliveries import DynamoDeliveryLog
    from hromada.store.digest_content import DynamoDigestContent
    from hromada.store.subscriptions import DynamoSubscriptionStore

    count = MAIL_SUBSCRIBERS_QUICK if quick else MAIL_SUBSCRIBERS
    now = datetime.now(UTC)
    log(f"mail: writing {count:,} subscribers and a week of content to moto")
    write_items(stack.table, subscriber_items(count, seed=7) + content_items(now, seed=7))

    import boto3
    from botocore.config import Config

    # moto answers a Query over 100,000 items in seconds, not milliseconds: a patient client for the bench.
    patient = boto3.client("dynamodb", region_name=REGION, config=Config(read_timeout=600, retries={
        "max_attempts": 1}))
    patient.meta.events.register("before-call.dynamodb.*", stack.calls.on_call)

    class Source:
        def __init__(self) -> None:
            self.subscriptions = DynamoSubscriptionStore(client=patient)
            self.content = DynamoDigestContent(client=patient)

        def subscribers(self, frequency: str) -> Any:
            return self.subscriptions.subscribers(frequency)

        def new_events(self, since: str, now: str) -> list[dict[str, Any]]:
            return self.content.new_events(since, now)

        def new_announcements(self, since: str) -> list[dict[str, Any]]:
            return self.content.new_announcements(since)

    log("mail: planning the weekly digest")
    source, outbox = Source(), Outbox()
    waiting = {"seconds": 0.0, "since": 0.0}  # time spent waiting for DynamoDB (moto), from botocore's events
    client = source.subscriptions.client

    def before(**_: Any) -> None:
        waiting["since"] = time.perf_counter()

    def after(**_: Any) -> None:
        waiting["seconds"] += time.perf_counter() - waiting["since"]

    client.meta.events.register("before-call.dynamodb.Query", before)
    client.meta.events.register("after-call.dynamodb.Query", after)
    with stack.calls.watching("digest planner") as operations:
        started = time.perf_counter()
        plan = DigestPlanner(source, "https://hromada.example").plan("weekly", now)
        planned = time.perf_counter() - started
        outbox.enqueue(plan.jobs)
    client.meta.events.unregister("before-call.dynamodb.Query", before)
    client.meta.events.unregister("after-call.dynamodb.Query", after)
    sizes = [len(job.to_json().encode()) for job in plan.jobs]

    # A sample of the jobs through the real mailer, SES on moto: calls counted on the SES client.
    ses_calls: list[str] = []
    client = sesv2()
    client.meta.events.register("before-call.sesv2.*", lambda model=None, **_: ses_calls.append(model.name))
    links = SignedLinks(api_url="https://api.hromada.example", web_url="https://hromada.example", key=b"k" * 48)
    mailer = Mailer(DynamoDeliveryLog(), SesSender(client=client), DynamoSubscriptionStore(), links,
                    "Hromada <nouvelles@hromada.example>")
    sample = plan.jobs[:MAIL_SAMPLE_JOBS]
    with stack.calls.watching("mailer") as mailer_ops:
        started = time.perf_counter()
        recipients = sum(len(mailer.deliver(job).sent) for job in sample)
        delivering = time.perf_counter() - started
    repeat = sum(len(mailer.deliver(job).duplicates) for job in sample[:5])
    return {"subscribers": count, "plan": plan, "seconds": planned, "dynamodb_seconds": waiting["seconds"],
            "operations": list(operations),
            "sqs_calls": -(-len(plan.jobs) // 10), "job_bytes": sizes, "sample_jobs": len(sample),
            "sample_recipients": recipients, "ses_calls": len(ses_calls), "mailer_ops": list(mailer_ops),
            "deliver_seconds": delivering, "repeat_skipped": repeat}


def _sending_estimate(recipients: int) -> str:
    from hromada.mail.pacing import SendQuota, estimate

    guess = estimate(SendQuota(max_24h=50_000, max_rate=14), recipients, senders=2)
    return f"{guess.describe()} ({guess.days} further days of quota)"


def report_mail(m: dict[str, Any]) -> str:
    from collections import Counter

    plan = m["plan"]
    reads = Counter(m["operations"])
    per_recipient = m["ses_calls"] / max(1, m["sample_recipients"])
    mailer_calls = Counter(m["mailer_ops"])
    rows = [
        ["Subscribers (weekly)", f"{m['subscribers']:,}"],
        ["Distinct preference sets (regions, topics, followed associations, language)",
         f"{plan.preference_sets:,}"],
        ["Distinct letters (language and selected items): one rendering each", f"{plan.groups:,}"],
        ["Recipients with something new / with an empty digest (not sent)", f"{plan.recipients:,} / {plan.empty:,}"],
        ["Planner time, of which waiting for DynamoDB (here moto, much slower than DynamoDB per page)",
         f"{m['seconds']:.2f} s, of which {m['dynamodb_seconds']:.2f} s"],
        ["Planner's own work (grouping, matching, letters)", f"{m['seconds'] - m['dynamodb_seconds']:.2f} s"],
        ["Planner DynamoDB calls", ", ".join(f"{k} {v}" for k, v in reads.items()) + f" (total {sum(reads.values())})"],
        ["DynamoDB reads per 1,000 subscribers", f"{1000 * sum(reads.values()) / m['subscribers']:.2f}"],
        ["Mail jobs (≤ 25 recipients each) / SQS SendMessageBatch calls",
         f"{len(plan.jobs):,} / {m['sqs_calls']:,}"],
        ["Job size: median / largest", f"{statistics.median(m['job_bytes']) / 1024:.1f} KB / "
                                       f"{max(m['job_bytes']) / 1024:.1f} KB (SQS limit 256 KB)"],
        [f"Mailer sample: {m['sample_jobs']} jobs, {m['sample_recipients']:,} recipients",
         f"{m['deliver_seconds']:.2f} s ({1000 * m['deliver_seconds'] / max(1, m['sample_recipients']):.1f} ms "
         "per recipient, rendering + MIME + SES + 2 writes)"],
        ["SES calls per recipient (goal: 1)", f"{per_recipient:.2f} " + verdict(per_recipient <= 1.0)],
        ["Mailer DynamoDB calls per recipient", ", ".join(
            f"{k} {v / max(1, m['sample_recipients']):.2f}" for k, v in mailer_calls.items())],
        ["Same jobs delivered again (5 jobs): recipients skipped, nothing sent", f"{m['repeat_skipped']}"],
        ["Sending time at a new SES account's quota (14/s, 50,000/day), 2 mailer instances (planner's estimate)",
         _sending_estimate(plan.recipients)],
    ]
    return "\n\n".join([
        "## Mail: the weekly digest",
        "Subscribers written straight into moto with a realistic mix (regions weighted by population, 10 % "
        "with none, 20 % with two; a third choose 1-3 topics; a quarter follow 1-3 of 80 associations; "
        "60 % French, 30 % Ukrainian, 10 % English) and a busy week of content (150 new events, a tenth online; "
        "60 announcements). The planner (`DigestPlanner` with the DynamoDB stores) reads the subscribers once "
        "(one paginated Query of a sparse index) and the new content once, groups subscribers by what they "
        "asked for and builds each group's letter from cards made once per item and language. A sample of the "
        "jobs then goes through the real mailer to SES on moto.",
        table(["Measure", "Value"], rows),
    ])
