"""One page of a listing with exactly one DynamoDB Query on an index designed for it.

Filters the key cannot express (category, language, text...) are applied by DynamoDB within a bounded
window of the key range; the page may then hold fewer items than asked, and the cursor goes on from
where the window stopped. Reads stay one call whatever the filters.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from hromada.store.codec import decode_cursor, encode_cursor
from hromada.store.paging import query_from

MAX_WINDOW = 500


@dataclass
class KeyRange:
    """Which index and partition to read, and the sort-key bounds (inclusive) within it."""

    index: str
    partition: str
    low: str | None = None
    high: str | None = None

    @property
    def pk_name(self) -> str:
        return f"{self.index}pk"

    @property
    def sk_name(self) -> str:
        return f"{self.index}sk"

    @property
    def key_names(self) -> tuple[str, ...]:
        return ("pk", "sk", self.pk_name, self.sk_name)


@dataclass
class Filters:
    """FilterExpression parts with their values and names."""

    parts: list[str] = field(default_factory=list)
    values: dict[str, Any] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)

    def add(self, expression: str, values: dict[str, Any] | None = None, names: dict[str, str] | None = None) -> None:
        self.parts.append(expression)
        self.values |= values or {}
        self.names |= names or {}


def query_page(client: Any, table: str, keys: KeyRange, filters: Filters, *, limit: int, cursor: str | None,
               descending: bool = False) -> tuple[list[dict[str, Any]], str | None]:
    """Raw items of one page and the cursor for the next one (None at the end)."""
    start = decode_cursor(cursor, expect={keys.pk_name: keys.partition}, key_names=set(keys.key_names))
    low, high = keys.low, keys.high
    if start is not None:
        # A cursor continues the same walk even if the implicit bound ("from now") moved since the last
        # page: the bound behind the cursor widens to it; a cursor beyond the far end means nothing left.
        position = start[keys.sk_name]["S"]
        if not descending and low is not None and position < low:
            low = position
        if descending and high is not None and position > high:
            high = position
        if (not descending and high is not None and position > high) or (
                descending and low is not None and position < low):
            return [], None
    condition = f"{keys.pk_name} = :partition"
    values: dict[str, Any] = {":partition": {"S": keys.partition}}
    if low is not None and high is not None:
        condition += f" AND {keys.sk_name} BETWEEN :low AND :high"
        values |= {":low": {"S": low}, ":high": {"S": high}}
    elif low is not None:
        condition += f" AND {keys.sk_name} >= :low"
        values[":low"] = {"S": low}
    elif high is not None:
        condition += f" AND {keys.sk_name} <= :high"
        values[":high"] = {"S": high}
    params: dict[str, Any] = {"TableName": table, "IndexName": keys.index, "KeyConditionExpression": condition,
                              "ExpressionAttributeValues": values | filters.values,
                              "ScanIndexForward": not descending}
    if filters.parts:
        params["FilterExpression"] = " AND ".join(f"({part})" for part in filters.parts)
        params["Limit"] = min(max(limit * 5, 100), MAX_WINDOW)
    else:
        params["Limit"] = limit + 1
    if filters.names:
        params["ExpressionAttributeNames"] = filters.names
    response = query_from(client, start, **params)
    items = response.get("Items", [])
    if len(items) > limit:
        page = items[:limit]
        return page, encode_cursor({k: page[-1][k] for k in keys.key_names})
    return items, encode_cursor(response.get("LastEvaluatedKey"))
