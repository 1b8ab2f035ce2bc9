"""moto's threaded server, with requests handled one at a time.

moto is not thread-safe: a failed TransactWriteItems restores a deep copy of the table taken when it
started, silently undoing writes that other requests made meanwhile (seen here: two associations with
one slug). DynamoDB applies each request atomically, so serialising requests is the faithful model;
concurrency still happens everywhere else (gateway, handlers, the gaps between reads and writes).
Serialised, a cancelled transaction can also be undone item by item rather than by copying the table.
DynamoDB also honours TransactWriteItems' ClientRequestToken (botocore fills it in and keeps it when it
retries, e.g. after a read timeout): a repeated token answers the first success again instead of
running the transaction twice. moto does not, so a vote retried after a slow first answer would meet
its own marker; _OneAtATime keeps the successes by token for DynamoDB's ten minutes.
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


def transactions_rolled_back_by_item() -> None:
    """Undo a cancelled TransactWriteItems by item instead of restoring a copy of the table.

    moto deep-copies the whole table before each transaction (once per transaction item) to put it back
    if a condition fails: with a few thousand items, as an integration run makes, a four-item
    transaction took 1.5 s and concurrent requests queued behind this serialised server until the
    DynamoDB client timed out. Instead, the items the transaction names (at most 100) are saved and put
    back on failure, with the stream records of the undone writes dropped: what moto's restore achieved,
    in a few milliseconds whatever the size of the table. Correct only because requests come one at a
    time.
    """
    import functools

    from moto.dynamodb.models import DynamoDBBackend
    from moto.dynamodb.models.dynamo_type import DynamoType
    from moto.dynamodb.models.table import Table

    if getattr(DynamoDBBackend.transact_write_items, "by_item", False):
        return
    transact, table_deepcopy = DynamoDBBackend.transact_write_items, getattr(Table, "__deepcopy__", None)
    during = threading.local()

    def no_table_copy(self: Any, memo: dict[int, Any]) -> Any:
        if getattr(during, "transaction", False):
            return self  # moto's "restore" then puts the same table back: the undo below does the work
        if table_deepcopy is not None:
            return table_deepcopy(self, memo)
        clone = Table.__new__(Table)
        memo[id(self)] = clone
        clone.__dict__.update(copy.deepcopy(self.__dict__, memo))
        return clone

    def saved_items(backend: Any, transact_items: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
        saved = []
        for entry in transact_items:
            op_type, op = next(iter(entry.items()))
            table = backend.tables.get(op.get("TableName")) if isinstance(op, dict) else None
            source = (op.get("Item") if op_type == "Put" else op.get("Key")) if table is not None else None
            if not source:
                continue
            try:
                hash_key = DynamoType(source[table.hash_key_attr])
                range_key = DynamoType(source[table.range_key_attr]) if table.range_key_attr else None
                current = table.get_item(hash_key, range_key)
            except Exception:  # noqa: S112 - a malformed key: moto refuses the request itself
                continue
            saved.append((table, hash_key, range_key, copy.deepcopy(current)))
        return saved

    def undo(saved: list[tuple[Any, ...]], streams: dict[int, tuple[Any, list[Any], int]]) -> None:
        for table, hash_key, range_key, item in reversed(saved):  # reversed: the first saved copy wins
            holder = table.items if range_key is None else table.items[hash_key]
            holder.pop(hash_key if range_key is None else range_key, None)
            if item is not None:
                holder[hash_key if range_key is None else range_key] = item
        for shard, records, start in streams.values():  # records never change: the old list is the old stream
            shard.items, shard.starting_sequence_number = records, start

    @functools.wraps(transact)
    def transact_write_items(self: Any, transact_items: list[dict[str, Any]]) -> None:
        saved = saved_items(self, transact_items) if len(transact_items) <= 100 else []
        ends = {id(t): (t.stream_shard, list(t.stream_shard.items), t.stream_shard.starting_sequence_number)
                for t, *_ in saved if t.stream_shard is not None}
        during.transaction = True
        try:
            return transact(self, transact_items)
        except Exception:
            undo(saved, ends)
            raise
        finally:
            during.transaction = False

    transact_write_items.by_item = True  # type: ignore[attr-defined]
    Table.__deepcopy__ = no_table_copy  # type: ignore[attr-defined]
    DynamoDBBackend.transact_write_items = transact_write_items


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


# What a new production SES account is granted; HROMADA_SES_MAX_SEND_RATE / _MAX_24_HOUR_SEND change it.
LOCAL_SES_QUOTA = {"MaxSendRate": 14.0, "Max24HourSend": 50000.0}


def ses_account() -> None:
    """SESv2 GetAccount, which moto lacks: the sending quota (as configured) and what moto has sent (a
    local stack lives less than a day), so the mailer paces itself locally as it does in AWS."""
    import os

    from moto.ses.models import ses_backends
    from moto.sesv2 import urls
    from moto.sesv2.responses import SESV2Response

    if hasattr(SESV2Response, "get_account"):
        return
    urls.url_paths["{0}/v2/email/account$"] = SESV2Response.dispatch

    def get_account(self: Any) -> str:
        sent = ses_backends[self.current_account][self.region].sent_message_count
        quota = {"MaxSendRate": float(os.environ.get("HROMADA_SES_MAX_SEND_RATE", LOCAL_SES_QUOTA["MaxSendRate"])),
                 "Max24HourSend": float(os.environ.get("HROMADA_SES_MAX_24_HOUR_SEND",
                                                       LOCAL_SES_QUOTA["Max24HourSend"])),
                 "SentLast24Hours": float(sent)}
        return json.dumps({"SendQuota": quota, "SendingEnabled": True, "ProductionAccessEnabled": True,
                           "EnforcementStatus": "HEALTHY", "DedicatedIpAutoWarmupEnabled": False})

    SESV2Response.get_account = get_account  # type: ignore[attr-defined]


class SerializedMotoServer(ThreadedMotoServer):
    def _server_entry(self) -> None:
        ses_account()
        transactions_rolled_back_by_item()
        bounded_streams()
        untracked_dynamodb_models()
        app = _OneAtATime(DomainDispatcherApplication(create_backend_app))
        self._server = make_server(self._ip_address, self._port, app, True, request_handler=MotoRequestHandler)
        self._server_ready_event.set()
        self._server.serve_forever()
