"""moto's threaded server, with requests handled one at a time.

moto is not thread-safe: a failed TransactWriteItems restores a deep copy of the table taken when it
started, silently undoing writes that other requests made meanwhile (seen here: two associations with
one slug). DynamoDB applies each request atomically, so serialising requests is the faithful model;
concurrency still happens everywhere else (gateway, handlers, the gaps between reads and writes).
Serialised, a transaction can also be undone item by item rather than by copying the table
(infra/moto_snapshots.py), which keeps transactions fast however big the table grows.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from typing import Any

from moto.moto_server.threaded_moto_server import ThreadedMotoServer
from moto.moto_server.werkzeug_app import DomainDispatcherApplication, MotoRequestHandler, create_backend_app
from werkzeug.serving import make_server

from infra import moto_snapshots


class _OneAtATime:
    def __init__(self, app: Callable[..., Iterable[bytes]]):
        self.app = app
        self.lock = threading.Lock()

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> list[bytes]:
        with self.lock:
            return list(self.app(environ, start_response))


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
        moto_snapshots.install()  # safe here: one request at a time
        bounded_streams()
        untracked_dynamodb_models()
        app = _OneAtATime(DomainDispatcherApplication(create_backend_app))
        self._server = make_server(self._ip_address, self._port, app, True, request_handler=MotoRequestHandler)
        self._server_ready_event.set()
        self._server.serve_forever()
