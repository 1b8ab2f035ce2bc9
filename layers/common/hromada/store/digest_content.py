"""What is new since a moment: read once per planner run, whatever the number of subscribers."""

from __future__ import annotations

from typing import Any

from hromada.store import keys
from hromada.store.client import dynamodb, table_name
from hromada.store.codec import from_item
from hromada.store.paging import query_pages

_CONTENT = {"id", "title", "description", "body", "description_html", "body_html", "start", "end", "timezone",
            "venue", "online_url", "categories", "association_id", "association_name", "region", "sources",
            "created_at", "status", "type", "series_id"}


class DynamoDigestContent:
    def __init__(self, client: Any | None = None):
        self.client = client or dynamodb()
        self.reads = 0

    def new_events(self, since: str, now: str) -> list[dict[str, Any]]:
        """Upcoming, scheduled events published since `since` (one paginated Query of the "upcoming" index)."""
        found = self._query(keys.EVENTS_COLLECTION, now)
        return [e for e in found if e.get("created_at", "") >= since and e.get("status") == "scheduled"]

    def new_announcements(self, since: str) -> list[dict[str, Any]]:
        found = self._query(keys.ANNOUNCEMENTS_COLLECTION, since)
        return [a for a in found if a.get("created_at", "") >= since]

    def _query(self, collection: str, from_order: str) -> list[dict[str, Any]]:
        args: dict[str, Any] = {
            "TableName": table_name(), "IndexName": "gsi2",
            "KeyConditionExpression": "gsi2pk = :pk AND gsi2sk >= :from",
            # Hidden content (moderation) is never mailed.
            "FilterExpression": "attribute_not_exists(#hidden) OR #hidden = :no",
            "ExpressionAttributeNames": {"#hidden": "hidden"},
            "ExpressionAttributeValues": {":pk": {"S": collection}, ":from": {"S": from_order},
                                          ":no": {"BOOL": False}}}
        items: list[dict[str, Any]] = []
        for response in query_pages(self.client, **args):
            self.reads += 1
            items += [{k: v for k, v in from_item(i).items() if k in _CONTENT} for i in response.get("Items", [])]
        return items
