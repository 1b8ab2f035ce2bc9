"""Baseline for the benchmarks: the least a Lambda can do for GET /associations/{id}.

No framework: boto3, one GetItem, the stored item as JSON. The same table and keys as the real
AssociationsFunction (pk ASSOC#<id>, sk PROFILE), so both do the same DynamoDB work.
"""

import json
import os

import boto3
from boto3.dynamodb.types import TypeDeserializer

client = boto3.client("dynamodb")
TABLE = os.environ["TABLE_NAME"]
_deserialize = TypeDeserializer().deserialize
_KEYS = {"pk", "sk", "gsi1pk", "gsi1sk", "gsi2pk", "gsi2sk", "gsi3pk", "gsi3sk", "search"}


def _plain(value):
    if isinstance(value, set):
        return sorted(value)
    return int(value) if value == int(value) else float(value)


def lambda_handler(event, context):
    association_id = (event.get("pathParameters") or {}).get("id", "")
    item = client.get_item(TableName=TABLE, Key={"pk": {"S": f"ASSOC#{association_id}"},
                                                 "sk": {"S": "PROFILE"}}).get("Item")
    if not item or item.get("status", {}).get("S") != "verified":
        return {"statusCode": 404, "headers": {"Content-Type": "application/json"},
                "body": json.dumps({"error": {"code": "association_not_found"}})}
    body = {k: _deserialize(v) for k, v in item.items() if k not in _KEYS}
    return {"statusCode": 200, "headers": {"Content-Type": "application/json"},
            "body": json.dumps(body, default=_plain)}
