"""Possible matches in the table: one item per (need, offer) pair, found from either side (pk: the need,
gsi1: the offer). Its creation, each side's answer, the sharing of contacts and a cancellation are each one
conditional write, so a pair is told once and each step happens once, whatever races it."""

from __future__ import annotations

from typing import Any

from botocore.exceptions import ClientError

from hromada.domain.ports import ConditionFailed
from hromada.domain.possible_matches import Answer, Contact, PossibleMatch, Side
from hromada.domain.twinning_ports import ActingEditor, Lookup
from hromada.store import keys
from hromada.store.client import dynamodb, table_name
from hromada.store.codec import from_item, to_item
from hromada.store.conditions import editor_check, transact
from hromada.store.errors import call, failed_conditions, guarded_write
from hromada.store.lookup import lookup_associations

MAX_PAIRS = 100  # an initiative's pairs, one Query


def _side(data: dict[str, Any], side: str) -> Side:
    answer = data.get(f"{side}_answer")
    return Side(data[f"{side}_id"], data[f"{side}_title"], data[f"{side}_association_id"],
                data[f"{side}_association_name"], Answer(answer) if answer else None)


def _pair(data: dict[str, Any]) -> PossibleMatch:
    return PossibleMatch(_side(data, "need"), _side(data, "offer"), int(data["score"]), data["created_at"],
                         data.get("shared_at"), data.get("cancelled_at"), data.get("untold"))


def _key(pair: PossibleMatch) -> dict[str, dict[str, str]]:
    full = keys.possible_match(pair.need.initiative_id, pair.offer.initiative_id)
    return to_item({"pk": full["pk"], "sk": full["sk"]})


class DynamoPossibleMatches:
    def __init__(self, client: Any | None = None):
        self._client = client

    @property
    def client(self) -> Any:
        return self._client or dynamodb()

    def lookup(self, association_ids: list[str], editor_email: str | None, *, profiles: bool) -> Lookup:
        return lookup_associations(self.client, association_ids, editor_email, profiles=profiles)

    def record(self, pair: PossibleMatch) -> bool:
        data: dict[str, Any] = keys.possible_match(pair.need.initiative_id, pair.offer.initiative_id) | {
            "score": pair.score, "created_at": pair.created_at}
        if pair.untold:  # pairs recorded before this marker existed were told in their request
            data["untold"] = pair.untold
        for name, side in (("need", pair.need), ("offer", pair.offer)):
            data |= {f"{name}_id": side.initiative_id, f"{name}_title": side.title,
                     f"{name}_association_id": side.association_id,
                     f"{name}_association_name": side.association_name}
        return guarded_write(self.client.put_item, TableName=table_name(), Item=to_item(data),
                             ConditionExpression="attribute_not_exists(pk)") is not None

    def get(self, need_id: str, offer_id: str) -> PossibleMatch | None:
        full = keys.possible_match(need_id, offer_id)
        response = call(self.client.get_item, TableName=table_name(), ConsistentRead=True,
                        Key=to_item({"pk": full["pk"], "sk": full["sk"]}))
        return _pair(from_item(response["Item"])) if "Item" in response else None

    def of_initiative(self, initiative_id: str, kind: str) -> list[PossibleMatch]:
        if kind == "need":
            pk = keys.possible_match(initiative_id, "")["pk"]
            query: dict[str, Any] = {"KeyConditionExpression": "pk = :pk"}
        else:
            pk = keys.possible_match("", initiative_id)["gsi1pk"]
            query = {"IndexName": "gsi1", "KeyConditionExpression": "gsi1pk = :pk"}
        response = call(self.client.query, TableName=table_name(), ExpressionAttributeValues={":pk": {"S": pk}},
                        Limit=MAX_PAIRS, **query)
        return [_pair(from_item(i)) for i in response.get("Items", [])]

    def answer(self, pair: PossibleMatch, side: str, answer: Answer, editor: ActingEditor, now: str) -> None:
        update = {"Update": {
            "TableName": table_name(), "Key": _key(pair),
            "UpdateExpression": "SET #answer = :answer, #at = :now",
            "ConditionExpression": "attribute_exists(pk) AND attribute_not_exists(#answer) "
                                   "AND attribute_not_exists(cancelled_at)",
            "ExpressionAttributeNames": {"#answer": f"{side}_answer", "#at": f"{side}_answered_at"},
            "ExpressionAttributeValues": {":answer": {"S": answer.value}, ":now": {"S": now}}}}
        try:
            transact(self.client, [editor_check(editor), update])
        except ClientError as error:
            failed = failed_conditions(error)
            if not failed:
                raise
            raise ConditionFailed("editor" if 0 in failed else "answered") from error

    def forget(self, pair: PossibleMatch) -> None:
        guarded_write(self.client.delete_item, TableName=table_name(), Key=_key(pair),
                      ConditionExpression="attribute_not_exists(need_answer) AND attribute_not_exists(offer_answer)")

    def told(self, pair: PossibleMatch) -> None:
        guarded_write(self.client.update_item, TableName=table_name(), Key=_key(pair), UpdateExpression="REMOVE untold",
                      ConditionExpression="attribute_exists(pk)")

    def take_over(self, pair: PossibleMatch, now: str, stale: str) -> bool:
        return guarded_write(self.client.update_item, TableName=table_name(), Key=_key(pair),
                             UpdateExpression="SET untold = :now", ConditionExpression="untold <= :stale",
                             ExpressionAttributeValues={":now": {"S": now}, ":stale": {"S": stale}}) is not None

    def share(self, pair: PossibleMatch, now: str) -> bool:
        return self._mark(pair, "shared_at", now, "need_answer = :yes AND offer_answer = :yes",
                          {":yes": {"S": Answer.CONFIRMED.value}})

    def cancel(self, pair: PossibleMatch, now: str) -> bool:
        return self._mark(pair, "cancelled_at", now, "attribute_not_exists(shared_at)", {})

    def contacts(self, association_ids: list[str]) -> list[Contact]:
        found = lookup_associations(self.client, association_ids, None, profiles=True).associations
        contacts = []
        for association_id in association_ids:
            association = found.get(association_id)
            if association is None:
                continue
            emails = (association.contact_email,) if association.contact_email else tuple(self._owners(
                association_id))
            contacts.append(Contact(association_id, association.name, emails))
        return contacts

    def _owners(self, association_id: str) -> list[str]:
        from hromada.store.associations import DynamoAssociationStore

        return [e.email for e in DynamoAssociationStore(self.client).editors(association_id)
                if str(e.role) == "owner"]

    def _mark(self, pair: PossibleMatch, field: str, now: str, condition: str, values: dict[str, Any]) -> bool:
        return guarded_write(
            self.client.update_item, TableName=table_name(), Key=_key(pair), UpdateExpression="SET #f = :now",
            ConditionExpression=f"attribute_exists(pk) AND attribute_not_exists(#f) AND {condition}",
            ExpressionAttributeNames={"#f": field},
            ExpressionAttributeValues={":now": {"S": now}} | values) is not None
