"""Matching's value types: what is searched, what is found, and the points each reason is worth.

The rules that produce them are in hromada.domain.matching; the response models show them.
"""

from __future__ import annotations

from dataclasses import dataclass

POINTS = {
    "same_domain": 4,
    "same_region": 3,
    "same_oblast": 3,
    "neighbouring_region": 1,
    "neighbouring_oblast": 1,
    "any_region": 1,
    "any_oblast": 1,
    "established_link": 1,
    "seeking_partners": 1,
}


@dataclass(frozen=True)
class Criteria:
    domain: str
    region: str | None = None
    oblast: str | None = None


@dataclass(frozen=True)
class Candidate:
    kind: str  # partnership, need or offer
    id: str
    title: str
    status: str
    domains: tuple[str, ...]
    region: str | None
    oblast: str | None


@dataclass(frozen=True)
class Match:
    candidate: Candidate
    score: int
    reasons: tuple[str, ...]
