"""Schulze (beat path), winning votes, on rankings with ties and unranked candidates.

A ballot is a list of groups, best first; candidates in one group are tied; candidates left out are
tied below every ranked one. d[a][b] counts the ballots ranking a above b. A link a→b has strength
d[a][b] when d[a][b] > d[b][a] (else none); a path is as strong as its weakest link; p[a][b] is the
strongest path (widest path, Floyd–Warshall). a beats b when p[a][b] > p[b][a], a strict partial
order; the winners are the candidates nobody beats.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from hromada.domain.tally.lot import LOT_DETAIL, LOT_RULE, Lot, no_ballots, stage_of, tie
from hromada.domain.tally.rankings import pairwise


def strongest_paths(d: list[list[int]]) -> list[list[int]]:
    n = len(d)
    p = [[d[i][j] if i != j and d[i][j] > d[j][i] else 0 for j in range(n)] for i in range(n)]
    for i in range(n):
        for j in range(n):
            if j == i or not p[j][i]:
                continue
            via = p[j][i]
            row_j, row_i = p[j], p[i]
            for k in range(n):
                if k != i and k != j:
                    strength = via if via < row_i[k] else row_i[k]
                    if strength > row_j[k]:
                        row_j[k] = strength
    return p


def count(candidates: Sequence[str], ballots: Iterable[Mapping[str, Any]], lot: Lot) -> dict[str, Any]:
    total, d = pairwise(candidates, ballots)
    n = len(candidates)
    p = strongest_paths(d)
    as_map = lambda m: {a: {b: m[i][j] for j, b in enumerate(candidates) if j != i}  # noqa: E731
                        for i, a in enumerate(candidates)}
    working = {"pairwise": as_map(d), "strongest_paths": as_map(p)}
    if not total:
        return no_ballots(candidates, **working)
    ranking: list[str] = []
    ties: list[dict[str, Any]] = []
    remaining = set(range(n))
    while remaining:
        unbeaten = [candidates[a] for a in sorted(remaining)
                    if not any(p[b][a] > p[a][b] for b in remaining if b != a)]
        chosen = lot.order(unbeaten)[0]
        if len(unbeaten) > 1:
            ties.append(tie(stage_of(len(ranking) + 1), lot.order(unbeaten), LOT_RULE, chosen,
                            f"no strongest path separates them; {LOT_DETAIL}"))
        ranking.append(chosen)
        remaining.discard(candidates.index(chosen))
    return {"ballots": total, "winner": ranking[0], "ranking": ranking, "ties": ties, **working}
