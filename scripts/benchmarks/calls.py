"""c. DynamoDB calls per request: every route of template.yaml through its real handler."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .common import GET_ONE, log, table
from .events import default_params, load_module, v2_event
from .scenarios import NEW_ASSOCIATION, exercise_events, exercise_moderation, exercise_twinning, exercise_voting
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

    @property
    def ok(self) -> bool:
        expected = self.expected if isinstance(self.expected, tuple) else (self.expected,)
        return self.status in expected



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
        with stack.calls.watching(f"{key} {variant}".strip()) as operations:
            response = handlers[route.function](event, LambdaContext(function_name=route.function))
        status = int(response.get("statusCode", 0)) if isinstance(response, dict) else 200
        done.append(Exercised(key, variant, route.function, status, expect, operations, role or "anonymous",
                              generic))
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
        if "Scan" in e.operations:
            goal = "**SCAN**"
        elif e.key.startswith("GET "):
            goal = "PASS" if count <= 1 else f"**MISS** ({count} calls)"
        else:
            goal = "— (write)"
        status = str(e.status) + ("" if e.ok else " (unexpected)")
        rows.append([f"`{e.key}`", e.variant + (" ⚠ no scenario in scripts/bench" if e.generic else ""),
                     e.caller, e.function, status, str(count), ", ".join(e.operations) or "—", goal])
    reads = [e for e in exercised if e.key.startswith("GET ")]
    one = sum(1 for e in reads if len(e.operations) <= 1)
    scans = sorted({e.key for e in exercised if "Scan" in e.operations})
    return "\n\n".join([
        "## DynamoDB calls per request",
        "Every route of template.yaml through its real handler against moto with the demo data "
        "(infra.demo.seed: 12 associations, one owner; 3 partnerships, 4 needs and offers), signed-in callers "
        "as claims in the event. Calls counted with a botocore `before-call.dynamodb.*` handler on the client of "
        "`hromada.store.client.dynamodb()`. Goal: one DynamoDB call per read route; no Scan anywhere.",
        table(["Route", "Request", "Caller", "Function", "Status", "Calls", "Operations", "Goal (reads: 1 call)"],
              rows),
        f"Read requests within one call: {one} of {len(reads)}. "
        + (f"**Scan on: {', '.join(scans)}.**" if scans else "Scans: none."),
    ])
