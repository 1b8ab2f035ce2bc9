"""Rollback of moto's TransactWriteItems by item instead of by table.

Before each transaction moto deep-copies the whole table (once per transaction item, stream history
included) so that it can put the copy back if a condition fails. With a few thousand items, as an
integration run makes, a four-item transaction took 1.5 s and concurrent requests queued behind the
serialised server until the DynamoDB client timed out. Here the "copy" is the table itself, and the
items the transaction names (at most 100) are saved instead: on failure they are put back and the
stream records of the undone writes dropped, which is what moto's restore achieved. Correct only
because moto_server.py handles one request at a time.
"""

from __future__ import annotations

import copy
import functools
import threading
from typing import Any

from moto.dynamodb.models import DynamoDBBackend
from moto.dynamodb.models.dynamo_type import DynamoType
from moto.dynamodb.models.table import Table

_transaction = threading.local()


def _table_deepcopy(self: Table, memo: dict[int, Any]) -> Table:
    if getattr(_transaction, "active", False):
        return self  # the transaction's own rollback (below) covers what it may change
    clone = Table.__new__(Table)
    memo[id(self)] = clone
    for name, value in self.__dict__.items():
        setattr(clone, name, copy.deepcopy(value, memo))
    return clone


def _keys(table: Table, op_type: str, op: dict[str, Any]) -> tuple[DynamoType, DynamoType | None]:
    source = op["Item"] if op_type == "Put" else op["Key"]
    hash_key = DynamoType(source[table.hash_key_attr])
    range_key = DynamoType(source[table.range_key_attr]) if table.range_key_attr else None
    return hash_key, range_key


def _saved(backend: DynamoDBBackend, transact_items: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
    """(table, hash, range, deep copy of the item or None) for every item named, and stream lengths."""
    saved = []
    for entry in transact_items:
        op_type, op = next(iter(entry.items()))
        table = backend.tables.get(op.get("TableName"))
        if table is None or not isinstance(op, dict) or ("Item" not in op and "Key" not in op):
            continue
        try:
            hash_key, range_key = _keys(table, op_type, op)
            current = table.get_item(hash_key, range_key)
        except Exception:  # noqa: S112 - malformed keys: moto rejects the request itself
            continue
        saved.append((table, hash_key, range_key, copy.deepcopy(current)))
    return saved


def _restore(saved: list[tuple[Any, ...]], streams: dict[int, tuple[Any, int]]) -> None:
    for table, hash_key, range_key, item in reversed(saved):
        if range_key is None:
            table.items.pop(hash_key, None)
            if item is not None:
                table.items[hash_key] = item
        else:
            table.items[hash_key].pop(range_key, None)
            if item is not None:
                table.items[hash_key][range_key] = item
    for shard, next_sequence in streams.values():
        del shard.items[max(0, next_sequence - shard.starting_sequence_number):]


def _rollback_by_item(method: Any) -> Any:
    @functools.wraps(method)
    def transact_write_items(self: DynamoDBBackend, transact_items: list[dict[str, Any]]) -> Any:
        saved = _saved(self, transact_items) if len(transact_items) <= 100 else []
        # The next sequence number, not a length: moto_server.bounded_streams trims the oldest records.
        streams = {id(t): (t.stream_shard, t.stream_shard.starting_sequence_number + len(t.stream_shard.items))
                   for t, *_ in saved if t.stream_shard is not None}
        _transaction.active = True
        try:
            return method(self, transact_items)
        except Exception:
            _restore(saved, streams)
            raise
        finally:
            _transaction.active = False

    transact_write_items.rollback_by_item = True  # type: ignore[attr-defined]
    return transact_write_items


def install() -> None:
    if getattr(DynamoDBBackend.transact_write_items, "rollback_by_item", False):
        return
    Table.__deepcopy__ = _table_deepcopy  # type: ignore[attr-defined]
    DynamoDBBackend.transact_write_items = _rollback_by_item(DynamoDBBackend.transact_write_items)
