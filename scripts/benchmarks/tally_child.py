"""One count in a fresh process (elections.py starts it): build the ballots, time `tally`, report peak memory.

    python -m scripts.benchmarks.tally_child '{"profile": "camps", "method": "schulze", "count": 1000000,
                                               "candidates": 10, "sys_path": [...]}'

Building the ballots is not timed. Memory is the process's peak resident set (`ru_maxrss`): read once the
ballots are built (the interpreter, the domain's modules and the ballots) and again after counting; what
counting added is the difference. Prints one line `BENCH-RESULT {json}`.
"""

from __future__ import annotations

import gc
import json
import random
import resource
import sys
import time
from typing import Any


def ranked_ballots(count: int, candidates: list[str], seed: int) -> list[dict[str, Any]]:
    """Rankings as an electorate might give them: four camps, each voter's order its camp's with a few
    neighbours swapped, cut after 1 to 10 places (most voters rank a few candidates)."""
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
    """The worst case for counting identical rankings once: every voter ranks all in a random order. Drawn with
    numpy (a million shuffles in pure Python take seconds); each ballot its own lists, as parsed JSON would be."""
    import numpy

    orders = numpy.argsort(numpy.random.default_rng(seed).random((count, len(candidates))), axis=1).tolist()
    names = list(candidates)
    return [{"ranking": [[names[i]] for i in order]} for order in orders]


PROFILES = {"camps": (ranked_ballots, 2026), "all distinct": (distinct_ballots, 2027)}


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KB


def main(argv: list[str]) -> None:
    spec = json.loads(argv[0])
    sys.path[:0] = spec["sys_path"]
    from hromada.domain.tally import tally

    candidates = [f"ca_{i:020x}" for i in range(spec["candidates"])]
    build, seed = PROFILES[spec["profile"]]
    ballots = build(spec["count"], candidates, seed)
    gc.collect()
    before = peak_mb()
    started = time.perf_counter()
    result = tally(spec["method"], candidates, ballots, "bench")
    seconds = time.perf_counter() - started
    after = peak_mb()
    distinct = len({tuple(c for group in b["ranking"] for c in group) for b in ballots})
    print("BENCH-RESULT " + json.dumps({
        "seconds": seconds, "ballots": result["ballots"], "rounds": len(result.get("rounds") or []),
        "distinct": distinct, "peak_mb": after, "before_mb": before, "added_mb": max(0.0, after - before)}))


if __name__ == "__main__":
    main(sys.argv[1:])
