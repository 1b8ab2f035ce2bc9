"""The domain events the notifier has handled, by outbox id."""

from __future__ import annotations

import time
from typing import Any

from hromada.store import keys
from hromada.store.client import dynamodb, table_name
from hromada.store.codec import to_item
from hromada.store.errors import call
from hromada.store.outbox import KEEP_SECONDS


class DynamoNotices:
    """The notifier's record of the events it handled (each carries its outbox id): relayed twice, told once."""

    def __init__(self, client: Any | None = None):
        self.client = client or dynamodb()

    def seen(self, outbox_id: str) -> bool:
        response = call(self.client.get_item, TableName=table_name(), Key=to_item(keys.notice(outbox_id)),
                        ConsistentRead=True, ProjectionExpression="pk")
        return "Item" in response

    def remember(self, outbox_id: str) -> None:
        call(self.client.put_item, TableName=table_name(),
             Item=to_item(keys.notice(outbox_id) | {"expires_at": int(time.time()) + KEEP_SECONDS}))
