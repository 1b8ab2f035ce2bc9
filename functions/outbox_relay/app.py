"""The outbox relay: outbox items, as the table's stream delivers them (the event source's filter passes
only their inserts), put on the EventBridge bus and then deleted. A record that fails is reported, and
Lambda retries the batch from it (halving it on errors) before sending it to the dead-letter queue."""

from __future__ import annotations

import gc

gc.disable()  # during init only: hromada.coldstart.init_done() resumes it, last

from functools import cache

from aws_lambda_powertools.utilities.batch import BatchProcessor, EventType
from aws_lambda_powertools.utilities.data_classes.dynamo_db_stream_event import DynamoDBRecord

from hromada.bus import EventBridgePublisher, OutboxRelay
from hromada.coldstart import init_done
from hromada.observability import batch_handler, logger
from hromada.store.client import dynamodb
from hromada.store.outbox import from_image
from hromada.store.outbox_relay import DynamoOutbox

processor = BatchProcessor(event_type=EventType.DynamoDBStreams)


@cache
def relay() -> OutboxRelay:
    return OutboxRelay(DynamoOutbox(), EventBridgePublisher())


def handle(record: DynamoDBRecord) -> None:
    image = (record.raw_event.get("dynamodb") or {}).get("NewImage")
    if not image:  # not an insert (the filter lets none through; a test or a replay might)
        return
    outbox_id, event = from_image(image)
    relay().relay(outbox_id, event)
    logger.info("domain event relayed", extra={"kind": event.kind, "outbox_id": outbox_id})


lambda_handler = batch_handler(processor, handle)


dynamodb()
init_done()
