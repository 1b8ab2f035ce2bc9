"""Webhooks in the table: one item per webhook under its association's HOOKS# partition, with a counter item
beside them (the limit, in the same transaction as each creation and deletion), a delivery log per webhook
(expiring), and the claims that coalesce frequent events."""

from __future__ import annotations

import secrets
import time
from typing import Any

from botocore.exceptions import ClientError

from hromada.models.webhook import DeliveryLogEntry, Webhook
from hromada.store import keys
from hromada.store.client import dynamodb, table_name
from hromada.store.codec import from_item, to_item
from hromada.store.errors import call, error_code, guarded_write
from hromada.store.guards import editor_still_edits, is_editor, transact
from hromada.store.paging import query_items

LOG_KEEP_SECONDS = 14 * 24 * 3600  # the log shows the newest 50; older entries expire
ONCE_KEEP_SECONDS = 3600


def _item(hook: Webhook) -> dict[str, Any]:
    return to_item(keys.webhook(hook.association_id, hook.id) | hook.model_dump())


def _hook(item: dict[str, Any]) -> Webhook:
    return Webhook.model_validate(keys.without_keys(from_item(item)))


class DynamoWebhookStore:
    def __init__(self, client: Any | None = None):
        self._client = client

    @property
    def client(self) -> Any:
        return self._client or dynamodb()

    # ------------------------------------------------------------ the API's
    def create(self, hook: Webhook, *, limit: int, editor_email: str) -> None:
        count = {"Update": {
            "TableName": table_name(), "Key": to_item(keys.webhook_count(hook.association_id)),
            "UpdateExpression": "ADD #n :one",
            "ConditionExpression": "attribute_not_exists(#n) OR #n < :limit",
            "ExpressionAttributeNames": {"#n": "count"},
            "ExpressionAttributeValues": {":one": {"N": "1"}, ":limit": {"N": str(limit)}}}}
        put = {"Put": {"TableName": table_name(), "Item": _item(hook),
                       "ConditionExpression": "attribute_not_exists(pk)"}}
        transact(self.client, [count, put, *editor_still_edits(hook.association_id, editor_email)],
                 ["limit", "exists", "editor"])

    def list(self, association_id: str) -> list[Webhook]:
        items = query_items(self.client, TableName=table_name(),
                            KeyConditionExpression="pk = :pk AND begins_with(sk, :hook)",
                            ExpressionAttributeValues={":pk": {"S": keys.webhooks(association_id)},
                                                       ":hook": {"S": keys.WEBHOOK_PREFIX}})
        return sorted((_hook(i) for i in items), key=lambda h: h.created_at)

    def get(self, association_id: str, webhook_id: str) -> Webhook | None:
        item = call(self.client.get_item, TableName=table_name(),
                    Key=to_item(keys.webhook(association_id, webhook_id)), ConsistentRead=True).get("Item")
        return _hook(item) if item else None

    def save(self, hook: Webhook, *, editor_email: str) -> None:
        put = {"Put": {"TableName": table_name(), "Item": _item(hook), "ConditionExpression": "attribute_exists(pk)"}}
        transact(self.client, [put, *editor_still_edits(hook.association_id, editor_email)], ["missing", "editor"])

    def delete(self, association_id: str, webhook_id: str, *, editor_email: str) -> None:
        delete = {"Delete": {"TableName": table_name(), "Key": to_item(keys.webhook(association_id, webhook_id)),
                             "ConditionExpression": "attribute_exists(pk)"}}
        count = {"Update": {"TableName": table_name(), "Key": to_item(keys.webhook_count(association_id)),
                            "UpdateExpression": "ADD #n :minus", "ExpressionAttributeNames": {"#n": "count"},
                            "ExpressionAttributeValues": {":minus": {"N": "-1"}}}}
        transact(self.client, [delete, count, *editor_still_edits(association_id, editor_email)],
                 ["missing", "count", "editor"])

    def is_editor(self, association_id: str, email: str) -> bool:
        return is_editor(self.client, association_id, email)

    def log(self, webhook_id: str, limit: int) -> list[DeliveryLogEntry]:
        response = call(self.client.query, TableName=table_name(), KeyConditionExpression="pk = :pk",
                        ExpressionAttributeValues={":pk": {"S": keys.webhook_log_partition(webhook_id)}},
                        ScanIndexForward=False, Limit=limit)
        now = int(time.time())  # TTL deletes late (and never locally): expired entries are not shown
        entries = (from_item(i) for i in response.get("Items", []))
        return [DeliveryLogEntry.model_validate({k: v for k, v in keys.without_keys(e).items() if k != "expires_at"})
                for e in entries if int(e["expires_at"]) > now]

    # ------------------------------------------------------------ the dispatcher's and the worker's
    def subscribed(self, association_id: str, kind: str) -> list[Webhook]:
        items = query_items(self.client, TableName=table_name(),
                            KeyConditionExpression="pk = :pk AND begins_with(sk, :hook)",
                            FilterExpression="#active = :yes AND contains(kinds, :kind)",
                            ExpressionAttributeNames={"#active": "active"},
                            ExpressionAttributeValues={":pk": {"S": keys.webhooks(association_id)},
                                                       ":hook": {"S": keys.WEBHOOK_PREFIX},
                                                       ":yes": {"BOOL": True}, ":kind": {"S": kind}})
        return [_hook(i) for i in items]

    def claim_coalesced(self, key: str, window: str) -> bool:
        item = keys.webhook_once(key, window) | {"expires_at": int(time.time()) + ONCE_KEEP_SECONDS}
        return guarded_write(self.client.put_item, TableName=table_name(), Item=to_item(item),
                             ConditionExpression="attribute_not_exists(pk)") is not None

    def record(self, webhook_id: str, entry: DeliveryLogEntry) -> None:
        item = keys.webhook_log(webhook_id, entry.at, secrets.token_hex(4)) | entry.model_dump() | {
            "expires_at": int(time.time()) + LOG_KEEP_SECONDS}
        call(self.client.put_item, TableName=table_name(), Item=to_item(item))

    def delivered(self, association_id: str, webhook_id: str, at: str) -> None:
        self._update(association_id, webhook_id, "SET consecutive_failures = :zero, dead_letters = :zero, "
                     "last_success_at = :at", {":zero": {"N": "0"}, ":at": {"S": at}})

    def failed(self, association_id: str, webhook_id: str, at: str, *, dead: bool) -> Webhook | None:
        expression = "ADD consecutive_failures :one" + (", dead_letters :one" if dead else "") + \
            " SET last_failure_at = :at"
        after = self._update(association_id, webhook_id, expression, {":one": {"N": "1"}, ":at": {"S": at}})
        return _hook(after) if after else None

    def disable(self, association_id: str, webhook_id: str, reason: str) -> None:
        # A transaction, so that the domain event staged around it (the owners are told) is written with it;
        # the condition makes the first of concurrent workers the one that switches it off.
        update = {"Update": {
            "TableName": table_name(), "Key": to_item(keys.webhook(association_id, webhook_id)),
            "UpdateExpression": "SET #active = :no, disabled_reason = :why",
            "ConditionExpression": "attribute_exists(pk) AND #active = :yes",
            "ExpressionAttributeNames": {"#active": "active"},
            "ExpressionAttributeValues": {":no": {"BOOL": False}, ":yes": {"BOOL": True}, ":why": {"S": reason}}}}
        transact(self.client, [update], ["changed"])

    def _update(self, association_id: str, webhook_id: str, expression: str,
                values: dict[str, Any]) -> dict[str, Any] | None:
        try:
            response = call(self.client.update_item, TableName=table_name(),
                            Key=to_item(keys.webhook(association_id, webhook_id)), UpdateExpression=expression,
                            ConditionExpression="attribute_exists(pk)", ExpressionAttributeValues=values,
                            ReturnValues="ALL_NEW")
        except ClientError as error:
            if error_code(error) == "ConditionalCheckFailedException":
                return None  # deleted meanwhile: nothing to mark
            raise
        return response.get("Attributes")
