"""What the open-data export reads: every public item, with paged Queries on the listing indexes (no Scan, no
read per item). For the expected size (≈ 80 associations, a few thousand events a year, a few elections) that is
a handful of 1 MB pages: a few hundred read units a day."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from hromada.models.association import Association, Status
from hromada.models.election import Election, ElectionStatus
from hromada.models.event import Event
from hromada.store import keys
from hromada.store.client import dynamodb, table_name
from hromada.store.codec import from_item, to_item
from hromada.store.errors import call
from hromada.store.paging import query_items

BATCH = 100  # BatchGetItem's limit


class DynamoOpenDataSource:
    def __init__(self, client: Any | None = None):
        self._client = client

    @property
    def client(self) -> Any:
        return self._client or dynamodb()

    def _collection(self, index: str, partition: str, since: str | None = None) -> Iterator[dict[str, Any]]:
        condition, values = f"{index}pk = :p", {":p": {"S": partition}}
        if since:
            condition += f" AND {index}sk >= :since"
            values[":since"] = {"S": since}
        return query_items(self.client, TableName=table_name(), IndexName=index,
                           KeyConditionExpression=condition, ExpressionAttributeValues=values)

    def associations(self) -> list[Association]:
        """The verified directory (gsi2 ASSOCS#verified), page after page."""
        return [Association.model_validate(from_item(i))
                for i in self._collection("gsi2", keys.association_collection(Status.VERIFIED.value))]

    def events(self, since: str) -> list[Event]:
        """Every event starting at `since` or later (gsi2 EVENTS, by start)."""
        return [Event.model_validate(from_item(i)) for i in self._collection("gsi2", keys.EVENTS_COLLECTION, since)]

    def published_results(self) -> list[tuple[Election, dict[str, Any]]]:
        """Published elections (gsi2 ELECTIONS#published) and their results, read 100 at a time."""
        elections = [Election.model_validate(from_item(i)) for i in
                     self._collection("gsi2", keys.election_status(ElectionStatus.PUBLISHED.value))]
        results: dict[str, dict[str, Any]] = {}
        table = table_name()
        for start in range(0, len(elections), BATCH):
            request: dict[str, Any] | None = {table: {
                "Keys": [to_item(keys.result(e.id)) for e in elections[start:start + BATCH]]}}
            while request:
                response = call(self.client.batch_get_item, RequestItems=request)
                for item in response.get("Responses", {}).get(table, []):
                    stored = from_item(item)
                    results[stored["pk"]] = json.loads(stored["result"])
                request = response.get("UnprocessedKeys") or None
        return [(e, results[keys.result(e.id)["pk"]]) for e in elections if keys.result(e.id)["pk"] in results]
