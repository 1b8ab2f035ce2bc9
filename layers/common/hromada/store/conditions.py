"""Condition checks of the twinning writes: the acting editor still edits, an association is still verified."""

from __future__ import annotations

from typing import Any

from hromada.domain.twinning_ports import ActingEditor
from hromada.store import keys
from hromada.store.client import table_name
from hromada.store.codec import to_item


def editor_check(editor: ActingEditor) -> dict[str, Any]:
    return {"ConditionCheck": {"TableName": table_name(),
                               "Key": to_item(keys.editor(editor.association_id, editor.email)),
                               "ConditionExpression": "attribute_exists(pk)"}}


def verified_check(association_id: str) -> dict[str, Any]:
    return {"ConditionCheck": {"TableName": table_name(), "Key": to_item(keys.association(association_id)),
                               "ConditionExpression": "#status = :verified",
                               "ExpressionAttributeNames": {"#status": "status"},
                               "ExpressionAttributeValues": {":verified": {"S": "verified"}}}}
