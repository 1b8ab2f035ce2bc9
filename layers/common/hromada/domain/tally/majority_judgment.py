"""Majority judgment (Balinski & Laraki): every voter grades every candidate; a candidate's grade is
the median (the lower one for an even number of ballots); the best median wins.

Equal medians are separated by the majority value: remove one median grade from each tied candidate
and compare the new medians, again and again. Only identical grade distributions stay tied (lot).
The removal order from the sorted grades is fixed by n alone (for n = 2k+1: k, k-1, k+1, k-2, k+2…;
for n = 2k: k-1, k, k-2, k+1…), so the first difference is found from the grade counts directly,
without expanding a million grades.
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from itertools import accumulate, pairwise
from typing import Any

from hromada.domain.tally.lot import LOT_DETAIL, LOT_RULE, Lot, no_ballots, stage_of, tie

# Best first, as shown; internally a grade's strength is its position from the end.
GRADES = ("excellent", "very_good", "good", "fair", "poor", "to_reject")
STRENGTH = {grade: len(GRADES) - 1 - i for i, grade in enumerate(GRADES)}
MAJORITY_VALUE = "majority value"


class Distribution:
    """One candidate's grades as counts, strongest grade last in `bounds` (cumulative, ascending)."""

    def __init__(self, counts: list[int]):
        self.counts = counts  # by strength, weakest first
        self.bounds = list(accumulate(counts))  # grade strength s covers indexes [bounds[s-1], bounds[s])
        self.n = self.bounds[-1]

    def at(self, index: int) -> int:
        """Strength of the grade at `index` of the ascending sorted grades."""
        for strength, bound in enumerate(self.bounds):
            if index < bound:
                return strength
        raise IndexError(index)

    @property
    def median(self) -> int:
        return self.at((self.n - 1) // 2)

    def around_median(self) -> tuple[int, int]:
        median = self.median
        return sum(self.counts[median + 1:]), sum(self.counts[:median])  # above, below


def _step(n: int, index: int) -> int:
    """Where `index` of the sorted grades comes in the removal order."""
    m = (n - 1) // 2
    if n % 2:
        if index == m:
            return 0
        return 2 * (m - index) - 1 if index < m else 2 * (index - m)
    return 2 * (m - index) if index <= m else 2 * (index - m - 1) + 1


def first_difference(a: Distribution, b: Distribution) -> tuple[int, int, int] | None:
    """(removal step, a's grade, b's grade) where the majority values first differ; None if identical."""
    if a.counts == b.counts:
        return None
    n, m = a.n, (a.n - 1) // 2
    edges = sorted({*a.bounds[:-1], *b.bounds[:-1]})  # indexes where either grade changes
    # Below the median the grades are read downwards, above it upwards: the first index that differs
    # on each side is the side's start or one next to an edge.
    left = [m, *(e - 1 for e in reversed(edges) if 0 < e <= m)]
    right_start = m + 1
    right = [right_start, *(e for e in edges if e > right_start)]
    found = []
    for side in (left, right):
        index = next((i for i in side if 0 <= i < n and a.at(i) != b.at(i)), None)
        if index is not None:
            found.append((_step(n, index), a.at(index), b.at(index)))
    return min(found)


def count(candidates: Sequence[str], ballots: Iterable[Mapping[str, Any]], lot: Lot) -> dict[str, Any]:
    profiles = Counter(tuple(ballot["grades"][c] for c in candidates) for ballot in ballots)
    total = sum(profiles.values())
    counts = {c: [0] * len(GRADES) for c in candidates}
    for grades, weight in profiles.items():
        for candidate, grade in zip(candidates, grades, strict=True):
            counts[candidate][STRENGTH[grade]] += weight
    shown = {c: {"counts": {g: counts[c][STRENGTH[g]] for g in GRADES}} for c in candidates}
    if not total:
        return no_ballots(candidates, grades=shown)
    dist = {c: Distribution(counts[c]) for c in candidates}
    for c in candidates:
        above, below = dist[c].around_median()
        shown[c] |= {"median": GRADES[len(GRADES) - 1 - dist[c].median], "above": above, "below": below}

    def better_first(a: str, b: str) -> int:
        difference = first_difference(dist[a], dist[b])
        if difference is None:
            return -1 if lot.key(a) < lot.key(b) else 1
        _, grade_a, grade_b = difference
        return -1 if grade_a > grade_b else 1

    ranking = sorted(candidates, key=functools.cmp_to_key(better_first))
    ties = []
    for median in sorted({dist[c].median for c in candidates}, reverse=True):
        group = [c for c in ranking if dist[c].median == median]
        if len(group) < 2:
            continue
        steps = []
        identical = 0
        for a, b in pairwise(group):
            difference = first_difference(dist[a], dist[b])
            if difference is None:
                identical += 1
                steps.append(f"{a} and {b} have identical grades")
            else:
                step, grade_a, grade_b = difference
                steps.append(f"{a} before {b}: after removing {step} median grade(s), "
                             f"{GRADES[len(GRADES) - 1 - grade_a]} against {GRADES[len(GRADES) - 1 - grade_b]}")
        detail = "; ".join(steps) + (f"; {LOT_DETAIL}" if identical else "")
        rule = LOT_RULE if identical == len(group) - 1 else MAJORITY_VALUE + (", then lot" if identical else "")
        ties.append(tie(stage_of(ranking.index(group[0]) + 1), group, rule, group[0], detail))
    return {"ballots": total, "winner": ranking[0], "ranking": ranking, "ties": ties, "grades": shown}
