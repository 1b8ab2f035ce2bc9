"""Domain events to the EventBridge bus declared in template.yaml (EventsBus), through an outbox.

Use cases stage their events around the write they report (OutboxPublisher.staged): the events are
written as outbox items in that write's transaction. The relay (functions/outbox_relay) reads them from
the table's stream, puts them on the bus with their outbox id, and deletes them; a failure is retried
from the stream, so an unavailable bus delays a notice instead of losing it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from hromada import clients
from hromada.observability import logger, metrics
from hromada.settings import get_settings

if TYPE_CHECKING:  # annotations only: importing the bus does not import the event models
    from hromada.domain.event_ports import DomainEvent

SOURCE = "hromada.events"
MAX_ENTRIES = 10  # PutEvents accepts at most 10 entries per call


def eventbridge() -> Any:
    return clients.client("events")


class OutboxPublisher:
    """The domain's Publisher: events go into the outbox, in the transaction of the write they report."""

    @contextmanager
    def staged(self, events: list[DomainEvent]) -> Iterator[None]:
        from hromada.store.outbox import staged

        with staged(events):
            yield


class PublishFailed(Exception):
    """EventBridge refused or did not answer: the relay leaves the outbox items for a retry."""


class EventBridgePublisher:
    """Puts relayed events on the bus. Each carries its outbox id, so consumers can tell a repeat."""

    def __init__(self, bus_name: str | None = None, client: Any | None = None):
        self._bus_name = bus_name
        self._client = client

    @property
    def bus_name(self) -> str:
        return self._bus_name or get_settings().event_bus_name

    def put(self, events: list[tuple[str, DomainEvent]]) -> list[str]:
        """Put (outbox id, event) pairs on the bus; returns the ids EventBridge accepted, in order. Entries
        it refused are left out (the caller retries them); PublishFailed when the call itself failed."""
        from botocore.exceptions import BotoCoreError, ClientError

        accepted: list[str] = []
        for start in range(0, len(events), MAX_ENTRIES):
            batch = events[start:start + MAX_ENTRIES]
            entries = [{"Source": SOURCE, "DetailType": e.kind, "EventBusName": self.bus_name,
                        "Detail": json.dumps(e.detail | {"outbox_id": outbox_id}, ensure_ascii=False,
                                             separators=(",", ":"))} for outbox_id, e in batch]
            try:
                results = (self._client or eventbridge()).put_events(Entries=entries).get("Entries") or []
            except (BotoCoreError, ClientError) as error:
                metrics.add_metric(name="DomainEventsNotPublished", unit="Count", value=len(batch))
                raise PublishFailed([e.kind for _, e in batch]) from error
            refused = [(outbox_id, r.get("ErrorCode")) for (outbox_id, _), r in zip(batch, results, strict=False)
                       if r.get("ErrorCode") or not r.get("EventId")]
            if refused:
                logger.warning("domain events refused by the bus", extra={"refused": refused})
                metrics.add_metric(name="DomainEventsNotPublished", unit="Count", value=len(refused))
            refused_ids = {outbox_id for outbox_id, _ in refused}
            accepted += [outbox_id for outbox_id, _ in batch if outbox_id not in refused_ids]
        return accepted


class OutboxRelay:
    """Outbox items (from the stream) to the bus: skip what is already relayed, put, then delete."""

    def __init__(self, outbox: Any, publisher: EventBridgePublisher):
        self.outbox = outbox
        self.publisher = publisher

    def relay(self, outbox_id: str, event: DomainEvent) -> None:
        # Deleted means put on the bus already (a batch retried from an earlier failed record).
        if not self.outbox.pending(outbox_id):
            return
        if outbox_id not in self.publisher.put([(outbox_id, event)]):
            raise PublishFailed([event.kind])
        self.outbox.delete(outbox_id)
        metrics.add_metric(name="DomainEventsRelayed", unit="Count", value=1)
