"""Twenty people behind one address write at once: their transactions meet on the address's counter (the
abuse quota rides in each write's transaction) and on the event's seats.

DynamoDB cancels a transaction that overlaps another on the same item (`TransactionConflict`); moto serialises
requests and never does. So the stores' client is wrapped here with DynamoDB's rule: a transaction touching
an item another transaction holds is cancelled. No person may see a 503 for it.
"""

from __future__ import annotations

import statistics
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from botocore.exceptions import ClientError

import hromada.store.errors as retrying
from hromada.store.client import dynamodb

PEOPLE = 20
ATTEMPTS = retrying.ATTEMPTS
HOLD = 0.015  # seconds a transaction holds its items (DynamoDB's transactional writes take ~10-25 ms)


class ConflictingClient:
    """DynamoDB's conflict rule over moto: overlapping transactions on one item, all but the first cancelled."""

    def __init__(self, transact: Any):
        self.transact = transact
        self.lock = threading.Lock()
        self.held: set[str] = set()
        self.attempts = 0
        self.conflicts = 0

    def transact_write_items(self, TransactItems: list[dict[str, Any]], **kwargs: Any) -> Any:
        keys = [_held_key(next(iter(item.values()))) for item in TransactItems]
        with self.lock:
            self.attempts += 1
            clash = [k in self.held for k in keys]
            if any(clash):
                self.conflicts += 1
                raise ClientError({"Error": {"Code": "TransactionCanceledException", "Message": "conflict"},
                                   "CancellationReasons": [{"Code": "TransactionConflict" if c else "None"}
                                                           for c in clash]}, "TransactWriteItems")
            self.held.update(keys)
        try:  # the hold is DynamoDB's; moto's own time (it serves one request at a time) is not counted
            time.sleep(HOLD)
        finally:
            with self.lock:
                self.held.difference_update(keys)
        return self.transact(TransactItems=TransactItems, **kwargs)


def _held_key(action: dict[str, Any]) -> str:
    key = action.get("Key") or action["Item"]
    return f"{action['TableName']}|{key['pk']['S']}|{key['sk']['S']}"


@pytest.fixture
def conflicting(monkeypatch):
    client = dynamodb()  # the stores' one client
    conflicting = ConflictingClient(client.transact_write_items)
    monkeypatch.setattr(client, "transact_write_items", conflicting.transact_write_items)
    return conflicting


def rsvp_at_once(api, people, event_id) -> tuple[Counter, list[float]]:
    barrier = threading.Barrier(len(people))

    def one(who):
        barrier.wait()
        start = time.perf_counter()
        response = api("POST", f"/events/{event_id}/rsvp", who)
        return response.status_code, time.perf_counter() - start

    with ThreadPoolExecutor(max_workers=len(people)) as pool:
        results = list(pool.map(one, people))
    return Counter(status for status, _ in results), [seconds for _, seconds in results]


def test_attack_quota_conflicts_behind_one_address_reach_nobody(api, person, new_event, conflicting, monkeypatch):
    event, _ = new_event(capacity=200, registration_required=True)
    people = [person(label="neighbour") for _ in range(2 * PEOPLE)]

    # Without retries (how it was): the cancelled transactions answer 503
    monkeypatch.setattr(retrying, "ATTEMPTS", 1)
    before, _ = rsvp_at_once(api, people[:PEOPLE], event["id"])
    conflicts_before = conflicting.conflicts
    assert conflicts_before > 0 and before[503] > 0, before  # the simulation bites

    # With retries after full-jitter pauses: every one of the 20 is answered, none with 503
    monkeypatch.setattr(retrying, "ATTEMPTS", ATTEMPTS)  # the stores' own retries
    conflicting.attempts = conflicting.conflicts = 0
    after, seconds = rsvp_at_once(api, people[PEOPLE:], event["id"])
    assert after == Counter({201: PEOPLE}), after
    print(f"\n{PEOPLE} writes behind one address: without retries {before[503]} answered 503 "
          f"({conflicts_before} conflicts); with full-jitter retries 0 answered 503, {conflicting.conflicts} "
          f"conflicts retried over {conflicting.attempts} attempts; latency median "
          f"{statistics.median(seconds) * 1000:.0f} ms, max {max(seconds) * 1000:.0f} ms")
