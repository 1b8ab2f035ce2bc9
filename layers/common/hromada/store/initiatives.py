"""DynamoDB implementation of the InitiativeStore port."""

from __future__ import annotations

from typing import Any

from botocore.exceptions import ClientError

from hromada.domain.initiatives import match_candidate
from hromada.domain.ports import AuditEntry, ConditionFailed
from hromada.domain.twinning_ports import ActingEditor, Listed, ListQuery, Lookup
from hromada.models.initiative import Initiative
from hromada.store import keys
from hromada.store.audit import audit_put
from hromada.store.client import dynamodb, table_name
from hromada.store.codec import from_item, to_item
from hromada.store.conditions import editor_check, transact, verified_check
from hromada.store.errors import call, failed_conditions
from hromada.store.lookup import lookup_associations
from hromada.store.matches import entry_writes
from hromada.store.paging import Collection, read_page


def _item(i: Initiative) -> dict[str, Any]:
    data = i.model_dump(mode="json", exclude_none=True) | keys.initiative(i.id)
    if not i.hidden:  # sparse: a hidden initiative is in no listing
        order = keys.initiative_order(i.status.value, i.created_at, i.id)
        data |= {"gsi2pk": keys.INITIATIVES_COLLECTION, "gsi2sk": order}
        if i.oblast:
            data |= {"gsi1pk": keys.initiative_oblast(i.oblast), "gsi1sk": order}
        if i.region:
            data |= {"gsi3pk": keys.initiative_region(i.region), "gsi3sk": order}
    return to_item(data)


def _initiative(item: dict[str, Any]) -> Initiative:
    return Initiative.model_validate(from_item(item))


def _collection(query: ListQuery) -> Collection:
    """The listing's partition: a French region, else a Ukrainian oblast, else all initiatives."""
    prefix = keys.initiative_status_prefix(query.status) if query.status else None
    equals = {name: value for name, value in (("kind", query.kind), ("domain", query.domain),
                                              ("association_id", query.association)) if value}
    if query.region:
        if query.oblast:
            equals["oblast"] = query.oblast
        return Collection("gsi3", keys.initiative_region(query.region), prefix, equals)
    if query.oblast:
        return Collection("gsi1", keys.initiative_oblast(query.oblast), prefix, equals)
    return Collection("gsi2", keys.INITIATIVES_COLLECTION, prefix, equals)


class DynamoInitiativeStore:
    def __init__(self, client: Any | None = None):
        self._client = client

    @property
    def client(self) -> Any:
        return self._client or dynamodb()

    def lookup(self, association_ids: list[str], editor_email: str | None, *, profiles: bool) -> Lookup:
        return lookup_associations(self.client, association_ids, editor_email, profiles=profiles)

    def create(self, initiative: Initiative, *, editor: ActingEditor, audit: AuditEntry) -> None:
        items = [editor_check(editor), verified_check(initiative.association_id),
                 {"Put": {"TableName": table_name(), "Item": _item(initiative),
                          "ConditionExpression": "attribute_not_exists(pk)"}},
                 *entry_writes(None, match_candidate(initiative)),
                 audit_put(keys.initiative(initiative.id)["pk"], audit)]
        try:
            transact(self.client, items)
        except ClientError as error:
            failed = failed_conditions(error)
            if not failed:
                raise
            raise ConditionFailed("editor" if 0 in failed else "verified") from error

    def save(self, initiative: Initiative, previous: Initiative, *, editor: ActingEditor | None,
             audit: AuditEntry) -> None:
        items = [editor_check(editor)] if editor else []
        items.append({"Put": {
            "TableName": table_name(), "Item": _item(initiative), "ConditionExpression": "#v = :expected",
            "ExpressionAttributeNames": {"#v": "version"},
            "ExpressionAttributeValues": {":expected": {"N": str(previous.version)}}}})
        items += entry_writes(match_candidate(previous), match_candidate(initiative))
        items.append(audit_put(keys.initiative(initiative.id)["pk"], audit))
        try:
            transact(self.client, items)
        except ClientError as error:
            failed = failed_conditions(error)
            if not failed:
                raise
            raise ConditionFailed("editor" if editor and 0 in failed else "version") from error

    def get(self, initiative_id: str) -> Initiative | None:
        response = call(self.client.get_item, TableName=table_name(), Key=to_item(keys.initiative(initiative_id)))
        item = response.get("Item")
        return _initiative(item) if item else None

    def list(self, query: ListQuery) -> Listed[Initiative]:
        items, cursor, calls = read_page(self.client, _collection(query), query.limit, query.cursor)
        return Listed([_initiative(i) for i in items], cursor, calls)
