"""Items that ride in the next transaction of the request: a change that must happen together with another
store's write (sealing a ballot box with the closing of its vote) without a round trip of its own."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any


@dataclass
class _Riders:
    items: list[dict[str, Any]]
    written: bool = False


_riders: ContextVar[_Riders | None] = ContextVar("riders", default=None)


class RidersNotWritten(RuntimeError):
    """Items were staged around code that made no transaction: they would be lost."""


@contextmanager
def riding(items: list[dict[str, Any]]) -> Iterator[None]:
    """Stage `items` for the first transaction made inside the block (which then succeeds or fails with them)."""
    riders = _Riders(items)
    token = _riders.set(riders)
    try:
        yield
    finally:
        _riders.reset(token)
    if not riders.written:
        raise RidersNotWritten(len(items))


def pending() -> list[dict[str, Any]]:
    riders = _riders.get()
    return [] if riders is None or riders.written else riders.items


def mark_written() -> None:
    riders = _riders.get()
    if riders is not None:
        riders.written = True
