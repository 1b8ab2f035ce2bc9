"""An association's figures over time, as the API shows them to its owner and editors."""

from __future__ import annotations

from hromada.models.common import Model


class MonthFiguresOut(Model):
    """One month (yyyy-mm, Paris time): its events, their registrations and confirmed seats; attendance (past
    months only) is the confirmed seats, there being no check-in; reached: digest recipients whose letter carried
    one of its items; followers: people who started following it."""

    month: str
    events: int
    registrations: int
    confirmed: int
    attendance: int | None
    reached: int
    followers: int


class FiguresOut(Model):
    """The last 12 months, oldest first; then what is announced for the months after."""

    association_id: str
    months: list[MonthFiguresOut]
    upcoming_events: int
    upcoming_registrations: int
