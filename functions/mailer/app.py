"""The mailer: mail jobs from the queue to SES, each recipient served once.

Pacing: each instance keeps to its share of the SES account's quota (hromada.mail.pacing; the quota is
read with GetAccount once per QUOTA_TTL). What the quota or this invocation's time does not allow now
goes back on the queue as a new message, delayed (up to 15 min when the day's quota is spent), and the
received one is deleted: a digest spread over days never exhausts its receives, and deliveries claimed
per (job key, recipient) keep a copy put back twice from sending twice. SES's own quota refusals
(too fast, daily quota) are handled the same way.

Partial batch failures: a job that could not finish for another reason (an outage) is reported failed and
comes back after a backoff that grows with each receive; the others are deleted. A job that can never be
read (a poison message) fails every time and lands in the dead-letter queue after maxReceiveCount.
"""

from __future__ import annotations

import gc

gc.disable()  # during init only: hromada.coldstart.init_done() resumes it, last

import time
from functools import cache
from typing import Any

from aws_lambda_powertools.utilities.batch import BatchProcessor, EventType, process_partial_response
from aws_lambda_powertools.utilities.data_classes.sqs_event import SQSRecord

from hromada import clients
from hromada.coldstart import init_done
from hromada.mail import retries
from hromada.mail.delivery import JobFailed, JobPaused, Mailer
from hromada.mail.jobs import MailJob
from hromada.mail.links import SignedLinks
from hromada.mail.pacing import Pacer, SendQuota
from hromada.mail.quota import account_quota
from hromada.mail.ses import SesSender, sender
from hromada.observability import logger, metrics
from hromada.settings import get_settings
from hromada.store.client import dynamodb
from hromada.store.deliveries import DynamoDeliveryLog, SqsMailOutbox
from hromada.store.subscriptions import DynamoSubscriptionStore

processor = BatchProcessor(event_type=EventType.SQS)
TIME_MARGIN = 3.0  # seconds kept at the end of an invocation to put the rest back on the queue
# GetAccount unreadable (no permission, outage): one message a second, and SES's own refusals for the day.
UNKNOWN_QUOTA = SendQuota(max_24h=-1, max_rate=1)


def read_quota() -> SendQuota:
    try:
        quota = account_quota()
    except Exception as error:
        logger.warning("SES quota unreadable, sending slowly", extra={"error": type(error).__name__})
        metrics.add_metric(name="MailQuotaUnknown", unit="Count", value=1)
        return UNKNOWN_QUOTA
    metrics.add_metric(name="MailQuotaSentLast24Hours", unit="Count", value=quota.sent_24h)
    return quota


@cache
def pacer() -> Pacer:
    return Pacer(read_quota, get_settings().mail_max_concurrency, clock=time.monotonic, sleep=time.sleep)


@cache
def mailer() -> Mailer:
    return Mailer(DynamoDeliveryLog(), SesSender(), DynamoSubscriptionStore(), SignedLinks(), sender(),
                  pace=pacer())


def handle(record: SQSRecord) -> None:
    try:
        job = MailJob.from_json(record.body)  # a body that cannot be read fails every time: the DLQ
        outcome = mailer().deliver(job)
    except JobPaused as paused:
        _count(paused.outcome)
        _continue_later(job, paused.outcome, retries.after_pause(paused.delay))
        return
    except JobFailed as failed:
        _count(failed.outcome)
        metrics.add_metric(name="MailThrottled", unit="Count", value=1)
        quota = failed.cause.quota
        if quota == "daily":
            pacer().exhausted()
        elif quota:
            pacer().throttled()
        decision = retries.after_failure(quota, retries.made_progress(job, failed.outcome), _receives(record),
                                         _base())
        if isinstance(decision, retries.Continue):
            _continue_later(job, failed.outcome, decision)
            return
        logger.warning("job to retry", extra={"job": job.key, "kind": job.kind, "cause": failed.cause.code})
        _back_off(record, decision.delay)
        raise
    except Exception:
        metrics.add_metric(name="MailFailed", unit="Count", value=1)
        logger.exception("job failed", extra={"message_id": record.message_id})
        _back_off(record, retries.backoff(_receives(record), _base()))
        raise
    _count(outcome)
    logger.info("job delivered", extra={"job": job.key, "kind": job.kind, "sent": len(outcome.sent),
                                        "duplicates": len(outcome.duplicates)})


def _continue_later(job: MailJob, outcome: Any, decision: retries.Continue) -> None:
    """The rest of the job as a new, delayed message; the received one is then deleted. If putting it back
    fails, the exception fails the record, which SQS redelivers: nothing is lost either way."""
    rest = retries.rest_of(job, outcome)
    outbox().enqueue([rest], delay=decision.delay)
    if decision.paced:
        metrics.add_metric(name="MailPaced", unit="Count", value=1)
    logger.info("job continued later", extra={"job": job.key, "left": len(rest.recipients), "delay": decision.delay,
                                              "reason": decision.reason, "sent": len(outcome.sent)})


def _receives(record: SQSRecord) -> int:
    return int(record.attributes.approximate_receive_count or 1)


def _base() -> float:
    return get_settings().mail_retry_base_seconds


@cache
def outbox() -> SqsMailOutbox:
    return SqsMailOutbox()


def _queue_url(arn: str | None) -> str:
    """The URL of the queue a record came from (bulk or transactional): the one its ARN names. No guess
    otherwise: a visibility change on the other queue could only fail (the caller logs it)."""
    name = (arn or "").rsplit(":", 1)[-1]
    settings = get_settings()
    for url in (settings.mail_queue_url, settings.mail_priority_queue_url):
        if url.rstrip("/").rsplit("/", 1)[-1] == name:
            return url
    raise LookupError(f"no mail queue named {name!r}")


def _back_off(record: SQSRecord, delay: int) -> None:
    """The failed message comes back after a delay growing with each receive (not the queue's fixed one)."""
    try:
        clients.client("sqs").change_message_visibility(QueueUrl=_queue_url(record.event_source_arn),
                                                        ReceiptHandle=record.receipt_handle, VisibilityTimeout=delay)
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
    remaining_ms = context.get_remaining_time_in_millis() if context else 30_000
    pacer().deadline = time.monotonic() + remaining_ms / 1000 - TIME_MARGIN
    return process_partial_response(event=event, record_handler=handle, processor=processor, context=context)


dynamodb()
init_done()
