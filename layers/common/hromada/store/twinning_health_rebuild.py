"""Rebuilding the twinning health figures from the items themselves: admin maintenance, the one Scan (run by
infra.twinning_health_rebuild, never on a request path)."""

from __future__ import annotations

from collections import Counter
from typing import Any

from hromada.domain.twinning_health import awaiting_answer, initiative_counts, partnership_counts
from hromada.models.initiative import Initiative
from hromada.models.partnership import Partnership
from hromada.store import keys
from hromada.store.codec import from_item, to_item
from hromada.store.twinning_health import unanswered_entry


def figures(items: list[dict[str, Any]]) -> tuple[Counter[str], list[Initiative]]:
    """The counters the items add up to, and the offers that await an answer."""
    counters: Counter[str] = Counter()
    waiting = []
    for data in items:
        if data["pk"].startswith(f"{keys.INITIATIVES.entity}#"):
            initiative = Initiative.model_validate(data)
            counters += initiative_counts(initiative)
            if awaiting_answer(initiative):
                waiting.append(initiative)
        else:
            counters += partnership_counts(Partnership.model_validate(data))
    return counters, waiting


def rebuild(client: Any, table: str) -> dict[str, Any]:
    items: list[dict[str, Any]] = []
    scan: dict[str, Any] = {
        "TableName": table, "FilterExpression": "sk = :profile AND (begins_with(pk, :i) OR begins_with(pk, :p))",
        "ExpressionAttributeValues": {":profile": {"S": keys.PROFILE}, ":i": {"S": f"{keys.INITIATIVES.entity}#"},
                                      ":p": {"S": f"{keys.PARTNERSHIPS.entity}#"}}}
    while True:
        page = client.scan(**scan)
        items += [from_item(i) for i in page.get("Items", [])]
        if "LastEvaluatedKey" not in page:
            break
        scan["ExclusiveStartKey"] = page["LastEvaluatedKey"]
    counters, waiting = figures(items)
    client.put_item(TableName=table, Item=to_item(keys.twinning_health() | dict(counters)))
    index = keys.unanswered_offer("", "")["pk"]
    stale = client.query(TableName=table, KeyConditionExpression="pk = :pk",
                         ExpressionAttributeValues={":pk": {"S": index}}, ProjectionExpression="pk, sk")
    entries = [to_item(unanswered_entry(o)) for o in waiting]
    current = {(e["pk"]["S"], e["sk"]["S"]) for e in entries}
    # One request per key: a batch may not name a key twice.
    writes = [{"DeleteRequest": {"Key": i}} for i in stale.get("Items", [])
              if (i["pk"]["S"], i["sk"]["S"]) not in current]
    writes += [{"PutRequest": {"Item": e}} for e in entries]
    for start in range(0, len(writes), 25):
        client.batch_write_item(RequestItems={table: writes[start:start + 25]})
    return {"items": len(items), "counters": len(counters), "unanswered_offers": len(waiting)}
