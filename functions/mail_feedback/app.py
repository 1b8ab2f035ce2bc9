"""SES feedback (bounces and complaints, from the configuration set's SNS destination) → suppression.

Only messages from the configured topic are acted on: Lambda is invoked by SNS under a resource policy
for that topic, and the record's TopicArn is checked again here. A permanent bounce or a complaint
suppresses the address for good (its subscription is deleted); transient bounces are counted.
"""

from __future__ import annotations

import gc

gc.disable()  # during init only: hromada.coldstart.init_done() resumes it, last

import json
from functools import cache
from typing import Any

from hromada.coldstart import init_done
from hromada.domain.clock import utc_now
from hromada.observability import logger, metrics
from hromada.settings import get_settings
from hromada.store.client import dynamodb
from hromada.store.subscriptions import DynamoSubscriptionStore


@cache
def store() -> DynamoSubscriptionStore:
    return DynamoSubscriptionStore()


def addresses(notification: dict[str, Any]) -> tuple[str, list[str]]:
    """(outcome, addresses): outcome is "permanent", "transient", "complaint" or "ignored"."""
    kind = notification.get("eventType") or notification.get("notificationType")
    if kind == "Bounce":
        bounce = notification.get("bounce") or {}
        outcome = "permanent" if bounce.get("bounceType") == "Permanent" else "transient"
        return outcome, [r["emailAddress"] for r in bounce.get("bouncedRecipients", []) if r.get("emailAddress")]
    if kind == "Complaint":
        complaint = notification.get("complaint") or {}
        return "complaint", [r["emailAddress"] for r in complaint.get("complainedRecipients", [])
                             if r.get("emailAddress")]
    return "ignored", []


def _bare(address: str) -> str:
    from email.utils import parseaddr

    return parseaddr(address)[1].strip().lower()


@logger.inject_lambda_context(clear_state=True)
@metrics.log_metrics(raise_on_empty_metrics=False)
def lambda_handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    expected = get_settings().mail_feedback_topic_arn
    handled = {"suppressed": 0, "soft_bounces": 0, "ignored": 0}
    for record in event.get("Records", []):
        sns = record.get("Sns") or {}
        if sns.get("TopicArn") != expected:
            logger.warning("feedback from an unexpected source ignored", extra={"topic": sns.get("TopicArn")})
            handled["ignored"] += 1
            continue
        try:
            notification = json.loads(sns.get("Message") or "{}")
        except ValueError:
            handled["ignored"] += 1
            continue
        outcome, found = addresses(notification)
        for address in map(_bare, found):
            if outcome in ("permanent", "complaint"):
                if store().suppress(address, outcome, utc_now()):
                    handled["suppressed"] += 1
                    metrics.add_metric(name="MailSuppressed", unit="Count", value=1)
                metrics.add_metric(name="MailComplained" if outcome == "complaint" else "MailBounced",
                                   unit="Count", value=1)
            elif outcome == "transient":
                store().count_soft_bounce(address)
                handled["soft_bounces"] += 1
                metrics.add_metric(name="MailSoftBounced", unit="Count", value=1)
        if outcome == "ignored":
            handled["ignored"] += 1
    return handled


dynamodb()
init_done()
