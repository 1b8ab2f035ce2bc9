"""b. Warm overhead: our handler and the bare one, interleaved in one process, against moto and stubbed."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from typing import Any

from .common import GET_ONE, PEERS, BenchError, log, median, p90, ratio, table, verdict
from .events import load_module, v2_event
from .stack import Stack, find_route

WARM_REQUESTS, WARM_REQUESTS_QUICK = 300, 50
WARM_UP = 20

WARM_GOAL = 1.3

# ---------------------------------------------------------------- b. warm overhead
def _timed(handler: Callable[..., Any], make_event: Callable[[], dict[str, Any]], context: Any) -> tuple[float, Any]:
    event = make_event()
    started = time.perf_counter_ns()
    response = handler(event, context)
    return (time.perf_counter_ns() - started) / 1000, response


def _check(name: str, response: Any) -> None:
    if not (isinstance(response, dict) and response.get("statusCode") == 200):
        raise BenchError(f"warm: {name} answered {response!r:.300}")


def measure_warm(stack: Stack, requests: int) -> dict[str, Any]:
    from botocore.stub import Stubber

    from hromada.store import keys
    from hromada.store.client import dynamodb
    from infra.events import LambdaContext

    route = find_route(stack, GET_ONE)
    code, handler_name = stack.template.function_code(route.function)
    os.environ["POWERTOOLS_SERVICE_NAME"] = stack.template.function_environment(route.function).get(
        "POWERTOOLS_SERVICE_NAME", "bench")
    ours = getattr(load_module(code, f"bench_{route.function}"), handler_name)
    bare_module = load_module(PEERS / "bare_handler.py", "bench_bare_handler")
    bare = bare_module.lambda_handler
    params = {"id": stack.verified_id}
    context = LambdaContext(function_name=route.function)

    def event() -> dict[str, Any]:
        return v2_event(route, params)

    log(f"warm: {requests} requests each, {route.function} vs bare handler, interleaved")
    results: dict[str, Any] = {"function": route.function, "requests": requests}
    for phase in ("moto", "stubbed"):
        stubbers: list[Any] = []
        if phase == "stubbed":
            item = dynamodb().get_item(TableName=stack.table, Key={
                k: {"S": v} for k, v in keys.association(stack.verified_id).items()})["Item"]
            stubbers = [Stubber(dynamodb()), Stubber(bare_module.client)]
            for stubber in stubbers:
                for _ in range(requests + WARM_UP):
                    stubber.add_response("get_item", {"Item": item})
                stubber.activate()
        times: dict[str, list[float]] = {"ours": [], "bare": []}
        with stack.calls.watching(f"warm {phase}"):
            for i in range(requests + WARM_UP):
                for name, handler in (("ours", ours), ("bare", bare)) if i % 2 else (("bare", bare), ("ours", ours)):
                    elapsed, response = _timed(handler, event, context)
                    _check(name, response)
                    if i >= WARM_UP:
                        times[name].append(elapsed)
        for stubber in stubbers:
            stubber.assert_no_pending_responses()
            stubber.deactivate()
        results[phase] = times
    return results


def report_warm(warm: dict[str, Any]) -> str:
    moto, stub = warm["moto"], warm["stubbed"]
    rows = []
    for label, times in (("against moto (GetItem over HTTP)", moto), ("DynamoDB stubbed (Stubber)", stub)):
        ours, bare = median(times["ours"]), median(times["bare"])
        rows.append([label, f"{ours:.0f}", f"{p90(times['ours']):.0f}", f"{bare:.0f}", f"{p90(times['bare']):.0f}",
                     ratio(ours, bare), f"{ours - bare:+.0f}"])
    ours, bare = median(moto["ours"]), median(moto["bare"])
    overhead = median(stub["ours"]) - median(stub["bare"])
    return "\n\n".join([
        "## Warm overhead",
        f"One process, {warm['requests']} requests each after {WARM_UP} warm-up requests, the two handlers "
        f"interleaved: `{warm['function']}` (Powertools resolver, validation, Logger, Metrics) answering "
        f"`{GET_ONE}` vs the bare boto3 handler doing the same GetItem. Per-request wall time in µs.",
        table(["DynamoDB", "Ours median (µs)", "Ours p90", "Bare median (µs)", "Bare p90", "× bare",
               "Ours − bare (µs)"], rows),
        f"Goal: warm overhead ≤ {WARM_GOAL:g}× bare (against moto): {ratio(ours, bare)} → "
        f"{verdict(ours <= WARM_GOAL * bare)}. Framework-only overhead (DynamoDB stubbed, so moto's latency "
        f"does not hide it): {overhead:.0f} µs per request. A real in-region GetItem takes a few ms, more than "
        f"moto on localhost, so the end-to-end ratio in AWS would be lower than measured here.",
    ])
