"""The event being resolved, kept per thread in the local gateway.

Powertools keeps the current event and Lambda context on `BaseRouter` itself, a class attribute shared by
every resolver in the process. In Lambda that is right: a process handles one event at a time. The local
gateway runs warm instances of the handlers concurrently in one process, so a request could read another's
body and caller: seen as an RSVP made in another member's name (200 "already registered") and a voter-roll
upload validated against a concurrent request's empty body (422). Locally, both attributes are made
per-thread, for class and instance access alike; nothing changes in the deployed code.

Metrics are shared the same way (one metric set for every `Metrics` in the process): a request's flush could
empty the set between another's emptiness check and its serialisation, a 500 "Must contain at least one
metric" that Lambda cannot produce. Locally, adding and flushing metrics take one lock.
"""

from __future__ import annotations

import threading
from abc import ABCMeta
from typing import Any

_local = threading.local()
NAMES = ("current_event", "lambda_context")


class _PerThread:
    """A data descriptor whose value lives in the current thread."""

    def __init__(self, name: str):
        self.name = name

    def __get__(self, instance: Any, owner: Any = None) -> Any:
        return getattr(_local, self.name, None)

    def __set__(self, instance: Any, value: Any) -> None:
        setattr(_local, self.name, value)


class _PerThreadRouterMeta(ABCMeta):
    """`BaseRouter.current_event = ...` (class-level, as Powertools writes it) lands here, per thread."""

    current_event = _PerThread("current_event")
    lambda_context = _PerThread("lambda_context")


_metrics_lock = threading.RLock()


def _metrics_one_at_a_time() -> None:
    from aws_lambda_powertools.metrics.provider.cloudwatch_emf.cloudwatch import AmazonCloudWatchEMFProvider as EMF

    if getattr(EMF, "_one_at_a_time", False):
        return
    for name in ("add_metric", "flush_metrics"):
        original = getattr(EMF, name)

        def locked(self: Any, *args: Any, _original: Any = original, **kwargs: Any) -> Any:
            with _metrics_lock:
                return _original(self, *args, **kwargs)

        setattr(EMF, name, locked)
    EMF._one_at_a_time = True


def events_per_thread() -> None:
    """Idempotent. The class gets instance-level descriptors first, then the metaclass for class-level access."""
    from aws_lambda_powertools.event_handler.api_gateway import BaseRouter

    _metrics_one_at_a_time()

    if isinstance(BaseRouter, _PerThreadRouterMeta):
        return
    for name in NAMES:
        type.__setattr__(BaseRouter, name, _PerThread(name))
    BaseRouter.__class__ = _PerThreadRouterMeta
