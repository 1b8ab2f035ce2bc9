"""Match entries: one small item per domain of each matchable partnership or initiative, so the matching
search reads one partition. The stores write them in the same transaction as the item itself."""

from __future__ import annotations

from typing import Any

from hromada.reference.matching import Candidate
from hromada.store import keys
from hromada.store.client import dynamodb, table_name
from hromada.store.codec import from_item, to_item
from hromada.store.errors import call

MAX_CANDIDATES = 500  # one Query; a domain with more matchable items is ranked among its first 500


def entries(candidate: Candidate) -> dict[str, dict[str, Any]]:
    """The entries of one matchable candidate, keyed by "pk|sk"."""
    found = {}
    for domain in candidate.domains:
        key = keys.match_entry(domain, candidate.kind, candidate.id)
        found[f"{key['pk']}|{key['sk']}"] = key | {
            "kind": candidate.kind, "id": candidate.id, "title": candidate.title, "status": candidate.status,
            "domains": list(candidate.domains), "region": candidate.region, "oblast": candidate.oblast}
    return found


def entry_writes(before: Candidate | None, after: Candidate | None) -> list[dict[str, Any]]:
    """Transaction items taking the entries from what `before` had to what `after` needs."""
    old = entries(before) if before else {}
    new = entries(after) if after else {}
    table = table_name()
    writes = [{"Put": {"TableName": table, "Item": to_item(item)}} for item in new.values()]
    writes += [{"Delete": {"TableName": table, "Key": to_item({"pk": item["pk"], "sk": item["sk"]})}}
               for key, item in old.items() if key not in new]
    return writes


class DynamoMatchIndex:
    def __init__(self, client: Any | None = None):
        self._client = client

    @property
    def client(self) -> Any:
        return self._client or dynamodb()

    def candidates(self, domain: str, kinds: tuple[str, ...]) -> list[Candidate]:
        condition = "pk = :pk"
        values = {":pk": {"S": keys.match_partition(domain)}}
        if len(kinds) == 1:
            condition += " AND begins_with(sk, :kind)"
            values[":kind"] = {"S": f"{kinds[0]}#"}
        response = call(self.client.query, TableName=table_name(), KeyConditionExpression=condition,
                        ExpressionAttributeValues=values, Limit=MAX_CANDIDATES)
        found = []
        for item in response.get("Items", []):
            data = from_item(item)
            if data["kind"] in kinds:
                found.append(Candidate(kind=data["kind"], id=data["id"], title=data["title"], status=data["status"],
                                       domains=tuple(data["domains"]), region=data.get("region"),
                                       oblast=data.get("oblast")))
        return found
