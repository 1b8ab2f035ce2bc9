"""The mailer: mail jobs from the queue to SES, each recipient served once.

Partial batch failures: a job that could not finish (SES throttling or an outage) is reported failed and
comes back after a backoff that grows with each receive; the others are deleted. A job that can never be
read (a poison message) fails every time and lands in the dead-letter queue after maxReceiveCount.
"""

from __future__ import annotations

import os
import random
from functools import cache
from typing import Any

from aws_lambda_powertools.utilities.batch import BatchProcessor, EventType, process_partial_response
from aws_lambda_powertools.utilities.data_classes.sqs_event import SQSRecord

from hromada.mail.delivery import JobFailed, Mailer
from hromada.mail.jobs import MailJob
from hromada.mail.links import SignedLinks
from hromada.mail.ses import SesSender, sender
from hromada.observability import logger, metrics
from hromada.store.client import dynamodb
from hromada.store.deliveries import DynamoDeliveryLog, sqs
from hromada.store.subscriptions import DynamoSubscriptionStore

processor = BatchProcessor(event_type=EventType.SQS)
MAX_BACKOFF = 900  # SQS allows up to 12 h; a quarter of an hour keeps digests within their morning


@cache
def mailer() -> Mailer:
    return Mailer(DynamoDeliveryLog(), SesSender(), DynamoSubscriptionStore(), SignedLinks(), sender())


def backoff(receive_count: int, base: float) -> int:
    """Exponential backoff with full jitter: base·2^(n-1), capped."""
    ceiling = min(MAX_BACKOFF, base * 2 ** max(0, receive_count - 1))
    return int(random.uniform(ceiling / 2, ceiling)) if ceiling else 0


def handle(record: SQSRecord) -> None:
    job = MailJob.from_json(record.body)  # a body that cannot be read raises: after retries, the DLQ
    try:
        outcome = mailer().deliver(job)
    except JobFailed as failed:
        _count(failed.outcome)
        metrics.add_metric(name="MailFailed", unit="Count", value=1)
        receives = int(record.attributes.approximate_receive_count or 1)
        delay = backoff(receives, float(os.environ.get("MAIL_RETRY_BASE_SECONDS", "30")))
        try:
            sqs().change_message_visibility(QueueUrl=os.environ["MAIL_QUEUE_URL"], ReceiptHandle=record.receipt_handle,
                                            VisibilityTimeout=delay)
        except Exception:  # noqa: BLE001 - without the backoff, the queue's visibility timeout still retries
            logger.warning("backoff not applied", extra={"job": job.key})
        logger.warning("job to retry", extra={"job": job.key, "kind": job.kind, "cause": failed.cause.code,
                                             "retry_in": delay, "receives": receives})
        raise
    _count(outcome)
    logger.info("job delivered", extra={"job": job.key, "kind": job.kind, "sent": len(outcome.sent),
                                        "duplicates": len(outcome.duplicates)})


def _count(outcome: Any) -> None:
    for name, ids in (("MailSent", outcome.sent), ("MailSuppressed", outcome.suppressed),
                      ("MailDuplicateSkipped", outcome.duplicates), ("MailRejected", outcome.rejected)):
        if ids:
            metrics.add_metric(name=name, unit="Count", value=len(ids))


@logger.inject_lambda_context(clear_state=True)
@metrics.log_metrics(raise_on_empty_metrics=False)
def lambda_handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    return process_partial_response(event=event, record_handler=handle, processor=processor, context=context)


dynamodb()
