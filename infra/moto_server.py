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


class SerializedMotoServer(ThreadedMotoServer):
    def _server_entry(self) -> None:
        moto_snapshots.install()  # safe here: one request at a time
        app = _OneAtATime(DomainDispatcherApplication(create_backend_app))
        self._server = make_server(self._ip_address, self._port, app, True, request_handler=MotoRequestHandler)
        self._server_ready_event.set()
        self._server.serve_forever()
