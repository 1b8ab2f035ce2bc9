"""Domain events (from the bus, through the figures queue) counted into each association's monthly figures, once
per event: the counters and a marker named by the event's outbox id are written in one transaction."""

from __future__ import annotations

import gc

gc.disable()  # during init only: hromada.coldstart.init_done() resumes it, last

import json
from functools import cache

from aws_lambda_powertools.utilities.batch import BatchProcessor, EventType
from aws_lambda_powertools.utilities.data_classes.sqs_event import SQSRecord

from hromada.coldstart import init_done
from hromada.domain.figures import AssociationFigures
from hromada.observability import batch_handler, logger, metrics
from hromada.store.client import dynamodb
from hromada.store.figures import DynamoFigures

processor = BatchProcessor(event_type=EventType.SQS)


@cache
def figures() -> AssociationFigures:
    return AssociationFigures(DynamoFigures())


def handle(record: SQSRecord) -> None:
    envelope = json.loads(record.body)  # the EventBridge event, as the rule's SQS target delivers it
    kind = envelope["detail-type"]
    detail = dict(envelope.get("detail") or {})
    outbox_id = detail.pop("outbox_id", None) or envelope.get("id")  # the relay's id; EventBridge's as a fallback
    counted = figures().count(str(outbox_id), kind, detail)
    if counted:
        metrics.add_metric(name="FiguresCounted", unit="Count", value=1)
    logger.info("figures", extra={"kind": kind, "outbox_id": outbox_id, "counted": counted})


lambda_handler = batch_handler(processor, handle)


dynamodb()
init_done()
