"""Where the local stack stands in for DynamoDB, it behaves as DynamoDB does."""

from __future__ import annotations

import uuid

import boto3


def test_a_transaction_retried_with_its_token_is_not_run_twice(stack):
    """botocore retries a TransactWriteItems after a read timeout with the same ClientRequestToken;
    DynamoDB answers the first success again (a vote must not then meet its own marker)."""
    info = stack.info()
    client = boto3.client("dynamodb", endpoint_url=info["aws_endpoint"], region_name=info["region"],
                          aws_access_key_id="local", aws_secret_access_key="local")
    key = {"pk": {"S": f"TEST#{uuid.uuid4().hex}"}, "sk": {"S": "ONCE"}}
    items = [{"Put": {"TableName": info["table_name"], "Item": key | {"n": {"N": "1"}},
                      "ConditionExpression": "attribute_not_exists(pk)"}},
             {"Update": {"TableName": info["table_name"], "Key": key | {"sk": {"S": "COUNT"}},
                         "UpdateExpression": "ADD n :one", "ExpressionAttributeValues": {":one": {"N": "1"}}}}]
    token = str(uuid.uuid4())
    client.transact_write_items(TransactItems=items, ClientRequestToken=token)
    client.transact_write_items(TransactItems=items, ClientRequestToken=token)
    counted = client.get_item(TableName=info["table_name"], Key=key | {"sk": {"S": "COUNT"}})["Item"]
    assert counted["n"] == {"N": "1"}
    try:
        client.transact_write_items(TransactItems=items, ClientRequestToken=str(uuid.uuid4()))
    except client.exceptions.TransactionCanceledException as cancelled:
        assert cancelled.response["CancellationReasons"][0]["Code"] == "ConditionalCheckFailed"
    else:
        raise AssertionError("a new token runs the transaction again, and its condition fails")


def test_a_cancelled_transaction_leaves_nothing_of_itself(stack):
    """Every write of a cancelled transaction is undone, those before the failed condition included."""
    info = stack.info()
    client = boto3.client("dynamodb", endpoint_url=info["aws_endpoint"], region_name=info["region"],
                          aws_access_key_id="local", aws_secret_access_key="local")
    table, pk = info["table_name"], f"TEST#{uuid.uuid4().hex}"
    client.put_item(TableName=table, Item={"pk": {"S": pk}, "sk": {"S": "KEPT"}, "n": {"N": "1"},
                                           "gsi1pk": {"S": pk}, "gsi1sk": {"S": "KEPT"}})
    try:
        client.transact_write_items(TransactItems=[
            {"Put": {"TableName": table, "Item": {"pk": {"S": pk}, "sk": {"S": "NEW"}}}},
            {"Update": {"TableName": table, "Key": {"pk": {"S": pk}, "sk": {"S": "KEPT"}},
                        "UpdateExpression": "SET n = :two, gsi1sk = :moved",
                        "ExpressionAttributeValues": {":two": {"N": "2"}, ":moved": {"S": "MOVED"}}}},
            {"ConditionCheck": {"TableName": table, "Key": {"pk": {"S": pk}, "sk": {"S": "ABSENT"}},
                                "ConditionExpression": "attribute_exists(pk)"}}])
    except client.exceptions.TransactionCanceledException as cancelled:
        assert [r["Code"] for r in cancelled.response["CancellationReasons"]] == ["None", "None",
                                                                                  "ConditionalCheckFailed"]
    else:
        raise AssertionError("the condition fails")
    items = client.query(TableName=table, KeyConditionExpression="pk = :pk",
                         ExpressionAttributeValues={":pk": {"S": pk}})["Items"]
    assert [(i["sk"]["S"], i["n"]["N"]) for i in items] == [("KEPT", "1")]
    indexed = client.query(TableName=table, IndexName="gsi1", KeyConditionExpression="gsi1pk = :pk",
                           ExpressionAttributeValues={":pk": {"S": pk}})["Items"]
    assert [i["gsi1sk"]["S"] for i in indexed] == ["KEPT"]
