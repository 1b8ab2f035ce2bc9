"""DynamoDB implementation of the PollStore port."""

from __future__ import annotations

from typing import Any

from hromada.domain.ballots import SHARDS
from hromada.domain.ports import AuditEntry
from hromada.domain.voting_ports import Guard
from hromada.models.common import Page
from hromada.models.poll import Poll, PollStatus
from hromada.store import keys
from hromada.store.ballots import batch_get, batch_get_tables, counter_sums, guard_check, transact
from hromada.store.client import ballot_table_name, dynamodb, table_name
from hromada.store.codec import decode_cursor, encode_cursor, from_item, to_item
from hromada.store.elections import audit_put, due_ids
from hromada.store.errors import call
from hromada.store.paging import query_from


def _poll_item(p: Poll) -> dict[str, Any]:
    data = p.model_dump(mode="json", exclude_none=True) | keys.poll(p.id)
    data |= {"gsi2pk": keys.poll_status(p.status.value),
             "gsi2sk": keys.due_order(p.due_at() or p.closed_at or p.updated_at, p.id),
             "gsi3pk": keys.poll_audience(p.association_id), "gsi3sk": keys.due_order(p.opens_at, p.id)}
    data |= keys.person_entry(p.created_by, "POLL", p.id)  # who asked (export, erasure)
    return to_item(data)


def _poll(item: dict[str, Any]) -> Poll:
    return Poll.model_validate(from_item(item))


def _association_guard(association_id: str | None, editor_email: str | None) -> tuple[list[dict[str, Any]], list[str]]:
    """Association polls are created and closed by its editors (moderators: the association must exist)."""
    if association_id is None:
        return [], []
    if editor_email is None:
        return [{"ConditionCheck": {"TableName": table_name(), "Key": to_item(keys.association(association_id)),
                                    "ConditionExpression": "attribute_exists(pk)"}}], ["association"]
    return [guard_check(Guard("editor", association_id, editor_email))], ["editor"]


class DynamoPollStore:
    def __init__(self, client: Any | None = None):
        self._client = client

    @property
    def client(self) -> Any:
        return self._client or dynamodb()

    def create(self, poll: Poll, audit: AuditEntry, *, editor_email: str | None) -> None:
        guards, which = _association_guard(poll.association_id, editor_email)
        transact(self.client, [
            *guards,
            {"Put": {"TableName": table_name(), "Item": _poll_item(poll),
                     "ConditionExpression": "attribute_not_exists(pk)"}},
            audit_put(keys.poll(poll.id), audit)], [*which, "exists", "audit"])

    def get(self, poll_id: str) -> Poll | None:
        item = call(self.client.get_item, TableName=table_name(), Key=to_item(keys.poll(poll_id)),
                    ConsistentRead=True).get("Item")
        return _poll(item) if item else None

    def view(self, poll_id: str, voter: str | None) -> tuple[Poll | None, dict[str, int], bool]:
        marker = keys.marker(poll_id, voter) if voter else None
        found = batch_get_tables(self.client, {
            table_name(): [keys.poll(poll_id), *([marker] if marker else [])],
            ballot_table_name(): [keys.counters(poll_id, s) for s in range(SHARDS)]})
        poll = next((_poll(i) for i in found[table_name()] if i["sk"]["S"] == "POLL"), None)
        voted = marker is not None and any(i["pk"]["S"] == marker["pk"] for i in found[table_name()])
        counters = found[ballot_table_name()]
        if poll and poll.shards != SHARDS:
            counters = batch_get(self.client, [keys.counters(poll_id, s) for s in range(poll.shards)],
                                 ballot_table_name())
        return poll, counter_sums(counters), voted

    def save(self, poll: Poll, expected_version: int, audit: AuditEntry | None = None, *,
             editor_email: str | None = None) -> None:
        guards, which = _association_guard(poll.association_id, editor_email) if editor_email else ([], [])
        items = [*guards, {"Put": {"TableName": table_name(), "Item": _poll_item(poll),
                                   "ConditionExpression": "#v = :expected",
                                   "ExpressionAttributeNames": {"#v": "version"},
                                   "ExpressionAttributeValues": {":expected": {"N": str(expected_version)}}}}]
        which += ["version"]
        if audit:
            items.append(audit_put(keys.poll(poll.id), audit))
            which.append("audit")
        transact(self.client, items, which)

    def list(self, audience: str | None, limit: int, cursor: str | None) -> Page[Poll]:
        partition = keys.poll_audience(audience)
        start = decode_cursor(cursor, expect={"gsi3pk": partition}, key_names={"pk", "sk", "gsi3pk", "gsi3sk"})
        params: dict[str, Any] = {"TableName": table_name(), "IndexName": "gsi3",
                                  "KeyConditionExpression": "gsi3pk = :p", "ScanIndexForward": False,
                                  "ExpressionAttributeValues": {":p": {"S": partition}}, "Limit": limit}
        response = query_from(self.client, start, **params)
        return Page(items=[_poll(i) for i in response.get("Items", [])],
                    next_cursor=encode_cursor(response.get("LastEvaluatedKey")))

    def due(self, status: PollStatus, now: str) -> list[str]:
        return due_ids(self.client, keys.poll_status(status.value), now)

    def is_editor(self, association_id: str, email: str) -> bool:
        item = call(self.client.get_item, TableName=table_name(), Key=to_item(keys.editor(association_id, email)))
        return "Item" in item
