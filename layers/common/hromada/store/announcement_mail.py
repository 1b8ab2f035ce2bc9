"""Reads and the weekly allowance behind mailing a new announcement to the association's followers."""

from __future__ import annotations

import time
from typing import Any

from hromada.models.announcement import Announcement
from hromada.models.subscription import Subscription
from hromada.store import keys
from hromada.store.announcements import DynamoAnnouncementStore
from hromada.store.client import dynamodb, table_name
from hromada.store.codec import to_item
from hromada.store.errors import guarded_write
from hromada.store.subscriptions import DynamoSubscriptionStore


class DynamoFollowerSource:
    def __init__(self, client: Any | None = None):
        self.client = client or dynamodb()

    def announcement(self, announcement_id: str) -> Announcement | None:
        return DynamoAnnouncementStore().get(announcement_id)

    def followers(self, association_id: str) -> list[Subscription]:
        return DynamoSubscriptionStore(self.client).followers(association_id)

    def take_weekly_slot(self, association_id: str, week: str, announcement_id: str, limit: int) -> bool:
        """One conditional update: the set of announcements mailed this week grows by this one while it
        holds fewer than `limit` (a redelivered event finds its id already there and passes again)."""
        written = guarded_write(
            self.client.update_item, TableName=table_name(),
            Key=to_item(keys.announcement_mail_quota(association_id, week)),
            UpdateExpression="ADD mailed :id SET expires_at = :ttl",
            ConditionExpression="attribute_not_exists(mailed) OR size(mailed) < :limit OR contains(mailed, :one)",
            ExpressionAttributeValues={":id": {"SS": [announcement_id]}, ":one": {"S": announcement_id},
                                       ":limit": {"N": str(limit)},
                                       ":ttl": {"N": str(int(time.time()) + 15 * 86400)}})
        return written is not None
