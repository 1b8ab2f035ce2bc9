"""Helpers for the campaigns tests: a campaign body whose window holds the events of tests.conftest.event_body."""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from typing import Any


def campaign_body(first: int = 20, last: int = 40, **overrides: Any) -> dict[str, Any]:
    """A one-off campaign from `first` to `last` days from now (event_body's default is 30 days ahead)."""
    today = date.today()
    body: dict[str, Any] = {
        "slug": f"campaign-{uuid.uuid4().hex[:10]}",
        "name": {"fr": "Journée de la vychyvanka", "uk": "День вишиванки", "en": "Vyshyvanka Day"},
        "description": {"fr": "Portez la **vychyvanka**.", "uk": "Одягніть вишиванку."},
        "start": (today + timedelta(days=first)).isoformat(),
        "end": (today + timedelta(days=last)).isoformat(),
    }
    body.update(overrides)
    return body
