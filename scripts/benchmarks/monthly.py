"""g. Monthly cost: the whole stack for the expected use, from the measured requests and template.yaml's
resources, at the prices of prices.py (the arithmetic is cost.py's)."""

from __future__ import annotations

import re
from dataclasses import fields
from typing import Any

from .common import ROOT, table
from .cost import RequestCost, Usage, by_service, digest_lines, monthly_lines, total
from .cost import Stack as Fixed
from .prices import PRICES
from .stack import Stack, memory_mb

USAGE_NOTES = {
    "associations": "associations on the platform",
    "members": "members (Cognito users)",
    "subscribers": "digest subscribers (weekly)",
    "events_per_month": "events published a month",
    "voters_per_year": "voters in the one election a year (amortised: a twelfth a month)",
    "member_reads": "API reads per member a month (lists, an event, a profile, the map)",
    "member_writes": "API writes per member a month (RSVPs, follows, a poll vote)",
    "visits": "visits a month by people not signed in",
    "visit_reads": "API reads per visit",
    "visit_downloads": "CloudFront requests per visit",
    "picture_kb_per_visit": "KB of pictures per visit, besides the first page's code",
    "editor_writes_per_event": "API writes per event (create, two edits)",
    "announcements_per_association": "announcements per association a month",
    "other_association_writes": "other writes per association a month (profile, editors, partnerships, moderation)",
    "rsvps_per_event": "RSVPs per event (each gets a reminder mail)",
    "mails_per_voter": "mails per voter and election (opening, results)",
    "active_share": "share of members signing in each month (Cognito MAU)",
    "relay_seconds": "outbox relay seconds per write (one stream batch each; not measured)",
    "reminder_run_seconds": "seconds per reminders run, every 15 minutes (not measured)",
    "stored_gb": "DynamoDB table GB (assumed)",
    "web_gb": "S3 GB: web client and a year of pictures (assumed)",
    "idle_poll_requests": "SQS requests a month per idle Lambda event source (5 pollers, 20 s long polls)",
    "platform_log_bytes": "bytes Lambda itself logs per invocation (START, END, REPORT lines)",
}


def metric_names() -> int:
    """Custom metric names the code emits (Powertools Metrics, one `service` dimension each)."""
    names = set()
    for folder in ("layers", "functions"):
        for path in (ROOT / folder).rglob("*.py"):
            names |= set(re.findall(r'add_metric\(name="([A-Za-z]+)"', path.read_text(encoding="utf-8")))
    return len(names)


def fixed(stack: Stack) -> Fixed:
    """What template.yaml declares that bills by the month."""
    template = stack.template
    functions = list(template.of_type("AWS::Serverless::Function"))
    sqs_sources = sum(1 for name in functions for event in (template.resources[name].get("Properties", {})
                                                            .get("Events") or {}).values()
                      if event.get("Type") == "SQS")
    return Fixed(function_memory_mb=[memory_mb(template, name) for name in functions],
                 secrets=len(list(template.of_type("AWS::SecretsManager::Secret"))),
                 kms_keys=len(list(template.of_type("AWS::KMS::Key"))),
                 alarms=len(list(template.of_type("AWS::CloudWatch::Alarm"))),
                 custom_metrics=metric_names(), sqs_event_sources=sqs_sources,
                 clock_memory_mb=memory_mb(template, "VotingClockFunction"),
                 planner_memory_mb=memory_mb(template, "MailPlannerFunction"),
                 mailer_memory_mb=memory_mb(template, "MailerFunction"),
                 api_memory_mb=memory_mb(template, "AssociationsFunction"))


def compute(stack: Stack, read: RequestCost, write: RequestCost, ballot: RequestCost, mail: dict[str, Any],
            first_page_kb: float, usage: Usage | None = None) -> dict[str, Any]:
    usage = usage or Usage()
    clock = stack.measured.get("clock") or RequestCost(0.1, 1.0, 0.0, 500)
    digest = digest_lines(mail["run"], 100_000)
    # A transactional mail (reminder, notice) costs what a digest mail does, without the planner's work.
    per_mail = [line.times(1 / 100_000, line.what.split(":")[0] + " (as for a digest mail)") for line in digest
                if not line.what.startswith("planner")]
    lines = monthly_lines(usage, fixed(stack), read, write, ballot, clock, digest, per_mail, first_page_kb)
    return {"usage": usage, "fixed": fixed(stack), "lines": lines, "read": read, "write": write, "ballot": ballot,
            "clock": clock, "total": total(lines), "after_free": total(lines, free_tier=True)}


def _request(label: str, c: RequestCost) -> list[str]:
    return [label, f"{c.seconds * 1000:.1f}", f"{c.rru:.2f}", f"{c.wru:.2f}", f"{c.log_bytes:,.0f}"]


def report_monthly(m: dict[str, Any]) -> str:
    usage, fixed_costs, lines = m["usage"], m["fixed"], m["lines"]
    assumptions = [[USAGE_NOTES.get(f.name, f.name), f"{getattr(usage, f.name):,g}"] for f in fields(usage)]
    measured = [_request("API read (mean of the calls section's successful reads)", m["read"]),
                _request("API write (mean of its successful writes)", m["write"]),
                _request("ballot, as deployed (Elections section)", m["ballot"]),
                _request("voting clock, idle tick (median of 5)", m["clock"])]
    bill = [[line.service, line.what, f"{line.quantity:,.1f} × {line.unit}", f"${line.usd:,.2f}"]
            for line in sorted(lines, key=lambda line: (line.service, -line.usd))]
    listed = by_service(lines)
    free = by_service(lines, free_tier=True)
    main = ", ".join(f"{service} ${usd:,.2f} (list ${listed[service]:,.2f})" for service, usd in list(free.items())[:6])
    prices = [[p.service, p.describe(), p.region, p.source, p.read_on + ("" if p.checked else " (not re-checked)"),
               f"{p.free:,.0f}" if p.free else "—"] for p in PRICES.values()]
    return "\n\n".join([
        "## Monthly cost",
        "The whole stack for a month of the expected use: 80 associations, 10,000 members, 100,000 subscribers "
        "(weekly digest), 200 events a month, one election a year with 10,000 voters (a twelfth a month). "
        "Per-request figures are measured in this run (DynamoDB request units from the calls, handler time × "
        "1,769 ÷ MemorySize for Lambda's CPU share, the bytes each handler logged); the mix of requests and "
        "what could not be measured are assumptions, listed here. Fixed costs are what template.yaml declares: "
        f"{len(fixed_costs.function_memory_mb)} functions with SnapStart (each published version's snapshot is "
        f"cached), {fixed_costs.secrets} Secrets Manager secrets, {fixed_costs.kms_keys} KMS key, "
        f"{fixed_costs.alarms} alarms, {fixed_costs.custom_metrics} custom metric names, "
        f"{fixed_costs.sqs_event_sources} SQS event sources, the voting clock every minute, the reminders "
        "every 15 minutes, logs kept 30 days, X-Ray tracing on every function, the web bucket behind "
        "CloudFront. Not counted: data transfer out of the API (small JSON), SNS for SES feedback, Route 53, "
        "support plans, taxes.",
        "### Assumptions",
        table(["Assumption", "Value"], assumptions),
        "### Measured per request",
        table(["Request", "Handler ms (here)", "Read units", "Write units", "Log bytes"], measured),
        "### The bill",
        table(["Service", "What", "Quantity", "Dollars (list price)"], bill),
        f"Monthly cost: ${m['total']:,.2f} at list prices, ${m['after_free']:,.2f} after the always-free tiers "
        f"(main terms, after free tiers: {main}).",
        "### Prices",
        "Read from stored copies of public pages (no internet access here) on the date given; the region says "
        "when the price is not Paris's. \"(not re-checked)\": no stored page confirmed it; the figure last "
        "published by AWS, as known. Defined in scripts/benchmarks/prices.py.",
        table(["Service", "Price", "Region", "Source", "Read on", "Always free a month"], prices),
    ])

