"""The write guard of the request being served (abuse quotas, then the writer's erasure and suspension: see
refuse_suspended) rides in the request's first TransactWriteItems, so a write costs one round trip, not two.

hromada.api stages the guard around the resolver; store.errors.call appends its items after the
transaction's own items (and the outbox's), so the stores' indexes of their own failed conditions do not
move, and turns a failed guard item into the refusal (429, 403, 401). Nothing is counted when the write is
cancelled: a refused or conflicting write spends no quota. A write that is not a transaction (PutItem,
UpdateItem, DeleteItem, BatchWriteItem), or a route with costly work before its write, spends the guard
first in a transaction of its own (`spend_now`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from hromada.domain import suspension
from hromada.domain.rate_limits import QuotaExceeded, WriteGuard, refusal
from hromada.domain.suspension import AccountErased, Suspended, Writer
from hromada.store import keys
from hromada.store.client import table_name

MAX_TRANSACT_ITEMS = 100  # DynamoDB's limit per TransactWriteItems
_ABSENT = "attribute_not_exists(pk)"


@dataclass
class _Staged:
    guard: WriteGuard
    spent: bool = False


_staged: ContextVar[_Staged | None] = ContextVar("write_guard", default=None)


def _key(key: dict[str, str]) -> dict[str, Any]:
    return {k: {"S": v} for k, v in key.items()}


Guarded = list[tuple[Callable[[], Exception], dict[str, Any]]]  # (what a failed item means, the item)


def guard_items(guard: WriteGuard) -> Guarded:
    """The guard's transaction items: one conditional ADD per quota, then the writer's state (erased,
    suspended) as ConditionChecks. The order is fixed: failure_of reads failures by index."""
    items = quota_items(guard)
    if suspension.checked(guard.writer):
        items += refuse_erased(guard.writer, guard.now) + refuse_suspended(guard.writer)
    return items


def quota_items(guard: WriteGuard) -> Guarded:
    """One hit on each quota of this window, refused (QuotaExceeded(i)) once quota i is spent."""
    table = table_name()
    return [
        (lambda i=i: QuotaExceeded(i), {"Update": {
            "TableName": table, "Key": _key(keys.quota(q.subject, guard.window)),
            "UpdateExpression": "ADD hits :one SET expires_at = :expires",
            "ConditionExpression": "attribute_not_exists(hits) OR hits < :limit",
            "ExpressionAttributeValues": {":one": {"N": "1"}, ":limit": {"N": str(q.limit)},
                                          ":expires": {"N": str(guard.expires_at)}}}})
        for i, q in enumerate(guard.quotas)]


def refuse_erased(writer: Writer, now: int) -> Guarded:
    """No tombstone of the writer's erased account (AccountErased: 401)."""
    tombstone = keys.erased_account(keys.account_pseudonym(writer.user_id))
    return [(AccountErased, {"ConditionCheck": {
        "TableName": table_name(), "Key": _key(tombstone),
        # DynamoDB's TTL deletes late (moto never does): an expired tombstone is none
        "ConditionExpression": f"{_ABSENT} OR expires_at < :now",
        "ExpressionAttributeValues": {":now": {"N": str(now)}}}})]


def refuse_suspended(writer: Writer) -> Guarded:
    """No suspension of the writer's account, nor of the person behind their verified address (Suspended:
    403). ConditionChecks in the write's own transaction: a suspended writer costs no read of its own."""
    markers = [keys.suspension(writer.user_id)]
    if writer.person:
        markers.append(keys.person_suspension(writer.person))
    return [(Suspended, {"ConditionCheck": {"TableName": table_name(), "Key": _key(marker),
                                            "ConditionExpression": _ABSENT}})
            for marker in markers]


@contextmanager
def guarding(guard: WriteGuard | None) -> Iterator[None]:
    """Stage the request's guard for its first transaction (nothing to stage: None)."""
    token = _staged.set(_Staged(guard) if guard is not None else None)
    try:
        yield
    finally:
        _staged.reset(token)


def failure_of(guarded: Guarded, failed: list[int]) -> Exception:
    """What the failed guard items (indexes into `guarded`) mean: the writer's own state first (it is why the
    quota would not matter), else the first spent quota."""
    failures = [guarded[i][0]() for i in failed]
    return next((f for f in failures if not isinstance(f, QuotaExceeded)), failures[0])


class Riding:
    """The guard's items as they ride in one transaction, from index `offset` on."""

    def __init__(self, staged: _Staged | None, offset: int, guarded: Guarded | None = None):
        self.staged, self.offset = staged, offset
        self.guarded = guarded or []
        self.items = [item for _, item in self.guarded]

    def refusal(self, failed: list[int]) -> Exception | None:
        """The refusal when a guard item failed; None when only the transaction's own items failed."""
        mine = [i - self.offset for i in failed if i >= self.offset]
        if not mine or self.staged is None:
            return None
        return refusal(self.staged.guard, failure_of(self.guarded, mine))

    def spent(self) -> None:
        if self.staged is not None:
            self.staged.spent = True


def riding(own_items: int) -> Riding:
    """The unspent guard, to append to a transaction of `own_items` items. A transaction too full to carry
    it spends the guard first, on its own."""
    staged = _staged.get()
    if staged is None or staged.spent:
        return Riding(None, own_items)
    guarded = guard_items(staged.guard)
    if own_items + len(guarded) > MAX_TRANSACT_ITEMS:
        spend_now()
        return Riding(None, own_items)
    return Riding(staged, own_items, guarded)


def spend_now() -> None:
    """Spend the unspent guard in a call of its own: before a write that is not a transaction, or before
    costly work (re-encoding a picture) that a refused writer must not get."""
    staged = _staged.get()
    if staged is None or staged.spent:
        return
    from hromada.domain.rate_limits import check_write
    from hromada.store.rate_limits import DynamoQuotaStore

    guard = staged.guard
    staged.spent = True
    check_write(DynamoQuotaStore(), list(guard.quotas), guard.now, writer=guard.writer)
