"""DynamoDB implementation of the TwinningStore port, for either kind (partnerships, initiatives).

Each kind declares its keys, its model, its match entries and how its listings filter (StoredKind);
writing, reading and listing are the same for both.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from botocore.exceptions import ClientError

from hromada.domain.ports import AuditEntry, ConditionFailed
from hromada.domain.twinning_ports import ActingEditor, Listed, ListQuery, Lookup
from hromada.models.twinning import TwinningRecord
from hromada.reference.matching import Candidate
from hromada.store.audit import audit_put
from hromada.store.client import dynamodb, table_name
from hromada.store.codec import from_item, to_item
from hromada.store.conditions import editor_check, transact, verified_check
from hromada.store.errors import call, failed_conditions
from hromada.store.keys import TwinningKeys
from hromada.store.lookup import lookup_associations
from hromada.store.matches import entry_writes
from hromada.store.paging import Collection, read_page

Item = TypeVar("Item", bound=TwinningRecord)  # Partnership or Initiative


@dataclass(frozen=True)
class StoredKind(Generic[Item]):
    keys: TwinningKeys
    model: type[Item]
    candidate: Callable[[Item], Candidate | None]  # its match entries
    places: Callable[[Item], tuple[str | None, str | None]]  # (French region, Ukrainian oblast) it is listed under
    attributes: Callable[[Item], dict[str, Any]]  # flat attributes the listings' filters read, beside the model's
    filters: Callable[[ListQuery], tuple[dict[str, Any], dict[str, Any]]]  # (equals, contains) of a listing
    # The health figures' writes, from the item before (None when created) to after (hromada.store.twinning_health)
    health: Callable[[Item | None, Item], list[dict[str, Any]]] = lambda _before, _after: []


class DynamoTwinningStore(Generic[Item]):
    def __init__(self, kind: StoredKind[Item], client: Any | None = None):
        self.kind = kind
        self._client = client

    @property
    def client(self) -> Any:
        return self._client or dynamodb()

    def lookup(self, association_ids: list[str], editor_email: str | None, *, profiles: bool) -> Lookup:
        return lookup_associations(self.client, association_ids, editor_email, profiles=profiles)

    def create(self, item: Item, *, editor: ActingEditor, verified: list[str], audit: AuditEntry) -> None:
        checked = list(dict.fromkeys(verified))
        items = [editor_check(editor), *(verified_check(a) for a in checked),
                 {"Put": {"TableName": table_name(), "Item": self._item(item),
                          "ConditionExpression": "attribute_not_exists(pk)"}},
                 *entry_writes(None, self.kind.candidate(item)), *self.kind.health(None, item),
                 audit_put(self.kind.keys.item(item.id)["pk"], audit)]
        self._transact(items, lambda failed: "editor" if 0 in failed else "verified")

    def save(self, item: Item, previous: Item, *, editor: ActingEditor | None, audit: AuditEntry) -> None:
        items = [editor_check(editor)] if editor else []
        items.append({"Put": {
            "TableName": table_name(), "Item": self._item(item), "ConditionExpression": "#v = :expected",
            "ExpressionAttributeNames": {"#v": "version"},
            "ExpressionAttributeValues": {":expected": {"N": str(previous.version)}}}})
        items += entry_writes(self.kind.candidate(previous), self.kind.candidate(item))
        items += self.kind.health(previous, item)
        items.append(audit_put(self.kind.keys.item(item.id)["pk"], audit))
        self._transact(items, lambda failed: "editor" if editor and 0 in failed else "version")

    def get(self, item_id: str, *, consistent: bool = False) -> Item | None:
        """consistent: a follow-up reading the write it follows, a moment after it."""
        response = call(self.client.get_item, TableName=table_name(), Key=to_item(self.kind.keys.item(item_id)),
                        ConsistentRead=consistent)
        item = response.get("Item")
        return self._model(item) if item else None

    def list(self, query: ListQuery) -> Listed[Item]:
        items, cursor, calls = read_page(self.client, self._collection(query), query.limit, query.cursor)
        return Listed([self._model(i) for i in items], cursor, calls)

    # ------------------------------------------------------------ helpers
    def _transact(self, items: list[dict[str, Any]], which: Callable[[list[int]], str]) -> None:
        """All or nothing; a failed condition raises ConditionFailed(which(indexes of the failed items))."""
        try:
            transact(self.client, items)
        except ClientError as error:
            failed = failed_conditions(error)
            if not failed:
                raise
            raise ConditionFailed(which(failed)) from error

    def _item(self, item: Item) -> dict[str, Any]:
        keys = self.kind.keys
        data = item.model_dump(mode="json", exclude_none=True) | keys.item(item.id) | self.kind.attributes(item)
        if not item.hidden:  # sparse: a hidden item is in no listing
            order = keys.order(item.status.value, item.created_at, item.id)
            region, oblast = self.kind.places(item)
            data |= {"gsi2pk": keys.collection, "gsi2sk": order}
            if oblast:
                data |= {"gsi1pk": keys.oblast(oblast), "gsi1sk": order}
            if region:
                data |= {"gsi3pk": keys.region(region), "gsi3sk": order}
        return to_item(data)

    def _model(self, item: dict[str, Any]) -> Item:
        return self.kind.model.model_validate(from_item(item))

    def _collection(self, query: ListQuery) -> Collection:
        """The listing's partition: a French region, else a Ukrainian oblast, else the whole kind."""
        keys = self.kind.keys
        prefix = keys.status_prefix(query.status) if query.status else None
        equals, contains = self.kind.filters(query)
        if query.region:
            if query.oblast:
                equals["oblast"] = query.oblast
            return Collection("gsi3", keys.region(query.region), prefix, equals, contains)
        if query.oblast:
            return Collection("gsi1", keys.oblast(query.oblast), prefix, equals, contains)
        return Collection("gsi2", keys.collection, prefix, equals, contains)
