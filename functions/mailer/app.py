"""The mailer: mail jobs from the queue to SES, each recipient served once.

Partial batch failures: a job that could not finish (SES throttling or an outage) is reported failed and
comes back after a backoff that grows with each receive; the others are deleted. A job that can never be
read (a poison message) fails every time and lands in the dead-letter queue after maxReceiveCount.
"""

from __future__ import annotations

import os
from dataclasses import replace
from functools import cache
from typing import Any

from aws_lambda_powertools.utilities.batch import BatchProcessor, EventType, process_partial_response
from aws_lambda_powertools.utilities.data_classes.sqs_event import SQSRecord

from hromada import jitter
from hromada.mail.delivery import JobFailed, Mailer
from hromada.mail.jobs import MailJob
from hromada.mail.links import SignedLinks
from hromada.mail.ses import SesSender, sender
from hromada.observability import logger, metrics
from hromada.store.client import dynamodb
from hromada.store.deliveries import DynamoDeliveryLog, SqsMailOutbox, sqs
from hromada.store.subscriptions import DynamoSubscriptionStore

processor = BatchProcessor(event_type=EventType.SQS)
MAX_BACKOFF = 900  # SQS allows up to 12 h; a quarter of an hour keeps digests within their morning


@cache
def mailer() -> Mailer:
    return Mailer(DynamoDeliveryLog(), SesSender(), DynamoSubscriptionStore(), SignedLinks(), sender())


def backoff(receive_count: int, base: float) -> int:
    """Exponential backoff with full jitter: base·2^(n-1), capped."""
    ceiling = min(MAX_BACKOFF, base * 2 ** max(0, receive_count - 1))
    return int(jitter.uniform(ceiling / 2, ceiling)) if ceiling else 0


def handle(record: SQSRecord) -> None:
    try:
        job = MailJob.from_json(record.body)  # a body that cannot be read fails every time: the DLQ
        outcome = mailer().deliver(job)
    except JobFailed as failed:
        _count(failed.outcome)
        metrics.add_metric(name="MailThrottled", unit="Count", value=1)
        rest = remaining(job, failed.outcome)
        if len(rest.recipients) < len(job.recipients):
            # Progress was made: the rest goes back as a new, delayed job, so a long job under throttling
            # never exhausts its receives (and reaches the DLQ) while it is still moving.
            outbox().enqueue([rest], delay=backoff(1, _base()))
            logger.info("job continued later", extra={"job": job.key, "left": len(rest.recipients)})
            return
        logger.warning("job to retry", extra={"job": job.key, "kind": job.kind, "cause": failed.cause.code})
        _back_off(record)
        raise
    except Exception:
        metrics.add_metric(name="MailFailed", unit="Count", value=1)
        logger.exception("job failed", extra={"message_id": record.message_id})
        _back_off(record)
        raise
    _count(outcome)
    logger.info("job delivered", extra={"job": job.key, "kind": job.kind, "sent": len(outcome.sent),
                                        "duplicates": len(outcome.duplicates)})


def remaining(job: MailJob, outcome: Any) -> MailJob:
    served = set(outcome.sent) | set(outcome.duplicates) | set(outcome.suppressed) | set(outcome.rejected)
    return replace(job, recipients=[r for r in job.recipients if r.id not in served])


def _base() -> float:
    return float(os.environ.get("MAIL_RETRY_BASE_SECONDS", "30"))


@cache
def outbox() -> SqsMailOutbox:
    return SqsMailOutbox()


def _back_off(record: SQSRecord) -> None:
    """The failed message comes back after a delay growing with each receive (not the queue's fixed one)."""
    receives = int(record.attributes.approximate_receive_count or 1)
    delay = backoff(receives, _base())
    try:
        sqs().change_message_visibility(QueueUrl=os.environ["MAIL_QUEUE_URL"], ReceiptHandle=record.receipt_handle,
                                        VisibilityTimeout=delay)
    except Exception:
        logger.warning("backoff not applied", extra={"message_id": record.message_id})


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
