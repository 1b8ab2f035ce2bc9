"""What the scheduled function does every minute: move every due election and poll on.

Each move is a write guarded by the version it read, so two clocks running at once (a slow run
overlapping the next, a retry, a manual run) move each item once; a failure on one item is reported
and left for the next tick, without stopping the others.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from hromada.domain.elections import Elections
from hromada.domain.polls import Polls
from hromada.models.election import ElectionStatus
from hromada.models.poll import PollStatus

ELECTION_QUEUES = (ElectionStatus.DRAFT, ElectionStatus.NOMINATIONS, ElectionStatus.VOTING, ElectionStatus.CLOSED)
POLL_QUEUES = (PollStatus.SCHEDULED, PollStatus.OPEN)


@dataclass
class Tick:
    moved: dict[str, list[str]] = field(default_factory=dict)  # id -> the phases it entered
    failed: dict[str, str] = field(default_factory=dict)  # id -> what went wrong


class VotingClock:
    def __init__(self, elections: Elections, polls: Polls):
        self.elections = elections
        self.polls = polls

    def tick(self) -> Tick:
        tick = Tick()
        now = self.elections.now()
        due = {eid: self.elections.advance for status in ELECTION_QUEUES
               for eid in self.elections.store.due(status, now)}
        due |= {pid: self.polls.advance for status in POLL_QUEUES for pid in self.polls.store.due(status, now)}
        for item_id, advance in due.items():
            try:
                moved = advance(item_id)
            except Exception as error:  # one bad item must not stop the others
                tick.failed[item_id] = f"{type(error).__name__}: {error}"
                continue
            if moved:
                tick.moved[item_id] = moved
        return tick
