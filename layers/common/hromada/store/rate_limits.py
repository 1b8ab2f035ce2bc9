"""Write counters for the abuse limits: one conditional ADD per quota, all in one transaction."""

from __future__ import annotations

from typing import Any

from botocore.exceptions import ClientError

from hromada.domain.rate_limits import Quota, QuotaExceeded, Suspended
from hromada.store import keys
from hromada.store.client import dynamodb, table_name
from hromada.store.errors import call, failed_conditions


class DynamoQuotaStore:
    def __init__(self, client: Any | None = None):
        self._client = client

    def consume(self, quotas: list[Quota], window: int, expires_at: int, *, not_suspended: str | None = None) -> None:
        client = self._client or dynamodb()
        suspension = {k: {"S": v} for k, v in keys.suspension(not_suspended).items()} if not_suspended else None
        if suspension and not quotas:
            if "Item" in call(client.get_item, TableName=table_name(), Key=suspension, ProjectionExpression="pk"):
                raise Suspended()
            return
        items = [{"Update": {
            "TableName": table_name(), "Key": {k: {"S": v} for k, v in keys.quota(q.subject, window).items()},
            "UpdateExpression": "ADD hits :one SET expires_at = :expires",
            "ConditionExpression": "attribute_not_exists(hits) OR hits < :limit",
            "ExpressionAttributeValues": {":one": {"N": "1"}, ":limit": {"N": str(q.limit)},
                                          ":expires": {"N": str(expires_at)}}}} for q in quotas]
        if suspension:  # one more item in the same transaction: no extra round trip
            items.append({"ConditionCheck": {"TableName": table_name(), "Key": suspension,
                                             "ConditionExpression": "attribute_not_exists(pk)"}})
        try:
            call(client.transact_write_items, TransactItems=items)
        except ClientError as error:
            failed = failed_conditions(error)
            if not failed:
                raise
            if suspension and len(items) - 1 in failed:
                raise Suspended() from error
            raise QuotaExceeded(failed[0]) from error
