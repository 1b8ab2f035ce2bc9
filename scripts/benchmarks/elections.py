"""d. Elections: counting a million ranked ballots, and casting ballots through the real handler."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from typing import Any

from .calls import stdout_bytes
from .common import ROOT, BenchError, log, table, verdict
from .cost import RequestCost
from .events import load_module, v2_event
from .stack import Stack, find_route

# ---------------------------------------------------------------- d. elections: counting and casting
TALLY_BALLOTS, TALLY_CANDIDATES = 1_000_000, 10
TALLY_GOAL_SECONDS = 2.0
PROFILES = ("camps", "all distinct")  # tally_child.PROFILES
BALLOTS_CAST = 50


def count_in_child(stack: Stack, profile: str, method: str) -> dict[str, Any]:
    """One count in a fresh interpreter (tally_child): its time and the process's peak memory."""
    spec = {"profile": profile, "method": method, "count": TALLY_BALLOTS, "candidates": TALLY_CANDIDATES,
            "sys_path": [str(p) for p in stack.layer_paths()]}
    done = subprocess.run([sys.executable, "-m", "scripts.benchmarks.tally_child", json.dumps(spec)], cwd=ROOT,
                          capture_output=True, text=True, timeout=900, env={**os.environ, "PYTHONHASHSEED": "0"})
    lines = [line for line in done.stdout.splitlines() if line.startswith("BENCH-RESULT ")]
    if done.returncode != 0 or not lines:
        raise BenchError(f"elections: counting {profile} with {method} failed (exit {done.returncode})\n"
                         f"{done.stderr[-3000:]}")
    return {"profile": profile, "method": method, **json.loads(lines[-1].removeprefix("BENCH-RESULT "))}


def measure_elections(stack: Stack, quick: bool) -> dict[str, Any]:
    from infra.events import LambdaContext

    tallies = []
    for profile in PROFILES:
        for method in ("schulze", "irv"):
            log(f"elections: counting {TALLY_BALLOTS:,} ballots ({profile}) with {method}, in a fresh process")
            tallies.append(count_in_child(stack, profile, method))

    # The write path: ballots through the real handler, each from another voter, on the demo election.
    route = find_route(stack, "POST /elections/{election_id}/ballots")
    code, handler_name = stack.template.function_code(route.function)
    handler = getattr(load_module(code, "bench_ballots"), handler_name)
    election = stack.seeded["election"]
    from hromada.store.elections import DynamoElectionStore

    on_ballot = [c.id for c in DynamoElectionStore().get(election).ballot]
    from hromada.settings import get_settings

    # Every write request also consumes the platform's abuse quota (hromada.api): measured with it, as
    # deployed, and without it (limits of 0 switch it off), to tell the vote's own calls apart.
    without_quota = {"WRITES_PER_MINUTE_PER_USER": "0", "WRITES_PER_MINUTE_PER_IP": "0"}
    operations: dict[str, list[list[str]]] = {}
    costs: dict[str, list[RequestCost]] = {"as deployed": [], "write quota off": []}
    for setting, overrides in (("as deployed", {}), ("write quota off", without_quota)):
        saved = {name: os.environ.get(name) for name in overrides}
        os.environ.update(overrides)
        get_settings.cache_clear()
        statuses, seen_per_ballot = [], []
        try:
            for i in range(BALLOTS_CAST):
                voter = f"{setting.split()[0]}-{i}"
                claims = {"sub": f"bench-voter-{voter}", "email": f"voter-{voter}@bench.test",
                          "email_verified": "true", "token_use": "id"}
                ranking = [[on_ballot[i % len(on_ballot)]], [on_ballot[(i + 1) % len(on_ballot)]]]
                event = v2_event(route, {"election_id": election}, claims=claims, body={"ranking": ranking})
                logged = stdout_bytes()
                with stack.calls.watching("bench ballots") as seen:
                    started = time.perf_counter()
                    response = handler(event, LambdaContext(function_name=route.function))
                    elapsed = time.perf_counter() - started
                costs[setting].append(RequestCost(elapsed, seen.rru, seen.wru, stdout_bytes() - logged))
                statuses.append(response.get("statusCode"))
                seen_per_ballot.append(list(seen))
        finally:
            for name, value in saved.items():
                if value is None:
                    os.environ.pop(name, None)
                else:
                    os.environ[name] = value
            get_settings.cache_clear()
        if set(statuses) != {201}:
            raise BenchError(f"elections: ballots ({setting}) answered {sorted(set(statuses))}, expected 201")
        operations[setting] = seen_per_ballot
    deployed = costs["as deployed"]
    n = len(deployed)
    ballot = RequestCost(sum(c.seconds for c in deployed) / n, sum(c.rru for c in deployed) / n,
                         sum(c.wru for c in deployed) / n, sum(c.log_bytes for c in deployed) / n)
    return {"tallies": tallies, "ballots": BALLOTS_CAST, "operations": operations, "ballot_cost": ballot}


def per_ballot(operations: list[list[str]]) -> dict[str, float]:
    names = sorted({name for ops in operations for name in ops})
    return {name: sum(ops.count(name) for ops in operations) / len(operations) for name in names}


def tally_goal(measured: dict[str, Any], method: str) -> tuple[bool, float, float]:
    """(within the goal, the slowest profile's seconds, the largest memory counting added) for a method."""
    mine = [t for t in measured["tallies"] if t["method"] == method]
    slowest = max(t["seconds"] for t in mine)
    return slowest < TALLY_GOAL_SECONDS, slowest, max(t["added_mb"] for t in mine)


def report_elections(measured: dict[str, Any]) -> str:
    rows = [[t["profile"], f"{t['distinct']:,}", t["method"], f"{t['ballots']:,}", f"{t['seconds']:.2f}",
             str(t["rounds"]) if t["method"] == "irv" else "—", f"{t['peak_mb']:.0f}", f"{t['added_mb']:.0f}",
             verdict(t["seconds"] < TALLY_GOAL_SECONDS)] for t in measured["tallies"]]
    casting = [[setting, ", ".join(f"{name} {count:.2f}" for name, count in per_ballot(ops).items())]
               for setting, ops in measured["operations"].items()]
    vote = per_ballot(measured["operations"]["write quota off"])
    deployed = per_ballot(measured["operations"]["as deployed"])
    schulze = next(t for t in measured["tallies"] if t["method"] == "schulze")
    goals = []
    for method, name in (("schulze", "Schulze"), ("irv", "IRV")):
        ok, slowest, added = tally_goal(measured, method)
        goals.append(f"Goal: {name} counts {TALLY_BALLOTS:,} ballots in < {TALLY_GOAL_SECONDS:g} s on one core: "
                     f"slowest profile {slowest:.2f} s, counting's peak memory +{added:.0f} MB → {verdict(ok)}.")
    return "\n\n".join([
        "## Elections",
        f"Counting: {TALLY_BALLOTS:,} ranked ballots over {TALLY_CANDIDATES} candidates, in memory, through "
        "the domain's `tally`, each count in a fresh Python process (scripts/benchmarks/tally_child.py: one "
        "thread, so one core; building the ballots is not timed; the count includes turning them into arrays "
        "and importing numpy). The domain reads ballots in chunks of 32,768 into one byte per candidate, sums "
        "Schulze's pairwise matrix with vectorised comparisons and moves instant-runoff's piles through one "
        "flat array of choices (hromada/domain/tally/rankings.py). \"camps\": four camps, each voter's ranking "
        "their camp's with a few neighbours swapped, cut after 1-10 places; \"all distinct\": every voter ranks "
        "all ten at random. Memory: the process's peak resident set (`ru_maxrss`) at the end, and what counting "
        "added to the peak reached once the ballots were built.",
        table(["Profile", "Distinct rankings", "Method", "Ballots", "Seconds", "IRV rounds", "Peak RSS (MB)",
               "Counting added (MB)", f"< {TALLY_GOAL_SECONDS:g} s"], rows),
        f"Tally of {TALLY_BALLOTS:,} ranked ballots over {TALLY_CANDIDATES} candidates (Schulze, "
        f"{schulze['profile']}): {schulze['seconds']:.2f} s.",
        *goals,
        f"Casting: {measured['ballots']} ballots each way through `POST /elections/{{election_id}}/ballots`, "
        "each from another voter, on the demo election. The vote reads the election (its window and ballot) "
        "and writes the marker, the ballot and the shard's counter in one TransactWriteItems, which also carries "
        "the platform's abuse quota and the voter's suspension checks (hromada.store.write_guards).",
        table(["Setting", "DynamoDB calls per ballot"], casting),
        f"TransactWriteItems per ballot: {vote.get('TransactWriteItems', 0):.2f}. With the write quota, as "
        f"deployed: {deployed.get('TransactWriteItems', 0):.2f}.",
    ])
