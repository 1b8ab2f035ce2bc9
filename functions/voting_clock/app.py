"""The voting clock: run by a schedule every minute, it opens and closes elections and polls whose time
has come, and counts and publishes the elections that closed."""

from __future__ import annotations

import gc

gc.disable()  # during init only: hromada.coldstart.init_done() resumes it, last

from functools import cache
from typing import Any

from hromada.bus import OutboxPublisher
from hromada.coldstart import init_done
from hromada.domain.elections import Elections
from hromada.domain.polls import Polls
from hromada.domain.voting_clock import VotingClock
from hromada.observability import logger, metrics
from hromada.store.associations import DynamoAssociationStore
from hromada.store.ballots import DynamoBallotBox
from hromada.store.client import dynamodb
from hromada.store.elections import DynamoElectionStore
from hromada.store.polls import DynamoPollStore


@cache
def clock() -> VotingClock:
    box = DynamoBallotBox()
    elections = Elections(DynamoElectionStore(), box, DynamoAssociationStore(), publisher=OutboxPublisher())
    return VotingClock(elections, Polls(DynamoPollStore(), box))


@logger.inject_lambda_context(clear_state=True)
@metrics.log_metrics(raise_on_empty_metrics=False)
def lambda_handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    tick = clock().tick()
    for item_id, phases in tick.moved.items():
        logger.info("moved", extra={"item": item_id, "phases": phases})
    for item_id, problem in tick.failed.items():
        logger.error("could not move", extra={"item": item_id, "problem": problem})
    metrics.add_metric(name="ClockMoved", unit="Count", value=len(tick.moved))
    metrics.add_metric(name="ClockFailed", unit="Count", value=len(tick.failed))
    return {"moved": tick.moved, "failed": tick.failed}


# Built during init, so SnapStart's snapshot holds the DynamoDB client instead of each restore.
dynamodb()
init_done()
