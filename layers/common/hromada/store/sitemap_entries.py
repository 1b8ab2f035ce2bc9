"""The sitemaps' reads: each kind's public items, one Query of its collection followed page by page (never a Scan).

DynamoDB leaves out what is not public (FilterExpression) and sends back only the two attributes an entry needs
(ProjectionExpression); a page is what DynamoDB reads at most in one call: 1 MB of items, before the filter
(≈ 900 events of 1.1 KB), or PAGE_ITEMS items when set.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from hromada.domain.sitemaps import Entry
from hromada.models.association import Status
from hromada.models.event import EventStatus
from hromada.store import keys
from hromada.store.announcements import EXPIRY
from hromada.store.client import dynamodb, table_name
from hromada.store.paging import query_pages

PAGE_ITEMS: int | None = None  # None: DynamoDB's own 1 MB pages (tests set a count to know the calls in advance)
NOT_HIDDEN = "(attribute_not_exists(#hidden) OR #hidden = :visible)"


@dataclass(frozen=True)
class _Collection:
    partition: str
    ref: str  # the attribute the page's address names
    filter: str = NOT_HIDDEN
    values: dict[str, Any] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)


def _collections(now: str) -> dict[str, _Collection]:
    return {
        "associations": _Collection(keys.association_collection(Status.VERIFIED.value), "slug"),
        "events": _Collection(keys.EVENTS_COLLECTION, "id", f"{NOT_HIDDEN} AND #status = :scheduled",
                              {":scheduled": {"S": EventStatus.SCHEDULED.value}}, {"#status": "status"}),
        "announcements": _Collection(keys.ANNOUNCEMENTS_COLLECTION, "id",
                                     f"{NOT_HIDDEN} AND (attribute_not_exists(#expiry) OR #expiry > :now)",
                                     {":now": {"S": now}}, {"#expiry": EXPIRY}),
    }


class DynamoSitemapEntries:
    def __init__(self, client: Any | None = None):
        self._client = client

    def public(self, kind: str, now: str) -> Iterator[Entry]:
        collection = _collections(now)[kind]
        params: dict[str, Any] = {
            "TableName": table_name(), "IndexName": "gsi2", "KeyConditionExpression": "gsi2pk = :partition",
            "FilterExpression": collection.filter,
            "ProjectionExpression": "#ref, updated_at",
            "ExpressionAttributeNames": {"#hidden": "hidden", "#ref": collection.ref} | collection.names,
            "ExpressionAttributeValues": {":partition": {"S": collection.partition}, ":visible": {"BOOL": False}}
                                         | collection.values}
        if PAGE_ITEMS:
            params["Limit"] = PAGE_ITEMS
        for response in query_pages(self._client or dynamodb(), **params):
            for item in response.get("Items", []):
                yield Entry(item[collection.ref]["S"], item["updated_at"]["S"])
