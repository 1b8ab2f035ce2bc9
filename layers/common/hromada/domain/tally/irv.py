"""Instant-runoff: strict rankings, possibly partial. Each round counts every ballot for its highest
continuing candidate; a candidate with more than half of the ballots still in play is elected,
otherwise the one with the fewest votes is eliminated and its ballots transfer to their next choice
(or are exhausted). A tie for the fewest is broken by the earlier rounds (the one with fewer votes in
the latest round where they differed goes), then by lot.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from hromada.domain.tally.lot import LOT_DETAIL, LOT_RULE, Lot, no_ballots, rank_by_score, tie
from hromada.domain.tally.rankings import Preferences

PREVIOUS_ROUNDS = "previous rounds"


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
    # Rankings are strict: one candidate per group. The piles are arrays (see rankings.Preferences).
    piles = Preferences(candidates, ballots)
    total = piles.ballots
    if not total or not candidates:
        return no_ballots(candidates, rounds=[])
    continuing = set(candidates)
    position = {c: i for i, c in enumerate(candidates)}
    tallied = piles.counts()
    exhausted = tallied[-1]

    rounds: list[dict[str, Any]] = []
    history: list[dict[str, int]] = []
    eliminated: list[str] = []
    ties: list[dict[str, Any]] = []
    winner = None
    while continuing:
        counts = {c: tallied[i] for i, c in enumerate(candidates) if c in continuing}
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
        moved = piles.eliminate(position[out])
        tallied[position[out]] = 0
        tallied = [now + more for now, more in zip(tallied, moved, strict=True)]
        exhausted = tallied[-1]
        record["to_exhausted"] = moved[-1]
        record["transfers"] = {c: moved[i] for i, c in enumerate(candidates) if moved[i]}

    last = history[-1]
    others, later_ties = rank_by_score([c for c in last if c != winner], last, lot, "votes in the last round",
                                       first_position=2)
    ranking = [winner, *others, *reversed(eliminated)]
    return {"ballots": total, "winner": winner, "ranking": ranking, "ties": ties + later_ties, "rounds": rounds}
