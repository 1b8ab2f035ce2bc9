"""Domain events (from the bus, through the webhook events queue) fanned out to the association's webhooks that
want them: one delivery job per webhook on the delivery queue. The event's outbox id makes its Hromada-Event-Id,
so an event the bus brings twice reaches receivers with the same id (they drop the repeat)."""

from __future__ import annotations

import gc

gc.disable()  # during init only: hromada.coldstart.init_done() resumes it, last

import json
from functools import cache

from aws_lambda_powertools.utilities.batch import BatchProcessor, EventType
from aws_lambda_powertools.utilities.data_classes.sqs_event import SQSRecord

from hromada.coldstart import init_done
from hromada.domain.webhook_delivery import Dispatcher
from hromada.mail import routing
from hromada.observability import batch_handler, logger, metrics
from hromada.store.client import dynamodb
from hromada.store.webhook_queue import SqsDeliveryQueue
from hromada.store.webhooks import DynamoWebhookStore

processor = BatchProcessor(event_type=EventType.SQS)


@cache
def dispatcher() -> Dispatcher:
    return Dispatcher(DynamoWebhookStore(), SqsDeliveryQueue())


def handle(record: SQSRecord) -> None:
    envelope = json.loads(record.body)  # the EventBridge event, as the rule's SQS target delivers it
    kind = envelope["detail-type"]
    outbox_id, detail = routing.outbox_id(envelope.get("detail") or {})
    jobs = dispatcher().dispatch(kind, detail, outbox_id or envelope.get("id") or record.message_id)
    if jobs:
        metrics.add_metric(name="WebhookDeliveriesQueued", unit="Count", value=len(jobs))
    logger.info("domain event dispatched to webhooks", extra={"kind": kind, "jobs": len(jobs)})


lambda_handler = batch_handler(processor, handle)


dynamodb()
init_done()
