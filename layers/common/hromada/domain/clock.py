"""Time and identifiers, injectable so the domain stays deterministic under test."""

from __future__ import annotations

import secrets
from datetime import UTC, datetime


def utc_now() -> str:
    """UTC ISO-8601 with milliseconds and a Z, the storage format everywhere."""
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def new_id(prefix: str) -> str:
    return f"{prefix}_{secrets.token_hex(10)}"
