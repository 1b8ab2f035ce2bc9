"""The last resort for ties: a lot anyone can redraw, seeded by the published ballot box."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import cached_property
from typing import Any

LOT_RULE = "lot"
LOT_DETAIL = "order of SHA-256(seed:candidate id), smallest first; the seed is the ballot box digest"


class Lot:
    """`seed` may be a function: it is called the first time a tie needs it, after the ballots are read
    (so the seed can be the digest of the ballots as they streamed by)."""

    def __init__(self, seed: str | Callable[[], str]):
        self._seed = seed

    @cached_property
    def seed(self) -> str:
        return self._seed() if callable(self._seed) else self._seed

    def key(self, candidate: str) -> str:
        return hashlib.sha256(f"{self.seed}:{candidate}".encode()).hexdigest()

    def order(self, candidates: Iterable[str]) -> list[str]:
        """Favoured first."""
        return sorted(candidates, key=self.key)


def tie(stage: str, between: Sequence[str], rule: str, chosen: str, detail: str) -> dict[str, Any]:
    return {"stage": stage, "between": list(between), "rule": rule, "chosen": chosen, "detail": detail}


def stage_of(position: int) -> str:
    return "winner" if position == 1 else f"rank {position}"


def rank_by_score(candidates: Sequence[str], score: Mapping[str, int], lot: Lot, what: str,
                  first_position: int = 1) -> tuple[list[str], list[dict[str, Any]]]:
    """Highest score first; equal scores in lot order, each such tie stated."""
    ranking: list[str] = []
    ties: list[dict[str, Any]] = []
    for value in sorted({score[c] for c in candidates}, reverse=True):
        group = lot.order(c for c in candidates if score[c] == value)
        if len(group) > 1:
            ties.append(tie(stage_of(first_position + len(ranking)), group, LOT_RULE, group[0],
                            f"{value} {what} each; {LOT_DETAIL}"))
        ranking += group
    return ranking, ties


def no_ballots(candidates: Sequence[str], **working: Any) -> dict[str, Any]:
    return {"ballots": 0, "winner": None, "ranking": [], "ties": [], **working}
