"""Instant-runoff: strict rankings, possibly partial. Each round counts every ballot for its highest
continuing candidate; a candidate with more than half of the ballots still in play is elected,
otherwise the one with the fewest votes is eliminated and its ballots transfer to their next choice
(or are exhausted). A tie for the fewest is broken by the earlier rounds (the one with fewer votes in
the latest round where they differed goes), then by lot.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from hromada.domain.tally.lot import LOT_DETAIL, LOT_RULE, Lot, no_ballots, rank_by_score, tie

PREVIOUS_ROUNDS = "previous rounds"


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


def count(candidates: Sequence[str], ballots: Iterable[Mapping[str, Any]], lot: Lot) -> dict[str, Any]:
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
