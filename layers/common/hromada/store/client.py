"""The stores' DynamoDB client (hromada.clients makes it on first use) and their tables' names."""

from __future__ import annotations

from typing import Any

from hromada import clients
from hromada.settings import get_settings


def dynamodb() -> Any:
    return clients.client("dynamodb")


def table_name() -> str:
    return get_settings().table_name


def ballot_table_name() -> str:
    """The ballot box (ballots and counters): a table of its own, with no stream and no point-in-time
    recovery, so no change record lines a ballot up with the voter's marker in the main table."""
    return get_settings().ballot_table_name
