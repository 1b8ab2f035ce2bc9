"""e. Mail: the weekly digest planned for N subscribers against moto, a sample through the real mailer."""

from __future__ import annotations

import os
import statistics
import time
from datetime import UTC, datetime
from typing import Any

from .common import REGION, BenchError, log, table, verdict
from .cost import DigestRun, Line, by_service, digest_lines, total
from .stack import Stack, memory_mb

# SES quotas: a new production account's, and the one docs/deployment-mail.md asks for so that the weekly digest
# to 100,000 subscribers goes out in one morning (the rate stays the new account's unless raised too).
NEW_ACCOUNT_QUOTA_RATE, NEW_ACCOUNT_QUOTA_DAY = 14.0, 50_000.0
PRODUCTION_QUOTA_RATE, PRODUCTION_QUOTA_DAY = 14.0, 105_300.0
MAILERS = 2  # template.yaml: the mail queue's ScalingConfig.MaximumConcurrency (MAIL_MAX_CONCURRENCY)
REACH_SUBSCRIBERS = 100_000

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
    from hromada.mail.delivery import Mailer
    from hromada.mail.digests import DigestPlanner
    from hromada.mail.links import SignedLinks
    from hromada.mail.pacing import instance_rate
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
    stack.calls.watch(patient)

    class Source:
        """The DynamoDB stores; what they return is kept for the scaling check (InMemory)."""

        def __init__(self) -> None:
            self.subscriptions = DynamoSubscriptionStore(client=patient)
            self.content = DynamoDigestContent(client=patient)
            self.seen: list[Any] = []
            self.events: list[dict[str, Any]] = []
            self.announcements: list[dict[str, Any]] = []

        def subscribers(self, frequency: str) -> Any:
            for subscriber in self.subscriptions.subscribers(frequency):
                self.seen.append(subscriber)
                yield subscriber

        def new_events(self, since: str, now: str) -> list[dict[str, Any]]:
            self.events = self.content.new_events(since, now)
            return self.events

        def new_announcements(self, since: str) -> list[dict[str, Any]]:
            self.announcements = self.content.new_announcements(since)
            return self.announcements

    log("mail: planning the weekly digest")
    source = Source()
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
    client.meta.events.unregister("before-call.dynamodb.Query", before)
    client.meta.events.unregister("after-call.dynamodb.Query", after)
    sizes = [len(job.to_json().encode()) for job in plan.jobs]
    scaling = planner_scaling(source, now)
    sqs_sends, sqs_receives = queue_round_trip(plan.jobs)

    # A sample of the jobs through the real mailer, SES on moto: calls counted on the SES client.
    ses_calls: list[str] = []
    client = sesv2()
    client.meta.events.register("before-call.sesv2.*", lambda model=None, **_: ses_calls.append(model.name))
    sends = ("SendEmail", "SendRawEmail")
    links = SignedLinks(api_url="https://api.hromada.example", web_url="https://hromada.example", key=b"k" * 48)
    mailer = Mailer(DynamoDeliveryLog(), SesSender(client=client), DynamoSubscriptionStore(), links,
                    "Hromada <nouvelles@hromada.example>")
    sample = plan.jobs[:MAIL_SAMPLE_JOBS]
    with stack.calls.watching("mailer") as mailer_ops:
        started = time.perf_counter()
        recipients = sum(len(mailer.deliver(job).sent) for job in sample)
        delivering = time.perf_counter() - started
    ses_sends = sum(1 for name in ses_calls if name in sends)
    repeat = sum(len(mailer.deliver(job).duplicates) for job in sample[:5])
    template = stack.template
    run = DigestRun(recipients=plan.recipients, planner_seconds=planned, planner_rru=operations.rru,
                    planner_wru=operations.wru, sqs_sends=sqs_sends, sqs_receives=sqs_receives,
                    sample_recipients=recipients, sample_seconds=delivering, sample_rru=mailer_ops.rru,
                    sample_wru=mailer_ops.wru, sample_ses_calls=ses_sends,
                    planner_memory_mb=memory_mb(template, "MailPlannerFunction"),
                    mailer_memory_mb=memory_mb(template, "MailerFunction"),
                    paced_seconds_per_mail=1 / instance_rate(quota(production=True), MAILERS, bulk=True))
    return {"subscribers": count, "subscribers_read": len(source.seen), "plan": plan,
            "seconds": planned, "dynamodb_seconds": waiting["seconds"],
            "operations": list(operations),
            "sqs_calls": sqs_sends, "sqs_receives": sqs_receives, "job_bytes": sizes, "sample_jobs": len(sample),
            "sample_recipients": recipients, "ses_calls": len(ses_calls), "mailer_ops": list(mailer_ops),
            "deliver_seconds": delivering, "repeat_skipped": repeat, "run": run, "scaling": scaling}


PLANNER_COPIES = 4  # the scaling check: the same subscribers four times over (same preferences, other people)


def planner_scaling(source: Any, now: datetime) -> dict[str, Any]:
    """The planner's own work (no I/O: the subscribers and content it read, in memory) for the subscribers it
    read and for PLANNER_COPIES times as many with the same preferences. Work that grows with the groups (one
    letter each) stays nearly flat; work per subscriber grows with them. Median of 3 each."""
    from hromada.mail.digests import DigestPlanner

    class InMemory:
        def __init__(self, subscribers: list[Any]) -> None:
            self.subscribers_ = subscribers

        def subscribers(self, frequency: str) -> Any:
            return iter(self.subscribers_)

        def new_events(self, since: str, now: str) -> list[dict[str, Any]]:
            return source.events

        def new_announcements(self, since: str) -> list[dict[str, Any]]:
            return source.announcements

    copies = [s.model_copy(update={"id": f"{s.id}-{n}", "email": f"c{n}.{s.email}"})
              for n in range(1, PLANNER_COPIES) for s in source.seen]
    results = {}
    for label, subscribers in (("once", list(source.seen)), ("copies", list(source.seen) + copies)):
        times, groups = [], 0
        for _ in range(3):
            started = time.perf_counter()
            plan = DigestPlanner(InMemory(subscribers), "https://hromada.example").plan("weekly", now)
            times.append(time.perf_counter() - started)
            groups = plan.groups
        results[label] = {"subscribers": len(subscribers), "seconds": statistics.median(times), "groups": groups}
    ratio = results["copies"]["seconds"] / max(1e-9, results["once"]["seconds"])
    return {**results, "ratio": ratio, "ok": ratio <= PLANNER_COPIES / 2}


QUEUE_SAMPLE_JOBS = 100  # jobs taken through moto's queue (each SQS call takes moto about a second here)


def queue_round_trip(jobs: list[Any]) -> tuple[float, float]:
    """A sample of the jobs onto moto's mail queue through the real outbox (SqsMailOutbox), then off it as Lambda's
    event source takes them (ReceiveMessage, 10 at a time, then DeleteMessageBatch). Returns the billed SQS
    requests each way (a request is billed per 64 KB of payload), counted on the client, scaled to all the jobs."""
    import boto3

    from hromada.store.deliveries import SqsMailOutbox

    client = boto3.client("sqs", region_name=REGION)
    billed = {"send": 0, "receive": 0}

    def before(model: Any = None, params: Any = None, context: Any = None, **_: Any) -> None:
        if isinstance(context, dict):
            context["bench_bytes"] = len((params or {}).get("body") or b"")

    def after(model: Any = None, http_response: Any = None, context: Any = None, **_: Any) -> None:
        name = getattr(model, "name", "")
        payload = (context or {}).get("bench_bytes", 0) + len(getattr(http_response, "content", b"") or b"")
        chunks = max(1, -(-payload // 65536))
        if name == "SendMessageBatch":
            billed["send"] += chunks
        elif name in ("ReceiveMessage", "DeleteMessageBatch"):
            billed["receive"] += chunks

    queue = os.environ.get("MAIL_QUEUE_URL", "")
    if not queue:
        raise BenchError("mail: MAIL_QUEUE_URL is not set (template.yaml's mailer environment)")
    sample = jobs[:QUEUE_SAMPLE_JOBS]
    if not sample:
        return 0.0, 0.0
    client.purge_queue(QueueUrl=queue)  # what the calls measure queued (notices) is not the digest's
    client.meta.events.register("before-call.sqs.*", before)
    client.meta.events.register("after-call.sqs.*", after)
    SqsMailOutbox(client=client, queue_url=queue, priority_queue_url=queue).enqueue(sample)
    while True:
        messages = client.receive_message(QueueUrl=queue, MaxNumberOfMessages=10, WaitTimeSeconds=0,
                                          VisibilityTimeout=300).get("Messages", [])
        if not messages:
            break
        client.delete_message_batch(QueueUrl=queue, Entries=[
            {"Id": str(i), "ReceiptHandle": m["ReceiptHandle"]} for i, m in enumerate(messages)])
    scale = len(jobs) / len(sample)
    return billed["send"] * scale, billed["receive"] * scale


def quota(production: bool = False) -> Any:
    from hromada.mail.pacing import SendQuota

    if production:
        return SendQuota(max_24h=PRODUCTION_QUOTA_DAY, max_rate=PRODUCTION_QUOTA_RATE)
    return SendQuota(max_24h=NEW_ACCOUNT_QUOTA_DAY, max_rate=NEW_ACCOUNT_QUOTA_RATE)


def _sending_estimate(recipients: int, production: bool = False) -> str:
    from hromada.mail.pacing import estimate

    guess = estimate(quota(production), recipients, senders=MAILERS)
    return f"{guess.describe()} ({guess.days} further days of quota)"


def reach(m: dict[str, Any], subscribers: int = REACH_SUBSCRIBERS) -> tuple[int, str]:
    """Mails a digest to `subscribers` sends (the measured share with something new) and how long they take at
    the production quota."""
    mails = round(subscribers * m["plan"].recipients / max(1, m["subscribers_read"]))
    return mails, _sending_estimate(mails, production=True)


def digest_cost(m: dict[str, Any], recipients: int = 100_000) -> list[Line]:
    return digest_lines(m["run"], recipients)


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
        [f"Planner's own work in memory: {m['scaling']['once']['subscribers']:,} subscribers / "
         f"{PLANNER_COPIES}× as many with the same preferences (groups {m['scaling']['once']['groups']:,} / "
         f"{m['scaling']['copies']['groups']:,})", f"{m['scaling']['once']['seconds']:.2f} s / "
         f"{m['scaling']['copies']['seconds']:.2f} s ({m['scaling']['ratio']:.2f}×)"],
        ["Planner DynamoDB calls", ", ".join(f"{k} {v}" for k, v in reads.items()) + f" (total {sum(reads.values())})"],
        ["DynamoDB reads per 1,000 subscribers", f"{1000 * sum(reads.values()) / m['subscribers']:.2f}"],
        ["Mail jobs (≤ 25 recipients each) / SQS SendMessageBatch calls",
         f"{len(plan.jobs):,} / {-(-len(plan.jobs) // 10):,}"],
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
        [f"SQS requests billed (64 KB chunks): SendMessageBatch / ReceiveMessage + DeleteMessageBatch (measured on "
         f"moto's mail queue with {min(QUEUE_SAMPLE_JOBS, len(plan.jobs))} jobs, scaled to all)",
         f"{m['sqs_calls']:,.0f} / {m['sqs_receives']:,.0f}"],
        ["Mailer DynamoDB request units per recipient (read / write)",
         f"{m['run'].sample_rru / max(1, m['sample_recipients']):.2f} / "
         f"{m['run'].sample_wru / max(1, m['sample_recipients']):.2f}"],
    ]
    mails, sending = reach(m)
    lines = digest_cost(m)
    cost_rows = [[line.service, line.what, f"{line.quantity:,.1f} × {line.unit}", f"${line.usd:.4f}"]
                 for line in lines]
    cost_rows.append(["**total**", "", "", f"**${total(lines):.2f}**"])
    split = ", ".join(f"{service} ${usd:.2f}" for service, usd in by_service(lines).items())
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
        f"Goal: the planner's work grows with the groups (letters), not the subscribers: "
        f"{PLANNER_COPIES}× the subscribers in the same groups → {m['scaling']['ratio']:.2f}× its own work "
        f"(≤ {PLANNER_COPIES / 2:g}×) → {verdict(m['scaling']['ok'])}.",
        "### Reach and cost",
        f"Digest reach: {REACH_SUBSCRIBERS:,} subscribers ({mails:,} mails, the measured share with something "
        f"new) at the production quota the deployment asks for ({PRODUCTION_QUOTA_RATE:g}/s, "
        f"{PRODUCTION_QUOTA_DAY:,.0f}/day: docs/deployment-mail.md, \"100,000 ÷ 0.95 ≈ 105,300 a day\"; the "
        f"template cannot set it, SES quotas are the account's), {MAILERS} mailer instances: {sending}.",
        "Cost per 100,000 recipients, from this run's measured figures scaled (prices: section \"Monthly cost\"). "
        "Lambda: the measured times × the function's MemorySize from template.yaml; below 1,769 MB Lambda gives "
        "a share of one vCPU, so CPU time is scaled by 1,769 ÷ MemorySize; the mailer is billed while it waits "
        "between sends (it keeps to its share of the SES rate), so its duration is the larger of its work and "
        f"the quota's spacing ({m['run'].paced_seconds_per_mail:.3f} s a mail per instance). The planner's time "
        "includes waiting for moto (an upper bound). SQS: the billed requests measured on moto's queue. DynamoDB: "
        "on-demand request units measured on the planner's and the mailer's calls. SES: per mail sent.",
        table(["Service", "What", "Quantity", "Dollars"], cost_rows),
        f"Digest cost per 100,000 recipients: ${total(lines):.2f} ({split}).",
    ])
