"""DynamoDB implementation of the ClaimStore port: the claim, its history and one item per address."""

from __future__ import annotations

import secrets
from typing import Any

from hromada.domain.claim_ports import ClaimQuery, UrlMark
from hromada.domain.claims import links_in
from hromada.models.announcement import Announcement
from hromada.models.claim import Claim, ClaimChange
from hromada.models.common import Page
from hromada.reference.text import fold
from hromada.store import keys
from hromada.store.announcements import _announcement
from hromada.store.client import dynamodb, table_name
from hromada.store.codec import from_item, to_item
from hromada.store.errors import call
from hromada.store.guards import transact
from hromada.store.listing import Filters, KeyRange, query_page

BATCH = 100  # BatchGetItem's limit


def _item(c: Claim) -> dict[str, Any]:
    data = c.model_dump(mode="json", exclude_none=True)
    data["search"] = fold(" ".join([*c.text.values(), c.first_seen_where or "", *c.urls]))
    data |= keys.claim(c.id)
    data |= {"gsi2pk": keys.CLAIMS_COLLECTION, "gsi2sk": keys.claim_order(c.updated_at, c.id)}
    return to_item(data)


def _change(claim_id: str, change: ClaimChange) -> dict[str, Any]:
    """An audit entry like the others (actor_id, action, target, at), listed under its author in the person
    index: their export shows it and their erasure puts a pseudonym in place of the id."""
    data = {"actor_id": change.by, "action": f"claim.{change.action}", "target": claim_id, "at": change.at,
            "fields": change.fields}
    data |= keys.claim_change(claim_id, change.at, secrets.token_hex(4)) | keys.person_entry(change.by, "AUDIT",
                                                                                             change.at)
    return {"Put": {"TableName": table_name(), "Item": to_item(data)}}


def _change_of(item: dict[str, Any]) -> ClaimChange:
    data = from_item(item)
    return ClaimChange(at=data["at"], by=data["actor_id"], action=str(data["action"]).removeprefix("claim."),
                       fields=list(data.get("fields") or []))


def _address(c: Claim, url: str, *, new: bool) -> dict[str, Any]:
    """The address's item; a new one must be free, a kept one must still be this claim's."""
    put: dict[str, Any] = {"TableName": table_name(),
                           "Item": to_item({"url": url, "claim_id": c.id, "verdict": c.verdict.value, "text": c.text}
                                           | keys.claim_url(url))}
    if new:
        put["ConditionExpression"] = "attribute_not_exists(pk)"
    else:
        put |= {"ConditionExpression": "claim_id = :id", "ExpressionAttributeValues": {":id": {"S": c.id}}}
    return {"Put": put}


def _release(claim_id: str, url: str) -> dict[str, Any]:
    return {"Delete": {"TableName": table_name(), "Key": to_item(keys.claim_url(url)),
                       "ConditionExpression": "claim_id = :id", "ExpressionAttributeValues": {":id": {"S": claim_id}}}}


class DynamoClaimStore:
    def __init__(self, client: Any | None = None):
        self._client = client

    @property
    def client(self) -> Any:
        return self._client or dynamodb()

    def create(self, claim: Claim, change: ClaimChange) -> None:
        items = [{"Put": {"TableName": table_name(), "Item": _item(claim),
                          "ConditionExpression": "attribute_not_exists(pk)"}},
                 _change(claim.id, change), *(_address(claim, u, new=True) for u in claim.urls)]
        transact(self.client, items, ["exists", "exists", *(f"url:{u}" for u in claim.urls)])

    def get(self, claim_id: str) -> Claim | None:
        response = call(self.client.get_item, TableName=table_name(), Key=to_item(keys.claim(claim_id)))
        return Claim.model_validate(from_item(response["Item"])) if "Item" in response else None

    def save(self, claim: Claim, previous: Claim, change: ClaimChange) -> None:
        held = set(previous.urls)
        released = [u for u in previous.urls if u not in set(claim.urls)]
        expected_version = previous.version
        items = [{"Put": {"TableName": table_name(), "Item": _item(claim), "ConditionExpression": "#v = :expected",
                          "ExpressionAttributeNames": {"#v": "version"},
                          "ExpressionAttributeValues": {":expected": {"N": str(expected_version)}}}},
                 _change(claim.id, change)]
        reasons = ["version", "version"]
        # Every address is written again: it carries the verdict the notices show.
        for url in claim.urls:
            items.append(_address(claim, url, new=url not in held))
            reasons.append(f"url:{url}")
        for url in released:
            items.append(_release(claim.id, url))
            reasons.append("version")
        for announcement_id in set(claim.fact_checks) - set(previous.fact_checks):
            items.append({"Put": {"TableName": table_name(), "Item": to_item(
                {"claim_id": claim.id} | keys.fact_check(announcement_id, claim.id))}})
            reasons.append("version")
        for announcement_id in set(previous.fact_checks) - set(claim.fact_checks):
            items.append({"Delete": {"TableName": table_name(), "Key": to_item(keys.fact_check(announcement_id,
                                                                                              claim.id))}})
            reasons.append("version")
        transact(self.client, items, reasons)

    def answered_by(self, announcement_id: str) -> list[Claim]:
        """The claims a fact-check is linked to: one Query of its partition, one BatchGetItem of the claims."""
        response = call(self.client.query, TableName=table_name(), KeyConditionExpression="pk = :pk",
                        ExpressionAttributeValues={":pk": {"S": keys.fact_check_partition(announcement_id)}},
                        Limit=100)
        claim_ids = [from_item(i)["claim_id"] for i in response.get("Items", [])]
        found = [Claim.model_validate(from_item(i)) for i in self._batch([keys.claim(c) for c in claim_ids])]
        return sorted(found, key=lambda c: c.created_at)

    def list(self, query: ClaimQuery) -> Page[Claim]:
        if query.fact_check:
            return Page(items=self.answered_by(query.fact_check), next_cursor=None)
        filters = Filters()
        if query.verdict:
            filters.add("#verdict = :verdict", {":verdict": {"S": query.verdict}}, {"#verdict": "verdict"})
        if query.text:
            filters.add("contains(#search, :text)", {":text": {"S": query.text}}, {"#search": "search"})
        items, cursor = query_page(self.client, table_name(), KeyRange("gsi2", keys.CLAIMS_COLLECTION), filters,
                                   limit=query.limit, cursor=query.cursor, descending=True)
        return Page(items=[Claim.model_validate(from_item(i)) for i in items], next_cursor=cursor)

    def history(self, claim_id: str) -> list[ClaimChange]:
        response = call(self.client.query, TableName=table_name(),
                        KeyConditionExpression="pk = :pk AND begins_with(sk, :prefix)",
                        ExpressionAttributeValues=to_item({":pk": keys.claim(claim_id)["pk"],
                                                           ":prefix": keys.CLAIM_CHANGE_PREFIX}),
                        ScanIndexForward=False, Limit=200)
        return [_change_of(i) for i in response.get("Items", [])]

    def _batch(self, wanted: list[dict[str, str]]) -> list[dict[str, Any]]:
        found: list[dict[str, Any]] = []
        for start in range(0, len(wanted), BATCH):
            request: dict[str, Any] | None = {table_name(): {"Keys": [to_item(k) for k in wanted[start:start + BATCH]]}}
            while request:
                response = call(self.client.batch_get_item, RequestItems=request)
                found += response.get("Responses", {}).get(table_name(), [])
                request = response.get("UnprocessedKeys") or None
        return found

    def marks(self, urls: list[str]) -> list[UrlMark]:
        found = [from_item(i) for i in self._batch([keys.claim_url(u) for u in dict.fromkeys(urls)])]
        return [UrlMark(url=d["url"], claim_id=d["claim_id"], verdict=d["verdict"], text=d.get("text") or {})
                for d in found]

    def linked_urls(self, items: list[tuple[str, str]]) -> dict[str, list[str]]:
        wanted = {"announcement": keys.announcement, "event": keys.event}
        refs = [(kind, item_id) for kind, item_id in dict.fromkeys(items) if kind in wanted]
        found: dict[str, list[str]] = {}
        for raw in self._batch([wanted[kind](item_id) for kind, item_id in refs]):
            data = from_item(raw)
            if "association_id" not in data or "id" not in data:
                continue
            if data["id"].startswith("an_"):
                found[f"announcement:{data['id']}"] = links_in(
                    data.get("body_html") or {}, data.get("donation_url"),
                    *(s.get("url") for s in data.get("sources") or []))
            else:
                found[f"event:{data['id']}"] = links_in(data.get("description_html") or {}, data.get("online_url"),
                                                       data.get("ticket_url"))
        return found

    def announcements(self, announcement_ids: list[str]) -> list[Announcement]:
        found = self._batch([keys.announcement(i) for i in dict.fromkeys(announcement_ids)])
        return [_announcement(item) for item in found]
