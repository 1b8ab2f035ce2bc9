"""Twinning health: what each initiative and partnership adds to the figures staff read, and the figures.

The store keeps the counts with atomic ADDs in the same transaction as each write: a write adds
counts(after) - counts(before), so the figures cannot drift from the items, and a retried write that
fails its version condition adds nothing. No request path ever scans.

"Answered" (the one definition): a need or an offer is answered when it first reaches `matched`, the
status its association's editors (or a moderator) give it once the other side is found. `answered_at`
keeps that first moment; going back to `open` does not unanswer it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, Protocol

from hromada.auth import Principal
from hromada.domain.clock import utc_now
from hromada.models.initiative import Initiative, InitiativeKind, InitiativeStatus
from hromada.models.partnership import Partnership

UNANSWERED_AFTER_DAYS = 30
LONGEST_COUNTED_DAYS = 365  # the histogram's last bucket holds every longer wait: a bounded item
NO_OBLAST = "none"

OPEN_NEEDS_OBLAST = "open_need.oblast."
OPEN_NEEDS_DOMAIN = "open_need.domain."
PARTNERSHIP_STATUS = "partnership.status."
ANSWER_DAYS = "answer_days."


def _days_between(start: str, end: str) -> int:
    return max(0, (datetime.fromisoformat(end) - datetime.fromisoformat(start)).days)


def initiative_counts(i: Initiative | None) -> Counter[str]:
    """What one initiative counts for: a visible open need in its oblast and its domain; an answered need
    in the histogram of days from its publication to its first answer (visible or not: it was answered)."""
    counts: Counter[str] = Counter()
    if i is None or i.kind != InitiativeKind.NEED:
        return counts
    if i.status == InitiativeStatus.OPEN and not i.hidden:
        counts[OPEN_NEEDS_OBLAST + (i.oblast or NO_OBLAST)] += 1
        counts[OPEN_NEEDS_DOMAIN + i.domain.value] += 1
    if i.answered_at:
        days = min(_days_between(i.created_at, i.answered_at), LONGEST_COUNTED_DAYS)
        counts[f"{ANSWER_DAYS}{days}"] += 1
    return counts


def partnership_counts(p: Partnership | None) -> Counter[str]:
    """A visible partnership counts for its status."""
    if p is None or p.hidden:
        return Counter()
    return Counter({PARTNERSHIP_STATUS + p.status.value: 1})


def changes(before: Mapping[str, int], after: Mapping[str, int]) -> dict[str, int]:
    """The ADDs taking the counters from before to after (zeros left out)."""
    delta = {key: after.get(key, 0) - before.get(key, 0) for key in set(before) | set(after)}
    return {key: n for key, n in sorted(delta.items()) if n}


def awaiting_answer(i: Initiative | None) -> bool:
    """In the "unanswered offers" index: a visible open offer never answered."""
    return (i is not None and i.kind == InitiativeKind.OFFER and i.status == InitiativeStatus.OPEN
            and not i.hidden and i.answered_at is None)


def unanswered_before(now: str, days: int = UNANSWERED_AFTER_DAYS) -> str:
    """Offers published before this moment (storage format) have waited `days` days or more."""
    moment = datetime.fromisoformat(now) - timedelta(days=days)
    return moment.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def median_days(histogram: Mapping[int, int]) -> int | None:
    """The (lower) median of the days to a first answer; None before any answer."""
    total = sum(n for n in histogram.values() if n > 0)
    if not total:
        return None
    middle, seen = (total + 1) // 2, 0
    for days in sorted(histogram):
        seen += max(0, histogram[days])
        if seen >= middle:
            return days
    return None  # unreachable: the loop reaches total


def split(counters: Mapping[str, int]) -> dict[str, dict[str, int]]:
    """The flat counters as figures: open needs by oblast and by domain, partnerships by status, the
    histogram of days to a first answer (zero and negative counts are left out)."""
    figures: dict[str, dict[str, int]] = {"oblast": {}, "domain": {}, "status": {}, "days": {}}
    for key, n in counters.items():
        for prefix, name in ((OPEN_NEEDS_OBLAST, "oblast"), (OPEN_NEEDS_DOMAIN, "domain"),
                             (PARTNERSHIP_STATUS, "status"), (ANSWER_DAYS, "days")):
            if key.startswith(prefix) and n > 0:
                figures[name][key[len(prefix):]] = int(n)
    return figures


class HealthSource(Protocol):
    def counters(self) -> dict[str, int]: ...

    def unanswered(self, published_before: str) -> tuple[list[dict[str, Any]], bool]:
        """Open offers published before that moment, oldest first (bounded); and whether there are more."""


@dataclass(frozen=True)
class Health:
    as_of: str
    open_needs_by_oblast: dict[str, int]
    open_needs_by_domain: dict[str, int]
    partnerships_by_status: dict[str, int]
    answered_needs: int
    median_days_to_first_answer: int | None
    unanswered_offers: list[dict[str, Any]]
    more_unanswered: bool
    unanswered_after_days: int = UNANSWERED_AFTER_DAYS


def health_of(counters: Mapping[str, int], unanswered: list[dict[str, Any]], more: bool, now: str) -> Health:
    figures = split(counters)
    histogram = {int(days): n for days, n in figures["days"].items()}
    return Health(as_of=now, open_needs_by_oblast=dict(sorted(figures["oblast"].items())),
                  open_needs_by_domain=dict(sorted(figures["domain"].items())),
                  partnerships_by_status=figures["status"], answered_needs=sum(histogram.values()),
                  median_days_to_first_answer=median_days(histogram), unanswered_offers=unanswered,
                  more_unanswered=more)


class TwinningHealth:
    """The figures, for staff: moderators and admins (the Embassy's people are moderators)."""

    def __init__(self, source: HealthSource, now: Callable[[], str] = utc_now):
        self.source, self.now = source, now

    def read(self, principal: Principal) -> Health:
        principal.require_moderator()
        now = self.now()
        unanswered, more = self.source.unanswered(unanswered_before(now))
        return health_of(self.source.counters(), unanswered, more, now)
