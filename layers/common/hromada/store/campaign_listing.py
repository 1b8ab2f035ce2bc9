"""The campaign listing items written with an attached event or announcement, in its own transaction (pure
builders: store.events and store.announcements add them to their writes; store.campaigns reads them)."""

from __future__ import annotations

from typing import Any

from hromada.models.event import Event
from hromada.store import keys
from hromada.store.client import table_name
from hromada.store.codec import to_item


def campaign_is_open(campaign_id: str) -> dict[str, Any]:
    """Attaching needs the campaign to exist and not be archived at the moment of the write."""
    return {"ConditionCheck": {"TableName": table_name(), "Key": to_item(keys.campaign(campaign_id)),
                               "ConditionExpression": "attribute_exists(pk) AND #archived = :no",
                               "ExpressionAttributeNames": {"#archived": "archived"},
                               "ExpressionAttributeValues": {":no": {"BOOL": False}}}}


def campaign_unchanged(campaign_id: str, version: int) -> dict[str, Any]:
    """Placing a planned event (attaching it, or moving its start) needs the campaign as it was read when the
    event's day was checked against its dates: same version, not archived. It also bumps the campaign's
    `attached` counter, so a change of dates counted before this write lands is refused and counts again."""
    return {"Update": {"TableName": table_name(), "Key": to_item(keys.campaign(campaign_id)),
                       "UpdateExpression": "SET #attached = if_not_exists(#attached, :zero) + :one",
                       "ConditionExpression": "attribute_exists(pk) AND #archived = :no AND #v = :version",
                       "ExpressionAttributeNames": {"#archived": "archived", "#v": "version",
                                                    "#attached": "attached"},
                       "ExpressionAttributeValues": {":no": {"BOOL": False}, ":version": {"N": str(version)},
                                                     ":zero": {"N": "0"}, ":one": {"N": "1"}}}}


def event_listing(event: Event) -> list[dict[str, Any]]:
    """The writes that keep an event's campaign listing item in step with it: a Put while it is attached,
    a Delete (harmless when there is none) once it is not."""
    key = keys.event_campaign(event.id)
    if not event.campaign_id:
        return [{"Delete": {"TableName": table_name(), "Key": to_item(key)}}]
    venue = event.venue
    data = key | {
        "id": event.id, "campaign_id": event.campaign_id, "title": event.title, "start": event.start,
        "end": event.end, "timezone": event.timezone, "association_id": event.association_id,
        "association_name": event.association_name, "status": event.status.value, "hidden": event.hidden,
        "region": venue.region if venue else None, "department": venue.department if venue else None,
        "city": venue.city if venue else None,
        "gsi3pk": keys.campaign_events(event.campaign_id),
        "gsi3sk": keys.campaign_event_order(venue.region if venue else None, event.start, event.id)}
    return [{"Put": {"TableName": table_name(), "Item": to_item(data)}}]


def announcement_listing(announcement: Any) -> list[dict[str, Any]]:
    key = keys.announcement_campaign(announcement.id)
    campaign_id = getattr(announcement, "campaign_id", None)
    if not campaign_id:
        return [{"Delete": {"TableName": table_name(), "Key": to_item(key)}}]
    data = key | {
        "id": announcement.id, "campaign_id": campaign_id, "title": announcement.title,
        "association_id": announcement.association_id, "association_name": announcement.association_name,
        "created_at": announcement.created_at, "hidden": bool(getattr(announcement, "hidden", False)),
        "gsi3pk": keys.campaign_announcements(campaign_id),
        "gsi3sk": f"{announcement.created_at}#{announcement.id}"}
    return [{"Put": {"TableName": table_name(), "Item": to_item(data)}}]
