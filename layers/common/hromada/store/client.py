"""Lazy, cached DynamoDB client. boto3 honours AWS_ENDPOINT_URL, which the local stack sets to moto."""

from __future__ import annotations

from functools import cache
from typing import Any

from hromada.settings import get_settings


@cache
def dynamodb() -> Any:
    import boto3  # deferred: a function that never touches the table never pays for it
    from botocore.config import Config

    config = Config(retries={"max_attempts": 3, "mode": "standard"}, connect_timeout=2, read_timeout=5)
    return boto3.client("dynamodb", region_name=get_settings().region, config=config)


def table_name() -> str:
    return get_settings().table_name


def ballot_table_name() -> str:
    """The ballot box (ballots and counters): a table of its own, with no stream and no point-in-time
    recovery, so no change record lines a ballot up with the voter's marker in the main table."""
    return get_settings().ballot_table_name
