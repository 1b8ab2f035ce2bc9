"""The AWS calls each function makes while the local stack runs, recorded per function (moto checks no IAM, so
a call the role would refuse passes here: infra.deploycheck.recorded_findings holds them against the template).

botocore's client is patched once; a call counts for the function whose invocation is running on that thread.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

_current = threading.local()
_lock = threading.Lock()
# function -> (service, operation) -> the resource identifiers named in the calls
RECORDED: dict[str, dict[tuple[str, str], set[str]]] = {}
_installed = False


def _identifiers(params: dict[str, Any]) -> set[str]:
    found = {str(params[k]) for k in ("TableName", "QueueUrl", "SecretId", "UserPoolId", "TopicArn", "Bucket")
             if k in params}
    found |= {str(entry["EventBusName"]) for entry in params.get("Entries", []) if "EventBusName" in entry}
    found |= set(params.get("RequestItems") or {})
    for item in params.get("TransactItems") or []:
        found |= {str(part["TableName"]) for part in item.values() if isinstance(part, dict) and "TableName" in part}
    return found


def install() -> None:
    global _installed
    with _lock:
        if _installed:
            return
        from botocore.client import BaseClient

        original = BaseClient._make_api_call

        def recording(self: Any, operation_name: str, api_params: dict[str, Any]) -> Any:
            function = getattr(_current, "function", None)
            if function:
                key = (self.meta.service_model.service_name, operation_name)
                with _lock:
                    RECORDED.setdefault(function, {}).setdefault(key, set()).update(_identifiers(api_params))
            return original(self, operation_name, api_params)

        BaseClient._make_api_call = recording
        _installed = True


@contextmanager
def invoking(function: str) -> Iterator[None]:
    previous = getattr(_current, "function", None)
    _current.function = function
    try:
        yield
    finally:
        _current.function = previous
