"""Abuse limits on writes: per signed-in person and per client address, in fixed one-minute windows.

A write's guard carries both these quotas and its writer, whose state (suspended, erased) is
domain.suspension's rule: one transaction checks both, each failure keeps its own answer."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Protocol

from hromada.auth import Principal
from hromada.domain import suspension
from hromada.domain.suspension import AccountErased, Suspended, Writer
from hromada.errors import TooManyRequests

WINDOW_SECONDS = 60


@dataclass(frozen=True)
class Quota:
    subject: str  # "user:<hash>" or "ip:<hash>" - hashed: counters need no readable address or id
    limit: int


class QuotaExceeded(Exception):
    def __init__(self, index: int):
        self.index = index
        super().__init__(index)


class QuotaStore(Protocol):
    def consume(self, quotas: list[Quota], window: int, expires_at: int) -> None:
        """Count one hit on every quota atomically; QuotaExceeded(i) if quota i is spent (nothing counted).
        Given `writer=Writer(...)` and `now`, also Suspended / AccountErased when the writer is (nothing
        counted)."""


def _hashed(kind: str, value: str) -> str:
    return f"{kind}:{hashlib.sha256(value.encode()).hexdigest()[:24]}"


def quotas_for(principal: Principal | None, source_ip: str | None, per_user: int, per_ip: int) -> list[Quota]:
    quotas = []
    if principal is not None and per_user > 0:
        quotas.append(Quota(_hashed("user", principal.user_id), per_user))
    if source_ip and per_ip > 0:
        quotas.append(Quota(_hashed("ip", source_ip), per_ip))
    return quotas


@dataclass(frozen=True)
class WriteGuard:
    """What a write request must pass, described without I/O: the quotas it counts against in this window
    and the writer whose state (suspended, erased) is checked. The store makes these conditions ride in
    the request's own transaction, so they cost no round trip of their own."""

    quotas: tuple[Quota, ...]
    writer: Writer | None
    now: int
    window: int
    expires_at: int


def write_guard(quotas: list[Quota], now: float, *, writer: Writer | None = None) -> WriteGuard | None:
    """The guard of a write request; None when nothing is to be counted or checked."""
    if not quotas and not suspension.checked(writer):
        return None
    window = int(now) // WINDOW_SECONDS * WINDOW_SECONDS
    return WriteGuard(tuple(quotas), writer, int(now), window, window + 2 * WINDOW_SECONDS)


def refusal(guard: WriteGuard, failure: Exception) -> Exception:
    """The answer to a failed guard: the writer's own refusal (domain.suspension: 401 erased, 403 suspended),
    or 429 with the seconds until the window turns for a spent quota."""
    refused = suspension.refusal(failure)
    if refused is not None:
        return refused
    if isinstance(failure, QuotaExceeded):
        retry_after = max(1, guard.window + WINDOW_SECONDS - guard.now)
        scope = guard.quotas[failure.index].subject.split(":", 1)[0]
        return TooManyRequests(retry_after=retry_after, scope=scope)
    return failure


def check_write(store: QuotaStore, quotas: list[Quota], now: float, *, writer: Writer | None = None) -> None:
    """The guard on its own (one call): raise 429 with the seconds until the window turns when any quota is
    spent; 403 when the signed-in writer is suspended, 401 when their account was erased."""
    guard = write_guard(quotas, now, writer=writer)
    if guard is None:
        return
    extra = {"writer": writer, "now": guard.now} if writer is not None else {}
    try:
        store.consume(list(guard.quotas), guard.window, expires_at=guard.expires_at, **extra)
    except (AccountErased, Suspended, QuotaExceeded) as failure:
        raise refusal(guard, failure) from failure
