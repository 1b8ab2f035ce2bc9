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
from dataclasses import replace
from functools import cache
from typing import Any

from aws_lambda_powertools.utilities.batch import BatchProcessor, EventType, process_partial_response
from aws_lambda_powertools.utilities.data_classes.sqs_event import SQSRecord

from hromada import clients, jitter
from hromada.coldstart import init_done
from hromada.mail.delivery import JobFailed, JobPaused, Mailer
from hromada.mail.jobs import MailJob
from hromada.mail.links import SignedLinks
from hromada.mail.pacing import MAX_DELAY, Pacer, SendQuota
from hromada.mail.quota import account_quota
from hromada.mail.ses import SesSender, sender
from hromada.observability import logger, metrics
from hromada.settings import get_settings
from hromada.store.client import dynamodb
from hromada.store.deliveries import DynamoDeliveryLog, SqsMailOutbox
from hromada.store.subscriptions import DynamoSubscriptionStore

processor = BatchProcessor(event_type=EventType.SQS)
MAX_BACKOFF = 900  # SQS allows up to 12 h; a quarter of an hour keeps digests within their morning
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


def backoff(receive_count: int, base: float) -> int:
    """Exponential backoff with full jitter: base·2^(n-1), capped."""
    ceiling = min(MAX_BACKOFF, base * 2 ** max(0, receive_count - 1))
    return int(jitter.uniform(ceiling / 2, ceiling)) if ceiling else 0


def handle(record: SQSRecord) -> None:
    try:
        job = MailJob.from_json(record.body)  # a body that cannot be read fails every time: the DLQ
        outcome = mailer().deliver(job)
    except JobPaused as paused:
        _count(paused.outcome)
        _continue_later(job, paused.outcome, paused.delay, "quota" if paused.delay else "time")
        return
    except JobFailed as failed:
        _count(failed.outcome)
        if failed.cause.quota:
            # SES refused for the account's quota: no fault of the job, so it never counts towards the DLQ.
            metrics.add_metric(name="MailThrottled", unit="Count", value=1)
            if failed.cause.quota == "daily":
                pacer().exhausted()
            else:
                pacer().throttled()
            delay = MAX_DELAY if failed.cause.quota == "daily" else backoff(1, _base())
            _continue_later(job, failed.outcome, delay, f"ses-{failed.cause.quota}")
            return
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


def _continue_later(job: MailJob, outcome: Any, delay: float, reason: str) -> None:
    """The rest of the job as a new, delayed message; the received one is then deleted. If putting it back
    fails, the exception fails the record, which SQS redelivers: nothing is lost either way."""
    rest = remaining(job, outcome)
    outbox().enqueue([rest], delay=int(delay))
    metrics.add_metric(name="MailPaced", unit="Count", value=1)
    logger.info("job continued later", extra={"job": job.key, "left": len(rest.recipients), "delay": int(delay),
                                              "reason": reason, "sent": len(outcome.sent)})


def remaining(job: MailJob, outcome: Any) -> MailJob:
    served = set(outcome.sent) | set(outcome.duplicates) | set(outcome.suppressed) | set(outcome.rejected)
    return replace(job, recipients=[r for r in job.recipients if r.id not in served])


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


def _back_off(record: SQSRecord) -> None:
    """The failed message comes back after a delay growing with each receive (not the queue's fixed one)."""
    receives = int(record.attributes.approximate_receive_count or 1)
    delay = backoff(receives, _base())
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
