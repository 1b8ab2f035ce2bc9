"""DynamoDB implementation of the AnnouncementStore port."""

from __future__ import annotations

from typing import Any

from hromada.domain.announcement_ports import AnnouncementQuery
from hromada.models.announcement import Announcement
from hromada.models.common import Page
from hromada.reference.text import fold
from hromada.store import keys
from hromada.store.client import dynamodb, table_name
from hromada.store.codec import from_item, to_item
from hromada.store.errors import call
from hromada.store.guards import association_is_verified, confirm_editor, editor_still_edits, is_editor, transact
from hromada.store.listing import Filters, KeyRange, query_page

# The table's TTL attribute is `expires_at` (epoch seconds): an announcement's expiry is stored under
# another name, as an ISO string, so that expiring hides it from lists and never deletes it.
EXPIRY = "expiry"


def _item(a: Announcement) -> dict[str, Any]:
    data = a.model_dump(mode="json", exclude_none=True)
    if "expires_at" in data:
        data[EXPIRY] = data.pop("expires_at")
    data["search"] = fold(" ".join([*a.title.values(), *a.body.values(), a.association_name]))
    data |= keys.announcement(a.id)
    data |= {"gsi1pk": keys.announcement_association(a.association_id),
             "gsi1sk": keys.announcement_association_order(a.pinned, a.created_at, a.id),
             "gsi2pk": keys.ANNOUNCEMENTS_COLLECTION, "gsi2sk": keys.announcement_order(a.created_at, a.id)}
    if a.region:
        data |= {"gsi3pk": keys.announcement_region(a.region), "gsi3sk": keys.announcement_order(a.created_at, a.id)}
    return to_item(data)


def _announcement(item: dict[str, Any]) -> Announcement:
    data = from_item(item)
    if EXPIRY in data:
        data["expires_at"] = data.pop(EXPIRY)
    return Announcement.model_validate(data)


def _campaign_writes(announcement: Announcement, *, attaching: bool, detaching: bool = False) -> list[dict[str, Any]]:
    """Its campaign listing item kept in step (nothing for one never attached); attaching checks the campaign
    is still open."""
    if not announcement.campaign_id and not detaching:
        return []
    from hromada.store.campaign_listing import announcement_listing, campaign_is_open

    check = [campaign_is_open(announcement.campaign_id)] if attaching and announcement.campaign_id else []
    return check + announcement_listing(announcement)


class DynamoAnnouncementStore:
    def __init__(self, client: Any | None = None):
        self._client = client

    @property
    def client(self) -> Any:
        return self._client or dynamodb()

    def create(self, announcement: Announcement, *, editor_email: str | None) -> None:
        guard = editor_still_edits(announcement.association_id, editor_email)
        attached = _campaign_writes(announcement, attaching=True)
        transact(self.client, [
            *guard,
            association_is_verified(announcement.association_id),
            {"Put": {"TableName": table_name(), "Item": _item(announcement),
                     "ConditionExpression": "attribute_not_exists(pk)"}},
            *attached,
        ], ["editor"] * len(guard) + ["association", "exists"] + ["campaign"] * len(attached))

    def get(self, announcement_id: str) -> Announcement | None:
        response = call(self.client.get_item, TableName=table_name(), Key=to_item(keys.announcement(announcement_id)))
        return _announcement(response["Item"]) if "Item" in response else None

    def save(self, announcement: Announcement, expected_version: int, *, editor_email: str | None,
             attaching: bool = False, detaching: bool = False) -> None:
        guard = editor_still_edits(announcement.association_id, editor_email)
        attached = _campaign_writes(announcement, attaching=attaching, detaching=detaching)
        transact(self.client, [
            *guard,
            {"Put": {"TableName": table_name(), "Item": _item(announcement), "ConditionExpression": "#v = :expected",
                     "ExpressionAttributeNames": {"#v": "version"},
                     "ExpressionAttributeValues": {":expected": {"N": str(expected_version)}}}},
            *attached,
        ], ["editor"] * len(guard) + ["version"] + ["campaign"] * len(attached))

    def delete(self, announcement_id: str, association_id: str, *, editor_email: str | None) -> None:
        guard = editor_still_edits(association_id, editor_email)
        transact(self.client, [
            *guard,
            {"Delete": {"TableName": table_name(), "Key": to_item(keys.announcement(announcement_id)),
                        "ConditionExpression": "attribute_exists(pk)"}},
            # its campaign listing item, if it had one (deleting none is harmless)
            {"Delete": {"TableName": table_name(), "Key": to_item(keys.announcement_campaign(announcement_id))}},
        ], ["editor"] * len(guard) + ["missing", "campaign"])

    def confirm_editor(self, association_id: str, email: str | None) -> None:
        confirm_editor(self.client, association_id, email)

    def is_editor(self, association_id: str, email: str) -> bool:
        return is_editor(self.client, association_id, email)

    def list(self, query: AnnouncementQuery) -> Page[Announcement]:
        filters = Filters()
        filters.add(f"attribute_not_exists({EXPIRY}) OR {EXPIRY} > :now", {":now": {"S": query.now}})
        if query.association_id:
            key_range = KeyRange("gsi1", keys.announcement_association(query.association_id))
            if query.region:
                filters.add("#region = :region", {":region": {"S": query.region}}, {"#region": "region"})
        elif query.region:
            key_range = KeyRange("gsi3", keys.announcement_region(query.region))
        else:
            key_range = KeyRange("gsi2", keys.ANNOUNCEMENTS_COLLECTION)
        if query.type:
            filters.add("#type = :type", {":type": {"S": query.type}}, {"#type": "type"})
        if query.category:
            filters.add("contains(categories, :category)", {":category": {"S": query.category}})
        if query.text:
            filters.add("contains(#search, :text)", {":text": {"S": query.text}}, {"#search": "search"})
        items, cursor = query_page(self.client, table_name(), key_range, filters, limit=query.limit,
                                   cursor=query.cursor, descending=True)
        return Page(items=[_announcement(item) for item in items], next_cursor=cursor)
