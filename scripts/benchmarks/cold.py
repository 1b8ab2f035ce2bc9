"""a. Cold start: a fresh interpreter per run imports each handler and answers one request."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .common import GET_ONE, PEERS, ROOT, BenchError, log, median, ratio, table, verdict
from .events import default_params, rest_event, route_path, v2_event
from .stack import Stack, find_route

COLD_RUNS, COLD_RUNS_QUICK = 9, 3

COLD_GOAL = 1.3  # every API function's import + first request, × the bare handler's; and below Chalice's
GOAL_PEER = "Chalice"


# ---------------------------------------------------------------- a. cold start
# Runs in a fresh interpreter (python -I: no user site, no PYTHON* variables), like the Lambda
# runtime importing the handler module, then handling one event. Times are taken inside the child.
RUNNER = r"""
import json, sys, time
spec = json.loads(sys.stdin.readline())
sys.path[:0] = spec["sys_path"]
import importlib.util

class Context:
    function_name = spec["name"]
    function_version = "$LATEST"
    memory_limit_in_mb = 512
    invoked_function_arn = "arn:aws:lambda:eu-west-3:123456789012:function:" + spec["name"]
    aws_request_id = "00000000-0000-4000-8000-000000000000"
    log_group_name = "/aws/lambda/" + spec["name"]
    log_stream_name = "bench"
    def get_remaining_time_in_millis(self):
        return 10000

context = Context()
started = time.perf_counter()
module_spec = importlib.util.spec_from_file_location(spec["module"], spec["file"])
module = importlib.util.module_from_spec(module_spec)
sys.modules[spec["module"]] = module
module_spec.loader.exec_module(module)
imported = time.perf_counter()
result = {"import_ms": (imported - started) * 1000}
if spec.get("event") is not None:
    response = getattr(module, spec["handler"])(spec["event"], context)
    result["first_ms"] = (time.perf_counter() - started) * 1000
    if isinstance(response, dict):
        result["status"] = response.get("statusCode")
        result["body"] = str(response.get("body"))
sys.__stdout__.write("\nBENCH-RESULT " + json.dumps(result) + "\n")
sys.__stdout__.flush()
"""


@dataclass
class Target:
    name: str  # shown in the report
    kind: str  # "function" (ours), "baseline", "peer", "interpreter"
    file: Path | None = None
    handler: str = "lambda_handler"
    sys_path: list[Path] = field(default_factory=list)
    env: dict[str, str] = field(default_factory=dict)
    event: dict[str, Any] | None = None
    request: str = ""  # the first request, for the report
    expect_in_body: str = ""
    api: bool = False  # a function the HTTP API routes to (the cold-start goal is about these)
    import_ms: list[float] = field(default_factory=list)
    first_ms: list[float] = field(default_factory=list)
    process_ms: list[float] = field(default_factory=list)

    def spec(self) -> dict[str, Any]:
        module = self.file.stem if self.file else ""
        return {"name": self.name, "module": module, "file": str(self.file), "handler": self.handler,
                "sys_path": [str(p) for p in self.sys_path], "event": self.event}


def child_env(stack: Stack, name: str, extra: dict[str, str]) -> dict[str, str]:
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LANG": "C.UTF-8", "TZ": ":UTC",
           "AWS_LAMBDA_FUNCTION_NAME": name, "AWS_LAMBDA_FUNCTION_MEMORY_SIZE": "512"}
    return env | stack.aws_env() | extra


def run_child(target: Target, *, importtime: bool = False) -> tuple[dict[str, Any], float, str]:
    if target.kind == "interpreter":
        started = time.perf_counter()
        subprocess.run([sys.executable, "-I", "-c", "pass"], check=True, env=target.env)
        return {}, (time.perf_counter() - started) * 1000, ""
    args = [sys.executable, "-I", *(["-X", "importtime"] if importtime else []), "-c", RUNNER]
    spec = target.spec()
    if importtime:
        spec["event"] = None
    started = time.perf_counter()
    done = subprocess.run(args, input=json.dumps(spec) + "\n", capture_output=True, text=True, env=target.env,
                          cwd=str(target.file.parent if target.file else ROOT), timeout=120)
    wall = (time.perf_counter() - started) * 1000
    lines = [line for line in done.stdout.splitlines() if line.startswith("BENCH-RESULT ")]
    if done.returncode != 0 or not lines:
        raise BenchError(f"{target.name}: child failed (exit {done.returncode})\n{done.stderr[-3000:]}")
    result = json.loads(lines[-1].removeprefix("BENCH-RESULT "))
    answered = result.get("status") == 200 and target.expect_in_body in result.get("body", "")
    if target.event is not None and not importtime and not answered:
        raise BenchError(f"{target.name}: first request {target.request} answered {result.get('status')}: "
                         f"{result.get('body', '')[:300]}")
    return result, wall, done.stderr


# Functions whose public GETs all need a query parameter the bench cannot make up (a mail link's token):
# their cold start is measured on this route, signed in as this demo account.
FIRST_REQUEST = {"SubscriptionsFunction": ("GET /me/subscription", "member")}


def first_request(stack: Stack, function: str) -> tuple[Any, dict[str, str]] | None:
    """The request a function's cold start is measured with: the peers' route if it has it, else its
    first public GET, else its first GET."""
    routes = [r for r in stack.template.routes() if r.function == function and r.method == "GET"]
    if not routes:
        return None
    preferred = FIRST_REQUEST.get(function, (GET_ONE, ""))[0]
    chosen = next((r for r in routes if r.key == preferred), None) or next(
        (r for r in routes if r.authorizer is None), routes[0])
    return chosen, default_params(stack, chosen.path)


def cold_targets(stack: Stack) -> list[Target]:
    targets = [Target("python -I -c pass", "interpreter", env=child_env(stack, "python", {}))]
    layers = stack.layer_paths()
    for name, (code, handler) in stack.functions().items():
        env = child_env(stack, name, stack.template.function_environment(name))
        target = Target(name, "function", code, handler, [code.parent, *layers], env,
                        api=any(r.function == name for r in stack.template.routes()))
        chosen = first_request(stack, name)
        if chosen:
            route, params = chosen
            role = FIRST_REQUEST.get(name, ("", "owner"))[1]
            claims = stack.accounts.claims(role) if route.authorizer else None
            target.event = v2_event(route, params, claims=claims)
            target.request = route_path(route.key, params).replace(stack.verified_id, "{id}")
        targets.append(target)
    # The baseline and the peers: the same route, the same GetItem, the same table.
    params = {"id": stack.verified_id}
    peer_env = {"TABLE_NAME": stack.table}
    one = find_route(stack, GET_ONE)
    for name, kind, file, event in [
        ("bare boto3 handler", "baseline", "bare_handler.py", v2_event(one, params)),
        ("Chalice", "peer", "chalice_app.py", rest_event(one.path, params)),
        ("FastAPI + Mangum", "peer", "fastapi_app.py", v2_event(one, params)),
    ]:
        targets.append(Target(name, kind, PEERS / file, "lambda_handler", [PEERS],
                              child_env(stack, file.removesuffix(".py"), peer_env), event,
                              GET_ONE, stack.verified_id))
    return targets



def measure_cold(stack: Stack, runs: int) -> list[Target]:
    targets = cold_targets(stack)
    log(f"cold start: {len(targets)} targets, 1 warm-up + {runs} runs each (fresh processes)")
    for target in targets:  # warm-up, discarded: bytecode caches and the page cache, for everyone alike
        run_child(target)
    for rep in range(runs):
        shift = rep % len(targets)  # rotate the order so no target always runs first
        for target in targets[shift:] + targets[:shift]:
            result, wall, _ = run_child(target)
            target.process_ms.append(wall)
            if target.kind != "interpreter":
                target.import_ms.append(result["import_ms"])
                target.first_ms.append(result.get("first_ms", result["import_ms"]))
    return targets


def import_profile(targets: list[Target]) -> list[list[str]]:
    """One `python -X importtime` run per function and the baseline: self time by top-level package."""
    rows = []
    for target in targets:
        if target.kind not in ("function", "baseline"):
            continue
        _, _, stderr = run_child(target, importtime=True)
        by_package: dict[str, int] = {}
        for line in stderr.splitlines():
            match = re.match(r"import time:\s+(\d+) \|\s+(\d+) \|( *)(\S+)", line)
            if match:
                top = match.group(4).split(".")[0]
                by_package[top] = by_package.get(top, 0) + int(match.group(1))
        total = sum(by_package.values()) / 1000
        biggest = sorted(by_package.items(), key=lambda kv: -kv[1])[:7]
        rows.append([target.name, f"{total:.0f}", ", ".join(f"{k} {v / 1000:.0f}" for k, v in biggest)])
    return rows


def report_cold(targets: list[Target], profile: list[list[str]], runs: int) -> str:
    bare = next(t for t in targets if t.kind == "baseline")
    interpreter = next(t for t in targets if t.kind == "interpreter")
    peers = [t for t in targets if t.kind == "peer"]
    rows = []
    for t in targets:
        if t.kind == "interpreter":
            continue
        rows.append([f"{t.name}" + (" (baseline)" if t is bare else ""), t.request or "—",
                     f"{median(t.import_ms):.1f}", ratio(median(t.import_ms), median(bare.import_ms)),
                     f"{median(t.first_ms):.1f}", ratio(median(t.first_ms), median(bare.first_ms)),
                     f"{median(t.process_ms):.0f}"])
    goals = []
    for t in targets:
        if t.kind != "function":
            continue
        for label, attr in (("import", "import_ms"), ("import + 1st request", "first_ms")):
            mine, base = median(getattr(t, attr)), median(getattr(bare, attr))
            goals.append([t.name + ("" if t.api else " (no API route)"), label, ratio(mine, base),
                          verdict(mine <= COLD_GOAL * base),
                          *(verdict(mine < median(getattr(p, attr))) for p in peers)])
    ok, within, count, worst = cold_goal(targets)
    return "\n\n".join([
        "## Cold start",
        f"Fresh `python -I` process per run; time to import the handler module (Lambda's init) and to import "
        f"it and answer one request against moto. Median of {runs} runs after one discarded warm-up; "
        f"ratios against the bare boto3 handler. \"Process\" is the whole child process as seen from "
        f"outside (interpreter start-up {median(interpreter.process_ms):.0f} ms included, same for all).",
        table(["Handler", "First request", "Import (ms)", "× bare", "Import + 1st request (ms)", "× bare",
               "Process (ms)"], rows),
        "### Cold-start goals",
        f"Goal: every API function's import + first request ≤ {COLD_GOAL:g}× the bare handler's and below "
        f"{GOAL_PEER}'s (median of ≥ 9 runs in a full run). Only the function serving `{GET_ONE}` answers the "
        "peers' request; the others answer their own first route (column \"First request\" above), so their "
        "\"import + 1st request\" compares different work.",
        table(["Function", "Measure", "× bare", f"≤ {COLD_GOAL:g}×", *(f"< {p.name}" for p in peers)], goals),
        f"Cold-start goal: {within} of {count} API functions within (import + first request ≤ {COLD_GOAL:g}× bare "
        f"and < {GOAL_PEER}); slowest {worst[0]} at {worst[1]:.2f}× bare → {verdict(ok)}.",
        "### Where the import time goes",
        "One `python -X importtime` run each (indicative: the flag itself adds overhead): self time summed "
        "by top-level package, ms.",
        table(["Handler", "Total (ms)", "Biggest packages (ms)"], profile),
    ])


def cold_goal(targets: list[Target]) -> tuple[bool, int, int, tuple[str, float]]:
    """(all within, API functions within, API functions, (the slowest, its ratio to bare)) for the goal: import +
    first request ≤ COLD_GOAL × bare and below GOAL_PEER's."""
    bare = next(t for t in targets if t.kind == "baseline")
    peer = next((t for t in targets if t.name == GOAL_PEER), None)
    base = median(bare.first_ms)
    api = [t for t in targets if t.kind == "function" and t.api]
    within = [t for t in api if median(t.first_ms) <= COLD_GOAL * base
              and (peer is None or median(t.first_ms) < median(peer.first_ms))]
    worst = max(api, key=lambda t: median(t.first_ms))
    return len(within) == len(api), len(within), len(api), (worst.name, median(worst.first_ms) / base)
