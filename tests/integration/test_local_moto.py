"""The local stack's moto: serialised requests and transactions rolled back without copying the stream."""

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


def last_stream_record(table_name: str) -> int:
    """Sequence number of the newest stream record (the oldest ones may have been trimmed)."""
    from moto.core import DEFAULT_ACCOUNT_ID
    from moto.dynamodb.models import dynamodb_backends

    shard = dynamodb_backends[DEFAULT_ACCOUNT_ID]["eu-west-3"].get_table(table_name).stream_shard
    return shard.starting_sequence_number + len(shard.items) - 1


def test_failed_transaction_leaves_items_and_stream_as_they_were(dynamo):
    client, table = dynamo
    key = {"pk": {"S": "TEST#rollback"}, "sk": {"S": "A"}}
    client.put_item(TableName=table, Item=key | {"n": {"N": "1"}})
    before = last_stream_record(table)
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
    assert last_stream_record(table) == before  # the undone writes left no stream record


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
