"""c. DynamoDB calls per request: every route of template.yaml through its real handler."""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .common import GET_ONE, log, table
from .cost import RequestCost, write_verdict
from .events import default_params, load_module, v2_event
from .scenarios import (
    NEW_ASSOCIATION,
    exercise_events,
    exercise_moderation,
    exercise_shifts,
    exercise_twinning,
    exercise_voting,
)
from .series import exercise_series
from .stack import Accounts, Stack


@dataclass
class Exercised:
    key: str
    variant: str
    function: str
    status: int
    expected: int | tuple[int, ...]
    operations: list[str]
    caller: str = "anonymous"
    generic: bool = False
    seconds: float = 0.0  # the handler's wall time
    rru: float = 0.0  # DynamoDB read request units (cost.request_units)
    wru: float = 0.0
    log_bytes: int = 0  # what the handler logged (Powertools Logger, EMF metrics) on stdout

    @property
    def ok(self) -> bool:
        expected = self.expected if isinstance(self.expected, tuple) else (self.expected,)
        return self.status in expected

    @property
    def read(self) -> bool:
        return self.key.startswith("GET ")

    @property
    def refused(self) -> bool:
        return 400 <= self.status < 500

    def goal(self) -> tuple[bool, str]:
        """Reads: one DynamoDB call. Writes: at most one read call and at most one TransactWriteItems."""
        if self.read:
            count = len(self.operations)
            return count <= 1, "" if count <= 1 else f"{count} calls"
        return write_verdict(self.operations)


def stdout_bytes() -> int:
    """Bytes written so far to the process's stdout (the bench points it at a log file)."""
    sys.stdout.flush()
    try:
        return os.fstat(1).st_size
    except OSError:
        return 0



def measure_calls(stack: Stack) -> list[Exercised]:
    from infra.events import LambdaContext

    routes = {r.key: r for r in stack.template.routes()}
    handlers: dict[str, Callable[..., Any]] = {}
    for name, (code, handler_name) in stack.functions().items():
        if any(r.function == name for r in routes.values()):
            handlers[name] = getattr(load_module(code, f"bench_calls_{name}"), handler_name)
    done: list[Exercised] = []

    def run(key: str, variant: str = "", role: str | None = None, params: dict[str, str] | None = None,
            query: str = "", body: Any = None, expect: int | tuple[int, ...] = 200,
            generic: bool = False) -> dict[str, Any]:
        route = routes.get(key)
        if route is None:  # the template is the source of truth: a scenario for a removed route is skipped
            log(f"calls: {key} is not in template.yaml, skipped")
            return {}
        claims = stack.accounts.claims(role) if role else None
        event = v2_event(route, params or default_params(stack, route.path), claims=claims, query=query, body=body)
        logged = stdout_bytes()
        with stack.calls.watching(f"{key} {variant}".strip()) as operations:
            started = time.perf_counter()
            response = handlers[route.function](event, LambdaContext(function_name=route.function))
            elapsed = time.perf_counter() - started
        status = int(response.get("statusCode", 0)) if isinstance(response, dict) else 200
        done.append(Exercised(key, variant, route.function, status, expect, operations, role or "anonymous",
                              generic, elapsed, operations.rru, operations.wru, stdout_bytes() - logged))
        try:
            return json.loads(response.get("body") or "{}") if isinstance(response, dict) else {}
        except ValueError:
            return {}

    verified, pending = stack.verified_id, stack.pending_ids
    log(f"calls: exercising {len(routes)} routes through the real handlers")
    run("GET /health", "liveness")
    run("GET /regions", "reference data")
    run("GET /associations", "directory")
    run("GET /associations", "?region=76", query="region=76")
    run("GET /associations", "?department=31&category=culture", query="department=31&category=culture")
    run("GET /associations", "?q=ukrain (text filter)", query="q=ukrain")
    run(GET_ONE, "by id", params={"id": verified})
    run(GET_ONE, "by slug", params={"id": stack.verified_slug})
    run("GET /associations/{id}/editors", "owner", "owner", {"id": verified})
    run("GET /moderation/associations", "moderator", "moderator")
    run("GET /me", "owner of 12", "owner")
    run("GET /me", "no memberships", "member")
    created = run("POST /associations", "owner", "owner", body=NEW_ASSOCIATION, expect=201)
    new_id = created.get("id") or verified
    run("PATCH /associations/{id}", "owner", "owner", {"id": new_id},
        body={"description": {"fr": "Description modifiée par le banc d'essai."}})
    run("POST /associations/{id}/verify", "moderator", "moderator", {"id": new_id}, body={"note": "RNA vérifié"})
    run("POST /associations/{id}/reject", "moderator", "moderator", {"id": pending[0]},
        body={"reason": "Statuts manquants"})
    run("POST /associations/{id}/editors", "owner", "owner", {"id": verified},
        body={"email": Accounts.email("member")}, expect=201)
    run("DELETE /associations/{id}/editors/{email}", "owner", "owner",
        {"id": verified, "email": Accounts.email("member")}, expect=204)
    exercise_events(run, verified)
    exercise_series(run, verified)
    exercise_shifts(run, verified)
    exercise_twinning(run, verified)
    exercise_voting(stack, run)
    exercise_moderation(run, verified)
    # Routes added to the template since this list was written still get a row (a generic request).
    for key, route in routes.items():
        if not any(e.key == key for e in done):
            body = {} if route.method in ("POST", "PUT", "PATCH") else None
            run(key, "generic request", "admin" if route.authorizer else None, body=body,
                expect=tuple(range(200, 500)), generic=True)
    return done



def report_calls(stack: Stack, exercised: list[Exercised]) -> str:
    order = [r.key for r in stack.template.routes()]
    rows = []
    for e in sorted(exercised, key=lambda e: order.index(e.key)):
        count = len(e.operations)
        ok, reason = e.goal()
        goal = "**SCAN**" if "Scan" in e.operations else "PASS" if ok else f"**MISS** ({reason})"
        if not e.read and e.refused:
            goal += f" — refused {e.status}"
        status = str(e.status) + ("" if e.ok else " (unexpected)")
        rows.append([f"`{e.key}`", e.variant + (" ⚠ no scenario in scripts/bench" if e.generic else ""),
                     e.caller, e.function, status, str(count), ", ".join(e.operations) or "—", goal,
                     f"{e.rru:g} / {e.wru:g}", f"{e.seconds * 1000:.1f}"])
    reads, one = goal_counts(exercised, read=True)
    writes, within = goal_counts(exercised, read=False)
    refused = [e for e in exercised if not e.read and e.refused]
    scans = sorted({e.key for e in exercised if "Scan" in e.operations})
    return "\n\n".join([
        "## DynamoDB calls per request",
        "Every route of template.yaml through its real handler against moto with the demo data "
        "(infra.demo.seed: 12 associations, one owner; 3 partnerships, 4 needs and offers), signed-in callers "
        "as claims in the event. Calls counted with botocore `before-call.dynamodb.*` / `after-call` handlers on "
        "the client of `hromada.store.client.dynamodb()`. Goals: a read route makes one DynamoDB call; a write "
        "route makes at most one read call (GetItem, Query, BatchGetItem, TransactGetItems) and at most one "
        "TransactWriteItems (none when it writes nothing), and no other write call (PutItem, UpdateItem, "
        "DeleteItem, BatchWriteItem): two round trips. Refused writes (4xx) are counted too, and marked. "
        "No Scan anywhere. Units: DynamoDB read / write "
        "request units (on-demand; reads from the response's size, an upper bound); ms: the handler's wall time "
        "against moto on this machine.",
        table(["Route", "Request", "Caller", "Function", "Status", "Calls", "Operations",
               "Goal (reads: 1 call; writes: ≤ 1 read + 1 TransactWriteItems)", "Units (read / write)", "ms"], rows),
        f"Read requests within one call: {one} of {reads}. "
        + (f"**Scan on: {', '.join(scans)}.**" if scans else "Scans: none."),
        f"Write requests within one read + one TransactWriteItems: {within} of {writes}. "
        f"Of these, {len(refused)} were refused (4xx), {sum(1 for e in refused if e.goal()[0])} of them within.",
    ])


def goal_counts(exercised: list[Exercised], *, read: bool) -> tuple[int, int]:
    """(requests, requests within their goal) among the reads or the writes."""
    mine = [e for e in exercised if e.read == read]
    return len(mine), sum(1 for e in mine if e.goal()[0] and "Scan" not in e.operations)


def request_cost(exercised: list[Exercised], *, read: bool) -> RequestCost:
    """The mean measured read (or write) request that succeeded on a written scenario: time, units, log bytes."""
    mine = [e for e in exercised if e.read == read and 200 <= e.status < 300 and not e.generic] or [
        e for e in exercised if e.read == read]
    n = max(1, len(mine))
    return RequestCost(seconds=sum(e.seconds for e in mine) / n, rru=sum(e.rru for e in mine) / n,
                       wru=sum(e.wru for e in mine) / n, log_bytes=sum(e.log_bytes for e in mine) / n)
