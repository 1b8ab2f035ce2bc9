from __future__ import annotations

import pytest

from hromada.auth import Principal
from hromada.domain.rate_limits import (
    AccountErased,
    Quota,
    QuotaExceeded,
    Suspended,
    Writer,
    check_write,
    quotas_for,
)
from hromada.errors import Forbidden, TooManyRequests, Unauthorized


class CountingStore:
    def __init__(self) -> None:
        self.hits: dict[tuple[str, int], int] = {}

    def consume(self, quotas: list[Quota], window: int, expires_at: int) -> None:
        for index, quota in enumerate(quotas):
            if self.hits.get((quota.subject, window), 0) >= quota.limit:
                raise QuotaExceeded(index)
        for quota in quotas:
            self.hits[(quota.subject, window)] = self.hits.get((quota.subject, window), 0) + 1


PERSON = Principal("sub-1", "a@example.org", True, frozenset())


def test_quotas_hash_who_and_where():
    quotas = quotas_for(PERSON, "203.0.113.9", per_user=5, per_ip=50)
    assert [q.limit for q in quotas] == [5, 50]
    assert quotas[0].subject.startswith("user:") and "sub-1" not in quotas[0].subject
    assert quotas[1].subject.startswith("ip:") and "203.0.113.9" not in quotas[1].subject
    assert quotas_for(None, None, 5, 50) == []
    assert quotas_for(PERSON, "203.0.113.9", 0, 0) == []


def test_limit_then_retry_after_until_the_window_turns():
    store = CountingStore()
    quotas = quotas_for(PERSON, "203.0.113.9", per_user=2, per_ip=50)
    check_write(store, quotas, now=1_000_000.0)
    check_write(store, quotas, now=1_000_010.0)
    with pytest.raises(TooManyRequests) as refused:
        check_write(store, quotas, now=1_000_015.0)
    window_end = 1_000_000 // 60 * 60 + 60
    assert refused.value.params == {"retry_after": window_end - 1_000_015, "scope": "user"}
    check_write(store, quotas, now=window_end + 1.0)  # a new window


def test_a_refused_write_counts_on_no_quota():
    store = CountingStore()
    quotas = quotas_for(PERSON, "203.0.113.9", per_user=10, per_ip=1)
    check_write(store, quotas, now=60.0)
    with pytest.raises(TooManyRequests) as refused:
        check_write(store, quotas, now=61.0)
    assert refused.value.params["scope"] == "ip"
    assert store.hits[(quotas[0].subject, 60)] == 1


class GuardedStore(CountingStore):
    """The writer's checks as the DynamoDB store runs them: in the same call as the quotas."""

    def __init__(self, suspended: set[str] = frozenset(), erased: dict[str, int] | None = None) -> None:
        super().__init__()
        self.suspended, self.erased = suspended, erased or {}

    def consume(self, quotas, window, expires_at, *, writer=None, now=0):
        if writer is not None and not writer.erasing_self:
            if self.erased.get(writer.user_id, 0) >= now:
                raise AccountErased()
            if {writer.user_id, writer.person} & self.suspended:
                raise Suspended()
        super().consume(quotas, window, expires_at)


def test_an_erased_account_writes_nothing_until_its_tokens_expire():
    store = GuardedStore(erased={"sub-1": 1_000_000 + 3900})
    quotas = quotas_for(PERSON, "203.0.113.9", per_user=10, per_ip=10)
    with pytest.raises(Unauthorized) as refused:
        check_write(store, quotas, now=1_000_000.0, writer=Writer("sub-1"))
    assert refused.value.code == "account_erased" and store.hits == {}
    check_write(store, quotas, now=1_000_000.0, writer=Writer("sub-1", erasing_self=True))  # erasing again
    check_write(store, quotas, now=1_003_901.0, writer=Writer("sub-1"))  # the tombstone expired


def test_a_suspended_person_is_refused_under_a_new_account():
    store = GuardedStore(suspended={"pseudonym-of-olena"})
    with pytest.raises(Forbidden) as refused:
        check_write(store, [], now=60.0, writer=Writer("sub-new", person="pseudonym-of-olena"))
    assert refused.value.code == "account_suspended"
    check_write(store, [], now=60.0, writer=Writer("sub-new", person="pseudonym-of-olena", erasing_self=True))


class ConflictThenOk:
    """A DynamoDB client whose transaction is cancelled by `conflicts` concurrent ones, then goes through."""

    def __init__(self, conflicts: int, code: str = "TransactionConflict") -> None:
        self.conflicts, self.code, self.calls = conflicts, code, 0

    def transact_write_items(self, TransactItems):
        from botocore.exceptions import ClientError

        self.calls += 1
        if self.calls <= self.conflicts:
            raise ClientError({"Error": {"Code": "TransactionCanceledException", "Message": "cancelled"},
                               "CancellationReasons": [{"Code": self.code} for _ in TransactItems]},
                              "TransactWriteItems")


def test_conflicting_quota_transactions_are_retried_after_full_jitter_pauses(environ):
    from hromada.store import errors as retrying
    from hromada.store import rate_limits as store_module

    environ(TABLE_NAME="t")
    pauses: list[float] = []
    client = ConflictThenOk(conflicts=retrying.ATTEMPTS - 1)
    store_module.DynamoQuotaStore(client, sleep=pauses.append).consume([Quota("ip:x", 5)], 60, 180)
    assert client.calls == retrying.ATTEMPTS
    caps = [min(retrying.MAX_DELAY, retrying.BASE_DELAY * 2 ** a) for a in range(len(pauses))]
    assert all(0 <= p <= cap for p, cap in zip(pauses, caps, strict=True))
    assert len(set(pauses)) > 1  # drawn, not fixed
    assert isinstance(retrying._random, __import__("random").SystemRandom)  # not a snapshot-cloned seed


def test_quota_conflicts_that_never_clear_answer_503_and_refusals_are_not_retried(environ):
    from hromada.errors import Unavailable
    from hromada.store import errors as retrying
    from hromada.store import rate_limits as store_module

    environ(TABLE_NAME="t")
    endless = ConflictThenOk(conflicts=100)
    with pytest.raises(Unavailable):
        store_module.DynamoQuotaStore(endless, sleep=lambda _: None).consume([Quota("ip:x", 5)], 60, 180)
    assert endless.calls == retrying.ATTEMPTS
    spent = ConflictThenOk(conflicts=100, code="ConditionalCheckFailed")
    with pytest.raises(QuotaExceeded):
        store_module.DynamoQuotaStore(spent, sleep=lambda _: None).consume([Quota("ip:x", 5)], 60, 180)
    assert spent.calls == 1
