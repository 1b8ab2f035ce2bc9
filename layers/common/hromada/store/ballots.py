"""DynamoDB implementation of the BallotBox port (elections and polls).

A vote is one TransactWriteItems over two tables: the voter's marker in the main table
(attribute_not_exists: once per voter; its key is all it holds), and in the ballot table the ballot under
a random tracker in one of the box's shards (no voter, no time) and the shard's counters (ADD, refused
once the shard is sealed), plus the eligibility checks (roll entry, ownership, verification).
The ballot table has no stream and no point-in-time recovery: the main table's stream sees the marker
alone, so no change record pairs it with the ballot or the counters (docs/ballot-secrecy.md).
Items touched by every vote would serialise votes (DynamoDB cancels transactions that meet on an item),
so nothing is shared: the counters are per shard too.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import AbstractContextManager
from typing import Any

from botocore.exceptions import ClientError

from hromada import jitter
from hromada.domain.ports import ConditionFailed
from hromada.domain.voting_ports import Guard
from hromada.errors import Unavailable
from hromada.store import keys
from hromada.store.client import ballot_table_name, dynamodb, table_name
from hromada.store.codec import from_item, to_item
from hromada.store.errors import call, failed_conditions
from hromada.store.paging import query_items
from hromada.store.riders import riding

ATTEMPTS = 4  # a transaction cancelled by a concurrent one wrote nothing: it is tried again
PRIORITY = ("sealed", "marker", "roll", "owner", "editor", "verified", "tracker")


def guard_check(guard: Guard) -> dict[str, Any]:
    table = table_name()
    if guard.kind == "roll":
        return {"ConditionCheck": {"TableName": table, "Key": to_item(keys.roll_entry(guard.subject, guard.email)),
                                   "ConditionExpression": "attribute_exists(pk)"}}
    if guard.kind == "verified":
        return {"ConditionCheck": {"TableName": table, "Key": to_item(keys.association(guard.subject)),
                                   "ConditionExpression": "#status = :verified",
                                   "ExpressionAttributeNames": {"#status": "status"},
                                   "ExpressionAttributeValues": {":verified": {"S": "verified"}}}}
    key = to_item(keys.editor(guard.subject, guard.email or ""))
    if guard.kind == "owner":
        return {"ConditionCheck": {"TableName": table, "Key": key, "ConditionExpression": "#role = :owner",
                                   "ExpressionAttributeNames": {"#role": "role"},
                                   "ExpressionAttributeValues": {":owner": {"S": "owner"}}}}
    return {"ConditionCheck": {"TableName": table, "Key": key, "ConditionExpression": "attribute_exists(pk)"}}


def transact(client: Any, items: list[dict[str, Any]], guards: list[str]) -> None:
    """Run a transaction; a lost guard becomes ConditionFailed(its name), a conflict is retried."""
    for attempt in range(ATTEMPTS):
        try:
            call(client.transact_write_items, TransactItems=items)
            return
        except Unavailable:
            if attempt == ATTEMPTS - 1:
                raise
            time.sleep(jitter.uniform(0, 0.025 * 2 ** attempt))
        except ClientError as error:
            failed = {guards[i] for i in failed_conditions(error)}
            if not failed:
                raise
            raise ConditionFailed(min(failed, key=lambda g: PRIORITY.index(g) if g in PRIORITY else 99)) from error


def counter_sums(items: list[dict[str, Any]]) -> dict[str, int]:
    sums: dict[str, int] = {}
    for item in items:
        for name, value in from_item(item).items():
            if name not in ("pk", "sk", "sealed"):
                sums[name] = sums.get(name, 0) + int(value)
    return sums


def _seals(box: str, shards: int) -> list[dict[str, Any]]:
    return [{"Update": {"TableName": ballot_table_name(), "Key": to_item(keys.counters(box, shard)),
                        "UpdateExpression": "SET sealed = :yes", "ExpressionAttributeValues": {":yes": {"BOOL": True}}}}
            for shard in range(shards)]


def batch_get_tables(client: Any, wanted: dict[str, list[dict[str, str]]]) -> dict[str, list[dict[str, Any]]]:
    """One BatchGetItem of up to 100 keys over several tables (again only for what DynamoDB left unprocessed)."""
    found: dict[str, list[dict[str, Any]]] = {table: [] for table in wanted}
    request: dict[str, Any] | None = {table: {"Keys": [to_item(k) for k in keys_], "ConsistentRead": True}
                                      for table, keys_ in wanted.items() if keys_}
    while request:
        response = call(client.batch_get_item, RequestItems=request)
        for table, items in response.get("Responses", {}).items():
            found[table] += items
        request = response.get("UnprocessedKeys") or None
    return found


def batch_get(client: Any, wanted: list[dict[str, str]], table: str | None = None) -> list[dict[str, Any]]:
    """BatchGetItem of up to 100 keys of one table (the main table unless named)."""
    table = table or table_name()
    return batch_get_tables(client, {table: wanted})[table]


class DynamoBallotBox:
    def __init__(self, client: Any | None = None):
        self._client = client

    @property
    def client(self) -> Any:
        return self._client or dynamodb()

    def cast(self, box: str, voter: str, shard: int, tallies: dict[str, int], *, tracker: str | None,
             ballot: dict[str, Any] | None, guards: list[Guard]) -> None:
        table, box_table = table_name(), ballot_table_name()
        names = {f"#c{i}": name for i, name in enumerate(tallies)}
        values = {f":c{i}": {"N": str(value)} for i, value in enumerate(tallies.values())}
        items: list[dict[str, Any]] = [
            # The marker is its key and nothing else: no time, no tracker, nothing listing it under a person
            # (it is a pseudonym of the voter's address; erasure leaves it, so nobody votes twice).
            {"Put": {"TableName": table, "Item": to_item(keys.marker(box, voter)),
                     "ConditionExpression": "attribute_not_exists(pk)"}},
            {"Update": {"TableName": box_table, "Key": to_item(keys.counters(box, shard)),
                        "UpdateExpression": "ADD " + ", ".join(f"{n} {v}" for n, v in zip(names, values, strict=True)),
                        "ConditionExpression": "attribute_not_exists(sealed)",
                        "ExpressionAttributeNames": names, "ExpressionAttributeValues": values}},
        ]
        which = ["marker", "sealed"]
        if ballot is not None and tracker is not None:
            items.append({"Put": {"TableName": box_table, "ConditionExpression": "attribute_not_exists(pk)",
                                  "Item": to_item(keys.ballot(box, shard, tracker) | {"ballot": ballot})}})
            which.append("tracker")
        for guard in guards:
            items.append(guard_check(guard))
            which.append(guard.kind)
        transact(self.client, items, which)

    def voted(self, box: str, voters: list[str]) -> set[str]:
        if not voters:
            return set()
        found = batch_get(self.client, [keys.marker(box, v) for v in voters])
        return {v for v in voters if any(item["pk"]["S"] == keys.marker(box, v)["pk"] for item in found)}

    def seal(self, box: str, shards: int) -> None:
        """Every shard's counters at once (one transaction: up to 100 shards)."""
        transact(self.client, _seals(box, shards), [])

    def sealing(self, box: str, shards: int) -> AbstractContextManager[None]:
        """The seal rides in the transaction made inside the block (the closing of the vote)."""
        return riding(_seals(box, shards))

    def counters(self, box: str, shards: int) -> dict[str, int]:
        return counter_sums(batch_get(self.client, [keys.counters(box, s) for s in range(shards)], ballot_table_name()))

    def ballots(self, box: str, shards: int) -> Iterator[tuple[str, dict[str, Any]]]:
        for shard in range(shards):
            for item in query_items(self.client, **self._shard_query(box, shard), ConsistentRead=True):
                yield self._ballot(item)

    def ballot(self, box: str, shard: int, tracker: str) -> dict[str, Any] | None:
        item = call(self.client.get_item, TableName=ballot_table_name(), Key=to_item(keys.ballot(box, shard, tracker)))
        return self._ballot(item["Item"])[1] if item.get("Item") else None

    # ------------------------------------------------------------ helpers
    @staticmethod
    def _ballot(item: dict[str, Any]) -> tuple[str, dict[str, Any]]:
        data = from_item(item)
        return data["sk"].removeprefix(keys.BALLOT_PREFIX), data["ballot"]

    @staticmethod
    def _shard_query(box: str, shard: int) -> dict[str, Any]:
        return {
            "TableName": ballot_table_name(), "KeyConditionExpression": "pk = :pk AND begins_with(sk, :ballot)",
            "ExpressionAttributeValues": {":pk": {"S": keys.ballot_shard(box, shard)},
                                          ":ballot": {"S": keys.BALLOT_PREFIX}}}
