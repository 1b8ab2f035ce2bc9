"""d. Elections: counting a million ranked ballots, and casting ballots through the real handler."""

from __future__ import annotations

import os
import time
from typing import Any

from .common import BenchError, log, table
from .events import load_module, v2_event
from .stack import Stack, find_route

# ---------------------------------------------------------------- d. elections: counting and casting
TALLY_BALLOTS, TALLY_CANDIDATES = 1_000_000, 10
BALLOTS_CAST = 50


def ranked_ballots(count: int, candidates: list[str], seed: int) -> list[dict[str, Any]]:
    """Rankings as an electorate might give them: four camps, each voter's order its camp's with a few
    neighbours swapped, cut after 1 to 10 places (most voters rank a few candidates)."""
    import random

    rng = random.Random(seed)
    camps = [rng.sample(candidates, len(candidates)) for _ in range(4)]
    ballots = []
    for _ in range(count):
        order = list(rng.choice(camps))
        for _ in range(rng.choice((0, 1, 1, 2, 2, 3, 4))):
            i = rng.randrange(len(order) - 1)
            order[i], order[i + 1] = order[i + 1], order[i]
        cut = min(len(order), 1 + int(rng.expovariate(0.3)))
        ballots.append({"ranking": [[c] for c in order[:cut]]})
    return ballots


def distinct_ballots(count: int, candidates: list[str], seed: int) -> list[dict[str, Any]]:
    """The worst case for counting identical rankings once: every voter ranks all in a random order."""
    import random

    rng = random.Random(seed)
    return [{"ranking": [[c] for c in rng.sample(candidates, len(candidates))]} for _ in range(count)]


def measure_elections(stack: Stack, quick: bool) -> dict[str, Any]:
    from hromada.domain.tally import tally
    from infra.events import LambdaContext

    candidates = [f"ca_{i:020x}" for i in range(TALLY_CANDIDATES)]
    profiles = {"camps": ranked_ballots(TALLY_BALLOTS, candidates, 2026)}
    if not quick:
        profiles["all distinct"] = distinct_ballots(TALLY_BALLOTS, candidates, 2027)
    tallies = []
    for name, ballots in profiles.items():
        distinct = len({tuple(c for g in b["ranking"] for c in g) for b in ballots})
        for method in ("schulze", "irv"):
            log(f"elections: counting {len(ballots):,} ballots ({name}) with {method}")
            started = time.perf_counter()
            result = tally(method, candidates, ballots, "bench")
            tallies.append({"profile": name, "distinct": distinct, "method": method,
                            "seconds": time.perf_counter() - started, "ballots": result["ballots"],
                            "rounds": len(result.get("rounds") or [])})
        del ballots
    profiles.clear()

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
                with stack.calls.watching("bench ballots") as seen:
                    response = handler(event, LambdaContext(function_name=route.function))
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
    return {"tallies": tallies, "ballots": BALLOTS_CAST, "operations": operations}


def per_ballot(operations: list[list[str]]) -> dict[str, float]:
    names = sorted({name for ops in operations for name in ops})
    return {name: sum(ops.count(name) for ops in operations) / len(operations) for name in names}


def report_elections(measured: dict[str, Any]) -> str:
    rows = [[t["profile"], f"{t['distinct']:,}", t["method"], f"{t['ballots']:,}", f"{t['seconds']:.2f}",
             str(t["rounds"]) if t["method"] == "irv" else "—"] for t in measured["tallies"]]
    casting = [[setting, ", ".join(f"{name} {count:.2f}" for name, count in per_ballot(ops).items())]
               for setting, ops in measured["operations"].items()]
    vote = per_ballot(measured["operations"]["write quota off"])
    deployed = per_ballot(measured["operations"]["as deployed"])
    schulze = next(t for t in measured["tallies"] if t["method"] == "schulze")
    return "\n\n".join([
        "## Elections",
        f"Counting: {TALLY_BALLOTS:,} ranked ballots over {TALLY_CANDIDATES} candidates, in memory, through "
        "the domain's `tally` (pure Python: identical rankings are counted once, then Schulze builds the "
        "pairwise matrix and strongest paths, instant-runoff moves piles of ballots between rounds). "
        "\"camps\": four camps, each voter's ranking their camp's with a few neighbours swapped, cut after "
        "1-10 places; \"all distinct\" (full runs only): every voter ranks all ten at random.",
        table(["Profile", "Distinct rankings", "Method", "Ballots", "Seconds", "IRV rounds"], rows),
        f"Tally of {TALLY_BALLOTS:,} ranked ballots over {TALLY_CANDIDATES} candidates (Schulze, "
        f"{schulze['profile']}): {schulze['seconds']:.2f} s.",
        f"Casting: {measured['ballots']} ballots each way through `POST /elections/{{election_id}}/ballots`, "
        "each from another voter, on the demo election. The vote reads the election (its window and ballot) "
        "and writes the marker, the ballot and the shard's counter in one TransactWriteItems; every write "
        "request also consumes the platform's abuse quota (one more TransactWriteItems, in hromada.api).",
        table(["Setting", "DynamoDB calls per ballot"], casting),
        f"TransactWriteItems per ballot: {vote.get('TransactWriteItems', 0):.2f}. With the write quota, as "
        f"deployed: {deployed.get('TransactWriteItems', 0):.2f}.",
    ])
