"""DynamoDB implementation of the AssociationStore port."""

from __future__ import annotations

import secrets
from typing import Any

from botocore.exceptions import ClientError

from hromada.domain.ports import (
    AssociationNumbers,
    AuditEntry,
    ConditionFailed,
    DirectoryQuery,
    NextEvent,
    SlugTaken,
)
from hromada.models.association import Association, Editor, Status
from hromada.models.common import Page
from hromada.reference.text import fold
from hromada.store import keys
from hromada.store.client import dynamodb, table_name
from hromada.store.codec import decode_cursor, from_item, to_item
from hromada.store.errors import call, failed_conditions
from hromada.store.paging import fill_page, query_count, query_items


def _association_item(a: Association) -> dict[str, Any]:
    data = a.model_dump(mode="json", exclude_none=True)
    data["search"] = fold(" ".join([a.name, a.city, a.postal_code, *a.description.model_dump().values()]))
    data |= keys.association(a.id)
    data |= {"gsi1pk": keys.slug_lookup(a.slug), "gsi1sk": keys.PROFILE,
             "gsi2pk": keys.association_collection(a.status.value),
             "gsi2sk": keys.association_order(a.status.value, a.slug, a.created_at)}
    if a.status == Status.VERIFIED:  # sparse index: only the public directory is listed by region
        data |= {"gsi3pk": keys.association_region(a.region),
                 "gsi3sk": keys.association_region_order(a.department, a.slug)}
    return to_item(data)


def _association(item: dict[str, Any]) -> Association:
    return Association.model_validate(from_item(item))


def _editor_item(e: Editor) -> dict[str, Any]:
    return to_item(e.model_dump(mode="json") | keys.editor(e.association_id, e.email)
                   | {"gsi1pk": keys.editor_lookup(e.email), "gsi1sk": keys.association(e.association_id)["pk"]})


def _audit_put(entry: AuditEntry) -> dict[str, Any]:
    target = keys.association(entry.target)["pk"]
    item = {"actor_id": entry.actor_id, "action": entry.action, "target": entry.target, "at": entry.at,
            "reason": entry.reason, "gsi2pk": keys.audit_collection(entry.at), "gsi2sk": entry.at}
    item |= keys.person_entry(entry.actor_id, "AUDIT", entry.at)
    item |= keys.audit(target, entry.at, secrets.token_hex(4))
    return {"Put": {"TableName": table_name(), "Item": to_item(item),
                    "ConditionExpression": "attribute_not_exists(pk)"}}


class DynamoAssociationStore:
    def __init__(self, client: Any | None = None):
        self._client = client

    @property
    def client(self) -> Any:
        return self._client or dynamodb()

    # ------------------------------------------------------------ writes
    def create(self, association: Association, owner: Editor, audit: AuditEntry) -> None:
        table = table_name()
        lock = keys.slug_lock(association.slug) | {"association_id": association.id}
        try:
            call(self.client.transact_write_items, TransactItems=[
                {"Put": {"TableName": table, "Item": to_item(lock),
                         "ConditionExpression": "attribute_not_exists(pk)"}},
                {"Put": {"TableName": table, "Item": _association_item(association),
                         "ConditionExpression": "attribute_not_exists(pk)"}},
                {"Put": {"TableName": table, "Item": _editor_item(owner)}},
                _audit_put(audit),
            ])
        except ClientError as error:
            if 0 in failed_conditions(error):
                raise SlugTaken(association.slug) from error
            raise

    def save(self, association: Association, expected_version: int, *, editor_email: str | None,
             audit: AuditEntry | None = None) -> None:
        table = table_name()
        items: list[dict[str, Any]] = []
        if editor_email is not None:
            items.append({"ConditionCheck": {
                "TableName": table, "Key": to_item(keys.editor(association.id, editor_email)),
                "ConditionExpression": "attribute_exists(pk)"}})
        items.append({"Put": {
            "TableName": table, "Item": _association_item(association),
            "ConditionExpression": "#v = :expected",
            "ExpressionAttributeNames": {"#v": "version"},
            "ExpressionAttributeValues": {":expected": {"N": str(expected_version)}}}})
        if audit is not None:
            items.append(_audit_put(audit))
        try:
            call(self.client.transact_write_items, TransactItems=items)
        except ClientError as error:
            failed = failed_conditions(error)
            if not failed:
                raise
            raise ConditionFailed("editor" if editor_email is not None and 0 in failed else "version") from error

    def add_editor(self, editor: Editor, *, owner_email: str | None) -> None:
        table = table_name()
        guard = self._owner_guard(editor.association_id, owner_email)
        try:
            call(self.client.transact_write_items, TransactItems=[
                guard,
                {"Put": {"TableName": table, "Item": _editor_item(editor),
                         "ConditionExpression": "attribute_not_exists(pk)"}},
            ])
        except ClientError as error:
            failed = failed_conditions(error)
            if not failed:
                raise
            raise ConditionFailed("owner" if 0 in failed else "exists") from error

    def remove_editor(self, association_id: str, email: str, *, owner_email: str | None) -> None:
        table = table_name()
        try:
            call(self.client.transact_write_items, TransactItems=[
                self._owner_guard(association_id, owner_email),
                {"Delete": {"TableName": table, "Key": to_item(keys.editor(association_id, email)),
                            "ConditionExpression": "#role = :editor",
                            "ExpressionAttributeNames": {"#role": "role"},
                            "ExpressionAttributeValues": {":editor": {"S": "editor"}}}},
            ])
        except ClientError as error:
            failed = failed_conditions(error)
            if not failed:
                raise
            raise ConditionFailed("owner" if 0 in failed else "exists") from error

    def _owner_guard(self, association_id: str, owner_email: str | None) -> dict[str, Any]:
        """The caller still owns the association, or (admins) the association at least exists."""
        table = table_name()
        if owner_email is None:
            return {"ConditionCheck": {"TableName": table, "Key": to_item(keys.association(association_id)),
                                       "ConditionExpression": "attribute_exists(pk)"}}
        return {"ConditionCheck": {
            "TableName": table, "Key": to_item(keys.editor(association_id, owner_email)),
            "ConditionExpression": "#role = :owner",
            "ExpressionAttributeNames": {"#role": "role"},
            "ExpressionAttributeValues": {":owner": {"S": "owner"}}}}

    # ------------------------------------------------------------ reads
    def get(self, association_id: str) -> Association | None:
        response = call(self.client.get_item, TableName=table_name(), Key=to_item(keys.association(association_id)))
        item = response.get("Item")
        return _association(item) if item else None

    def get_by_slug(self, slug: str) -> Association | None:
        response = call(self.client.query, TableName=table_name(), IndexName="gsi1",
                        KeyConditionExpression="gsi1pk = :slug",
                        ExpressionAttributeValues={":slug": {"S": keys.slug_lookup(slug)}}, Limit=1)
        items = response.get("Items") or []
        return _association(items[0]) if items else None

    def get_many(self, association_ids: list[str]) -> list[Association]:
        found: list[Association] = []
        ids = list(dict.fromkeys(association_ids))
        for start in range(0, len(ids), 100):
            request = {table_name(): {"Keys": [to_item(keys.association(i)) for i in ids[start:start + 100]]}}
            while request:
                response = call(self.client.batch_get_item, RequestItems=request)
                found += [_association(item) for item in response.get("Responses", {}).get(table_name(), [])]
                request = response.get("UnprocessedKeys") or None
        return found

    def numbers(self, association_id: str, now: str, *, editor_email: str | None = None
                ) -> tuple[bool, bool, AssociationNumbers]:
        """One Query of the association's events from now (gsi1, by start); one BatchGetItem (per 100 keys) of
        their seats with the profile and the caller's editor item (existence and the editor check ride along);
        one counting Query of its follower entries (keys only, no items returned)."""
        table = table_name()
        args: dict[str, Any] = {
            "TableName": table, "IndexName": "gsi1",
            "KeyConditionExpression": "gsi1pk = :pk AND gsi1sk >= :now",
            "ExpressionAttributeValues": {":pk": {"S": keys.event_association(association_id)}, ":now": {"S": now}},
            "ProjectionExpression": "id, title, #start, #status", "ExpressionAttributeNames": {
                "#start": "start", "#status": "status"}}
        upcoming = [e for e in map(from_item, query_items(self.client, **args)) if e.get("status") != "cancelled"]
        profile = keys.association(association_id)
        editor = keys.editor(association_id, editor_email) if editor_email else None
        wanted = [profile, *([editor] if editor else []), *(keys.seats(e["id"]) for e in upcoming)]
        confirmed = waiting = 0
        exists = edits = False
        for first in range(0, len(wanted), 100):
            request: dict[str, Any] | None = {table: {
                "Keys": [to_item(k) for k in wanted[first:first + 100]], "ConsistentRead": True,
                "ProjectionExpression": "pk, sk, confirmed, waiting"}}
            while request:
                response = call(self.client.batch_get_item, RequestItems=request)
                for item in response.get("Responses", {}).get(table, []):
                    found = from_item(item)
                    if found["sk"] == keys.SEATS:
                        confirmed += int(found.get("confirmed", 0))
                        waiting += int(found.get("waiting", 0))
                    elif found["pk"] == profile["pk"] and found["sk"] == profile["sk"]:
                        exists = True
                    elif editor is not None and found["pk"] == editor["pk"] and found["sk"] == editor["sk"]:
                        edits = True
                request = response.get("UnprocessedKeys") or None
        followers = query_count(self.client, TableName=table, KeyConditionExpression="pk = :pk",
                                ExpressionAttributeValues={":pk": {"S": keys.follower(association_id, "")["pk"]}})
        first_event = upcoming[0] if upcoming else None
        return exists, edits, AssociationNumbers(
            upcoming_events=len(upcoming), registrations=confirmed, waitlisted=waiting, followers=followers,
            next_event=NextEvent(id=first_event["id"], title=dict(first_event.get("title") or {}),
                                 start=first_event["start"]) if first_event else None)

    def editors(self, association_id: str) -> list[Editor]:
        response = call(self.client.query, TableName=table_name(),
                        KeyConditionExpression="pk = :pk AND begins_with(sk, :editor)",
                        ExpressionAttributeValues={":pk": {"S": keys.association(association_id)["pk"]},
                                                   ":editor": {"S": keys.EDITOR_PREFIX}})
        return [Editor.model_validate(from_item(item)) for item in response.get("Items", [])]

    def memberships(self, email: str) -> list[Editor]:
        response = call(self.client.query, TableName=table_name(), IndexName="gsi1",
                        KeyConditionExpression="gsi1pk = :email",
                        ExpressionAttributeValues={":email": {"S": keys.editor_lookup(email)}})
        return [Editor.model_validate(from_item(item)) for item in response.get("Items", [])]

    def list_directory(self, query: DirectoryQuery) -> Page[Association]:
        if query.region or query.department:
            region = query.region  # the domain fills it in from the department
            index, pk_name, sk_name = "gsi3", "gsi3pk", "gsi3sk"
            partition = keys.association_region(region or "")
            condition = "gsi3pk = :p"
            values: dict[str, Any] = {":p": {"S": partition}}
            if query.department:
                condition += " AND begins_with(gsi3sk, :d)"
                values[":d"] = {"S": f"{query.department}#"}
        else:
            index, pk_name, sk_name = "gsi2", "gsi2pk", "gsi2sk"
            partition = keys.association_collection(Status.VERIFIED.value)
            condition, values = "gsi2pk = :p", {":p": {"S": partition}}
        filters, names = [], {}
        if query.category:
            filters.append("contains(categories, :category)")
            values[":category"] = {"S": query.category.value}
        if query.language:
            filters.append("contains(languages, :language)")
            values[":language"] = {"S": query.language.value}
        if query.text:
            filters.append("contains(#search, :text)")
            values[":text"] = {"S": query.text}
            names["#search"] = "search"
        start = decode_cursor(query.cursor, expect={pk_name: partition}, key_names={"pk", "sk", pk_name, sk_name})
        params: dict[str, Any] = {"TableName": table_name(), "IndexName": index,
                                  "KeyConditionExpression": condition, "ExpressionAttributeValues": values}
        if filters:
            params["FilterExpression"] = " AND ".join(filters)
        if names:
            params["ExpressionAttributeNames"] = names
        return self._page(params, query.limit, start, key_names=("pk", "sk", pk_name, sk_name))

    def list_by_status(self, status: Status, limit: int, cursor: str | None) -> Page[Association]:
        partition = keys.association_collection(status.value)
        start = decode_cursor(cursor, expect={"gsi2pk": partition}, key_names={"pk", "sk", "gsi2pk", "gsi2sk"})
        params = {"TableName": table_name(), "IndexName": "gsi2", "KeyConditionExpression": "gsi2pk = :p",
                  "ExpressionAttributeValues": {":p": {"S": partition}}}
        return self._page(params, limit, start, key_names=("pk", "sk", "gsi2pk", "gsi2sk"))

    def _page(self, params: dict[str, Any], limit: int, start: dict[str, Any] | None,
              key_names: tuple[str, ...]) -> Page[Association]:
        items, next_cursor, _ = fill_page(self.client, params, limit, start, key_names)
        return Page(items=[_association(i) for i in items], next_cursor=next_cursor)
