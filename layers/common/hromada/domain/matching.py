"""Matching: rank partnerships and initiatives against what someone looks for, with the reasons shown.

A candidate must share the domain and be compatible on each side: a place given on both sides is the
same or a neighbour, or the candidate is open to any place there. Points then rank it: the same place
counts most, a neighbouring place or an open one a little, and so does a link already signed or an
initiative still looking for its other side.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Literal

from hromada.domain.territories import neighbouring_oblasts, neighbouring_regions
from hromada.reference.matching import POINTS, Candidate, Criteria, Match
from hromada.reference.text import fold

ESTABLISHED = frozenset({"signed", "active"})
SEEKING = frozenset({"proposed", "open"})


def _place(wanted: str | None, offered: str | None, axis: str,
           neighbours: Callable[[str], frozenset[str]]) -> str | Literal[False] | None:
    """The reason this side fits, None when it says nothing, False when it rules the candidate out."""
    if wanted is None:
        return None
    if offered is None:
        return f"any_{axis}"
    if offered == wanted:
        return f"same_{axis}"
    if offered in neighbours(wanted):
        return f"neighbouring_{axis}"
    return False


def score(criteria: Criteria, candidate: Candidate) -> Match | None:
    if criteria.domain not in candidate.domains:
        return None
    reasons = ["same_domain"]
    for fit in (_place(criteria.region, candidate.region, "region", neighbouring_regions),
                _place(criteria.oblast, candidate.oblast, "oblast", neighbouring_oblasts)):
        if fit is False:
            return None
        if fit:
            reasons.append(fit)
    if candidate.status in ESTABLISHED:
        reasons.append("established_link")
    elif candidate.status in SEEKING:
        reasons.append("seeking_partners")
    return Match(candidate, sum(POINTS[r] for r in reasons), tuple(reasons))


def rank(criteria: Criteria, candidates: Iterable[Candidate], limit: int) -> list[Match]:
    """Best first; equal scores alphabetically, so the order is stable."""
    matches = [m for m in (score(criteria, c) for c in candidates) if m is not None]
    matches.sort(key=lambda m: (-m.score, fold(m.candidate.title), m.candidate.id))
    return matches[:limit]
