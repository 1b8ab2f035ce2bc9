"""Domain events to the EventBridge bus declared in template.yaml (EventsBus).

Published after the write they describe has succeeded. A failure to publish is logged and counted but
does not undo or fail the request: the change is already stored and the caller must learn of it.
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from hromada.domain.event_ports import DomainEvent
from hromada.observability import logger, metrics
from hromada.settings import get_settings

SOURCE = "hromada.events"
MAX_ENTRIES = 10  # PutEvents accepts at most 10 entries per call


@cache
def eventbridge() -> Any:
    import boto3
    from botocore.config import Config

    config = Config(retries={"max_attempts": 3, "mode": "standard"}, connect_timeout=2, read_timeout=5)
    return boto3.client("events", region_name=get_settings().region, config=config)


class EventBridgePublisher:
    def __init__(self, bus_name: str | None = None, client: Any | None = None):
        self._bus_name = bus_name
        self._client = client

    @property
    def bus_name(self) -> str:
        return self._bus_name or get_settings().event_bus_name

    def publish(self, events: list[DomainEvent]) -> None:
        from botocore.exceptions import BotoCoreError, ClientError

        entries = [{"Source": SOURCE, "DetailType": e.kind, "EventBusName": self.bus_name,
                    "Detail": json.dumps(e.detail, ensure_ascii=False, separators=(",", ":"))} for e in events]
        for start in range(0, len(entries), MAX_ENTRIES):
            batch = entries[start:start + MAX_ENTRIES]
            try:
                failed = (self._client or eventbridge()).put_events(Entries=batch).get("FailedEntryCount", 0)
            except (BotoCoreError, ClientError):
                logger.exception("domain events not published", extra={"kinds": [e["DetailType"] for e in batch]})
                failed = len(batch)
            if failed:
                metrics.add_metric(name="DomainEventsNotPublished", unit="Count", value=failed)
