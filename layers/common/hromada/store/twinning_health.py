"""The twinning health figures in the table: one counters item updated with atomic ADDs inside each
initiative/partnership write's transaction, and a small index of unanswered offers by publication date
(an item per open offer, removed in the transaction that answers, closes or hides it)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from hromada.models.initiative import Initiative
from hromada.store import keys
from hromada.store.client import dynamodb, table_name
from hromada.store.codec import from_item, to_item
from hromada.store.errors import call, guarded_write

MAX_UNANSWERED = 200  # one Query page; the page says when there are more


def counter_update(delta: Mapping[str, int]) -> list[dict[str, Any]]:
    """One Update item adding the delta to the counters (none when nothing changes)."""
    if not delta:
        return []
    names = {f"#c{i}": key for i, key in enumerate(delta)}
    values = {f":c{i}": {"N": str(n)} for i, n in enumerate(delta.values())}
    return [{"Update": {"TableName": table_name(), "Key": to_item(keys.twinning_health()),
                        "UpdateExpression": "ADD " + ", ".join(f"#c{i} :c{i}" for i in range(len(delta))),
                        "ExpressionAttributeNames": names, "ExpressionAttributeValues": values}}]


def unanswered_entry(offer: Initiative) -> dict[str, Any]:
    """The offer's item in the unanswered index (plain attributes)."""
    return keys.unanswered_offer(offer.created_at, offer.id) | {
        "id": offer.id, "title": offer.title, "domain": offer.domain.value, "region": offer.region,
        "oblast": offer.oblast, "association_id": offer.association_id,
        "association_name": offer.association_name, "created_at": offer.created_at}


def waiting_writes(before: Initiative | None, after: Initiative, waiting_before: bool,
                   waiting_after: bool) -> list[dict[str, Any]]:
    """Put or delete the offer's entry in the unanswered index."""
    key = keys.unanswered_offer(after.created_at, after.id)
    if waiting_after:
        return [{"Put": {"TableName": table_name(), "Item": to_item(unanswered_entry(after))}}]
    if waiting_before:
        return [{"Delete": {"TableName": table_name(), "Key": to_item(key)}}]
    return []


class DynamoTwinningHealth:
    def __init__(self, client: Any | None = None):
        self._client = client
        self.calls = 0

    @property
    def client(self) -> Any:
        return self._client or dynamodb()

    def counters(self) -> dict[str, int]:
        self.calls += 1
        response = call(self.client.get_item, TableName=table_name(), Key=to_item(keys.twinning_health()),
                        ConsistentRead=True)
        data = from_item(response.get("Item") or {})
        return {k: int(v) for k, v in data.items() if k not in ("pk", "sk")}

    def unanswered(self, published_before: str) -> tuple[list[dict[str, Any]], bool]:
        """Open offers published before this moment, oldest first; and whether there were more."""
        self.calls += 1
        key = keys.unanswered_offer(published_before, "")
        response = call(self.client.query, TableName=table_name(),
                        KeyConditionExpression="pk = :pk AND sk < :before",
                        ExpressionAttributeValues={":pk": {"S": key["pk"]}, ":before": {"S": key["sk"]}},
                        Limit=MAX_UNANSWERED)
        items = [{k: v for k, v in from_item(i).items() if k not in ("pk", "sk")} for i in response["Items"]]
        return items, "LastEvaluatedKey" in response

    def keep_week(self, week: str, counters: Mapping[str, int]) -> None:
        """This week's counters, kept once (a re-run keeps the first)."""
        key = keys.twinning_health_week(week)
        guarded_write(self.client.put_item, TableName=table_name(),
                      Item=to_item(key | {"counters": dict(counters)}), ConditionExpression="attribute_not_exists(pk)")

    def week(self, week: str) -> dict[str, int] | None:
        response = call(self.client.get_item, TableName=table_name(), Key=to_item(keys.twinning_health_week(week)))
        if "Item" not in response:
            return None
        return {k: int(v) for k, v in from_item(response["Item"]).get("counters", {}).items()}
