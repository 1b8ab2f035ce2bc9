"""Webhook deliveries, one attempt per job from the delivery queue: signed, sent to the address checked just
before, logged. A failed attempt goes back on the queue with a growing delay; the last one to the dead-letter
queue (hromada.domain.webhook_delivery)."""

from __future__ import annotations

import gc

gc.disable()  # during init only: hromada.coldstart.init_done() resumes it, last

import json
from functools import cache

from aws_lambda_powertools.utilities.batch import BatchProcessor, EventType
from aws_lambda_powertools.utilities.data_classes.sqs_event import SQSRecord

from hromada.coldstart import init_done
from hromada.domain.webhook_delivery import Deliverer
from hromada.domain.webhook_ports import DeliveryJob
from hromada.observability import batch_handler, logger, metrics
from hromada.settings import get_settings
from hromada.store.client import dynamodb
from hromada.store.webhook_queue import SqsDeliveryQueue
from hromada.store.webhooks import DynamoWebhookStore
from hromada.webhook_transport import PinnedTransport, resolve

processor = BatchProcessor(event_type=EventType.SQS)


@cache
def deliverer() -> Deliverer:
    from hromada.bus import OutboxPublisher

    return Deliverer(DynamoWebhookStore(), SqsDeliveryQueue(), PinnedTransport(), resolve, OutboxPublisher(),
                     allow_local_http=get_settings().webhook_local_receivers)


def handle(record: SQSRecord) -> None:
    job = DeliveryJob.of_message(json.loads(record.body))
    outcome = deliverer().deliver(job)
    metrics.add_metric(name=f"Webhook{outcome.title().replace('_', '')}", unit="Count", value=1)
    logger.info("webhook delivery", extra={"webhook_id": job.webhook_id, "event_id": job.event_id,
                                           "attempt": job.attempt, "outcome": outcome})


lambda_handler = batch_handler(processor, handle)


dynamodb()
init_done()
