"""Abuse limits on writes: per signed-in person and per client address, in fixed one-minute windows."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Protocol

from hromada.auth import Principal
from hromada.errors import Forbidden, TooManyRequests

WINDOW_SECONDS = 60


@dataclass(frozen=True)
class Quota:
    subject: str  # "user:<hash>" or "ip:<hash>" - hashed: counters need no readable address or id
    limit: int


class QuotaExceeded(Exception):
    def __init__(self, index: int):
        self.index = index
        super().__init__(index)


class Suspended(Exception):
    """The writer's account is suspended by an administrator."""


class QuotaStore(Protocol):
    def consume(self, quotas: list[Quota], window: int, expires_at: int) -> None:
        """Count one hit on every quota atomically; QuotaExceeded(i) if quota i is spent (nothing counted).
        Given `not_suspended=<user id>`, also Suspended if that user is suspended (nothing counted)."""


def _hashed(kind: str, value: str) -> str:
    return f"{kind}:{hashlib.sha256(value.encode()).hexdigest()[:24]}"


def quotas_for(principal: Principal | None, source_ip: str | None, per_user: int, per_ip: int) -> list[Quota]:
    quotas = []
    if principal is not None and per_user > 0:
        quotas.append(Quota(_hashed("user", principal.user_id), per_user))
    if source_ip and per_ip > 0:
        quotas.append(Quota(_hashed("ip", source_ip), per_ip))
    return quotas


def check_write(store: QuotaStore, quotas: list[Quota], now: float, *, user_id: str | None = None) -> None:
    """Raise 429 with the seconds until the window turns when any quota is spent; 403 when `user_id` (the
    signed-in writer) is suspended - checked in the same call as the quotas, so it costs no round trip."""
    if not quotas and user_id is None:
        return
    window = int(now) // WINDOW_SECONDS * WINDOW_SECONDS
    extra = {"not_suspended": user_id} if user_id is not None else {}
    try:
        store.consume(quotas, window, expires_at=window + 2 * WINDOW_SECONDS, **extra)
    except Suspended as suspended:
        raise Forbidden("account_suspended") from suspended
    except QuotaExceeded as exceeded:
        retry_after = max(1, window + WINDOW_SECONDS - int(now))
        scope = quotas[exceeded.index].subject.split(":", 1)[0]
        raise TooManyRequests(retry_after=retry_after, scope=scope) from exceeded
