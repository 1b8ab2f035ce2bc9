"""DynamoDB implementation of the PartnershipStore port."""

from __future__ import annotations

from typing import Any

from botocore.exceptions import ClientError

from hromada.domain.partnerships import match_candidate
from hromada.domain.ports import AuditEntry, ConditionFailed
from hromada.domain.twinning_ports import ActingEditor, Listed, ListQuery, Lookup
from hromada.models.partnership import Partnership
from hromada.store import keys
from hromada.store.audit import audit_put
from hromada.store.client import dynamodb, table_name
from hromada.store.codec import from_item, to_item
from hromada.store.conditions import editor_check, transact, verified_check
from hromada.store.errors import call, failed_conditions
from hromada.store.lookup import lookup_associations
from hromada.store.matches import entry_writes
from hromada.store.paging import Collection, read_page


def _item(p: Partnership) -> dict[str, Any]:
    data = p.model_dump(mode="json", exclude_none=True) | keys.partnership(p.id)
    data |= {"region": p.french.region, "oblast": p.ukrainian.oblast}  # flat, for filters
    if p.association_ids:
        data["association_ids"] = p.association_ids
    if not p.hidden:  # sparse: a hidden partnership is in no listing
        order = keys.partnership_order(p.status.value, p.created_at, p.id)
        data |= {"gsi1pk": keys.partnership_oblast(p.ukrainian.oblast), "gsi1sk": order,
                 "gsi2pk": keys.PARTNERSHIPS_COLLECTION, "gsi2sk": order,
                 "gsi3pk": keys.partnership_region(p.french.region), "gsi3sk": order}
    return to_item(data)


def _partnership(item: dict[str, Any]) -> Partnership:
    return Partnership.model_validate(from_item(item))


def _collection(query: ListQuery) -> Collection:
    """The listing's partition: a French region, else a Ukrainian oblast, else the whole directory."""
    prefix = keys.partnership_status_prefix(query.status) if query.status else None
    contains = {"domains": query.domain} if query.domain else {}
    if query.association:
        contains["association_ids"] = query.association
    if query.region:
        equals = {"oblast": query.oblast} if query.oblast else {}
        return Collection("gsi3", keys.partnership_region(query.region), prefix, equals, contains)
    if query.oblast:
        return Collection("gsi1", keys.partnership_oblast(query.oblast), prefix, {}, contains)
    return Collection("gsi2", keys.PARTNERSHIPS_COLLECTION, prefix, {}, contains)


class DynamoPartnershipStore:
    def __init__(self, client: Any | None = None):
        self._client = client

    @property
    def client(self) -> Any:
        return self._client or dynamodb()

    def lookup(self, association_ids: list[str], editor_email: str | None, *, profiles: bool) -> Lookup:
        return lookup_associations(self.client, association_ids, editor_email, profiles=profiles)

    def create(self, partnership: Partnership, *, editor: ActingEditor, verified: list[str],
               audit: AuditEntry) -> None:
        checked = list(dict.fromkeys(verified))
        items = [editor_check(editor), *(verified_check(a) for a in checked),
                 {"Put": {"TableName": table_name(), "Item": _item(partnership),
                          "ConditionExpression": "attribute_not_exists(pk)"}},
                 *entry_writes(None, match_candidate(partnership)),
                 audit_put(keys.partnership(partnership.id)["pk"], audit)]
        try:
            transact(self.client, items)
        except ClientError as error:
            failed = failed_conditions(error)
            if not failed:
                raise
            raise ConditionFailed("editor" if 0 in failed else "verified") from error

    def save(self, partnership: Partnership, previous: Partnership, *, editor: ActingEditor | None,
             audit: AuditEntry) -> None:
        items = [editor_check(editor)] if editor else []
        items.append({"Put": {
            "TableName": table_name(), "Item": _item(partnership), "ConditionExpression": "#v = :expected",
            "ExpressionAttributeNames": {"#v": "version"},
            "ExpressionAttributeValues": {":expected": {"N": str(previous.version)}}}})
        items += entry_writes(match_candidate(previous), match_candidate(partnership))
        items.append(audit_put(keys.partnership(partnership.id)["pk"], audit))
        try:
            transact(self.client, items)
        except ClientError as error:
            failed = failed_conditions(error)
            if not failed:
                raise
            raise ConditionFailed("editor" if editor and 0 in failed else "version") from error

    def get(self, partnership_id: str) -> Partnership | None:
        response = call(self.client.get_item, TableName=table_name(), Key=to_item(keys.partnership(partnership_id)))
        item = response.get("Item")
        return _partnership(item) if item else None

    def list(self, query: ListQuery) -> Listed[Partnership]:
        items, cursor, calls = read_page(self.client, _collection(query), query.limit, query.cursor)
        return Listed([_partnership(i) for i in items], cursor, calls)
