"""Counting methods: pure functions from ballots to a result that carries its full working.

Every method takes the candidates on the ballot, the ballots (the published form: one dict per ballot),
and a seed for the lot that breaks the ties nothing else breaks. The seed is the SHA-256 of the published
ballot box, so nobody knows it before the vote closes and anyone can recompute it afterwards.

A result is a plain JSON-able dict: `method`, `ballots`, `winner` (None without valid ballots),
`ranking` (every candidate, best first), `ties` (each broken tie: where, between whom, by which rule,
who came out first), and the method's own working (counts, pairwise matrix and strongest paths,
rounds and transfers, median grades).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from hromada.domain.tally import approval, irv, majority_judgment, plurality, schulze
from hromada.domain.tally.lot import Lot

Counter_ = Callable[[Sequence[str], Iterable[Mapping[str, Any]], Lot], dict[str, Any]]

METHODS: dict[str, Counter_] = {
    "plurality": plurality.count,
    "approval": approval.count,
    "schulze": schulze.count,
    "irv": irv.count,
    "majority_judgment": majority_judgment.count,
}


def tally(method: str, candidates: Sequence[str], ballots: Iterable[Mapping[str, Any]],
          seed: str | Callable[[], str]) -> dict[str, Any]:
    """Count `ballots` (read once). `seed` may be a function called after they are read (see Lot)."""
    if method not in METHODS:
        raise ValueError(f"unknown method {method!r}")
    lot = Lot(seed)
    result = METHODS[method](list(candidates), ballots, lot)
    return {"method": method, **result, "lot_seed": lot.seed}
