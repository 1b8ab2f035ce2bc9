"""moto's threaded server, with requests handled one at a time.

moto is not thread-safe: a failed TransactWriteItems restores a deep copy of the table taken when it
started, silently undoing writes that other requests made meanwhile (seen here: two associations with
one slug). DynamoDB applies each request atomically, so serialising requests is the faithful model;
concurrency still happens everywhere else (gateway, handlers, the gaps between reads and writes).

DynamoDB also honours TransactWriteItems' ClientRequestToken (botocore fills it in and keeps it when it
retries, e.g. after a read timeout): a repeated token answers the first success again instead of
running the transaction twice. moto does not, so a vote retried after a slow first answer would meet
its own marker; this wrapper keeps the successes by token for DynamoDB's ten minutes.
"""

from __future__ import annotations

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


class SerializedMotoServer(ThreadedMotoServer):
    def _server_entry(self) -> None:
        from infra import moto_transactions

        moto_transactions.install()  # item snapshots instead of whole-table copies (serialised: exact)
        app = _OneAtATime(DomainDispatcherApplication(create_backend_app))
        self._server = make_server(self._ip_address, self._port, app, True, request_handler=MotoRequestHandler)
        self._server_ready_event.set()
        self._server.serve_forever()
