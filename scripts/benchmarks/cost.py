"""Cost arithmetic (pure: no AWS, no measuring): DynamoDB request units of a call, the digest's cost per
100,000 recipients, the stack's monthly cost. The figures come from the measures; the prices from prices.py."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from typing import Any

from .prices import price

ONE_VCPU_MB = 1769  # Lambda gives a function one full vCPU at 1,769 MB, a proportional share below
MONTH_SECONDS = 30.44 * 86400
WEEKS_PER_MONTH = 52 / 12

READS = ("GetItem", "Query", "BatchGetItem", "TransactGetItems", "Scan")
WRITES = ("PutItem", "UpdateItem", "DeleteItem", "BatchWriteItem", "TransactWriteItems")


# ---------------------------------------------------------------- DynamoDB request units of one call
def _kb_units(size: int, unit: int) -> int:
    return max(1, math.ceil(size / unit))


def _item_bytes(item: Any) -> int:
    return len(json.dumps(item, separators=(",", ":")))


def request_units(operation: str, request: dict[str, Any], response_bytes: int) -> tuple[float, float]:
    """(read units, write units) one call consumes, on-demand. Reads from the bytes of the response (DynamoDB
    JSON: more than the items' stored size, so an upper bound): 4 KB a unit, half for an eventually consistent
    read, double in a transaction. Writes from the items sent: 1 KB a unit (an update or delete counts one: the
    stored size is not known here), double in a transaction, a ConditionCheck counted like a write."""
    consistent = bool(request.get("ConsistentRead"))
    if operation in ("GetItem", "Query", "Scan"):
        return _kb_units(response_bytes, 4096) * (1.0 if consistent else 0.5), 0.0
    if operation == "BatchGetItem":
        keys = sum(len(t.get("Keys", [])) for t in request.get("RequestItems", {}).values())
        return max(keys, math.ceil(response_bytes / 4096)) * 0.5, 0.0
    if operation == "TransactGetItems":
        return 2.0 * max(len(request.get("TransactItems", [])), math.ceil(response_bytes / 4096)), 0.0
    if operation == "PutItem":
        return 0.0, float(_kb_units(_item_bytes(request.get("Item", {})), 1024))
    if operation in ("UpdateItem", "DeleteItem"):
        return 0.0, 1.0
    if operation == "BatchWriteItem":
        units = 0
        for requests in request.get("RequestItems", {}).values():
            for one in requests:
                put = one.get("PutRequest")
                units += _kb_units(_item_bytes(put["Item"]), 1024) if put else 1
        return 0.0, float(units)
    if operation == "TransactWriteItems":
        units = 0
        for one in request.get("TransactItems", []):
            put = one.get("Put")
            units += 2 * (_kb_units(_item_bytes(put["Item"]), 1024) if put else 1)
        return 0.0, float(units)
    return 0.0, 0.0


def write_verdict(operations: list[str]) -> tuple[bool, str]:
    """A write request's goal: at most one read call and at most one TransactWriteItems, no other write call
    (a request that writes nothing, refused or already done, needs no transaction)."""
    reads = sum(1 for op in operations if op in READS)
    transactions = operations.count("TransactWriteItems")
    others = [op for op in operations if op in WRITES and op != "TransactWriteItems"]
    ok = reads <= 1 and transactions <= 1 and not others
    if ok:
        return True, ""
    parts = [f"{transactions} TransactWriteItems"] if transactions > 1 else []
    if reads > 1:
        parts.append(f"{reads} reads")
    if others:
        counted = {op: others.count(op) for op in dict.fromkeys(others)}
        parts.append(", ".join(f"{n} {op}" for op, n in counted.items()))
    return False, ", ".join(parts)


# ---------------------------------------------------------------- lines of a bill
@dataclass(frozen=True)
class Line:
    item: str  # the price's key in prices.PRICES
    what: str
    quantity: float

    @property
    def service(self) -> str:
        return price(self.item).service

    @property
    def unit(self) -> str:
        return price(self.item).unit

    @property
    def usd(self) -> float:
        return price(self.item).cost(self.quantity)

    def times(self, factor: float, what: str = "") -> Line:
        return Line(self.item, what or self.what, self.quantity * factor)


def charge(item: str, quantity: float, what: str) -> Line:
    price(item)  # an unknown item fails here, not when the report is written
    return Line(item, what, quantity)


def cpu_factor(memory_mb: int) -> float:
    """How much longer CPU-bound work takes in Lambda at `memory_mb` than on one full core (measured here)."""
    return max(1.0, ONE_VCPU_MB / memory_mb)


def gb_seconds(seconds: float, memory_mb: int) -> float:
    return seconds * memory_mb / 1024


def total(lines: list[Line], free_tier: bool = False) -> float:
    """The bill; with `free_tier`, each price's always-free monthly units taken off once, from its lines together."""
    if not free_tier:
        return sum(line.usd for line in lines)
    quantities: dict[str, float] = {}
    for line in lines:
        quantities[line.item] = quantities.get(line.item, 0.0) + line.quantity
    return sum(price(item).cost(q, free_tier=True) for item, q in quantities.items())


def by_service(lines: list[Line], free_tier: bool = False) -> dict[str, float]:
    """Dollars per service, most first; with `free_tier`, after each price's always-free units (taken off once)."""
    quantities: dict[str, float] = {}
    for line in lines:
        quantities[line.item] = quantities.get(line.item, 0.0) + line.quantity
    out: dict[str, float] = {}
    for item, quantity in quantities.items():
        p = price(item)
        out[p.service] = out.get(p.service, 0.0) + p.cost(quantity, free_tier=free_tier)
    return dict(sorted(out.items(), key=lambda kv: -kv[1]))


# ---------------------------------------------------------------- the digest
@dataclass(frozen=True)
class DigestRun:
    """One measured digest: the planner over all subscribers, a sample of its jobs through the mailer."""

    recipients: int  # recipients the planner found (with something new)
    planner_seconds: float
    planner_rru: float
    planner_wru: float
    sqs_sends: float  # billed SendMessageBatch requests putting the jobs on the queue
    sqs_receives: float  # billed ReceiveMessage + DeleteMessageBatch requests taking them off (10 at a time)
    sample_recipients: int  # recipients of the jobs delivered through the mailer
    sample_seconds: float
    sample_rru: float
    sample_wru: float
    sample_ses_calls: int
    planner_memory_mb: int
    mailer_memory_mb: int
    paced_seconds_per_mail: float  # a mailer instance's spacing at the SES quota (it waits, billed, in between)


def digest_lines(run: DigestRun, recipients: int = 100_000) -> list[Line]:
    """The digest's cost for `recipients`, from the measured run scaled: the planner's and the queue's figures
    by recipients over the run's, the mailer's per recipient of its sample."""
    scale = recipients / max(1, run.recipients)
    per = recipients / max(1, run.sample_recipients)
    planner = run.planner_seconds * scale * cpu_factor(run.planner_memory_mb)
    work = run.sample_seconds * per * cpu_factor(run.mailer_memory_mb)
    mailer = max(work, recipients * run.paced_seconds_per_mail)
    receives = run.sqs_receives * scale
    return [
        charge("lambda_gb_second", gb_seconds(planner, run.planner_memory_mb),
               f"planner: {planner:,.0f} s at {run.planner_memory_mb} MB"),
        charge("lambda_gb_second", gb_seconds(mailer, run.mailer_memory_mb),
               f"mailer: {mailer:,.0f} s at {run.mailer_memory_mb} MB (paced: the larger of its work, "
               f"{work:,.0f} s, and the quota's spacing, {recipients * run.paced_seconds_per_mail:,.0f} s)"),
        charge("lambda_request", 1 + receives / 2, "invocations: the planner, one mailer per receive"),
        charge("sqs_request", run.sqs_sends * scale + receives,
               "SendMessageBatch + ReceiveMessage + DeleteMessageBatch"),
        charge("dynamodb_read_unit", run.planner_rru * scale + run.sample_rru * per, "planner + mailer reads"),
        charge("dynamodb_write_unit", run.planner_wru * scale + run.sample_wru * per, "mailer's delivery records"),
        charge("ses_mail", run.sample_ses_calls * per, "SendEmail calls"),
    ]


# ---------------------------------------------------------------- a month of the whole stack
@dataclass(frozen=True)
class RequestCost:
    """A measured API request: its handler time on one core, DynamoDB units, log bytes."""

    seconds: float
    rru: float
    wru: float
    log_bytes: float


@dataclass(frozen=True)
class Usage:
    """What a month holds (the expected use) and the assumptions about it, in one place."""

    associations: int = 80
    members: int = 10_000
    subscribers: int = 100_000
    events_per_month: int = 200
    voters_per_year: int = 10_000
    member_reads: int = 40  # API reads a member makes a month (pages, lists, an event, the map's region)
    member_writes: int = 2  # RSVPs, follows, a poll vote
    visits: int = 30_000  # visits a month by people not signed in
    visit_reads: int = 8  # API reads a visit makes
    visit_downloads: int = 25  # CloudFront requests a visit makes (page, scripts, styles, pictures, config)
    picture_kb_per_visit: int = 150  # poster and logos a visit downloads, on top of the first page
    editor_writes_per_event: int = 3  # creating it, two edits
    announcements_per_association: int = 4
    other_association_writes: int = 10  # profile, editors, partnerships, moderation, a month each
    rsvps_per_event: int = 30  # each gets a reminder mail
    mails_per_voter: int = 2  # opening and results notices
    active_share: float = 1.0  # members who sign in in a month (Cognito MAU)
    relay_seconds: float = 0.1  # the outbox relay's time per write request (one stream batch each; not measured)
    reminder_run_seconds: float = 0.5  # the reminders job every 15 minutes (not measured)
    stored_gb: float = 1.0  # DynamoDB table size (subscribers, members, a year of events; assumed)
    web_gb: float = 2.0  # S3: the web client and a year of pictures (assumed)
    idle_poll_requests: float = 5 * 3 * 60 * 24 * 30.44  # an SQS event source's pollers when idle (5, 20 s waits)
    platform_log_bytes: int = 350  # Lambda's own START / END / REPORT lines per invocation


@dataclass(frozen=True)
class Stack:
    """What template.yaml declares that costs by the month whatever the traffic."""

    function_memory_mb: list[int] = field(default_factory=list)  # every function (SnapStart caches each)
    secrets: int = 0
    kms_keys: int = 0
    alarms: int = 0
    custom_metrics: int = 0
    sqs_event_sources: int = 0
    clock_runs_per_month: float = 60 * 24 * 30.44  # the voting clock, every minute
    clock_memory_mb: int = 1769
    planner_memory_mb: int = 1769
    mailer_memory_mb: int = 512
    api_memory_mb: int = 512


def monthly_lines(usage: Usage, stack: Stack, read: RequestCost, write: RequestCost, ballot: RequestCost,
                  clock: RequestCost, digest_per_100k: list[Line], mail_per_recipient: list[Line],
                  first_page_kb: float) -> list[Line]:
    """Every line of a month's bill."""
    reads = usage.members * usage.member_reads + usage.visits * usage.visit_reads
    editor = (usage.events_per_month * usage.editor_writes_per_event
              + usage.associations * (usage.announcements_per_association + usage.other_association_writes))
    writes = usage.members * usage.member_writes + editor
    ballots = usage.voters_per_year / 12
    requests = reads + writes + ballots
    factor = cpu_factor(stack.api_memory_mb)
    api_seconds = (reads * read.seconds + writes * write.seconds + ballots * ballot.seconds) * factor
    relay_seconds = (writes + ballots) * usage.relay_seconds
    digests = usage.subscribers * WEEKS_PER_MONTH / 100_000
    transactional = (usage.events_per_month * usage.rsvps_per_event
                     + usage.voters_per_year * usage.mails_per_voter / 12)
    clock_seconds = stack.clock_runs_per_month * clock.seconds * cpu_factor(stack.clock_memory_mb)
    reminder_runs = 4 * 24 * 30.44
    invocations = requests + writes + ballots + stack.clock_runs_per_month + reminder_runs
    log_gb = (reads * read.log_bytes + writes * write.log_bytes + ballots * ballot.log_bytes
              + stack.clock_runs_per_month * clock.log_bytes + invocations * usage.platform_log_bytes) / 1e9
    lines = [
        charge("http_api_request", requests, f"{requests:,.0f} API requests ({reads:,.0f} reads, "
               f"{writes:,.0f} writes, {ballots:,.0f} ballots)"),
        charge("lambda_request", invocations, "API handlers, outbox relay, voting clock, reminders"),
        charge("lambda_gb_second", gb_seconds(api_seconds + relay_seconds, stack.api_memory_mb),
               f"API handlers {api_seconds:,.0f} s + outbox relay {relay_seconds:,.0f} s at {stack.api_memory_mb} MB"),
        charge("lambda_gb_second", gb_seconds(clock_seconds, stack.clock_memory_mb),
               f"voting clock every minute, {clock.seconds * 1000:.0f} ms a run, at {stack.clock_memory_mb} MB"),
        charge("lambda_gb_second", gb_seconds(reminder_runs * usage.reminder_run_seconds, stack.planner_memory_mb),
               f"reminders job every 15 minutes at {stack.planner_memory_mb} MB"),
        charge("snapstart_cache", sum(gb_seconds(MONTH_SECONDS, mb) for mb in stack.function_memory_mb),
               f"SnapStart snapshots of {len(stack.function_memory_mb)} functions' published version"),
        charge("dynamodb_read_unit", reads * read.rru + writes * write.rru + ballots * ballot.rru
               + stack.clock_runs_per_month * clock.rru, "API requests + voting clock"),
        charge("dynamodb_write_unit",
               writes * write.wru + ballots * ballot.wru + stack.clock_runs_per_month * clock.wru,
               "API writes + ballots"),
        charge("dynamodb_storage", usage.stored_gb, "table size (assumed)"),
        charge("dynamodb_pitr", usage.stored_gb, "point-in-time recovery on the table"),
        charge("custom_event", writes + ballots, "domain events through the bus (one per write)"),
        charge("scheduler_invocation", stack.clock_runs_per_month + reminder_runs + 30.44 + WEEKS_PER_MONTH,
               "voting clock, reminders, daily and weekly digests"),
        charge("sqs_request", stack.sqs_event_sources * usage.idle_poll_requests,
               f"{stack.sqs_event_sources} SQS event sources polling while idle"),
        charge("secret_month", stack.secrets, f"{stack.secrets} secrets"),
        charge("kms_key_month", stack.kms_keys, f"{stack.kms_keys} customer managed keys"),
        charge("logs_ingested_gb", log_gb, "function logs (measured bytes per request + Lambda's own lines)"),
        charge("logs_stored_gb_month", log_gb, "30 days' retention"),
        charge("custom_metric_month", stack.custom_metrics, "EMF metrics (name × dimensions)"),
        charge("alarm_month", stack.alarms, f"{stack.alarms} alarms"),
        charge("xray_trace", requests + stack.clock_runs_per_month + reminder_runs,
               "Tracing: Active (at this traffic, the 1/s reservoir samples nearly every request)"),
        charge("cognito_mau", usage.members * usage.active_share, "members signing in"),
        charge("cloudfront_gb", usage.visits * (first_page_kb + usage.picture_kb_per_visit) / 1024 / 1024,
               "web client (first page measured) and pictures"),
        charge("cloudfront_request", usage.visits * usage.visit_downloads, "web client requests"),
        charge("s3_gb_month", usage.web_gb, "web client and pictures (assumed)"),
    ]
    lines += [line.times(digests, f"weekly digest ({digests:.2f} × 100,000 mails): {line.what}")
              for line in digest_per_100k]
    lines += [line.times(transactional, f"{transactional:,.0f} transactional mails: {line.what}")
              for line in mail_per_recipient]
    return lines
