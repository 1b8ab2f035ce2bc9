"""Plurality: one choice per ballot; most votes wins."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from hromada.domain.tally.lot import Lot, no_ballots, rank_by_score


def count(candidates: Sequence[str], ballots: Iterable[Mapping[str, Any]], lot: Lot) -> dict[str, Any]:
    choices = Counter(ballot["choice"] for ballot in ballots)
    counts = {c: choices.get(c, 0) for c in candidates}
    total = sum(choices.values())
    if not total:
        return no_ballots(candidates, counts=counts)
    ranking, ties = rank_by_score(candidates, counts, lot, "votes")
    return {"ballots": total, "winner": ranking[0], "ranking": ranking, "ties": ties, "counts": counts}
