"""Two requests resolved at once by two warm instances in one process (as the local gateway runs them) each
read their own event, not the other's: Powertools keeps it on a class attribute (infra/powertools_threads.py)."""

from __future__ import annotations

import json
import threading
from concurrent.futures import ThreadPoolExecutor

from aws_lambda_powertools.event_handler import APIGatewayHttpResolver

from infra.powertools_threads import events_per_thread


def http_event(who: str) -> dict:
    return {"version": "2.0", "routeKey": "POST /echo", "rawPath": "/echo", "rawQueryString": "",
            "headers": {"content-type": "application/json"}, "body": json.dumps({"who": who}),
            "isBase64Encoded": False,
            "requestContext": {"http": {"method": "POST", "path": "/echo", "sourceIp": "127.0.0.1"},
                               "stage": "$default", "requestId": who}}


def echo_app(barrier: threading.Barrier) -> APIGatewayHttpResolver:
    app = APIGatewayHttpResolver()

    @app.post("/echo")
    def echo() -> dict:
        before = app.current_event.json_body["who"]
        barrier.wait(timeout=10)  # the other request is resolved meanwhile, on the other instance
        return {"before": before, "after": app.current_event.json_body["who"],
                "context": app.lambda_context}

    return app


def resolve_both_at_once() -> list[dict]:
    barrier = threading.Barrier(2)
    apps = [echo_app(barrier), echo_app(barrier)]
    with ThreadPoolExecutor(max_workers=2) as pool:
        answers = list(pool.map(lambda i: apps[i].resolve(http_event(f"caller-{i}"), f"context-{i}"), range(2)))
    return [json.loads(answer["body"]) for answer in answers]


def test_each_concurrent_request_reads_its_own_event_and_context():
    events_per_thread()
    events_per_thread()  # idempotent
    assert resolve_both_at_once() == [
        {"before": "caller-0", "after": "caller-0", "context": "context-0"},
        {"before": "caller-1", "after": "caller-1", "context": "context-1"}]
