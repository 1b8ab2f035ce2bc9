"""The one factory of AWS clients: every boto3 client of the code is made here, with one botocore Config.

Connect within 2 s, an answer within 5 s (10 s for the services that carry bodies or batches: SES, S3, SQS),
3 retries in botocore's standard mode: a slow AWS answers 503 within the function's timeout instead of hanging
until Lambda kills it (tests/integration/test_aws_timeouts.py). One client per service and region, made on first
use (boto3 is imported then: a function that never calls a service never pays for it), in the region of the
settings. boto3 honours AWS_ENDPOINT_URL, which the local stack sets to moto.

Call sites name the service as `clients.client("sqs")`: infra/deploycheck.py reads those calls to know which
services a function's code can reach.
"""

from __future__ import annotations

import threading
from typing import Any

from hromada.settings import get_settings

CONNECT_TIMEOUT = 2
READ_TIMEOUT = 5
RETRIES = 3  # botocore's standard mode (retry quotas, backoff with jitter)
# What differs per service from the one Config, and why.
OVERRIDES: dict[str, dict[str, Any]] = {
    # Few client-side retries: the mail queue's redelivery with backoff is the retry that survives a throttle.
    "sesv2": {"read_timeout": 10, "retries": {"max_attempts": 2, "mode": "standard"}},
    "s3": {"read_timeout": 10, "signature_version": "s3v4"},  # pictures up to 10 MB; v4: presigned POSTs
    "sqs": {"read_timeout": 10},  # batches of ten jobs
}
_lock = threading.Lock()  # boto3's default session is not safe to make clients from on several threads
_clients: dict[tuple[str, str], Any] = {}  # (service, region) -> client


def config(service: str) -> Any:
    """The botocore Config of `service`'s client."""
    from botocore.config import Config

    base = {"connect_timeout": CONNECT_TIMEOUT, "read_timeout": READ_TIMEOUT,
            "retries": {"max_attempts": RETRIES, "mode": "standard"}}
    return Config(**(base | OVERRIDES.get(service, {})))


def client(service: str) -> Any:
    """The client of `service` ("dynamodb", "sqs"...) in the settings' region, made once per cold start."""
    key = (service, get_settings().region)
    made = _clients.get(key)
    if made is None:
        with _lock:  # one client per service, even when the first calls come on several threads at once
            made = _clients.get(key)
            if made is None:
                import boto3

                made = _clients[key] = boto3.client(service, region_name=key[1], config=config(service))
    return made


def reset() -> None:
    """Forget every client (tests, and a new local stack on another endpoint)."""
    with _lock:
        _clients.clear()
