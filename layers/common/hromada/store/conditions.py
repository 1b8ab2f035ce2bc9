"""Guarded twinning writes: the acting editor still edits, an association is still verified; one transaction."""

from __future__ import annotations

import uuid
from typing import Any

from hromada.domain.twinning_ports import ActingEditor
from hromada.store import keys
from hromada.store.client import table_name
from hromada.store.codec import to_item
from hromada.store.errors import call


def transact(client: Any, items: list[dict[str, Any]]) -> None:
    """One TransactWriteItems. The request token makes the SDK's own retries idempotent: a retry after a
    lost response gets the first attempt's outcome instead of failing the guards that attempt satisfied."""
    call(client.transact_write_items, TransactItems=items, ClientRequestToken=uuid.uuid4().hex)


def editor_check(editor: ActingEditor) -> dict[str, Any]:
    return {"ConditionCheck": {"TableName": table_name(),
                               "Key": to_item(keys.editor(editor.association_id, editor.email)),
                               "ConditionExpression": "attribute_exists(pk)"}}


def verified_check(association_id: str) -> dict[str, Any]:
    return {"ConditionCheck": {"TableName": table_name(), "Key": to_item(keys.association(association_id)),
                               "ConditionExpression": "#status = :verified",
                               "ExpressionAttributeNames": {"#status": "status"},
                               "ExpressionAttributeValues": {":verified": {"S": "verified"}}}}
