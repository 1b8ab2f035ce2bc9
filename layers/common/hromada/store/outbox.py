"""The transactional outbox. A use case stages its domain events around the write they report; the next
TransactWriteItems (store.errors.call) carries them as outbox items, so the change and its events are
stored together or not at all. The relay (functions/outbox_relay) reads them from the table's stream, puts
them on the bus and deletes them."""

from __future__ import annotations

import json
import secrets
import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from hromada.store import keys
from hromada.store.client import table_name
from hromada.store.codec import from_item, to_item

if TYPE_CHECKING:  # the models behind it are not imported by every store
    from hromada.domain.event_ports import DomainEvent

KEEP_SECONDS = 14 * 24 * 3600  # a backstop: the relay deletes each item once it is on the bus


@dataclass
class _Staging:
    events: list[tuple[str, DomainEvent]]  # (outbox id, event)
    written: bool = False


_staging: ContextVar[_Staging | None] = ContextVar("outbox_staging", default=None)


class OutboxNotWritten(RuntimeError):
    """Events were staged around code that made no transaction: they would be lost."""


def new_outbox_id() -> str:
    return "ob_" + secrets.token_hex(10)


@contextmanager
def staged(events: list[DomainEvent]) -> Iterator[list[str]]:
    """Stage events for the first transaction made inside the block; yields their outbox ids."""
    staging = _Staging([(new_outbox_id(), event) for event in events])
    token = _staging.set(staging)
    try:
        yield [outbox_id for outbox_id, _ in staging.events]
    finally:
        _staging.reset(token)
    if staging.events and not staging.written:
        raise OutboxNotWritten([event.kind for _, event in staging.events])


def pending_puts() -> list[dict[str, Any]]:
    """The Put items of the staged events not written yet (the same ids on a retried transaction)."""
    staging = _staging.get()
    if staging is None or staging.written:
        return []
    expires = int(time.time()) + KEEP_SECONDS
    return [{"Put": {"TableName": table_name(), "Item": to_item(
        keys.outbox(outbox_id) | {"kind": event.kind, "expires_at": expires,
                                  "detail": json.dumps(event.detail, ensure_ascii=False, separators=(",", ":"))})}}
        for outbox_id, event in staging.events]


def mark_written() -> None:
    staging = _staging.get()
    if staging is not None:
        staging.written = True


def from_image(image: dict[str, Any]) -> tuple[str, DomainEvent]:
    """An outbox item, as a stream record's NewImage carries it: its id and its event."""
    from hromada.domain.event_ports import DomainEvent

    item = from_item(image)
    return item["pk"].removeprefix(keys.OUTBOX_PREFIX), DomainEvent(item["kind"], json.loads(item["detail"]))
