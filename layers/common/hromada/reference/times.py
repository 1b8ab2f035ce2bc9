"""Instants and time zones: UTC ISO-8601 in storage, the event's IANA zone for local times."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

DEFAULT_ZONE = "Europe/Paris"
ZONE_PATTERN = r"^[A-Za-z][A-Za-z0-9_+\-]*(/[A-Za-z0-9_+\-]+){0,2}$"
_ZONE = re.compile(ZONE_PATTERN)


class LocalTimeError(ValueError):
    """A wall-clock time that does not exist in its zone (the hour skipped when clocks go forward)."""


@cache
def zone(name: str) -> ZoneInfo:
    """The IANA zone; ValueError for anything else (no file paths, no POSIX TZ strings)."""
    if not _ZONE.match(name) or name.lower() in {"localtime", "posixrules"}:
        raise ValueError(f"unknown time zone {name!r}")
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError) as error:
        raise ValueError(f"unknown time zone {name!r}") from error


def iso(instant: datetime) -> str:
    """The storage format: UTC, milliseconds, Z. Strings in this format sort as instants."""
    return instant.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def parse_iso(value: str) -> datetime:
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


def to_utc(value: datetime, zone_name: str) -> datetime:
    """An aware datetime as is; a naive one read as wall-clock time in the zone."""
    if value.tzinfo is not None:
        return value.astimezone(UTC)
    tz = zone(zone_name)
    local = value.replace(tzinfo=tz)
    instant = local.astimezone(UTC)
    if instant.astimezone(tz).replace(tzinfo=None) != value:
        raise LocalTimeError(f"{value.isoformat()} does not exist in {zone_name}")
    return instant


def local(instant: str, zone_name: str) -> str:
    """The stored instant as wall-clock time with its offset in the zone, e.g. 2026-05-01T19:00:00+02:00."""
    return parse_iso(instant).astimezone(zone(zone_name)).isoformat(timespec="seconds")


def day_bound(value: date | datetime, *, end: bool, zone_name: str = DEFAULT_ZONE) -> datetime:
    """A filter bound: a date covers the whole day in the zone; a naive datetime is read in the zone."""
    if isinstance(value, datetime):
        return to_utc(value.replace(fold=0), zone_name) if value.tzinfo else _lenient_utc(value, zone_name)
    moment = datetime.combine(value + timedelta(days=1) if end else value, time.min)
    bound = _lenient_utc(moment, zone_name)
    return bound - timedelta(milliseconds=1) if end else bound


def _lenient_utc(value: datetime, zone_name: str) -> datetime:
    """For filters only: a skipped wall-clock time simply maps to the instant just after the gap."""
    return value.replace(tzinfo=zone(zone_name)).astimezone(UTC)
