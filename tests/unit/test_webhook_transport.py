"""The webhook transport against a real little server on 127.0.0.1: it connects to the address it was given
(never resolving the name again: rebinding has no second lookup to win) while naming the host, follows no
redirect, reads at most a few KB of the answer, and gives up on a receiver that does not answer in time."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from hromada import webhook_transport
from hromada.domain.webhook_rules import Destination, succeeded
from hromada.webhook_transport import READ_AT_MOST, PinnedTransport


class Receiver(BaseHTTPRequestHandler):
    seen: list[dict[str, str]] = []
    mode = "ok"

    def do_POST(self) -> None:  # the http.server API names it so
        length = int(self.headers.get("Content-Length", "0"))
        self.rfile.read(length)
        Receiver.seen.append({k.lower(): v for k, v in self.headers.items()} | {"path": self.path})
        if Receiver.mode == "silent":
            threading.Event().wait(3)  # answers nothing for longer than the transport waits
            return
        if Receiver.mode == "redirect":
            self.send_response(302)
            self.send_header("Location", "http://169.254.169.254/latest/meta-data/")
            self.end_headers()
            return
        body = b"x" * (1 << 20) if Receiver.mode == "huge" else b'{"ok":true}'
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[int]:
    Receiver.seen, Receiver.mode = [], "ok"
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd.server_address[1]
    httpd.shutdown()
    httpd.server_close()


def target(port: int) -> Destination:
    # A name that resolves nowhere: the transport must connect to the address it is given, not look it up.
    return Destination(f"http://hooks.invalid:{port}/in?x=1", "http", "hooks.invalid", port, "/in?x=1", local=True)


def post(port: int) -> webhook_transport.Response:
    return PinnedTransport().post(target(port), ["127.0.0.1"], b'{"id":"evt_1"}',
                                  {"Content-Type": "application/json", "Hromada-Event-Id": "evt_1"})


def test_it_connects_to_the_checked_address_and_names_the_host(server):
    answer = post(server)
    assert succeeded(answer.status) and answer.excerpt == '{"ok":true}'
    [request] = Receiver.seen
    assert request["host"] == f"hooks.invalid:{server}" and request["path"] == "/in?x=1"
    assert request["hromada-event-id"] == "evt_1"


def test_a_redirect_is_not_followed(server):
    Receiver.mode = "redirect"
    answer = post(server)
    assert answer.status == 302 and not succeeded(answer.status)
    assert len(Receiver.seen) == 1  # nothing went to the Location


def test_at_most_a_few_kilobytes_of_the_answer_are_read(server):
    Receiver.mode = "huge"
    answer = post(server)
    assert answer.status == 200 and len(answer.excerpt) == READ_AT_MOST


def test_a_silent_receiver_times_out(server, monkeypatch):
    Receiver.mode = "silent"
    monkeypatch.setattr(webhook_transport, "TOTAL_TIMEOUT", 0.5)
    answer = post(server)
    assert answer.status is None and answer.error == "timeout" and answer.duration_ms < 2500


def test_a_closed_port_is_a_connection_error():
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    answer = post(port)
    assert answer.status is None and answer.error == "connection"
