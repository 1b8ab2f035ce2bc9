"""Reading DynamoDB Query results page by page: to the end, or one client page of a collection at a time."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from botocore.exceptions import ClientError

from hromada.errors import BadRequest
from hromada.store.client import table_name
from hromada.store.codec import decode_cursor, encode_cursor, to_item
from hromada.store.errors import call, error_code

MAX_PAGES = 10  # a filtered page reads at most this many DynamoDB pages


def query_pages(client: Any, max_pages: int | None = None, **params: Any) -> Iterator[dict[str, Any]]:
    """Each response of a Query, following LastEvaluatedKey to the end (or for at most `max_pages`)."""
    pages = 0
    while True:
        response = call(client.query, **params)
        yield response
        pages += 1
        start = response.get("LastEvaluatedKey")
        if not start or pages == max_pages:
            return
        params = dict(params, ExclusiveStartKey=start)


def query_items(client: Any, **params: Any) -> Iterator[dict[str, Any]]:
    """The raw items of every page of a Query."""
    for response in query_pages(client, **params):
        yield from response.get("Items", [])


def query_count(client: Any, **params: Any) -> int:
    """How many items a Query (Select=COUNT) matches, over all its pages."""
    return sum(int(response.get("Count", 0)) for response in query_pages(client, Select="COUNT", **params))


def query_from(client: Any, start: dict[str, Any] | None, **params: Any) -> dict[str, Any]:
    """One Query from a decoded client cursor: a start key DynamoDB refuses is the client's bad cursor."""
    if start:
        params["ExclusiveStartKey"] = start
    try:
        return call(client.query, **params)
    except ClientError as error:
        if error_code(error) == "ValidationException" and start:
            raise BadRequest("invalid_cursor") from error
        raise


def fill_page(client: Any, params: dict[str, Any], limit: int, start: dict[str, Any] | None,
              key_names: tuple[str, ...]) -> tuple[list[dict[str, Any]], str | None, int]:
    """Items of one page of `limit`, the next page's cursor and the number of calls. Unfiltered: one Query.
    Filtered: more pages, at most MAX_PAGES."""
    filtered = "FilterExpression" in params
    items: list[dict[str, Any]] = []
    calls = 0
    while True:
        response = query_from(client, start, **dict(params, Limit=max(limit, 50) if filtered else limit + 1))
        calls += 1
        items += response.get("Items", [])
        start = response.get("LastEvaluatedKey")
        if len(items) > limit:
            page = items[:limit]
            return page, encode_cursor({k: page[-1][k] for k in key_names}), calls
        if not start or calls >= MAX_PAGES:
            return items, encode_cursor(start), calls


@dataclass(frozen=True)
class Collection:
    index: str  # gsi1, gsi2 or gsi3
    partition: str
    sort_prefix: str | None = None
    equals: dict[str, Any] = field(default_factory=dict)  # attribute -> value it must have
    contains: dict[str, Any] = field(default_factory=dict)  # list attribute -> value it must hold

    @property
    def key_names(self) -> tuple[str, ...]:
        return ("pk", "sk", f"{self.index}pk", f"{self.index}sk")


def read_page(client: Any, collection: Collection, limit: int,
              cursor: str | None) -> tuple[list[dict[str, Any]], str | None, int]:
    """Items, the cursor of the next page and the number of calls. Unfiltered: one Query."""
    pk_name, sk_name = f"{collection.index}pk", f"{collection.index}sk"
    start = decode_cursor(cursor, expect={pk_name: collection.partition}, key_names=set(collection.key_names))
    if start and collection.sort_prefix and not start[sk_name]["S"].startswith(collection.sort_prefix):
        raise BadRequest("invalid_cursor")
    names = {"#pk": pk_name}
    values = {":pk": {"S": collection.partition}}
    condition = "#pk = :pk"
    if collection.sort_prefix:
        condition += " AND begins_with(#sk, :prefix)"
        names["#sk"] = sk_name
        values[":prefix"] = {"S": collection.sort_prefix}
    filters = []
    for n, (attribute, value) in enumerate([*collection.equals.items(), *collection.contains.items()]):
        names[f"#f{n}"] = attribute
        values[f":f{n}"] = to_item({"v": value})["v"]
        filters.append(f"#f{n} = :f{n}" if attribute in collection.equals else f"contains(#f{n}, :f{n})")
    params: dict[str, Any] = {"TableName": table_name(), "IndexName": collection.index,
                              "KeyConditionExpression": condition, "ExpressionAttributeNames": names,
                              "ExpressionAttributeValues": values}
    if filters:
        params["FilterExpression"] = " AND ".join(filters)
    return fill_page(client, params, limit, start, collection.key_names)
