"""Helpers for the volunteer shifts tests: a project seeking volunteers, shift bodies."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any


def project_body(**overrides: Any) -> dict[str, Any]:
    body = {"type": "project", "title": {"fr": f"Collecte {uuid.uuid4().hex[:6]}", "uk": "Збір допомоги"},
            "body": {"fr": "Nous cherchons des bénévoles."}, "categories": ["culture"], "region": "76",
            "needs": ["volunteers"]}
    body.update(overrides)
    return body


def shift_body(days: int = 10, **overrides: Any) -> dict[str, Any]:
    day = (datetime.now(UTC) + timedelta(days=days)).date().isoformat()
    body = {"date": day, "start_time": "09:00", "end_time": "12:30", "people": 3,
            "place": {"address": "12 rue de la Paix, Toulouse", "region": "76", "department": "31"},
            "task": {"fr": "Trier les dons", "uk": "Сортувати пожертви"}}
    body.update(overrides)
    return body


def new_project(api: Any, new_association: Any, **association: Any) -> tuple[dict[str, Any], Any, dict[str, Any]]:
    """A verified association (its contact published) and one of its projects seeking volunteers."""
    created, owner = new_association(verified=True, **association)
    project = api("POST", f"/associations/{created['id']}/announcements", owner, json=project_body())
    assert project.status_code == 201, project.text
    return created, owner, project.json()


def new_shift(api: Any, owner: Any, project: dict[str, Any], **overrides: Any) -> dict[str, Any]:
    made = api("POST", f"/announcements/{project['id']}/shifts", owner, json=shift_body(**overrides))
    assert made.status_code == 201, made.text
    return made.json()
