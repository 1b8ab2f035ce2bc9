"""Every route of template.yaml has its authorization matrix (a test_authorization_<area>.py's MATRIX)."""

from __future__ import annotations

import importlib
from pathlib import Path

from infra.template import Template

ROLES = ["anonymous", "member", "other_editor", "editor", "owner", "moderator", "admin"]


def matrices() -> dict[str, list[int]]:
    merged: dict[str, list[int]] = {}
    for path in sorted(Path(__file__).parent.glob("test_authorization_*.py")):
        module = importlib.import_module(f"tests.integration.{path.stem}")
        assert module.ROLES == ROLES, path.name
        # A matrix is route → statuses, or (one module for several kinds, e.g. twinning) kind → that.
        parts = module.MATRIX.values() if all(isinstance(v, dict) for v in module.MATRIX.values()) else [module.MATRIX]
        for part in parts:
            overlap = set(merged) & set(part)
            assert not overlap, f"{path.name} repeats {overlap}"
            merged |= part
    return merged


def test_every_route_of_the_template_has_an_authorization_matrix():
    assert {route.key for route in Template().routes()} == set(matrices())


def test_every_matrix_row_has_one_status_per_role():
    assert all(len(row) == len(ROLES) for row in matrices().values())
