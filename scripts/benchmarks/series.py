"""Recurring events in the calls measure: listings with 20 weekly series in the data (their dates are events of
their own, so a listing page is still one Query), a series' dates, one date cancelled, a series registration."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

SERIES = 20


def weekly_series(first: date, count: int = 12) -> dict[str, Any]:
    return {"title": {"fr": "Cours hebdomadaire du banc d'essai"}, "description": {"fr": "Chaque semaine."},
            "start": f"{first.isoformat()}T19:00:00", "end": f"{first.isoformat()}T21:00:00",
            "categories": ["language_class"], "capacity": 12,
            "venue": {"name": "Salle", "address": "1 rue A", "city": "Toulouse", "postal_code": "31000",
                      "department": "31", "region": "76"},
            "recurrence": {"frequency": "weekly", "count": count, "series_registration": True}}


def exercise_series(run: Callable[..., dict[str, Any]], association: str) -> None:
    first = date.today() + timedelta(days=3)
    made = [run("POST /associations/{id}/events", "owner: a weekly series (12 dates written)", "owner",
                {"id": association}, body=weekly_series(first), expect=201)]
    for i in range(1, SERIES):  # the others, outside the measure (one row says what creating one costs)
        made.append(run("POST /associations/{id}/events", f"owner: weekly series {i + 1} of {SERIES}", "owner",
                        {"id": association}, body=weekly_series(first + timedelta(days=i % 7)), expect=201))
    series_id = made[0].get("id") or "ev_00000000000000000000"
    one = {"id": series_id}
    label = f"with {SERIES} weekly series ({SERIES * 12} dates)"
    run("GET /events", f"upcoming, {label}")
    run("GET /events", f"?region=76, {label}", query="region=76")
    run("GET /events", f"?association=, {label}", query=f"association={association}&limit=50")
    run("GET /events/counts", label)
    run("GET /events/{id}/occurrences", "a series' dates (the series, then its dates in one batch)", params=one)
    run("GET /events/{id}", "a series ({id}.ics: RRULE, EXDATE)", params={"id": f"{series_id}.ics"})
    first_date = first.isoformat()
    run("POST /events/{id}/occurrences/{date}/move", "owner: one date", "owner", {"id": series_id, "date": first_date},
        body={"start": f"{first_date}T20:00:00", "end": f"{first_date}T22:00:00"})
    run("POST /events/{id}/occurrences/{date}/restore", "owner: the move undone", "owner",
        {"id": series_id, "date": first_date})
    run("POST /events/{id}/occurrences/{date}/cancel", "owner: one date", "owner",
        {"id": series_id, "date": first_date}, body={"reason": "Salle prise"})
    run("POST /events/{id}/series-registration", "member: every date (a seat in each)", "member", one, expect=201)
    run("GET /events/{id}/series-registration", "member", "member", one)
    run("DELETE /events/{id}/series-registration", "member: every place freed", "member", one, expect=204)
