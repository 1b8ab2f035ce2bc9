"""Transactions whose failed conditions name the guard that failed, and the guards publishing needs."""

from __future__ import annotations

from typing import Any

from botocore.exceptions import ClientError

from hromada.domain.ports import ConditionFailed
from hromada.store import keys
from hromada.store.client import table_name
from hromada.store.codec import to_item
from hromada.store.errors import call, failed_conditions


def transact(client: Any, items: list[dict[str, Any]], reasons: list[str]) -> None:
    """One TransactWriteItems; a failed condition raises ConditionFailed(reason of the first failed item)."""
    try:
        call(client.transact_write_items, TransactItems=items)
    except ClientError as error:
        failed = failed_conditions(error)
        if not failed:
            raise
        raise ConditionFailed(reasons[failed[0]]) from error


def editor_still_edits(association_id: str, editor_email: str | None) -> list[dict[str, Any]]:
    """The caller edits the association at the moment of the write (nothing for admins: None)."""
    if editor_email is None:
        return []
    return [{"ConditionCheck": {"TableName": table_name(), "Key": to_item(keys.editor(association_id, editor_email)),
                                "ConditionExpression": "attribute_exists(pk)"}}]


def association_is_verified(association_id: str) -> dict[str, Any]:
    return {"ConditionCheck": {"TableName": table_name(), "Key": to_item(keys.association(association_id)),
                               "ConditionExpression": "#status = :verified",
                               "ExpressionAttributeNames": {"#status": "status"},
                               "ExpressionAttributeValues": {":verified": {"S": "verified"}}}}


def is_editor(client: Any, association_id: str, email: str) -> bool:
    """Whether `email` edits the association (one key-only read of its editor item)."""
    response = call(client.get_item, TableName=table_name(), Key=to_item(keys.editor(association_id, email)),
                    ProjectionExpression="pk")
    return "Item" in response


def confirm_editor(client: Any, association_id: str, editor_email: str | None) -> None:
    """The editor check of a write that has nothing to write, as a transaction of its own."""
    items = editor_still_edits(association_id, editor_email)
    if items:
        transact(client, items, ["editor"])
