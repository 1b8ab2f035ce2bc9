"""The pure-Python Schulze and instant-runoff counts that came before the array ones, kept as an oracle:
the array counts must give the very same result (working, ties and lot draws included)."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from hromada.domain.tally.irv import PREVIOUS_ROUNDS
from hromada.domain.tally.lot import LOT_DETAIL, LOT_RULE, Lot, no_ballots, rank_by_score, stage_of, tie


def pairwise(candidates: Sequence[str], rankings: Counter[tuple[tuple[str, ...], ...]]) -> list[list[int]]:
    """d[i][j]: ballots ranking candidate i above candidate j. Identical rankings are counted once."""
    index = {c: i for i, c in enumerate(candidates)}
    n = len(candidates)
    d = [[0] * n for _ in range(n)]
    everyone = frozenset(range(n))
    for ranking, weight in rankings.items():
        below = set(everyone)
        for group in ranking:
            below.difference_update(index[c] for c in group)
        # Walk from the last group up: each group is above everything after it (and the unranked).
        for group in reversed(ranking):
            members = [index[c] for c in group]
            for a in members:
                row = d[a]
                for b in below:
                    row[b] += weight
            below.update(members)
    return d


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


def schulze(candidates: Sequence[str], ballots: Iterable[Mapping[str, Any]], lot: Lot) -> dict[str, Any]:
    rankings = Counter(tuple(tuple(group) for group in ballot["ranking"]) for ballot in ballots)
    total = sum(rankings.values())
    n = len(candidates)
    d = pairwise(candidates, rankings)
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


def _next_choice(ranking: tuple[str, ...], start: int, continuing: set[str]) -> int:
    for position in range(start, len(ranking)):
        if ranking[position] in continuing:
            return position
    return -1


def _lowest(tied: list[str], history: list[dict[str, int]], lot: Lot, round_no: int) -> tuple[str, dict | None]:
    if len(tied) == 1:
        return tied[0], None
    left = list(tied)
    for earlier in reversed(history[:-1]):
        fewest = min(earlier[c] for c in left)
        left = [c for c in left if earlier[c] == fewest]
        if len(left) == 1:
            return left[0], tie(f"round {round_no} elimination", tied, PREVIOUS_ROUNDS, left[0],
                                "fewest votes in the latest earlier round where they differed")
    out = lot.order(left)[-1]
    return out, tie(f"round {round_no} elimination", tied, LOT_RULE, out,
                    f"equal in every round; the candidate the lot places last is eliminated; {LOT_DETAIL}")


def irv(candidates: Sequence[str], ballots: Iterable[Mapping[str, Any]], lot: Lot) -> dict[str, Any]:
    # Rankings are strict: one candidate per group. Identical rankings travel together.
    rankings = Counter(tuple(group[0] for group in ballot["ranking"]) for ballot in ballots)
    total = sum(rankings.values())
    if not total or not candidates:
        return no_ballots(candidates, rounds=[])
    continuing = set(candidates)
    piles: dict[str, list[tuple[tuple[str, ...], int, int]]] = defaultdict(list)
    exhausted = 0
    for ranking, weight in rankings.items():
        position = _next_choice(ranking, 0, continuing)
        if position < 0:
            exhausted += weight
        else:
            piles[ranking[position]].append((ranking, weight, position))

    rounds: list[dict[str, Any]] = []
    history: list[dict[str, int]] = []
    eliminated: list[str] = []
    ties: list[dict[str, Any]] = []
    winner = None
    while continuing:
        counts = {c: sum(w for _, w, _ in piles[c]) for c in candidates if c in continuing}
        history.append(counts)
        active = sum(counts.values())
        record: dict[str, Any] = {"round": len(rounds) + 1, "counts": counts, "exhausted": exhausted,
                                  "elected": None, "eliminated": None, "transfers": {}, "to_exhausted": 0}
        rounds.append(record)
        leader = max(counts, key=lambda c: counts[c])
        if 2 * counts[leader] > active or len(continuing) == 1:
            winner = record["elected"] = leader
            break
        fewest = min(counts.values())
        out, broken = _lowest([c for c in counts if counts[c] == fewest], history, lot, record["round"])
        if broken:
            ties.append(broken)
        record["eliminated"] = out
        continuing.discard(out)
        eliminated.append(out)
        transfers: Counter[str] = Counter()
        for ranking, weight, position in piles.pop(out, []):
            following = _next_choice(ranking, position + 1, continuing)
            if following < 0:
                exhausted += weight
                record["to_exhausted"] += weight
            else:
                piles[ranking[following]].append((ranking, weight, following))
                transfers[ranking[following]] += weight
        record["transfers"] = {c: transfers[c] for c in candidates if transfers[c]}

    last = history[-1]
    others, later_ties = rank_by_score([c for c in last if c != winner], last, lot, "votes in the last round",
                                       first_position=2)
    ranking = [winner, *others, *reversed(eliminated)]
    return {"ballots": total, "winner": winner, "ranking": ranking, "ties": ties + later_ties, "rounds": rounds}
