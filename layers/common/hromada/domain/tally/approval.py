"""Approval: approve any number of candidates; most approvals wins. An empty ballot is a blank vote."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from hromada.domain.tally.lot import Lot, no_ballots, rank_by_score


def count(candidates: Sequence[str], ballots: Iterable[Mapping[str, Any]], lot: Lot) -> dict[str, Any]:
    sets = Counter(tuple(ballot["approve"]) for ballot in ballots)  # identical ballots counted once
    counts = dict.fromkeys(candidates, 0)
    for approved, weight in sets.items():
        for candidate in approved:
            counts[candidate] += weight
    total = sum(sets.values())
    blank = sets.get((), 0)
    if not total:
        return no_ballots(candidates, counts=counts, blank=0)
    if total == blank:
        return {"ballots": total, "winner": None, "ranking": [], "ties": [], "counts": counts, "blank": blank}
    ranking, ties = rank_by_score(candidates, counts, lot, "approvals")
    return {"ballots": total, "winner": ranking[0], "ranking": ranking, "ties": ties, "counts": counts,
            "blank": blank}
