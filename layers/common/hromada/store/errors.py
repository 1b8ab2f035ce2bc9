"""Map DynamoDB failures to domain outcomes: lost conditions become which-guard-failed, throttling 503."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from botocore.exceptions import ClientError

from hromada.errors import Unavailable
from hromada.store.outbox import mark_written, pending_puts

THROTTLED = {"ProvisionedThroughputExceededException", "ThrottlingException", "RequestLimitExceeded",
             "TransactionConflictException", "InternalServerError", "ServiceUnavailable"}


def error_code(error: ClientError) -> str:
    return error.response.get("Error", {}).get("Code", "")


def failed_conditions(error: ClientError) -> list[int]:
    """Indexes of the transaction items whose condition failed."""
    reasons = error.response.get("CancellationReasons") or []
    return [i for i, reason in enumerate(reasons) if reason.get("Code") == "ConditionalCheckFailed"]


def call(operation: Callable[..., Any], **kwargs: Any) -> Any:
    # Every transaction carries the domain events staged around it (store.outbox): the change and the
    # events that report it are written together or not at all.
    outbox = pending_puts() if "TransactItems" in kwargs else []
    if outbox:
        kwargs["TransactItems"] = [*kwargs["TransactItems"], *outbox]
    try:
        result = operation(**kwargs)
        if outbox:
            mark_written()
        return result
    except ClientError as error:
        if error_code(error) in THROTTLED:
            raise Unavailable() from error
        if error_code(error) == "TransactionCanceledException" and not failed_conditions(error):
            # Cancelled by a concurrent transaction on the same items, not by our guards.
            raise Unavailable() from error
        raise
