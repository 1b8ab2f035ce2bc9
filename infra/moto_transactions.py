"""moto's TransactWriteItems, made affordable for a long-running local stack.

moto snapshots the whole table (copy.deepcopy) once per item of every transaction, to restore it if the
transaction is cancelled; and every model instance a deep copy creates is kept in moto's instance
tracker for good. Memory then grows with (transactions x table size): a few thousand votes took a test
run past 20 GB, and each vote cost a copy of the table. Requests to the local moto are serialised
(infra.moto_server), so snapshotting just the items a transaction touches, and putting them back if it
is cancelled, restores exactly what the table snapshot would. (Stream records of a cancelled
transaction's partial writes stay; nothing reads the stream locally.)
"""

from __future__ import annotations

import copy
import types
from typing import Any

from moto.dynamodb import models as dynamodb_models
from moto.dynamodb.models.dynamo_type import DynamoType
from moto.dynamodb.models.table import Table

_original = dynamodb_models.DynamoDBBackend.transact_write_items


def _deepcopy_but_tables(value: Any, memo: dict[int, Any] | None = None) -> Any:
    return value if isinstance(value, Table) else copy.deepcopy(value, memo)


def _key(table: Table, op: dict[str, Any]) -> tuple[DynamoType, DynamoType | None]:
    attrs = op.get("Item") or op.get("Key") or {}
    range_value = DynamoType(attrs[table.range_key_attr]) if table.range_key_attr in attrs else None
    return DynamoType(attrs[table.hash_key_attr]), range_value


def _put_back(table: Table, hash_value: DynamoType, range_value: DynamoType | None, item: Any) -> None:
    if range_value is None:
        table.items.pop(hash_value, None)
        if item is not None:
            table.items[hash_value] = item
        return
    table.items[hash_value].pop(range_value, None)
    if item is not None:
        table.items[hash_value][range_value] = item
    elif not table.items[hash_value]:
        del table.items[hash_value]


def transact_write_items(self: Any, transact_items: list[dict[str, Any]]) -> None:
    saved = []
    for entry in transact_items[:100]:
        _, op = next(iter(entry.items()))
        table = self.tables.get(op.get("TableName")) if isinstance(op, dict) else None
        if table is None:
            continue
        try:
            hash_value, range_value = _key(table, op)
        except KeyError:
            continue  # a malformed key: moto refuses the transaction before writing anything
        saved.append((table, hash_value, range_value, copy.deepcopy(table.get_item(hash_value, range_value))))
    try:
        _original(self, transact_items)
    except Exception:
        for table, hash_value, range_value, item in reversed(saved):
            _put_back(table, hash_value, range_value, item)
        raise


def install() -> None:
    """Idempotent: the local stack calls it before serving."""
    if dynamodb_models.DynamoDBBackend.transact_write_items is transact_write_items:
        return
    dynamodb_models.copy = types.SimpleNamespace(deepcopy=_deepcopy_but_tables)  # type: ignore[attr-defined]
    dynamodb_models.DynamoDBBackend.transact_write_items = transact_write_items  # type: ignore[method-assign]
