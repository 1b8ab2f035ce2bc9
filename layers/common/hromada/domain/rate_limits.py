"""Abuse limits on writes: per signed-in person and per client address, in fixed one-minute windows."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Protocol

from hromada.auth import Principal
from hromada.errors import Forbidden, TooManyRequests, Unauthorized

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
    """The writer (their account, or the person behind their verified address) is suspended."""


class AccountErased(Exception):
    """The writer's account was erased; its tokens stay valid for up to their lifetime."""


@dataclass(frozen=True)
class Writer:
    """The signed-in writer, as the checks riding in the quota's transaction need them."""

    user_id: str
    person: str | None = None  # the pseudonym of their verified address (a suspension outlives the account)
    erasing_self: bool = False  # DELETE /me: allowed to the suspended and the already erased (idempotent)


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


def check_write(store: QuotaStore, quotas: list[Quota], now: float, *, writer: Writer | None = None) -> None:
    """Raise 429 with the seconds until the window turns when any quota is spent; 403 when the signed-in
    writer is suspended, 401 when their account was erased - checked in the same call as the quotas, so it
    costs no round trip."""
    if not quotas and (writer is None or writer.erasing_self):
        return
    window = int(now) // WINDOW_SECONDS * WINDOW_SECONDS
    extra = {"writer": writer, "now": int(now)} if writer is not None else {}
    try:
        store.consume(quotas, window, expires_at=window + 2 * WINDOW_SECONDS, **extra)
    except AccountErased as erased:
        raise Unauthorized("account_erased") from erased
    except Suspended as suspended:
        raise Forbidden("account_suspended") from suspended
    except QuotaExceeded as exceeded:
        retry_after = max(1, window + WINDOW_SECONDS - int(now))
        scope = quotas[exceeded.index].subject.split(":", 1)[0]
        raise TooManyRequests(retry_after=retry_after, scope=scope) from exceeded
