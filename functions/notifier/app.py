"""Domain events (from the bus, through the notifications queue) turned into mail jobs for the mailer:
attendees hear of their event's changes, owners of the moderators' decision on their association."""

from __future__ import annotations

import gc

gc.disable()  # during init only: hromada.coldstart.init_done() resumes it, last

import json
from functools import cache
from typing import Any

from aws_lambda_powertools.utilities.batch import BatchProcessor, EventType, process_partial_response
from aws_lambda_powertools.utilities.data_classes.sqs_event import SQSRecord

from hromada.coldstart import init_done
from hromada.domain.event_mail import AnnouncementNotices, AssociationNotices, ElectionNotices, EventNotices
from hromada.mail.links import SignedLinks
from hromada.observability import logger, metrics
from hromada.store.attendees_mail import DynamoAttendeeSource
from hromada.store.client import dynamodb
from hromada.store.deliveries import SqsMailOutbox
from hromada.store.notices import DynamoNotices

processor = BatchProcessor(event_type=EventType.SQS)


@cache
def notices() -> EventNotices:
    return EventNotices(DynamoAttendeeSource(), SignedLinks().web_url)


@cache
def reviews() -> AssociationNotices:
    from hromada.store.associations import DynamoAssociationStore

    return AssociationNotices(DynamoAssociationStore(), SignedLinks().web_url)


@cache
def elections() -> ElectionNotices:
    from hromada.store.election_mail import DynamoElectionAudience

    return ElectionNotices(DynamoElectionAudience(), SignedLinks().web_url)


@cache
def announcements() -> AnnouncementNotices:
    from hromada.settings import get_settings
    from hromada.store.announcement_mail import DynamoFollowerSource

    return AnnouncementNotices(DynamoFollowerSource(), SignedLinks().web_url,
                               get_settings().announcement_mails_per_week)


@cache
def outbox() -> SqsMailOutbox:
    return SqsMailOutbox()


@cache
def seen() -> DynamoNotices:
    return DynamoNotices()


def handle(record: SQSRecord) -> None:
    envelope = json.loads(record.body)  # the EventBridge event, as the rule's SQS target delivers it
    kind, detail = envelope["detail-type"], dict(envelope.get("detail") or {})
    # The relay may put an event on the bus twice (a retried batch): its outbox id tells a repeat. A
    # repeat that slips between enqueueing and remembering is caught by the mailer's per-recipient claims.
    outbox_id = detail.pop("outbox_id", None)
    if outbox_id and seen().seen(outbox_id):
        logger.info("domain event already handled", extra={"kind": kind, "outbox_id": outbox_id})
        return
    if kind == "AssociationReviewed":
        jobs = reviews().jobs_for(detail)
    elif kind == "AnnouncementPublished":
        jobs = announcements().jobs_for(detail)
    elif kind == "ElectionPhaseChanged":
        jobs = elections().jobs_for(detail)
    else:
        jobs = notices().jobs_for(kind, detail)
    if jobs:
        outbox().enqueue(jobs)
        metrics.add_metric(name="NoticesPlanned", unit="Count", value=sum(len(j.recipients) for j in jobs))
    if outbox_id:
        seen().remember(outbox_id)
    logger.info("domain event handled", extra={"kind": kind, "jobs": len(jobs)})


@logger.inject_lambda_context(clear_state=True)
@metrics.log_metrics(raise_on_empty_metrics=False)
def lambda_handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    return process_partial_response(event=event, record_handler=handle, processor=processor, context=context)


dynamodb()
init_done()
