"""The write guard rides in the request's first transaction: one round trip per write, refusals still exact."""

from __future__ import annotations

from typing import Any

import pytest
from botocore.exceptions import ClientError

from hromada.domain.rate_limits import Quota, Writer, write_guard
from hromada.errors import Forbidden, TooManyRequests
from hromada.store.errors import call
from hromada.store.write_guards import MAX_TRANSACT_ITEMS, guarding

NOW = 1_000_010.0
QUOTAS = [Quota("user:abc", 5), Quota("ip:def", 50)]


pytestmark = pytest.mark.usefixtures("guard_table")


class Client:
    """Records every call; a transaction fails with the given per-item reasons when `fail` is set."""

    def __init__(self, fail: dict[int, str] | None = None):
        self.calls: list[tuple[str, dict[str, Any]]] = []
        self.fail = fail

    def transact_write_items(self, **kwargs: Any) -> dict[str, Any]:
        self.calls.append(("transact_write_items", kwargs))
        if self.fail is not None:
            reasons = [{"Code": self.fail.get(i, "None")} for i in range(len(kwargs["TransactItems"]))]
            raise ClientError({"Error": {"Code": "TransactionCanceledException", "Message": "cancelled"},
                               "CancellationReasons": reasons}, "TransactWriteItems")
        return {}

    def put_item(self, **kwargs: Any) -> dict[str, Any]:
        self.calls.append(("put_item", kwargs))
        return {}


def own_items(count: int = 1) -> list[dict[str, Any]]:
    return [{"Put": {"TableName": "t", "Item": {"pk": {"S": f"THING#{i}"}, "sk": {"S": "A"}}}} for i in range(count)]


def quota_keys(items: list[dict[str, Any]]) -> list[str]:
    return [i["Update"]["Key"]["pk"]["S"] for i in items if "Update" in i]


def test_the_guard_rides_in_the_first_transaction_only():
    client = Client()
    with guarding(write_guard(QUOTAS, NOW, writer=Writer("sub-1", "person-1"))):
        call(client.transact_write_items, TransactItems=own_items(2))
        call(client.transact_write_items, TransactItems=own_items(1))
    first, second = (kwargs["TransactItems"] for _, kwargs in client.calls)
    assert first[:2] == own_items(2)  # the store's own items keep their indexes
    assert quota_keys(first) == ["QUOTA#user:abc", "QUOTA#ip:def"]
    assert len(first) == 2 + 2 + 3  # two quotas, then erased, suspended account, suspended person
    assert second == own_items(1)
    assert len(client.calls) == 2  # no round trip of its own


def test_a_spent_quota_is_429_with_retry_after_and_a_suspension_outranks_it():
    with guarding(write_guard(QUOTAS, NOW, writer=Writer("sub-1"))), pytest.raises(TooManyRequests) as refused:
        call(Client(fail={2: "ConditionalCheckFailed"}).transact_write_items, TransactItems=own_items(2))
    assert refused.value.params == {"retry_after": 10, "scope": "user"}  # the minute turns at 1,000,020
    with guarding(write_guard(QUOTAS, NOW, writer=Writer("sub-1"))), pytest.raises(Forbidden) as suspended:
        call(Client(fail={3: "ConditionalCheckFailed", 5: "ConditionalCheckFailed"}).transact_write_items,
             TransactItems=own_items(2))
    assert suspended.value.code == "account_suspended"


def test_the_stores_own_failed_conditions_reach_the_store():
    with guarding(write_guard(QUOTAS, NOW)), pytest.raises(ClientError) as lost:
        call(Client(fail={0: "ConditionalCheckFailed"}).transact_write_items, TransactItems=own_items(2))
    assert [r["Code"] for r in lost.value.response["CancellationReasons"]][:2] == ["ConditionalCheckFailed", "None"]


def test_a_cancelled_transaction_spends_nothing_so_the_next_one_carries_the_guard():
    failing, working = Client(fail={0: "ConditionalCheckFailed"}), Client()
    with guarding(write_guard(QUOTAS, NOW)):
        with pytest.raises(ClientError):
            call(failing.transact_write_items, TransactItems=own_items(1))
        call(working.transact_write_items, TransactItems=own_items(1))
    assert quota_keys(working.calls[0][1]["TransactItems"]) == ["QUOTA#user:abc", "QUOTA#ip:def"]


def test_a_single_write_spends_the_guard_first_in_a_transaction_of_its_own(monkeypatch):
    import hromada.store.rate_limits as quota_store

    client = Client()
    monkeypatch.setattr(quota_store, "dynamodb", lambda: client)
    with guarding(write_guard(QUOTAS, NOW)):
        call(client.put_item, TableName="t", Item=own_items(1)[0]["Put"]["Item"])
        call(client.transact_write_items, TransactItems=own_items(1))
    assert [name for name, _ in client.calls] == ["transact_write_items", "put_item", "transact_write_items"]
    assert quota_keys(client.calls[0][1]["TransactItems"]) == ["QUOTA#user:abc", "QUOTA#ip:def"]
    assert client.calls[2][1]["TransactItems"] == own_items(1)  # spent already: not counted twice


def test_a_full_transaction_spends_the_guard_on_its_own_first(monkeypatch):
    import hromada.store.rate_limits as quota_store

    client = Client()
    monkeypatch.setattr(quota_store, "dynamodb", lambda: client)
    with guarding(write_guard(QUOTAS, NOW)):
        call(client.transact_write_items, TransactItems=own_items(MAX_TRANSACT_ITEMS - 1))
    assert len(client.calls) == 2
    assert quota_keys(client.calls[0][1]["TransactItems"]) == ["QUOTA#user:abc", "QUOTA#ip:def"]
    assert len(client.calls[1][1]["TransactItems"]) == MAX_TRANSACT_ITEMS - 1


def test_reads_and_requests_without_a_guard_carry_nothing():
    client = Client()
    call(client.transact_write_items, TransactItems=own_items(1))
    with guarding(None):
        call(client.transact_write_items, TransactItems=own_items(1))
    assert [kwargs["TransactItems"] for _, kwargs in client.calls] == [own_items(1), own_items(1)]
