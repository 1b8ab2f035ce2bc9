"""One page of a collection read from an index: a partition, an optional sort-key prefix, filters."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from botocore.exceptions import ClientError

from hromada.errors import BadRequest
from hromada.store.client import table_name
from hromada.store.codec import decode_cursor, encode_cursor, to_item
from hromada.store.errors import call, error_code

MAX_PAGES = 10  # a filtered page reads at most this many DynamoDB pages


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
    items: list[dict[str, Any]] = []
    calls = 0
    while True:
        request = dict(params, Limit=max(limit, 50) if filters else limit + 1)
        if start:
            request["ExclusiveStartKey"] = start
        try:
            response = call(client.query, **request)
        except ClientError as error:
            if error_code(error) == "ValidationException" and start:
                raise BadRequest("invalid_cursor") from error
            raise
        calls += 1
        items += response.get("Items", [])
        start = response.get("LastEvaluatedKey")
        if len(items) > limit:
            page = items[:limit]
            return page, encode_cursor({k: page[-1][k] for k in collection.key_names}), calls
        if not start or calls >= MAX_PAGES:
            return items, encode_cursor(start), calls
