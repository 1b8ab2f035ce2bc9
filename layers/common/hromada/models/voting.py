"""Shapes shared by elections and polls: instants, short localised texts, ids."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

from pydantic import AfterValidator, AwareDatetime

from hromada.models.association import LocalizedText
from hromada.models.common import single_line, text

EARLIEST_YEAR, LATEST_YEAR = 2020, 2200


def _utc(value: datetime) -> datetime:
    # Bounded first: converting year-9999 times with an offset would overflow.
    if not EARLIEST_YEAR <= value.year <= LATEST_YEAR:
        raise ValueError(f"a date between {EARLIEST_YEAR} and {LATEST_YEAR}")
    return value.astimezone(UTC)


Instant = Annotated[AwareDatetime, AfterValidator(_utc)]


def iso(value: datetime) -> str:
    """The storage format (UTC, milliseconds, Z), the same as domain.clock.utc_now()."""
    return value.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def parse_iso(value: str) -> datetime:
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


ShortText = text(1, 300)
ShortLine = single_line(1, 300)


class StoredTitle(LocalizedText):
    """A title as stored: read back as it was written (one written before titles had to fit on one line
    still loads; the mail side flattens it)."""

    fr: ShortText = None  # type: ignore[assignment]
    uk: ShortText = None  # type: ignore[assignment]
    en: ShortText = None  # type: ignore[assignment]


class LocalizedTitle(StoredTitle):
    """A title or question in fr, uk and/or en (at least one), 300 characters each at most, on one line."""

    fr: ShortLine = None  # type: ignore[assignment]
    uk: ShortLine = None  # type: ignore[assignment]
    en: ShortLine = None  # type: ignore[assignment]
