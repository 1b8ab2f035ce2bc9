"""Who hears of an election's phases: its voter roll, or the digest's subscribers."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from hromada.models.election import Election
from hromada.models.subscription import Subscription
from hromada.store import keys
from hromada.store.client import dynamodb, table_name
from hromada.store.elections import DynamoElectionStore
from hromada.store.paging import query_items
from hromada.store.subscriptions import DynamoSubscriptionStore


class DynamoElectionAudience:
    def __init__(self, client: Any | None = None):
        self.client = client or dynamodb()

    def election(self, election_id: str) -> Election | None:
        return DynamoElectionStore().get(election_id)

    def roll(self, election_id: str) -> list[str]:
        return [item["sk"]["S"] for item in self._pages({"KeyConditionExpression": "pk = :pk",
                "ExpressionAttributeValues": {":pk": {"S": keys.roll_entry(election_id, "")["pk"]}}})]

    def subscribers(self) -> Iterator[Subscription]:
        store = DynamoSubscriptionStore(self.client)
        for frequency in ("weekly", "daily"):
            yield from store.subscribers(frequency)

    def _pages(self, args: dict[str, Any]) -> Iterator[dict[str, Any]]:
        return query_items(self.client, TableName=table_name(), **args)
