"""Campaigns in the table: the campaign item and its slug item written together (unique slugs), the
invitations' once-only claims, and reading the listing items written with attached events and announcements
(store.events and store.announcements write them, in the item's own transaction)."""

from __future__ import annotations

from typing import Any

from hromada.models.association import Association, Status
from hromada.models.campaign import Campaign
from hromada.store import keys
from hromada.store.client import dynamodb, table_name
from hromada.store.codec import decode_cursor, from_item, to_item
from hromada.store.errors import call, guarded_write
from hromada.store.guards import transact
from hromada.store.paging import fill_page, query_items

LISTING_NAMES = ("pk", "sk", "gsi3pk", "gsi3sk")


def _item(campaign: Campaign) -> dict[str, Any]:
    return to_item(keys.campaign(campaign.id) | campaign.model_dump(mode="json", exclude_none=True)
                   | {"gsi2pk": keys.CAMPAIGNS_COLLECTION, "gsi2sk": campaign.slug})


def _campaign(item: dict[str, Any]) -> Campaign:
    return Campaign.model_validate(keys.without_keys(from_item(item)))


class DynamoCampaignStore:
    def __init__(self, client: Any | None = None):
        self._client = client

    @property
    def client(self) -> Any:
        return self._client or dynamodb()

    def create(self, campaign: Campaign) -> None:
        slug = {"Put": {"TableName": table_name(),
                        "Item": to_item(keys.campaign_slug(campaign.slug) | {"campaign_id": campaign.id}),
                        "ConditionExpression": "attribute_not_exists(pk)"}}
        put = {"Put": {"TableName": table_name(), "Item": _item(campaign),
                       "ConditionExpression": "attribute_not_exists(pk)"}}
        transact(self.client, [slug, put], ["slug", "exists"])

    def save(self, campaign: Campaign, expected_version: int) -> None:
        """`campaign.attached` is carried as read: the write is refused (ConditionFailed("version")) when an
        event was attached since, so its dates are checked again against that event."""
        attached = "#attached = :attached" if campaign.attached else \
            "(attribute_not_exists(#attached) OR #attached = :attached)"  # campaigns written before the counter
        transact(self.client, [{"Put": {
            "TableName": table_name(), "Item": _item(campaign),
            "ConditionExpression": f"#v = :expected AND {attached}",
            "ExpressionAttributeNames": {"#v": "version", "#attached": "attached"},
            "ExpressionAttributeValues": {":expected": {"N": str(expected_version)},
                                          ":attached": {"N": str(campaign.attached)}}}}], ["version"])

    def get(self, campaign_id: str) -> Campaign | None:
        item = call(self.client.get_item, TableName=table_name(), Key=to_item(keys.campaign(campaign_id)),
                    ConsistentRead=True).get("Item")
        return _campaign(item) if item else None

    def get_by_slug(self, slug: str) -> Campaign | None:
        item = call(self.client.get_item, TableName=table_name(), Key=to_item(keys.campaign_slug(slug))).get("Item")
        return self.get(item["campaign_id"]["S"]) if item else None

    def list_all(self) -> list[Campaign]:
        return [_campaign(i) for i in query_items(
            self.client, TableName=table_name(), IndexName="gsi2", KeyConditionExpression="gsi2pk = :p",
            ExpressionAttributeValues={":p": {"S": keys.CAMPAIGNS_COLLECTION}})]

    # ------------------------------------------------------------ attached items
    def _events_params(self, campaign_id: str, region: str | None, start_from: str, start_to: str) -> dict[str, Any]:
        condition = "gsi3pk = :p"
        values: dict[str, Any] = {":p": {"S": keys.campaign_events(campaign_id)},
                                  ":from": {"S": start_from}, ":to": {"S": start_to}}
        if region:
            condition += " AND begins_with(gsi3sk, :r)"
            values[":r"] = {"S": f"{region}#"}
        return {"TableName": table_name(), "IndexName": "gsi3", "KeyConditionExpression": condition,
                "FilterExpression": "#start BETWEEN :from AND :to", "ExpressionAttributeNames": {"#start": "start"},
                "ExpressionAttributeValues": values}

    def events_page(self, campaign_id: str, region: str | None, start_from: str, start_to: str, limit: int,
                    cursor: str | None) -> tuple[list[dict[str, Any]], str | None]:
        partition = keys.campaign_events(campaign_id)
        start = decode_cursor(cursor, expect={"gsi3pk": partition}, key_names=set(LISTING_NAMES))
        items, next_cursor, _ = fill_page(self.client, self._events_params(campaign_id, region, start_from, start_to),
                                          limit, start, LISTING_NAMES)
        return self._current([keys.without_keys(from_item(i)) for i in items], keys.event), next_cursor

    def all_events(self, campaign_id: str, start_from: str, start_to: str) -> list[dict[str, Any]]:
        return self._current([keys.without_keys(from_item(i)) for i in query_items(
            self.client, **self._events_params(campaign_id, None, start_from, start_to))], keys.event)

    def announcements(self, campaign_id: str, limit: int) -> list[dict[str, Any]]:
        response = call(self.client.query, TableName=table_name(), IndexName="gsi3",
                        KeyConditionExpression="gsi3pk = :p", ScanIndexForward=False, Limit=limit,
                        ExpressionAttributeValues={":p": {"S": keys.campaign_announcements(campaign_id)}})
        return self._current([keys.without_keys(from_item(i)) for i in response.get("Items", [])], keys.announcement)

    def _current(self, items: list[dict[str, Any]], key_of: Any) -> list[dict[str, Any]]:
        """The listing items with their item's moderation state and status as they are now (moderators hide
        the item itself, not its listing copy): one BatchGetItem per page, of two attributes."""
        state: dict[str, dict[str, Any]] = {}
        ids = list(dict.fromkeys(i["id"] for i in items))
        for start in range(0, len(ids), 100):
            request = {table_name(): {"Keys": [to_item(key_of(i)) for i in ids[start:start + 100]],
                                      "ProjectionExpression": "id, #h, #s",  # (both reserved words)
                                      "ExpressionAttributeNames": {"#h": "hidden", "#s": "status"}}}
            while request:
                response = call(self.client.batch_get_item, RequestItems=request)
                for found in response["Responses"].get(table_name(), []):
                    data = from_item(found)
                    state[data["id"]] = data
                request = response.get("UnprocessedKeys") or None
        return [i | {k: v for k, v in state[i["id"]].items() if k != "id"} for i in items if i["id"] in state]

    # ------------------------------------------------------------ invitations
    def invited(self, campaign_id: str) -> set[str]:
        return {from_item(i)["association_id"] for i in query_items(
            self.client, TableName=table_name(), KeyConditionExpression="pk = :pk AND begins_with(sk, :inv)",
            ExpressionAttributeValues={":pk": {"S": keys.campaign_partition(campaign_id)},
                                       ":inv": {"S": keys.CAMPAIGN_INVITED_PREFIX}})}

    def claim_invitation(self, campaign_id: str, association_id: str, at: str) -> bool:
        written = guarded_write(
            self.client.put_item, TableName=table_name(),
            Item=to_item(keys.campaign_invitation(campaign_id, association_id)
                         | {"association_id": association_id, "invited_at": at}),
            ConditionExpression="attribute_not_exists(pk)")
        return written is not None

    def opted_out(self, references: list[str]) -> set[str]:
        found: set[str] = set()
        unique = list(dict.fromkeys(references))
        for start in range(0, len(unique), 100):
            request = {table_name(): {"Keys": [to_item(keys.campaign_opt_out(r)) for r in unique[start:start + 100]],
                                      "ProjectionExpression": "pk"}}
            while request:
                response = call(self.client.batch_get_item, RequestItems=request)
                found |= {i["pk"]["S"].removeprefix("NOINVITE#") for i in response["Responses"].get(table_name(), [])}
                request = response.get("UnprocessedKeys") or None
        return found

    def release_invitation(self, campaign_id: str, association_id: str) -> None:
        call(self.client.delete_item, TableName=table_name(),
             Key=to_item(keys.campaign_invitation(campaign_id, association_id)))


class DynamoCampaignDirectory:
    """The verified associations (one Query on the directory index) and their owners, for the gap map."""

    def __init__(self, client: Any | None = None):
        self._client = client

    @property
    def client(self) -> Any:
        return self._client or dynamodb()

    def verified(self) -> list[Association]:
        return [Association.model_validate(keys.without_keys(from_item(i))) for i in query_items(
            self.client, TableName=table_name(), IndexName="gsi2", KeyConditionExpression="gsi2pk = :p",
            ExpressionAttributeValues={":p": {"S": keys.association_collection(Status.VERIFIED.value)}})]

    def among(self, association_ids: list[str]) -> list[Association]:
        from hromada.store.associations import DynamoAssociationStore

        return DynamoAssociationStore(self.client).get_many(association_ids)

    def owners(self, association_id: str) -> list[str]:
        from hromada.store.associations import DynamoAssociationStore

        return [e.email for e in DynamoAssociationStore(self.client).editors(association_id)
                if str(e.role) == "owner"]
