"""The reads (and the one claim) behind mail to an event's attendees."""

from __future__ import annotations

import time
from typing import Any

from hromada.domain.event_ports import EventRoster
from hromada.models.event import Event
from hromada.store import keys
from hromada.store.client import dynamodb, table_name
from hromada.store.codec import from_item
from hromada.store.errors import call, guarded_write
from hromada.store.events import DynamoEventStore
from hromada.store.paging import query_items


class DynamoAttendeeSource:
    def __init__(self, client: Any | None = None):
        self.client = client or dynamodb()
        self.events = DynamoEventStore()

    def roster(self, event_id: str) -> EventRoster | None:
        return self.events.roster(event_id)

    def starting_between(self, start: str, end: str) -> list[Event]:
        args: dict[str, Any] = {"TableName": table_name(), "IndexName": "gsi2",
                                "KeyConditionExpression": "gsi2pk = :pk AND gsi2sk BETWEEN :from AND :to",
                                "ExpressionAttributeValues": {":pk": {"S": keys.EVENTS_COLLECTION},
                                                              ":from": {"S": start}, ":to": {"S": end + "~"}}}
        found = [Event.model_validate(from_item(i)) for i in query_items(self.client, **args)]
        return [e for e in found if start <= e.start <= end]

    def claim_reminder(self, event: Event) -> bool:
        written = guarded_write(
            self.client.put_item, TableName=table_name(),
            Item={**_reminder_key(event), "expires_at": {"N": str(int(time.time()) + 3 * 86400)}},
            ConditionExpression="attribute_not_exists(pk)")
        return written is not None

    def release_reminder(self, event: Event) -> None:
        call(self.client.delete_item, TableName=table_name(), Key=_reminder_key(event))


def _reminder_key(event: Event) -> dict[str, Any]:
    return {k: {"S": v} for k, v in keys.reminder(event.id, event.start).items()}
