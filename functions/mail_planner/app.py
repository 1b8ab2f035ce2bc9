"""Scheduled mail: the daily and weekly digests, event and shift reminders (run by EventBridge Scheduler).

Input {"job": "digest", "frequency": "weekly"|"daily"}, {"job": "reminders"} or {"job": "twinning_week"} (the
admins' weekly twinning summary). Re-running a schedule is
harmless: every job carries a key per period (or per event), and the mailer sends each key once per person.
"""

from __future__ import annotations

import gc

gc.disable()  # during init only: hromada.coldstart.init_done() resumes it, last

import time
from datetime import UTC, datetime
from functools import cache
from typing import Any

from hromada.coldstart import init_done
from hromada.domain.figures import AssociationFigures
from hromada.mail.digests import DigestPlanner
from hromada.mail.links import SignedLinks
from hromada.mail.notices import ReminderPlanner
from hromada.mail.pacing import estimate
from hromada.mail.quota import account_quota
from hromada.observability import logger, metrics
from hromada.settings import get_settings
from hromada.store.attendees_mail import DynamoAttendeeSource
from hromada.store.client import dynamodb
from hromada.store.deliveries import SqsMailOutbox
from hromada.store.digest_content import DynamoDigestContent
from hromada.store.figures import DynamoFigures
from hromada.store.subscriptions import DynamoSubscriptionStore


class _Source:
    """The planner's one view of the table: subscribers and new content."""

    def __init__(self) -> None:
        self.subscriptions, self.content = DynamoSubscriptionStore(), DynamoDigestContent()

    def subscribers(self, frequency: str) -> Any:
        return self.subscriptions.subscribers(frequency)

    def new_events(self, since: str, now: str) -> list[dict[str, Any]]:
        return self.content.new_events(since, now)

    def new_announcements(self, since: str) -> list[dict[str, Any]]:
        return self.content.new_announcements(since)


def running_campaigns(now: datetime) -> list[dict[str, Any]]:
    from hromada.domain.campaigns import Campaigns
    from hromada.store.campaigns import DynamoCampaignStore

    return Campaigns(DynamoCampaignStore(), web_url=web_url(), now=lambda: now).featured()


@cache
def figures() -> AssociationFigures:
    """The associations' figures: how many digest recipients each one's items reached."""
    return AssociationFigures(DynamoFigures())


@cache
def web_url() -> str:
    return SignedLinks().web_url


def run_digest(frequency: str, now: datetime) -> dict[str, Any]:
    started = time.perf_counter()
    source = _Source()
    plan = DigestPlanner(source, web_url(), campaigns=running_campaigns).plan(frequency, now)
    outbox = SqsMailOutbox()
    outbox.enqueue(plan.jobs)
    reached = figures().count_reach(f"digest:{frequency}:{plan.period.key}", plan.reach, now)
    summary = {"period": plan.period.key, "subscribers": plan.subscribers, "groups": plan.groups,
               "recipients": plan.recipients, "empty": plan.empty, "jobs": len(plan.jobs),
               "dynamodb_reads": source.subscriptions.reads + source.content.reads, "sqs_calls": outbox.calls,
               "seconds": round(time.perf_counter() - started, 3), "associations_reached": reached}
    metrics.add_metric(name="DigestRecipients", unit="Count", value=plan.recipients)
    summary["sending"] = sending_time(plan.recipients)
    return summary


def sending_time(recipients: int) -> dict[str, Any]:
    """How long the mailer will take over these recipients at the account's SES quota (read now)."""
    try:
        quota = account_quota()
    except Exception as error:
        logger.warning("SES quota unreadable: no sending estimate", extra={"error": type(error).__name__})
        return {"estimate": None}
    senders = get_settings().mail_max_concurrency
    guess = estimate(quota, recipients, senders)
    metrics.add_metric(name="DigestSendingSeconds", unit="Seconds", value=guess.seconds)
    return {"estimate": guess.describe(), "seconds": round(guess.seconds), "hours": round(guess.seconds / 3600, 2),
            "extra_days": guess.days, "rate_per_second": guess.rate, "mailer_instances": senders,
            "quota": {"max_24_hour_send": quota.max_24h, "max_send_rate": quota.max_rate,
                      "sent_last_24_hours": quota.sent_24h}}


def run_twinning_week(now: datetime) -> dict[str, Any]:
    from hromada.admin_directory import CognitoAdminDirectory
    from hromada.mail.twinning_weekly import WeeklyTwinningPlanner
    from hromada.store.twinning_health import DynamoTwinningHealth

    summary, jobs = WeeklyTwinningPlanner(DynamoTwinningHealth(), CognitoAdminDirectory(), web_url()).plan(now)
    SqsMailOutbox().enqueue(jobs)
    admins = sum(len(j.recipients) for j in jobs)
    metrics.add_metric(name="TwinningWeekRecipients", unit="Count", value=admins)
    return {"week": summary.week, "admins": admins, "jobs": len(jobs)}


def run_reminders(now: datetime) -> dict[str, Any]:
    run = ReminderPlanner(DynamoAttendeeSource(), web_url()).run(now, SqsMailOutbox())
    metrics.add_metric(name="RemindersPlanned", unit="Count", value=run.recipients)
    return {"events": run.events, "recipients": run.recipients, "jobs": len(run.jobs),
            "shifts": run_shift_reminders(now)}


def run_shift_reminders(now: datetime) -> int:
    """Volunteer shifts starting within 24 hours: their confirmed volunteers are reminded, once per start."""
    from hromada.domain.clock import utc_now
    from hromada.domain.shifts import Shifts
    from hromada.mail.shift_notices import ShiftNotices
    from hromada.store.shifts import DynamoShiftStore

    mail = ShiftNotices(SqsMailOutbox(), web_url(), now=utc_now)
    return Shifts(DynamoShiftStore(), mail=mail, now=lambda: now).remind()


@logger.inject_lambda_context(clear_state=True)
@metrics.log_metrics(raise_on_empty_metrics=False)
def lambda_handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    now = datetime.now(UTC)
    job = event.get("job")
    if job == "digest" and event.get("frequency") in ("daily", "weekly"):
        summary = run_digest(event["frequency"], now)
    elif job == "reminders":
        summary = run_reminders(now)
    elif job == "twinning_week":
        summary = run_twinning_week(now)
    else:
        raise ValueError(f"unknown scheduled job: {event!r}")
    logger.info("planned", extra={"job": job, **summary})
    return summary


dynamodb()
init_done()
