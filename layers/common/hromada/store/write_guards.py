"""The write guard of the request being served (abuse quotas, the writer's suspension and erasure) rides
in the request's first TransactWriteItems, so a write costs one round trip, not two.

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

from hromada.domain.rate_limits import AccountErased, QuotaExceeded, Suspended, WriteGuard, refusal
from hromada.store import keys
from hromada.store.client import table_name

MAX_TRANSACT_ITEMS = 100  # DynamoDB's limit per TransactWriteItems


@dataclass
class _Staged:
    guard: WriteGuard
    spent: bool = False


_staged: ContextVar[_Staged | None] = ContextVar("write_guard", default=None)


def _key(key: dict[str, str]) -> dict[str, Any]:
    return {k: {"S": v} for k, v in key.items()}


def guard_items(guard: WriteGuard) -> list[tuple[Callable[[], Exception], dict[str, Any]]]:
    """(what a failure of the item means, the transaction item): one conditional ADD per quota, then the
    writer's ConditionChecks."""
    table = table_name()
    items: list[tuple[Callable[[], Exception], dict[str, Any]]] = [
        (lambda i=i: QuotaExceeded(i), {"Update": {
            "TableName": table, "Key": _key(keys.quota(q.subject, guard.window)),
            "UpdateExpression": "ADD hits :one SET expires_at = :expires",
            "ConditionExpression": "attribute_not_exists(hits) OR hits < :limit",
            "ExpressionAttributeValues": {":one": {"N": "1"}, ":limit": {"N": str(q.limit)},
                                          ":expires": {"N": str(guard.expires_at)}}}})
        for i, q in enumerate(guard.quotas)]
    writer = guard.writer
    if writer is None or writer.erasing_self:
        return items
    absent = "attribute_not_exists(pk)"
    tombstone = keys.erased_account(keys.account_pseudonym(writer.user_id))
    items.append((AccountErased, {"ConditionCheck": {
        "TableName": table, "Key": _key(tombstone),
        # DynamoDB's TTL deletes late (moto never does): an expired tombstone is none
        "ConditionExpression": f"{absent} OR expires_at < :now",
        "ExpressionAttributeValues": {":now": {"N": str(guard.now)}}}}))
    items.append((Suspended, {"ConditionCheck": {"TableName": table, "Key": _key(keys.suspension(writer.user_id)),
                                                 "ConditionExpression": absent}}))
    if writer.person:
        items.append((Suspended, {"ConditionCheck": {
            "TableName": table, "Key": _key(keys.person_suspension(writer.person)), "ConditionExpression": absent}}))
    return items


@contextmanager
def guarding(guard: WriteGuard | None) -> Iterator[None]:
    """Stage the request's guard for its first transaction (nothing to stage: None)."""
    token = _staged.set(_Staged(guard) if guard is not None else None)
    try:
        yield
    finally:
        _staged.reset(token)


def failure_of(guarded: list[tuple[Callable[[], Exception], dict[str, Any]]], failed: list[int]) -> Exception:
    """What the failed guard items (indexes into `guarded`) mean: the writer's own state first (it is why the
    quota would not matter), else the first spent quota."""
    failures = [guarded[i][0]() for i in failed]
    return next((f for f in failures if not isinstance(f, QuotaExceeded)), failures[0])


class Riding:
    """The guard's items as they ride in one transaction, from index `offset` on."""

    def __init__(self, staged: _Staged | None, offset: int,
                 guarded: list[tuple[Callable[[], Exception], dict[str, Any]]] | None = None):
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
