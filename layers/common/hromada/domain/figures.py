"""An association's figures over time: per-month counters moved by the domain events on the bus (pure).

Each event moves the counters of the month its event starts in (Paris time): events held, registrations
(RSVPs, seats and waiting list) and confirmed seats. There is no check-in, so the attendance of a past month is
its events' confirmed registrations. A consumer (functions/figures) adds the changes with one transaction per bus
event, with a marker keyed by the event's outbox id, so a redelivered event is counted once.

| bus event       | events | registrations | confirmed                |
|-----------------|--------|---------------|--------------------------|
| EventPublished  | +1     |               |                          |
| RsvpConfirmed   |        | +1            | +1                       |
| RsvpWaitlisted  |        | +1            |                          |
| RsvpWithdrawn   |        | -1            | -1 if it held a seat     |
| WaitlistPromoted|        |               | +promoted                |

What an event holds in its month while it is scheduled: 1 event (a date of a series: none, the series counts
once, in the month of its first date), its registrations (seats and waiting list) and its confirmed seats. A
cancelled or deleted event holds nothing: it was not held, and its registrations count neither as registrations
nor toward attendance. So the event-level bus events carry the event's start, status and seat counts, read in
the very transaction that makes the change (its seats item is conditioned on them), and:

| bus event      | old month (`previous_start`)             | new month (`start`) |
|----------------|------------------------------------------|---------------------|
| EventChanged   | − what it held before                    | + what it holds now |
| EventCancelled | − what it held (it was scheduled)        |                     |
| EventDeleted   | − what it held (nothing once cancelled)  |                     |

A change within one month (and without a cancellation or a restored date) moves nothing. An RSVP withdrawn from
a cancelled event counts nothing (the cancellation took it away already).

Delivery order does not matter: every bus event adds fixed amounts (ADD commutes), so the months are right once
all are counted, whatever the queue's order. What matters is that each amount agrees with one order of the
writes: an RSVP's transaction is conditioned on the event's sequence (the start and status it read), and a
move's or a cancellation's on the seat counts it carries; either loses and is read again. So an RSVP made
while its event moves is counted in the month it was made for, and the move takes it along, or it is made
after the move, in the new month; never both, never neither.

AssociationsFollowed (a subscription's write that starts following associations) adds 1 to `followers`, new
followers, in the month it happened, for each association named.

Digest recipients reached (`reached`: people whose digest carried at least one of the association's events or
announcements) are counted by the digest planner itself, in the month the digest is planned, once per digest
period and association (a marker per period and association, written with the counter: a re-run counts nothing).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Protocol
from zoneinfo import ZoneInfo

from hromada.auth import Principal
from hromada.errors import Forbidden, NotFound

PARIS = ZoneInfo("Europe/Paris")
COUNTERS = ("events", "registrations", "confirmed", "reached", "followers")
MONTHS = 12  # the last 12 months, the current one included
AHEAD = 12  # and up to 12 months ahead: the upcoming events already announced
KINDS = ("EventPublished", "EventCancelled", "RsvpConfirmed", "RsvpWaitlisted", "RsvpWithdrawn", "WaitlistPromoted",
         "AssociationsFollowed", "EventChanged", "EventDeleted")
SCHEDULED = "scheduled"


@dataclass(frozen=True)
class Change:
    association_id: str
    month: str  # yyyy-mm
    adds: dict[str, int]


def month_of(instant: str) -> str:
    moment = datetime.fromisoformat(instant.replace("Z", "+00:00"))
    return moment.astimezone(PARIS).strftime("%Y-%m")


def changes(kind: str, detail: dict[str, Any]) -> list[Change]:
    """What a bus event adds to the figures; nothing for an event of another kind (or without what it needs)."""
    if kind == "AssociationsFollowed":  # new followers, in the month they started following
        at, ids = detail.get("at"), detail.get("association_ids") or []
        return [Change(str(a), month_of(str(at)), {"followers": 1}) for a in sorted(set(ids)) if a] if at else []
    association_id, start = detail.get("association_id"), detail.get("start")
    if kind not in KINDS or not association_id or not start:
        return []
    if kind in ("EventChanged", "EventCancelled", "EventDeleted"):
        return _event_changes(kind, str(association_id), str(start), detail)
    adds: dict[str, int]
    if kind == "EventPublished":
        adds = {"events": 1}
    elif kind == "RsvpConfirmed":
        adds = {"registrations": 1, "confirmed": 1}
    elif kind == "RsvpWaitlisted":
        adds = {"registrations": 1}
    elif kind == "RsvpWithdrawn":
        if detail.get("status", SCHEDULED) != SCHEDULED:
            return []  # its event's cancellation took its registrations away already
        adds = {"registrations": -1} | ({"confirmed": -1} if detail.get("held_seat") else {})
    else:
        adds = {"confirmed": int(detail.get("promoted") or 0)}
    adds = {k: v for k, v in adds.items() if v}
    return [Change(str(association_id), month_of(str(start)), adds)] if adds else []


def holds(status: str, confirmed: int, waiting: int, *, occurrence: bool = False) -> dict[str, int]:
    """What an event adds to its month in this state: a scheduled event is held, a cancelled one is not."""
    if status != SCHEDULED:
        return {}
    return {"events": 0 if occurrence else 1, "registrations": confirmed + waiting, "confirmed": confirmed}


def _event_changes(kind: str, association_id: str, start: str, detail: dict[str, Any]) -> list[Change]:
    if "confirmed" not in detail:  # staged before the counts were carried (in flight during a deployment)
        return [Change(association_id, month_of(start), {"events": -1})] if kind == "EventCancelled" else []
    seats = int(detail.get("confirmed") or 0), int(detail.get("waiting") or 0)
    occurrence = bool(detail.get("occurrence"))
    status = str(detail.get("status") or SCHEDULED)
    if kind == "EventChanged":
        before_start = str(detail.get("previous_start") or start)
        before = holds(str(detail.get("previous_status") or status), *seats, occurrence=occurrence)
        after = holds(status, *seats, occurrence=occurrence)
    else:  # cancelled (it was scheduled: a cancelled event cannot be cancelled again) or deleted
        before_start = start
        before = holds(SCHEDULED if kind == "EventCancelled" else status, *seats, occurrence=occurrence)
        after = {}
    moves: dict[str, dict[str, int]] = {}
    for month, adds, sign in ((month_of(before_start), before, -1), (month_of(start), after, 1)):
        into = moves.setdefault(month, {})
        for name, value in adds.items():
            into[name] = into.get(name, 0) + sign * value
    return [Change(association_id, month, kept) for month, adds in sorted(moves.items())
            if (kept := {k: v for k, v in adds.items() if v})]


def moves_figures(before_start: str, before_status: str, after_start: str, after_status: str) -> bool:
    """Whether a change moves what the event holds (another month, or cancelled/restored): then its bus event
    carries the seat counts, and its write is conditioned on them."""
    return before_status != after_status or month_of(before_start) != month_of(after_start)


def carried(confirmed: int, waiting: int, *, occurrence: bool) -> dict[str, Any]:
    """The seat counts an event-level bus event carries for the figures (never who)."""
    return {"confirmed": confirmed, "waiting": waiting} | ({"occurrence": True} if occurrence else {})


def shift(month: str, by: int) -> str:
    year, number = int(month[:4]), int(month[5:7]) - 1 + by
    return f"{year + number // 12:04d}-{number % 12 + 1:02d}"


@dataclass(frozen=True)
class MonthFigures:
    month: str
    events: int
    registrations: int
    confirmed: int
    attendance: int | None  # past months only: the confirmed registrations of their events
    reached: int = 0  # digest recipients whose letter carried one of its items, that month
    followers: int = 0  # people who started following it that month


@dataclass(frozen=True)
class Figures:
    association_id: str
    months: list[MonthFigures]  # oldest first, the current month last
    upcoming_events: int  # in the months after the current one
    upcoming_registrations: int
    totals: dict[str, int] = field(default_factory=dict)


class FiguresStore(Protocol):
    def read(self, association_id: str, editor_email: str | None, first: str, last: str
             ) -> tuple[bool, bool, dict[str, dict[str, int]]]:
        """(the association exists, `editor_email` edits it, counters by month from `first` to `last`): one Query."""

    def count(self, outbox_id: str, changes: list[Change]) -> bool:
        """Add the changes once per outbox id; False when this event was counted already."""


class AssociationFigures:
    def __init__(self, store: FiguresStore, now: Callable[[], datetime] = lambda: datetime.now(UTC)):
        self.store = store
        self.now = now

    def count(self, outbox_id: str, kind: str, detail: dict[str, Any]) -> bool:
        found = changes(kind, detail)
        return bool(found) and self.store.count(outbox_id, found)

    def count_reach(self, digest_key: str, reach: dict[str, int], now: datetime) -> int:
        """A digest's recipients per association, counted once per digest period (`digest:<frequency>:<period>`)
        and association; returns how many associations were counted now."""
        month = now.astimezone(PARIS).strftime("%Y-%m")
        return sum(self.store.count(f"{digest_key}:{association_id}", [Change(association_id, month, {"reached": n})])
                   for association_id, n in sorted(reach.items()) if n > 0)

    def of(self, principal: Principal, association_id: str) -> Figures:
        """For the association's owner and editors (and admins); nothing is shown before the check."""
        current = self.now().astimezone(PARIS).strftime("%Y-%m")
        first, last = shift(current, 1 - MONTHS), shift(current, AHEAD)
        asking = None if principal.is_admin or not principal.email_verified else principal.email
        exists, edits, stored = self.store.read(association_id, asking, first, last)
        if not exists:
            raise NotFound("association_not_found")
        if not principal.is_admin:
            principal.require_verified_email()
            if not edits:
                raise Forbidden()
        months = []
        for back in range(MONTHS - 1, -1, -1):
            month = shift(current, -back)
            counters = stored.get(month, {})
            values = {name: max(0, int(counters.get(name, 0))) for name in COUNTERS}
            months.append(MonthFigures(month=month, **values,
                                       attendance=values["confirmed"] if month < current else None))
        ahead = [stored.get(m, {}) for m in stored if m > current]
        return Figures(
            association_id=association_id, months=months,
            upcoming_events=sum(max(0, int(c.get("events", 0))) for c in ahead),
            upcoming_registrations=sum(max(0, int(c.get("registrations", 0))) for c in ahead),
            totals={name: sum(getattr(m, name) for m in months) for name in COUNTERS})
