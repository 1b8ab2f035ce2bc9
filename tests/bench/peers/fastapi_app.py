"""Peer for the cold-start benchmark: GET /associations/{id} written with FastAPI behind Mangum."""

import os

import boto3
from boto3.dynamodb.types import TypeDeserializer
from fastapi import FastAPI, HTTPException
from mangum import Mangum

client = boto3.client("dynamodb")
TABLE = os.environ["TABLE_NAME"]
_deserialize = TypeDeserializer().deserialize
_KEYS = {"pk", "sk", "gsi1pk", "gsi1sk", "gsi2pk", "gsi2sk", "gsi3pk", "gsi3sk", "search"}

app = FastAPI(title="hromada-peer")


@app.get("/associations/{id}")
def get_association(id: str) -> dict:
    item = client.get_item(TableName=TABLE, Key={"pk": {"S": f"ASSOC#{id}"}, "sk": {"S": "PROFILE"}}).get("Item")
    if not item or item.get("status", {}).get("S") != "verified":
        raise HTTPException(status_code=404, detail="association_not_found")
    return {k: _deserialize(v) for k, v in item.items() if k not in _KEYS}


lambda_handler = Mangum(app, lifespan="off")
