"""Subscriptions, suppressions and the digest planner's reads, in the single table."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

from botocore.exceptions import ClientError

from hromada.domain.ports import ConditionFailed
from hromada.models.subscription import Frequency, Subscription, SubscriptionStatus
from hromada.store import keys
from hromada.store.client import dynamodb, table_name
from hromada.store.codec import from_item, to_item
from hromada.store.errors import call, error_code, guarded_write
from hromada.store.paging import query_items, query_pages


def _item(subscription: Subscription, expires_at: int | None) -> dict[str, Any]:
    data = subscription.model_dump(mode="json", exclude_none=True) | keys.subscription(subscription.id)
    if expires_at is not None:
        data["expires_at"] = expires_at
    if subscription.status == SubscriptionStatus.CONFIRMED and subscription.frequency != Frequency.OFF:
        data |= {"gsi1pk": keys.subscribers(subscription.frequency), "gsi1sk": subscription.id}
    return to_item(data)


def _live(item: dict[str, Any] | None, now: float) -> Subscription | None:
    if not item:
        return None
    data = from_item(item)
    if "expires_at" in data and int(data["expires_at"]) <= now:
        return None  # TTL deletes lazily (and never in moto): an expired pending subscription is gone
    return Subscription.model_validate(data)


class DynamoSubscriptionStore:
    def __init__(self, client: Any | None = None, clock: Any = time.time):
        self.client = client or dynamodb()
        self.clock = clock
        self.reads = 0  # Query pages read by the last subscribers() run (the planner reports it)

    def opt_out(self, reference: str) -> None:
        """A mailbox (by pseudonym) wants no more campaign invitations: read by store.campaigns. Idempotent."""
        call(self.client.put_item, TableName=table_name(), Item=to_item(keys.campaign_opt_out(reference)))

    def get(self, subscription_id: str) -> Subscription | None:
        response = call(self.client.get_item, TableName=table_name(), Key=to_item(keys.subscription(subscription_id)),
                        ConsistentRead=True)
        return _live(response.get("Item"), self.clock())

    def by_email(self, email: str) -> Subscription | None:
        from hromada.domain.subscriptions import subscription_id

        return self.get(subscription_id(email))

    def create(self, subscription: Subscription, *, expires_at: int | None) -> None:
        self._write(subscription, None, expires_at, "attribute_not_exists(pk) OR expires_at <= :now",
                    {":now": {"N": str(int(self.clock()))}}, "address")

    def save(self, subscription: Subscription, *, previous: Subscription, expires_at: int | None) -> None:
        self._write(subscription, previous, expires_at, "version = :version",
                    {":version": {"N": str(previous.version)}}, "version")

    def delete(self, subscription: Subscription) -> None:
        """The subscription and every follower entry it may have, in one transaction conditioned on the
        version read: an update that added a follower meanwhile makes it read again, so none is left behind."""
        table = table_name()
        current: Subscription | None = subscription
        for _attempt in range(5):
            if current is None:
                return
            items: list[dict[str, Any]] = [{"Delete": {
                "TableName": table, "Key": to_item(keys.subscription(current.id)),
                "ConditionExpression": "attribute_not_exists(pk) OR version = :v",
                "ExpressionAttributeValues": {":v": {"N": str(current.version)}}}}]
            items += [{"Delete": {"TableName": table, "Key": to_item(keys.follower(a, current.id))}}
                      for a in sorted(set(current.associations))]
            try:
                call(self.client.transact_write_items, TransactItems=items)
                return
            except ClientError as error:
                if error_code(error) != "TransactionCanceledException":
                    raise
            current = self.get(current.id)
        raise ConditionFailed("version")

    def take_form_mail(self, domain: str, hour: int, cap: int) -> bool:
        """One more confirmation or notice mail to this mail domain this hour, unless `cap` went already."""
        written = guarded_write(
            self.client.update_item, TableName=table_name(), Key=to_item(keys.form_mail_allowance(domain, hour)),
            UpdateExpression="ADD sent :one SET expires_at = :expires",
            ConditionExpression="attribute_not_exists(sent) OR sent < :cap",
            ExpressionAttributeValues={":one": {"N": "1"}, ":cap": {"N": str(cap)},
                                       ":expires": {"N": str((hour + 2) * 3600)}})
        return written is not None

    def followers(self, association_id: str) -> list[Subscription]:
        """Confirmed, active subscribers following an association: a Query, then BatchGetItem by 100."""
        ids = [item["sk"]["S"] for item in query_items(
            self.client, TableName=table_name(), KeyConditionExpression="pk = :pk",
            ExpressionAttributeValues={":pk": {"S": keys.follower(association_id, "")["pk"]}})]
        found: list[Subscription] = []
        for start in range(0, len(ids), 100):
            request = {table_name(): {"Keys": [to_item(keys.subscription(i)) for i in ids[start:start + 100]]}}
            while request:
                response = call(self.client.batch_get_item, RequestItems=request)
                found += [s for s in (_live(i, self.clock()) for i in response["Responses"].get(table_name(), []))
                          if s is not None and association_id in _followed(s)]
                request = response.get("UnprocessedKeys") or None
        return found

    def is_suppressed(self, email: str) -> bool:
        response = call(self.client.get_item, TableName=table_name(), Key=to_item(keys.suppressed(email)),
                        ProjectionExpression="pk")
        return "Item" in response

    def suppressed_among(self, emails: list[str]) -> set[str]:
        """Which of these addresses are suppressed: one BatchGetItem per 100 addresses."""
        found: set[str] = set()
        unique = list(dict.fromkeys(emails))
        for start in range(0, len(unique), 100):
            chunk = unique[start:start + 100]
            by_pk: dict[str, list[str]] = {}  # aliases of one mailbox share its suppression
            for email in chunk:
                by_pk.setdefault(keys.suppressed(email)["pk"], []).append(email)
            request = {table_name(): {"Keys": [to_item({"pk": pk, "sk": "SUPPRESSED"}) for pk in by_pk],
                                      "ProjectionExpression": "pk"}}
            while request:
                response = call(self.client.batch_get_item, RequestItems=request)
                found |= {e for i in response["Responses"].get(table_name(), []) for e in by_pk[i["pk"]["S"]]}
                request = response.get("UnprocessedKeys") or None
        return found

    def suppress(self, email: str, reason: str, at: str) -> bool:
        """Never mail this address again; its subscription (and the address with it) is deleted.
        True when the address was not suppressed before."""
        table = table_name()
        current = self.by_email(email)
        items = [{"Put": {"TableName": table, "Item": to_item(keys.suppressed(email) | {"reason": reason, "at": at}),
                          "ConditionExpression": "attribute_not_exists(pk)"}},
                 {"Delete": {"TableName": table, "Key": to_item(keys.subscription(_id_of(email)))}}]
        if current is not None:
            items += [{"Delete": {"TableName": table, "Key": to_item(keys.follower(a, current.id))}}
                      for a in _followed(current)]
        try:
            call(self.client.transact_write_items, TransactItems=items)
        except ClientError as error:
            if error_code(error) == "TransactionCanceledException":
                return False
            raise
        return True

    def count_soft_bounce(self, email: str) -> int | None:
        """Soft bounces are counted on the subscription (None: no subscription for this address)."""
        response = guarded_write(self.client.update_item, TableName=table_name(),
                                 Key=to_item(keys.subscription(_id_of(email))),
                                 UpdateExpression="ADD soft_bounces :one", ConditionExpression="attribute_exists(pk)",
                                 ExpressionAttributeValues={":one": {"N": "1"}}, ReturnValues="UPDATED_NEW")
        return None if response is None else int(response["Attributes"]["soft_bounces"]["N"])

    # ------------------------------------------------------------ digest planner
    def subscribers(self, frequency: str) -> Iterator[Subscription]:
        """Every confirmed subscriber of a frequency: one paginated Query of a sparse index."""
        args: dict[str, Any] = {"TableName": table_name(), "IndexName": "gsi1",
                                "KeyConditionExpression": "gsi1pk = :pk",
                                "ExpressionAttributeValues": {":pk": {"S": keys.subscribers(frequency)}}}
        for response in query_pages(self.client, **args):
            self.reads += 1
            for item in response.get("Items", []):
                yield Subscription.model_validate(from_item(item))

    def _write(self, subscription: Subscription, previous: Subscription | None, expires_at: int | None,
               condition: str, values: dict[str, Any], guard: str) -> None:
        """The subscription and its follower entries, in one transaction (guarded by `condition`)."""
        table = table_name()
        now_following, before = set(_followed(subscription)), set(_followed(previous)) if previous else set()
        items: list[dict[str, Any]] = [{"Put": {"TableName": table, "Item": _item(subscription, expires_at),
                                                "ConditionExpression": condition,
                                                "ExpressionAttributeValues": values}}]
        items += [{"Put": {"TableName": table, "Item": to_item(keys.follower(a, subscription.id))}}
                  for a in sorted(now_following - before)]
        items += [{"Delete": {"TableName": table, "Key": to_item(keys.follower(a, subscription.id))}}
                  for a in sorted(before - now_following)]
        try:
            # A transaction even for one item: the request's write guard rides in it (store.write_guards).
            call(self.client.transact_write_items, TransactItems=items)
        except ClientError as error:
            if error_code(error) == "TransactionCanceledException":
                raise ConditionFailed(guard) from error
            raise


def _followed(subscription: Subscription | None) -> list[str]:
    """Follower entries exist while the subscription is confirmed and not paused (the domain's rule)."""
    from hromada.domain.subscriptions import followed

    return followed(subscription)


def _id_of(email: str) -> str:
    from hromada.domain.subscriptions import subscription_id

    return subscription_id(email)
