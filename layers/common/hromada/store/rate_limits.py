"""Write counters for the abuse limits, spent on their own: one conditional ADD per quota and the writer's
checks (suspended, erased) as ConditionChecks, in one transaction.

A write request does not come here: its guard rides in its own transaction (store.write_guards). This is
the guard on its own, for writes that cannot carry it and for work a refused writer must not get first.
Conflicts on an address's counter are retried by store.errors.transact_retrying.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from botocore.exceptions import ClientError

from hromada.domain.rate_limits import Quota, WriteGuard
from hromada.domain.suspension import AccountErased, Writer
from hromada.store.client import dynamodb
from hromada.store.errors import call, failed_conditions, transact_retrying
from hromada.store.write_guards import Guarded, failure_of, guard_items


class DynamoQuotaStore:
    def __init__(self, client: Any | None = None, sleep: Callable[[float], None] = time.sleep):
        self._client = client
        self._sleep = sleep

    def consume(self, quotas: list[Quota], window: int, expires_at: int, *, writer: Writer | None = None,
                now: int = 0) -> None:
        client = self._client or dynamodb()
        now = now or int(time.time())
        guard = WriteGuard(tuple(quotas), writer, now, window, expires_at)
        guarded = guard_items(guard)
        if not quotas:
            if guarded:
                self._read_checks(client, guarded, now)
            return
        try:
            transact_retrying(client.transact_write_items, {"TransactItems": [item for _, item in guarded]},
                              sleep=self._sleep)
        except ClientError as error:
            failed = failed_conditions(error)
            if not failed:
                raise
            raise failure_of(guarded, failed) from error

    def _read_checks(self, client: Any, guarded: Guarded, now: int) -> None:
        """No quota to count (limits switched off): the checks as one read."""
        checks = [item["ConditionCheck"] for _, item in guarded]
        found = call(client.transact_get_items, TransactItems=[
            {"Get": {"TableName": c["TableName"], "Key": c["Key"], "ProjectionExpression": "pk, expires_at"}}
            for c in checks])["Responses"]
        for (meaning, _), response in zip(guarded, found, strict=True):
            item = response.get("Item")
            if item and not (meaning is AccountErased and int(item.get("expires_at", {}).get("N", "0")) < now):
                raise meaning()
