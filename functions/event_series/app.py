"""The series' horizon: run by a daily schedule, it writes the dates of recurring events that the horizon
now reaches (each as an event of its own), and enrols the members registered for the whole series."""

from __future__ import annotations

import gc

gc.disable()  # during init only: hromada.coldstart.init_done() resumes it, last

from functools import cache
from typing import Any

from hromada.bus import OutboxPublisher
from hromada.coldstart import init_done
from hromada.domain.events import Events
from hromada.domain.rsvps import Rsvps
from hromada.domain.series import Series
from hromada.observability import logger, metrics
from hromada.store.associations import DynamoAssociationStore
from hromada.store.client import dynamodb
from hromada.store.events import DynamoEventStore
from hromada.store.series import DynamoSeriesStore


@cache
def series() -> Series:
    publisher = OutboxPublisher()
    events = Events(DynamoEventStore(), DynamoAssociationStore(), publisher)
    return Series(events, DynamoSeriesStore(), Rsvps(DynamoEventStore(), publisher))


@logger.inject_lambda_context(clear_state=True)
@metrics.log_metrics(raise_on_empty_metrics=False)
def lambda_handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    written = series().run()
    metrics.add_metric(name="OccurrencesWritten", unit="Count", value=sum(written.values()))
    logger.info("occurrences written", extra={"series": len(written), "occurrences": sum(written.values())})
    return {"written": written}


# Built during init, so SnapStart's snapshot holds the DynamoDB client instead of each restore.
dynamodb()
init_done()
