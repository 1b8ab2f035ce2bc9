"""The local stack's moto: serialised requests and transactions rolled back from the items they touch."""

from __future__ import annotations

import boto3
import pytest
from botocore.exceptions import ClientError


@pytest.fixture
def dynamo(stack):
    info = stack.info()
    client = boto3.client("dynamodb", endpoint_url=info["aws_endpoint"], region_name=info["region"],
                          aws_access_key_id="local", aws_secret_access_key="local")
    return client, info["table_name"]


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


def test_a_transaction_copies_the_items_it_touches_not_the_table(dynamo, monkeypatch):
    from infra import moto_server

    client, table_name = dynamo
    for i in range(200):
        client.put_item(TableName=table_name, Item={"pk": {"S": "TEST#bulk"}, "sk": {"S": str(i)}})
    copied = []
    monkeypatch.setattr(moto_server, "_copy_item", lambda item: copied.append(item) or item)
    client.transact_write_items(TransactItems=[
        {"Put": {"TableName": table_name, "Item": {"pk": {"S": "TEST#few"}, "sk": {"S": "A"}}}},
        {"Update": {"TableName": table_name, "Key": {"pk": {"S": "TEST#bulk"}, "sk": {"S": "7"}},
                    "UpdateExpression": "SET n = :one", "ExpressionAttributeValues": {":one": {"N": "1"}}}}])
    assert len(copied) == 2  # one per item of the transaction, whatever the size of the table


def test_streams_keep_only_the_newest_records(dynamo, monkeypatch):
    from moto.core import DEFAULT_ACCOUNT_ID
    from moto.dynamodb.models import dynamodb_backends

    from infra import moto_server

    client, table_name = dynamo
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
