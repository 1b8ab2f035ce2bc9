"""The outbox items as the relay sees them (a module of its own: other functions never delete them)."""

from __future__ import annotations

from typing import Any

from hromada.store import keys
from hromada.store.client import dynamodb, table_name
from hromada.store.codec import to_item
from hromada.store.errors import call


class DynamoOutbox:
    """What the relay does to the outbox items: ask whether one is still pending, delete it once relayed."""

    def __init__(self, client: Any | None = None):
        self.client = client or dynamodb()

    def pending(self, outbox_id: str) -> bool:
        response = call(self.client.get_item, TableName=table_name(), Key=to_item(keys.outbox(outbox_id)),
                        ConsistentRead=True, ProjectionExpression="pk")
        return "Item" in response

    def delete(self, outbox_id: str) -> None:
        call(self.client.delete_item, TableName=table_name(), Key=to_item(keys.outbox(outbox_id)))
