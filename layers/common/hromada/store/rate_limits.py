"""Write counters for the abuse limits: one conditional ADD per quota, all in one transaction, with the
writer's checks (suspended, erased) as ConditionChecks in that same transaction.

Concurrent writes behind one address meet on the same counter items and DynamoDB cancels all but one of
the overlapping transactions (`TransactionConflict`). A cancelled transaction wrote nothing, so it is
retried after a random pause ("full jitter": uniform between 0 and an exponentially growing cap) drawn
from the system's generator (SnapStart restores many instances from one snapshot: a seeded module-level
generator would make them all draw the same pauses).
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from typing import Any

from botocore.exceptions import ClientError

from hromada.domain.rate_limits import AccountErased, Quota, QuotaExceeded, Suspended, Writer
from hromada.store import keys
from hromada.store.client import dynamodb, table_name
from hromada.store.errors import call, error_code, failed_conditions

# Sized by simulation (DynamoDB's conflict rule, 15 ms per transaction): 20 writers on one counter all pass
# within 9 attempts in 400 runs; 40 writers, 99.5 %. The caps run 25, 50, 100, 200, 400, 800... ms: at most
# ~4 s of pauses, under the functions' 10 s timeout, and only while that many write at once.
ATTEMPTS = 10
BASE_DELAY = 0.025
MAX_DELAY = 0.8
_random = random.SystemRandom()


def _conflicted(error: ClientError) -> bool:
    reasons = error.response.get("CancellationReasons") or []
    return (error_code(error) == "TransactionCanceledException" and not failed_conditions(error)
            and any(r.get("Code") == "TransactionConflict" for r in reasons))


def _key(key: dict[str, str]) -> dict[str, Any]:
    return {k: {"S": v} for k, v in key.items()}


class DynamoQuotaStore:
    def __init__(self, client: Any | None = None, sleep: Callable[[float], None] = time.sleep):
        self._client = client
        self._sleep = sleep

    def _checks(self, writer: Writer | None, now: int) -> list[tuple[type[Exception], dict[str, Any]]]:
        """(what a failed check means, the ConditionCheck) for the writer."""
        if writer is None or writer.erasing_self:
            return []
        table = table_name()
        absent = "attribute_not_exists(pk)"
        tombstone = keys.erased_account(keys.account_pseudonym(writer.user_id))
        checks: list[tuple[type[Exception], dict[str, Any]]] = [
            (AccountErased, {"TableName": table, "Key": _key(tombstone),
                             # DynamoDB's TTL deletes late (moto never does): an expired tombstone is none
                             "ConditionExpression": f"{absent} OR expires_at < :now",
                             "ExpressionAttributeValues": {":now": {"N": str(now)}}}),
            (Suspended, {"TableName": table, "Key": _key(keys.suspension(writer.user_id)),
                         "ConditionExpression": absent})]
        if writer.person:
            checks.append((Suspended, {"TableName": table, "Key": _key(keys.person_suspension(writer.person)),
                                       "ConditionExpression": absent}))
        return checks

    def consume(self, quotas: list[Quota], window: int, expires_at: int, *, writer: Writer | None = None,
                now: int = 0) -> None:
        client = self._client or dynamodb()
        now = now or int(time.time())
        checks = self._checks(writer, now)
        if not quotas:
            if checks:
                self._read_checks(client, checks, now)
            return
        items = [{"Update": {
            "TableName": table_name(), "Key": _key(keys.quota(q.subject, window)),
            "UpdateExpression": "ADD hits :one SET expires_at = :expires",
            "ConditionExpression": "attribute_not_exists(hits) OR hits < :limit",
            "ExpressionAttributeValues": {":one": {"N": "1"}, ":limit": {"N": str(q.limit)},
                                          ":expires": {"N": str(expires_at)}}}} for q in quotas]
        items += [{"ConditionCheck": check} for _, check in checks]  # no extra round trip
        try:
            self._transact(client, items)
        except ClientError as error:
            failed = failed_conditions(error)
            if not failed:
                raise
            for index in failed:  # the writer's own state first: it is why the quota would not matter
                if index >= len(quotas):
                    raise checks[index - len(quotas)][0]() from error
            raise QuotaExceeded(failed[0]) from error

    def _transact(self, client: Any, items: list[dict[str, Any]]) -> None:
        for attempt in range(ATTEMPTS):
            try:
                client.transact_write_items(TransactItems=items)
                return
            except ClientError as error:
                if not _conflicted(error) or attempt == ATTEMPTS - 1:
                    return call(_raise, error=error)  # the usual mapping: conditions to the caller, else 503
            self._sleep(_random.uniform(0, min(MAX_DELAY, BASE_DELAY * 2 ** attempt)))

    def _read_checks(self, client: Any, checks: list[tuple[type[Exception], dict[str, Any]]], now: int) -> None:
        """No quota to count (limits switched off): the checks as one read."""
        found = call(client.transact_get_items, TransactItems=[
            {"Get": {"TableName": c["TableName"], "Key": c["Key"], "ProjectionExpression": "pk, expires_at"}}
            for _, c in checks])["Responses"]
        for (meaning, _), response in zip(checks, found, strict=True):
            item = response.get("Item")
            if item and not (meaning is AccountErased and int(item.get("expires_at", {}).get("N", "0")) < now):
                raise meaning()


def _raise(error: ClientError) -> None:
    raise error
