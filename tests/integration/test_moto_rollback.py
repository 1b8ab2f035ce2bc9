"""The local stack's moto undoes a cancelled transaction item by item (infra/moto_snapshots.py), as fast
with a big table as with an empty one, and exactly as a whole-table restore would."""

from __future__ import annotations

import time
import uuid

import pytest
from botocore.exceptions import ClientError

from tests.integration.test_races import table


def key(pk: str) -> dict:
    return {"pk": {"S": pk}, "sk": {"S": "A"}}


def test_a_cancelled_transaction_changes_nothing(stack):
    client, name = table(stack)
    tag = uuid.uuid4().hex
    client.put_item(TableName=name, Item=key(f"T#{tag}#1") | {"n": {"N": "1"}})
    client.put_item(TableName=name, Item=key(f"T#{tag}#2") | {"n": {"N": "2"}})
    with pytest.raises(ClientError) as cancelled:
        client.transact_write_items(TransactItems=[
            {"Update": {"TableName": name, "Key": key(f"T#{tag}#1"), "UpdateExpression": "ADD n :one",
                        "ExpressionAttributeValues": {":one": {"N": "1"}}}},
            {"Delete": {"TableName": name, "Key": key(f"T#{tag}#2")}},
            {"Put": {"TableName": name, "Item": key(f"T#{tag}#3")}},
            {"ConditionCheck": {"TableName": name, "Key": key(f"T#{tag}#missing"),
                                "ConditionExpression": "attribute_exists(pk)"}},
        ])
    assert cancelled.value.response["Error"]["Code"] == "TransactionCanceledException"
    get = lambda suffix: client.get_item(TableName=name, Key=key(f"T#{tag}#{suffix}"), ConsistentRead=True)  # noqa: E731
    assert get(1)["Item"]["n"] == {"N": "1"} and get(2)["Item"]["n"] == {"N": "2"} and "Item" not in get(3)
    client.transact_write_items(TransactItems=[
        {"Update": {"TableName": name, "Key": key(f"T#{tag}#1"), "UpdateExpression": "ADD n :one",
                    "ExpressionAttributeValues": {":one": {"N": "1"}}}},
        {"Delete": {"TableName": name, "Key": key(f"T#{tag}#2")}}])
    assert get(1)["Item"]["n"] == {"N": "2"} and "Item" not in get(2)


def test_transactions_do_not_slow_down_as_the_table_grows(stack):
    client, name = table(stack)
    tag = uuid.uuid4().hex

    def transaction_ms() -> float:
        started = time.perf_counter()
        client.transact_write_items(TransactItems=[
            {"Put": {"TableName": name, "Item": key(f"S#{tag}#{uuid.uuid4().hex}")}} for _ in range(4)])
        return (time.perf_counter() - started) * 1000

    def write(kind: str) -> None:
        for start in range(0, 1000, 25):
            batch = [{kind: {"Item" if kind == "PutRequest" else "Key": key(f"B#{tag}#{i}") | (
                {"blob": {"S": "x" * 1500}} if kind == "PutRequest" else {})}} for i in range(start, start + 25)]
            client.batch_write_item(RequestItems={name: batch})

    before = min(transaction_ms() for _ in range(5))
    write("PutRequest")
    try:
        after = min(transaction_ms() for _ in range(5))
    finally:
        write("DeleteRequest")  # the table is shared with the other tests
    assert after < max(4 * before, 50), (before, after)  # whole-table copies: about 0.5 s at this size
