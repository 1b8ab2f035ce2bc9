"""moto's threaded server, with requests handled one at a time.

moto is not thread-safe: a failed TransactWriteItems restores a deep copy of the table taken when it
started, silently undoing writes that other requests made meanwhile (seen here: two associations with
one slug). DynamoDB applies each request atomically, so serialising requests is the faithful model;
concurrency still happens everywhere else (gateway, handlers, the gaps between reads and writes).

DynamoDB also honours TransactWriteItems' ClientRequestToken (botocore fills it in and keeps it when it
retries, e.g. after a read timeout): a repeated token answers the first success again instead of
running the transaction twice. moto does not, so a vote retried after a slow first answer would meet
its own marker; the serialiser keeps the successes by token for DynamoDB's ten minutes.
"""

from __future__ import annotations

import copy
import io
import json
import threading
import time
from collections.abc import Callable, Iterable
from typing import Any

from moto.moto_server.threaded_moto_server import ThreadedMotoServer
from moto.moto_server.werkzeug_app import DomainDispatcherApplication, MotoRequestHandler, create_backend_app
from werkzeug.serving import make_server

TRANSACT_WRITE = "DynamoDB_20120810.TransactWriteItems"
TOKEN_LIFETIME = 600.0


class _OneAtATime:
    def __init__(self, app: Callable[..., Iterable[bytes]]):
        self.app = app
        self.lock = threading.Lock()
        self.done: dict[str, tuple[float, str, list[tuple[str, str]], list[bytes]]] = {}

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> list[bytes]:
        with self.lock:
            token = self._token(environ)
            if token is None:
                return list(self.app(environ, start_response))
            now = time.monotonic()
            self.done = {t: d for t, d in self.done.items() if now - d[0] < TOKEN_LIFETIME}
            if token in self.done:
                _, status, headers, body = self.done[token]
                start_response(status, headers)
                return body
            seen: list[Any] = []

            def remember(status: str, headers: list[tuple[str, str]], *rest: Any) -> Any:
                seen[:] = [status, headers]
                return start_response(status, headers, *rest)

            body = list(self.app(environ, remember))
            if seen and seen[0].startswith("200"):
                self.done[token] = (now, seen[0], seen[1], body)
            return body

    @staticmethod
    def _token(environ: dict[str, Any]) -> str | None:
        """The ClientRequestToken of a TransactWriteItems request (its body is put back for moto)."""
        if environ.get("HTTP_X_AMZ_TARGET") != TRANSACT_WRITE:
            return None
        length = int(environ.get("CONTENT_LENGTH") or 0)
        raw = environ["wsgi.input"].read(length) if length else b""
        environ["wsgi.input"] = io.BytesIO(raw)
        try:
            token = json.loads(raw or b"{}").get("ClientRequestToken")
        except ValueError:
            return None
        return token if isinstance(token, str) else None


def _copy_item(item: Any) -> Any:
    return copy.deepcopy(item)


def item_level_transaction_rollback() -> None:
    """Roll a failed transaction back from copies of the items it touches, not of the whole table.

    moto deep-copies the whole table once per transaction item (items and stream history) to restore it
    if the transaction is cancelled: every vote paid for a copy of the table, and cost grew with the life
    of the stack. Requests are serialised here, so putting back the touched items (and dropping the
    stream as it was) restores exactly what the table copy would.
    """
    import moto.dynamodb.models as backend
    from moto.dynamodb.models.dynamo_type import DynamoType
    from moto.dynamodb.models.table import Table

    original = backend.DynamoDBBackend.transact_write_items
    if getattr(original, "item_level", False):
        return

    def key_of(table: Any, op: dict[str, Any]) -> tuple[Any, Any]:
        attrs = op.get("Item") or op.get("Key") or {}
        range_value = DynamoType(attrs[table.range_key_attr]) if table.range_key_attr in attrs else None
        return DynamoType(attrs[table.hash_key_attr]), range_value

    def put_back(table: Any, hash_value: Any, range_value: Any, item: Any) -> None:
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

    def stream_state(table: Any) -> tuple[list[Any], int] | None:
        """The stream's records (immutable: a new list of the same ones is enough) and its first number."""
        shard = table.stream_shard
        return (list(shard.items), shard.starting_sequence_number) if shard is not None else None

    def transact_write_items(self: Any, transact_items: list[dict[str, Any]]) -> None:
        saved, streams = [], {}
        for entry in transact_items[:100]:
            _, op = next(iter(entry.items()))
            table = self.tables.get(op.get("TableName")) if isinstance(op, dict) else None
            if table is None:
                continue
            try:
                hash_value, range_value = key_of(table, op)
            except KeyError:
                continue  # a malformed key: moto refuses the transaction before writing anything
            saved.append((table, hash_value, range_value, _copy_item(table.get_item(hash_value, range_value))))
            streams.setdefault(id(table), (table, stream_state(table)))
        try:
            original(self, transact_items)
        except Exception:
            for table, hash_value, range_value, item in reversed(saved):
                put_back(table, hash_value, range_value, item)
            for table, state in streams.values():
                if state is not None:
                    table.stream_shard.items, table.stream_shard.starting_sequence_number = state
            raise

    class _NoTableCopies:
        """Stands in for `copy` in moto's DynamoDB backend: its whole-table copy becomes the table itself
        (restoring it is then a no-op; the items are restored above)."""

        def deepcopy(self, value: Any, memo: Any = None) -> Any:
            return value if isinstance(value, Table) else copy.deepcopy(value, memo)

        def __getattr__(self, name: str) -> Any:
            return getattr(copy, name)

    transact_write_items.item_level = True  # type: ignore[attr-defined]
    backend.copy = _NoTableCopies()  # type: ignore[attr-defined]
    backend.DynamoDBBackend.transact_write_items = transact_write_items  # type: ignore[method-assign]


STREAM_RECORDS_KEPT = 2000


def bounded_streams() -> None:
    """Keep a table stream's newest STREAM_RECORDS_KEPT records, as DynamoDB keeps 24 hours of them.

    moto keeps every record (two item images each) forever: after a few thousand writes the process
    held millions of objects and garbage collection paused every thread for seconds (measured: 1.8 M
    DynamoType objects after one fuzzing run). Sequence numbers stay monotonic; an iterator older than
    the kept records reads from the oldest one kept, like TRIM_HORIZON.
    """
    from moto.dynamodb.models.table import StreamShard

    if getattr(StreamShard.add, "bounded", False):
        return
    add, get = StreamShard.add, StreamShard.get

    def bounded_add(self: Any, old: Any, new: Any) -> None:
        add(self, old, new)
        excess = len(self.items) - STREAM_RECORDS_KEPT
        if excess > 0:
            del self.items[:excess]
            self.starting_sequence_number += excess

    def clamped_get(self: Any, start: int, quantity: int) -> list[dict[str, Any]]:
        return get(self, max(start, self.starting_sequence_number), quantity)

    bounded_add.bounded = True  # type: ignore[attr-defined]
    StreamShard.add, StreamShard.get = bounded_add, clamped_get


class _Untracked(list):
    """An instances_tracked list that keeps nothing."""

    def append(self, _: Any) -> None:
        return None


def untracked_dynamodb_models() -> None:
    """moto keeps every model instance it ever made, for its dashboard (/moto-api/data.json): for
    DynamoDB that is every item version and stream record - 1.8 M objects after one fuzzing run, and
    seconds-long garbage-collection pauses. The dashboard is read for SES mail, never for DynamoDB."""
    import moto.dynamodb.models  # noqa: F401 - registers the DynamoDB model classes
    from moto.core.model_instances import model_data

    for service in ("dynamodb", "dynamodbstreams"):
        for model in model_data.get(service, {}).values():
            model.instances_tracked = _Untracked()  # type: ignore[attr-defined]


class SerializedMotoServer(ThreadedMotoServer):
    def _server_entry(self) -> None:
        item_level_transaction_rollback()
        bounded_streams()
        untracked_dynamodb_models()
        app = _OneAtATime(DomainDispatcherApplication(create_backend_app))
        self._server = make_server(self._ip_address, self._port, app, True, request_handler=MotoRequestHandler)
        self._server_ready_event.set()
        self._server.serve_forever()
