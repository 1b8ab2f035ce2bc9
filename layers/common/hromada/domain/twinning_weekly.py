"""The weekly twinning summary for admins: this week's figures and what changed since last week.

Each run keeps the week's counters (one item per ISO week, written once), so "since last week" is the
difference with the previous week's item; without one (the first run) there are no changes to show.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from hromada.domain.twinning_health import Health, split


def iso_week(moment: datetime) -> str:
    year, week, _ = moment.isocalendar()
    return f"{year}-W{week:02d}"


def previous_week(moment: datetime) -> str:
    return iso_week(moment - timedelta(days=7))


@dataclass(frozen=True)
class WeeklySummary:
    week: str
    health: Health
    changes: dict[str, int] | None  # None: no figures kept last week


def _totals(counters: Mapping[str, int]) -> dict[str, int]:
    """The figures compared week to week: open needs (all, per oblast), partnerships per status, answers."""
    figures = split(counters)
    totals = {"open_needs": sum(figures["oblast"].values()), "answered_needs": sum(figures["days"].values())}
    totals |= {f"oblast.{k}": n for k, n in figures["oblast"].items()}
    totals |= {f"status.{k}": n for k, n in figures["status"].items()}
    return totals


def changes_since(now: Mapping[str, int], before: Mapping[str, int] | None) -> dict[str, int] | None:
    if before is None:
        return None
    this, last = _totals(now), _totals(before)
    delta = {key: this.get(key, 0) - last.get(key, 0) for key in set(this) | set(last)}
    return {key: n for key, n in sorted(delta.items()) if n}
