"""DynamoDB attribute-value codec and opaque pagination cursors."""

from __future__ import annotations

import base64
import binascii
import json
from decimal import Decimal
from typing import Any

from boto3.dynamodb.types import TypeDeserializer, TypeSerializer

from hromada.errors import BadRequest

_serializer = TypeSerializer()
_deserializer = TypeDeserializer()


def _numbers(value: Any) -> Any:
    """DynamoDB numbers are decimals: floats (coordinates) go in by their shortest repr, exactly as shown."""
    if isinstance(value, float):
        return Decimal(repr(value))
    if isinstance(value, dict):
        return {k: _numbers(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_numbers(v) for v in value]
    return value


def to_item(data: dict[str, Any]) -> dict[str, Any]:
    return {k: _serializer.serialize(_numbers(v)) for k, v in data.items() if v is not None}


def from_item(item: dict[str, Any]) -> dict[str, Any]:
    return {k: _deserializer.deserialize(v) for k, v in item.items()}


def encode_cursor(key: dict[str, Any] | None) -> str | None:
    if not key:
        return None
    plain = {k: v["S"] for k, v in key.items()}
    return base64.urlsafe_b64encode(json.dumps(plain, separators=(",", ":")).encode()).decode().rstrip("=")


def decode_cursor(cursor: str | None, *, expect: dict[str, str], key_names: set[str]) -> dict[str, Any] | None:
    """A cursor is only accepted for the very query that produced it (same partition, same key shape)."""
    if not cursor:
        return None
    try:
        plain = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    except (binascii.Error, ValueError, UnicodeDecodeError) as error:
        raise BadRequest("invalid_cursor") from error
    if (not isinstance(plain, dict) or set(plain) != key_names
            or not all(isinstance(v, str) and v for v in plain.values())
            or any(plain.get(k) != v for k, v in expect.items())):
        raise BadRequest("invalid_cursor")
    return {k: {"S": v} for k, v in plain.items()}
