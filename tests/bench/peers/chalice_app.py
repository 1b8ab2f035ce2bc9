"""Peer for the cold-start benchmark: GET /associations/{id} written with Chalice.

Chalice's Lambda entry point is the app object itself (REST API payload 1.0 events).
"""

import os

import boto3
from boto3.dynamodb.types import TypeDeserializer
from chalice.app import Chalice, NotFoundError

client = boto3.client("dynamodb")
TABLE = os.environ["TABLE_NAME"]
_deserialize = TypeDeserializer().deserialize
_KEYS = {"pk", "sk", "gsi1pk", "gsi1sk", "gsi2pk", "gsi2sk", "gsi3pk", "gsi3sk", "search"}

app = Chalice(app_name="hromada-peer")


@app.route("/associations/{id}", methods=["GET"])
def get_association(id):
    item = client.get_item(TableName=TABLE, Key={"pk": {"S": f"ASSOC#{id}"}, "sk": {"S": "PROFILE"}}).get("Item")
    if not item or item.get("status", {}).get("S") != "verified":
        raise NotFoundError("association_not_found")
    return {k: _deserialize(v) for k, v in item.items() if k not in _KEYS}


lambda_handler = app
