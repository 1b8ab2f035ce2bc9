"""The local stack's moto: serialised requests, transactions undone item by item, bounded streams."""

from __future__ import annotations

import time
import uuid

import boto3
import pytest
from botocore.exceptions import ClientError


@pytest.fixture
def dynamo(stack):
    info = stack.info()
    client = boto3.client("dynamodb", endpoint_url=info["aws_endpoint"], region_name=info["region"],
                          aws_access_key_id="local", aws_secret_access_key="local")
    return client, info["table_name"]


@pytest.fixture
def quiet_table(dynamo):
    """A table of its own with a stream: the shared one is written meanwhile by the stack's background work
    (mail deliveries, the schedules), which would interleave records with a test's own."""
    import uuid

    client, _ = dynamo
    name = f"stream-test-{uuid.uuid4().hex[:8]}"
    client.create_table(TableName=name, BillingMode="PAY_PER_REQUEST",
                        AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"},
                                              {"AttributeName": "sk", "AttributeType": "S"}],
                        KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"},
                                   {"AttributeName": "sk", "KeyType": "RANGE"}],
                        StreamSpecification={"StreamEnabled": True, "StreamViewType": "NEW_AND_OLD_IMAGES"})
    yield client, name
    client.delete_table(TableName=name)


def stream_length(table_name: str) -> int:
    from moto.core import DEFAULT_ACCOUNT_ID
    from moto.dynamodb.models import dynamodb_backends

    return len(dynamodb_backends[DEFAULT_ACCOUNT_ID]["eu-west-3"].get_table(table_name).stream_shard.items)


def test_failed_transaction_leaves_items_and_stream_as_they_were(dynamo):
    client, table = dynamo
    key = {"pk": {"S": "TEST#rollback"}, "sk": {"S": "A"}}
    client.put_item(TableName=table, Item=key | {"n": {"N": "1"}})
    before = stream_length(table)
    with pytest.raises(ClientError) as cancelled:
        client.transact_write_items(TransactItems=[
            {"Update": {"TableName": table, "Key": key, "UpdateExpression": "SET n = :two",
                        "ExpressionAttributeValues": {":two": {"N": "2"}}}},
            {"Put": {"TableName": table, "Item": {"pk": {"S": "TEST#rollback"}, "sk": {"S": "B"}}}},
            {"ConditionCheck": {"TableName": table, "Key": {"pk": {"S": "TEST#missing"}, "sk": {"S": "X"}},
                                "ConditionExpression": "attribute_exists(pk)"}},
        ])
    assert cancelled.value.response["Error"]["Code"] == "TransactionCanceledException"
    assert client.get_item(TableName=table, Key=key)["Item"]["n"] == {"N": "1"}
    assert "Item" not in client.get_item(TableName=table, Key={"pk": {"S": "TEST#rollback"}, "sk": {"S": "B"}})
    assert stream_length(table) == before


def test_a_cancelled_transaction_undoes_updates_deletes_and_puts(dynamo):
    client, table = dynamo
    tag = uuid.uuid4().hex
    key = lambda n: {"pk": {"S": f"TEST#undo#{tag}"}, "sk": {"S": str(n)}}  # noqa: E731
    client.put_item(TableName=table, Item=key(1) | {"n": {"N": "1"}})
    client.put_item(TableName=table, Item=key(2) | {"n": {"N": "2"}})
    before = stream_length(table)
    with pytest.raises(ClientError):
        client.transact_write_items(TransactItems=[
            {"Update": {"TableName": table, "Key": key(1), "UpdateExpression": "ADD n :one",
                        "ExpressionAttributeValues": {":one": {"N": "1"}}}},
            {"Delete": {"TableName": table, "Key": key(2)}},
            {"Put": {"TableName": table, "Item": key(3)}},
            {"ConditionCheck": {"TableName": table, "Key": key(4), "ConditionExpression": "attribute_exists(pk)"}},
        ])
    get = lambda n: client.get_item(TableName=table, Key=key(n), ConsistentRead=True)  # noqa: E731
    assert get(1)["Item"]["n"] == {"N": "1"} and get(2)["Item"]["n"] == {"N": "2"} and "Item" not in get(3)
    assert stream_length(table) == before
    client.transact_write_items(TransactItems=[
        {"Update": {"TableName": table, "Key": key(1), "UpdateExpression": "ADD n :one",
                    "ExpressionAttributeValues": {":one": {"N": "1"}}}},
        {"Delete": {"TableName": table, "Key": key(2)}}])
    assert get(1)["Item"]["n"] == {"N": "2"} and "Item" not in get(2)


def test_transactions_do_not_slow_down_as_the_table_grows(dynamo):
    client, table = dynamo
    tag = uuid.uuid4().hex

    def transaction_ms() -> float:
        started = time.perf_counter()
        client.transact_write_items(TransactItems=[
            {"Put": {"TableName": table, "Item": {"pk": {"S": f"TEST#txn#{tag}"}, "sk": {"S": uuid.uuid4().hex}}}}
            for _ in range(4)])
        return (time.perf_counter() - started) * 1000

    def write(kind: str) -> None:
        for start in range(0, 1000, 25):
            keys = [{"pk": {"S": f"TEST#bulk#{tag}"}, "sk": {"S": str(i)}} for i in range(start, start + 25)]
            batch = ([{"PutRequest": {"Item": k | {"blob": {"S": "x" * 1500}}}} for k in keys]
                     if kind == "put" else [{"DeleteRequest": {"Key": k}} for k in keys])
            client.batch_write_item(RequestItems={table: batch})

    before = min(transaction_ms() for _ in range(5))
    write("put")
    try:
        after = min(transaction_ms() for _ in range(5))
    finally:
        write("delete")  # the table is shared with the other tests
    assert after < max(4 * before, 50), (before, after)  # whole-table copies: about 0.5 s at this size


def test_streams_keep_only_the_newest_records(quiet_table, monkeypatch):
    from moto.core import DEFAULT_ACCOUNT_ID
    from moto.dynamodb.models import dynamodb_backends

    from infra import moto_server

    client, table_name = quiet_table
    monkeypatch.setattr(moto_server, "STREAM_RECORDS_KEPT", 10)
    shard = dynamodb_backends[DEFAULT_ACCOUNT_ID]["eu-west-3"].get_table(table_name).stream_shard
    reader = shard.starting_sequence_number + len(shard.items)  # a reader at the end of the stream now
    for i in range(25):
        client.put_item(TableName=table_name, Item={"pk": {"S": "TEST#stream"}, "sk": {"S": str(i)}})
    assert len(shard.items) == 10
    kept = shard.get(reader, 100)  # the reader fell behind: it resumes at the oldest record kept
    assert [r["dynamodb"]["Keys"]["sk"]["S"] for r in kept] == [str(i) for i in range(15, 25)]
    numbers = [int(r["dynamodb"]["SequenceNumber"]) for r in kept]
    assert numbers == list(range(numbers[0], numbers[0] + 10)) and numbers[0] == reader + 15


def test_dynamodb_items_are_not_kept_forever_by_moto(dynamo):
    from moto.dynamodb.models.dynamo_type import Item

    client, table_name = dynamo
    for i in range(20):
        client.put_item(TableName=table_name, Item={"pk": {"S": "TEST#tracking"}, "sk": {"S": str(i)}})
    assert len(Item.instances_tracked) == 0


def test_a_cancelled_transaction_leaves_a_full_stream_as_it_was(quiet_table, monkeypatch):
    from moto.core import DEFAULT_ACCOUNT_ID
    from moto.dynamodb.models import dynamodb_backends

    from infra import moto_server

    client, table_name = quiet_table
    monkeypatch.setattr(moto_server, "STREAM_RECORDS_KEPT", 5)
    for i in range(10):  # the stream is at its bound: each new record pushes the oldest out
        client.put_item(TableName=table_name, Item={"pk": {"S": "TEST#full"}, "sk": {"S": str(i)}})
    table = dynamodb_backends[DEFAULT_ACCOUNT_ID]["eu-west-3"].get_table(table_name)
    before = [r.record["eventID"] for r in table.stream_shard.items], table.stream_shard.starting_sequence_number
    with pytest.raises(ClientError):
        client.transact_write_items(TransactItems=[
            {"Put": {"TableName": table_name, "Item": {"pk": {"S": "TEST#full"}, "sk": {"S": "new1"}}}},
            {"Put": {"TableName": table_name, "Item": {"pk": {"S": "TEST#full"}, "sk": {"S": "new2"}}}},
            {"ConditionCheck": {"TableName": table_name, "Key": {"pk": {"S": "TEST#none"}, "sk": {"S": "X"}},
                                "ConditionExpression": "attribute_exists(pk)"}}])
    shard = table.stream_shard
    assert ([r.record["eventID"] for r in shard.items], shard.starting_sequence_number) == before
