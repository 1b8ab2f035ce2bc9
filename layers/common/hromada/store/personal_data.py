"""DynamoDB (and Cognito) side of a person's export and erasure.

`subscriptions_of` and `erase_subscriptions` are the hooks the mail capability plugs into: they read and
delete what is stored under the subscriber key of the person's e-mail (keys.subscriber_partition).
"""

from __future__ import annotations

import secrets
from decimal import Decimal
from typing import Any

from hromada.domain.personal_data import Membership, PersonEntry
from hromada.models.association import AssociationOut, EditorRole, Status
from hromada.store import keys
from hromada.store.account_admin import CognitoAccounts
from hromada.store.associations import DynamoAssociationStore
from hromada.store.client import dynamodb, table_name
from hromada.store.codec import from_item, to_item
from hromada.store.errors import call
from hromada.store.guards import transact
from hromada.store.paging import query_items

__all__ = ["CognitoAccounts", "DynamoPersonalDataStore"]


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | set | tuple):
        return [_plain(v) for v in value]
    return value


def _entry(item: dict[str, Any]) -> PersonEntry:
    kind, ref = keys.person_entry_of(item)
    return PersonEntry(kind, ref, keys.without_keys(item), keys.item_key(item))


class DynamoPersonalDataStore:
    def __init__(self, client: Any | None = None):
        self._client = client

    @property
    def client(self) -> Any:
        return self._client or dynamodb()

    def _query(self, **params: Any) -> list[dict[str, Any]]:
        return list(query_items(self.client, TableName=table_name(), **params))

    def _update(self, key: dict[str, Any], expression: str, values: dict[str, Any] | None = None,
                names: dict[str, str] | None = None) -> None:
        params: dict[str, Any] = {"TableName": table_name(), "Key": key, "UpdateExpression": expression}
        if values:
            params["ExpressionAttributeValues"] = values
        if names:
            params["ExpressionAttributeNames"] = names
        call(self.client.update_item, **params)

    # ------------------------------------------------------------ reading
    def entries(self, subject: str, kind: str | None = None) -> list[PersonEntry]:
        if kind is None:
            items = self._query(IndexName="gsi1", KeyConditionExpression="gsi1pk = :p",
                                ExpressionAttributeValues={":p": {"S": keys.person(subject)}})
        else:
            items = self._query(IndexName="gsi1", KeyConditionExpression="gsi1pk = :p AND begins_with(gsi1sk, :k)",
                                ExpressionAttributeValues={":p": {"S": keys.person(subject)},
                                                           ":k": {"S": keys.person_kind(kind)}})
        return [_entry(_plain(from_item(i))) for i in items]

    def memberships(self, email: str) -> list[Membership]:
        rows = self._query(IndexName="gsi1", KeyConditionExpression="gsi1pk = :e",
                           ExpressionAttributeValues={":e": {"S": keys.editor_lookup(email)}})
        links = [from_item(row) for row in rows]
        # Their profiles in one BatchGetItem (per 100), not one GetItem each.
        by_id = {a.id: a for a in DynamoAssociationStore(self._client).get_many([x["association_id"] for x in links])}
        found = []
        for link in links:
            association = by_id.get(link["association_id"])
            view = AssociationOut.for_editor(association).model_dump(mode="json") if association else None
            found.append(Membership(link["association_id"], link["role"], view))
        return found

    def subscriptions_of(self, email: str) -> list[dict[str, Any]]:
        """What the mail capability stores for this subscriber (digests, reminders), keys left out."""
        items = self._query(KeyConditionExpression="pk = :p",
                            ExpressionAttributeValues={":p": {"S": keys.subscriber_partition(email)}})
        return [keys.without_keys(_plain(from_item(i))) for i in items]

    def erase_subscriptions(self, email: str) -> None:
        """The mailbox's subscription and the follower entries naming it (FOLLOWERS#<association> /
        <subscription id>), whatever its status: an entry left behind would outlive the person."""
        partition = keys.subscriber_partition(email)
        subscription_id = "sb_" + partition.removeprefix("SUB#")
        for item in map(from_item, self._query(KeyConditionExpression="pk = :p",
                                               ExpressionAttributeValues={":p": {"S": partition}})):
            for association_id in sorted(set(item.get("associations") or [])):
                call(self.client.delete_item, TableName=table_name(),
                     Key=to_item(keys.follower(str(association_id), subscription_id)))
            call(self.client.delete_item, TableName=table_name(), Key=to_item({"pk": item["pk"], "sk": item["sk"]}))

    def co_editors(self, association_id: str, email: str) -> list[str]:
        editors = [from_item(i) for i in self._query(
            KeyConditionExpression="pk = :p AND begins_with(sk, :e)",
            ExpressionAttributeValues={":p": {"S": keys.association(association_id)["pk"]},
                                       ":e": {"S": keys.EDITOR_PREFIX}})]
        return [e["email"] for e in sorted(editors, key=lambda e: e.get("added_at", "")) if e["email"] != email]

    # ------------------------------------------------------------ erasing
    def hand_over(self, association_id: str, leaving_email: str, successor_email: str, successor_id: str) -> None:
        store = DynamoAssociationStore(self._client)
        transact(self.client, [  # the successor may have been removed meanwhile: ConditionFailed("successor")
            {"Update": {"TableName": table_name(), "Key": to_item(keys.editor(association_id, successor_email)),
                        "UpdateExpression": "SET #r = :owner", "ConditionExpression": "attribute_exists(pk)",
                        "ExpressionAttributeNames": {"#r": "role"},
                        "ExpressionAttributeValues": {":owner": {"S": EditorRole.OWNER.value}}}},
            {"Delete": {"TableName": table_name(), "Key": to_item(keys.editor(association_id, leaving_email))}},
        ], ["successor", "leaving"])
        current = store.get(association_id)
        if current is not None:
            store.save(current.model_copy(update={"owner_id": successor_id, "version": current.version + 1}),
                       current.version, editor_email=None)

    def freeze(self, association_id: str, leaving_email: str) -> None:
        store = DynamoAssociationStore(self._client)
        call(self.client.delete_item, TableName=table_name(), Key=to_item(keys.editor(association_id, leaving_email)))
        current = store.get(association_id)
        if current is not None:
            store.save(current.model_copy(update={
                "owner_id": "erased", "status": Status.FROZEN, "status_reason": "owner_left",
                "version": current.version + 1}), current.version, editor_email=None)

    def leave_association(self, association_id: str, email: str) -> None:
        call(self.client.delete_item, TableName=table_name(), Key=to_item(keys.editor(association_id, email)))

    def anonymise_authored(self, association_id: str, user_id: str, email: str, pseudonym: str) -> None:
        names = {"#by": "created_by"}
        values = {":me": {"S": user_id}, ":p": {"S": pseudonym}}
        for collection in (keys.event_association(association_id), keys.announcement_association(association_id)):
            for item in self._query(IndexName="gsi1", KeyConditionExpression="gsi1pk = :c",
                                    FilterExpression="#by = :me", ProjectionExpression="pk, sk",
                                    ExpressionAttributeNames=names,
                                    ExpressionAttributeValues={":c": {"S": collection}, ":me": values[":me"]}):
                self._update({"pk": item["pk"], "sk": item["sk"]}, "SET #by = :p", {":p": values[":p"]}, names)
        for item in self._query(KeyConditionExpression="pk = :a AND begins_with(sk, :e)",
                                FilterExpression="added_by = :me", ProjectionExpression="pk, sk",
                                ExpressionAttributeValues={":a": {"S": keys.association(association_id)["pk"]},
                                                           ":e": {"S": keys.EDITOR_PREFIX}, ":me": values[":me"]}):
            self._update({"pk": item["pk"], "sk": item["sk"]}, "SET added_by = :p", {":p": values[":p"]})
        store = DynamoAssociationStore(self._client)
        current = store.get(association_id)
        if current is not None and current.contact_email == email:
            store.save(current.model_copy(update={"contact_email": None, "show_contact_email": False,
                                                  "version": current.version + 1}),
                       current.version, editor_email=None)

    def anonymise_entry(self, entry: PersonEntry, pseudonym: str) -> None:
        kind = entry.kind
        key = to_item(dict(entry.key))
        table = table_name()
        if kind == "FLAG":  # the flag keeps counting, without its reporter (nor their words)
            kept = {k: v for k, v in entry.fields.items() if k not in ("reporter_id", "comment")}
            kept |= keys.flag(str(entry.fields["item"]), pseudonym)
            call(self.client.transact_write_items, TransactItems=[
                {"Delete": {"TableName": table, "Key": key}},
                {"Put": {"TableName": table, "Item": to_item(kept)}}])
        elif kind == "VOTED":  # markers still add up to ballots; none names the voter
            box = entry.ref
            call(self.client.transact_write_items, TransactItems=[
                {"Delete": {"TableName": table, "Key": key}},
                {"Put": {"TableName": table, "Item": to_item(keys.marker(box, f"{pseudonym}-{secrets.token_hex(4)}")),
                         "ConditionExpression": "attribute_not_exists(pk)"}}])
        elif kind in ("ROLL", "SERIESREG"):
            call(self.client.delete_item, TableName=table, Key=key)
        elif kind == "CANDIDATE":
            self._update(key, "SET email = :p REMOVE gsi1pk, gsi1sk", {":p": {"S": pseudonym}})
        elif kind == "AUDIT":
            self._update(key, "SET actor_id = :p REMOVE gsi1pk, gsi1sk", {":p": {"S": pseudonym}})
        elif kind == "POLL":
            self._update(key, "SET created_by = :p REMOVE gsi1pk, gsi1sk", {":p": {"S": pseudonym}})
        else:
            self._update(key, "REMOVE gsi1pk, gsi1sk")

    def leave_tombstone(self, user_id: str, expires_at: int) -> None:
        call(self.client.put_item, TableName=table_name(),
             Item=to_item(keys.erased_account(keys.account_pseudonym(user_id)) | {"expires_at": expires_at}))

    def drop_suspension(self, user_id: str) -> None:
        for item in self._query(KeyConditionExpression="pk = :p", ProjectionExpression="pk, sk",
                                ExpressionAttributeValues={":p": {"S": keys.suspension(user_id)["pk"]}}):
            call(self.client.delete_item, TableName=table_name(), Key={"pk": item["pk"], "sk": item["sk"]})
