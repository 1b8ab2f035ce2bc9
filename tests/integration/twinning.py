"""Request bodies and helpers shared by the partnership and initiative integration tests."""

from __future__ import annotations

import uuid
from typing import Any


def proposal_body(**overrides: Any) -> dict[str, Any]:
    """A valid proposal with a territorial body as partner; titles are unique so tests can find theirs."""
    body = {
        "title": f"Occitanie – Lviv {uuid.uuid4().hex[:8]}",
        "description": {"fr": "Échanges culturels et agricoles.", "uk": "Культурні та аграрні обміни."},
        "french": {"region": "76", "department": "31", "commune": "Toulouse", "postal_code": "31000"},
        "ukrainian": {"oblast": "UA-46", "hromada": "Lvivska miska hromada"},
        "partner": {"name": "Lviv Oblast Council"},
        "domains": ["culture", "agriculture"],
        "contacts": [{"name": "Oksana Koval", "role": "Coordinatrice", "email": "oksana@example.org"}],
        "documents": [{"title": "Lettre d'intention", "url": "https://example.org/lettre.pdf"}],
        "milestones": [{"date": "2026-03-01", "title": "Visite à Lviv", "done": True},
                       {"date": "2026-09-15", "title": "Signature"}],
    }
    body.update(overrides)
    return body


def initiative_body(**overrides: Any) -> dict[str, Any]:
    body = {
        "kind": "need",
        "title": f"Station de traitement de l'eau {uuid.uuid4().hex[:8]}",
        "description": {"uk": "Громаді потрібне обладнання для очищення води.",
                        "fr": "La hromada a besoin d'équipement de traitement de l'eau."},
        "domain": "reconstruction",
        "oblast": "UA-48",
        "hromada": "Mykolaivska miska hromada",
    }
    body.update(overrides)
    return body


def all_pages(api: Any, path: str, who: Any = None, **params: Any) -> list[dict[str, Any]]:
    """Every item of a listing, following the cursors."""
    items: list[dict[str, Any]] = []
    cursor = None
    while True:
        response = api("GET", path, who, params={**params, **({"cursor": cursor} if cursor else {})})
        assert response.status_code == 200, response.text
        page = response.json()
        items += page["items"]
        cursor = page["next_cursor"]
        if not cursor:
            return items
