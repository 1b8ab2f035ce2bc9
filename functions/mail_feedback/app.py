"""SES feedback (bounces and complaints, from the configuration set's SNS destination) → suppression.

Only messages from the configured topic are acted on: Lambda is invoked by SNS under a resource policy
for that topic, and the record's TopicArn is checked again here. What each kind of feedback does to an address is
hromada.mail.feedback's rule (a permanent bounce or a complaint suppresses it for good; transient bounces
are counted).
"""

from __future__ import annotations

import gc

gc.disable()  # during init only: hromada.coldstart.init_done() resumes it, last

import json
from functools import cache
from typing import Any

from hromada.coldstart import init_done
from hromada.domain.clock import utc_now
from hromada.mail import feedback
from hromada.observability import logger, metrics
from hromada.settings import get_settings
from hromada.store.client import dynamodb
from hromada.store.subscriptions import DynamoSubscriptionStore


@cache
def store() -> DynamoSubscriptionStore:
    return DynamoSubscriptionStore()


@logger.inject_lambda_context(clear_state=True)
@metrics.log_metrics(raise_on_empty_metrics=False)
def lambda_handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    expected = get_settings().mail_feedback_topic_arn
    handled = {"suppressed": 0, "soft_bounces": 0, "ignored": 0}
    for record in event.get("Records", []):
        sns = record.get("Sns") or {}
        if not feedback.trusted(sns.get("TopicArn"), expected):
            logger.warning("feedback from an unexpected source ignored", extra={"topic": sns.get("TopicArn")})
            handled["ignored"] += 1
            continue
        try:
            notification = json.loads(sns.get("Message") or "{}")
        except ValueError:
            handled["ignored"] += 1
            continue
        found = feedback.read(notification)
        for address in found.addresses:
            if found.suppresses:
                if store().suppress(address, found.outcome, utc_now()):
                    handled["suppressed"] += 1
                    metrics.add_metric(name="MailSuppressed", unit="Count", value=1)
                metrics.add_metric(name="MailComplained" if found.outcome == "complaint" else "MailBounced",
                                   unit="Count", value=1)
            elif found.soft:
                store().count_soft_bounce(address)
                handled["soft_bounces"] += 1
                metrics.add_metric(name="MailSoftBounced", unit="Count", value=1)
        if found.outcome == "ignored":
            handled["ignored"] += 1
    return handled


dynamodb()
init_done()
