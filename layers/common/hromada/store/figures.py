"""DynamoDB adapter of the association figures: per-month counters in the association's partition (keys.figures_month)
and once-only markers per bus event (keys.figures_seen)."""

from __future__ import annotations

import time
from typing import Any

from hromada.domain.figures import COUNTERS, Change
from hromada.domain.ports import ConditionFailed
from hromada.store import keys
from hromada.store.client import dynamodb, table_name
from hromada.store.codec import from_item, to_item
from hromada.store.guards import transact
from hromada.store.paging import query_items

KEEP_MARKER_SECONDS = 30 * 24 * 3600  # longer than the bus (24 h) and the queue (4 days) may redeliver


class DynamoFigures:
    def __init__(self, client: Any | None = None):
        self._client = client

    @property
    def client(self) -> Any:
        return self._client or dynamodb()

    def count(self, outbox_id: str, changes: list[Change]) -> bool:
        """The marker and the counters in one transaction: a redelivered event fails on the marker and adds nothing."""
        table = table_name()
        merged: dict[tuple[str, str], dict[str, int]] = {}
        for change in changes:
            adds = merged.setdefault((change.association_id, change.month), {})
            for name, value in change.adds.items():
                adds[name] = adds.get(name, 0) + value
        items: list[dict[str, Any]] = [{"Put": {
            "TableName": table, "ConditionExpression": "attribute_not_exists(pk)",
            "Item": to_item(keys.figures_seen(outbox_id) | {"expires_at": int(time.time()) + KEEP_MARKER_SECONDS})}}]
        for (association_id, month), adds in merged.items():
            names = {f"#c{i}": name for i, name in enumerate(adds)}
            values = {f":v{i}": {"N": str(value)} for i, value in enumerate(adds.values())}
            items.append({"Update": {
                "TableName": table, "Key": to_item(keys.figures_month(association_id, month)),
                "UpdateExpression": "ADD " + ", ".join(f"#c{i} :v{i}" for i in range(len(adds))),
                "ExpressionAttributeNames": names, "ExpressionAttributeValues": values}})
        try:
            transact(self.client, items, ["seen"] + ["counter"] * (len(items) - 1))
        except ConditionFailed as failed:
            if failed.which == "seen":
                return False
            raise
        return True

    def read(self, association_id: str, editor_email: str | None, first: str, last: str
             ) -> tuple[bool, bool, dict[str, dict[str, int]]]:
        """One Query of the association's partition from the caller's editor item (or the first month) to the
        profile; the filter keeps the editor item, the profile and the months asked for."""
        profile = keys.association(association_id)
        low = keys.figures_month(association_id, first)["sk"]
        high = keys.figures_month(association_id, last)["sk"]
        values: dict[str, Any] = {":pk": {"S": profile["pk"]}, ":profile": {"S": profile["sk"]},
                                  ":first": {"S": low}, ":last": {"S": high}}
        keep = "sk = :profile OR sk BETWEEN :first AND :last"
        start = low
        if editor_email:
            editor = keys.editor(association_id, editor_email)["sk"]
            values[":editor"] = {"S": editor}
            keep += " OR sk = :editor"
            start = min(editor, low)
        values[":start"] = {"S": start}
        found = query_items(self.client, TableName=table_name(), ConsistentRead=True,
                            KeyConditionExpression="pk = :pk AND sk BETWEEN :start AND :profile",
                            FilterExpression=keep, ExpressionAttributeValues=values,
                            ProjectionExpression="sk, " + ", ".join(f"#c{i}" for i in range(len(COUNTERS))),
                            ExpressionAttributeNames={f"#c{i}": name for i, name in enumerate(COUNTERS)})
        exists = edits = False
        months: dict[str, dict[str, int]] = {}
        for item in map(from_item, found):
            sk = item["sk"]
            if sk == profile["sk"]:
                exists = True
            elif sk.startswith(keys.FIGURES_PREFIX):
                months[sk.removeprefix(keys.FIGURES_PREFIX)] = {n: int(item.get(n, 0)) for n in COUNTERS}
            else:
                edits = True
        return exists, edits, months
