"""From a domain event on the bus to signed POSTs: the dispatcher fans an event out to the webhooks that want
it (one job per webhook on the delivery queue), the deliverer makes one attempt of one job and decides what
comes next (done, again later with backoff, or the dead-letter queue).

| bus event (detail-type) | webhook kind             |
|-------------------------|--------------------------|
| EventPublished          | event.published          |
| EventChanged            | event.changed            |
| EventCancelled          | event.cancelled          |
| RsvpConfirmed, RsvpWaitlisted, RsvpWithdrawn, WaitlistPromoted | event.rsvp_counts |
| AnnouncementPublished   | announcement.published   |

RSVP counts are coalesced: at most one `event.rsvp_counts` per event and minute, sent when that minute is
over (the job waits on the queue until then), so the last change of a busy minute is never the one left
out: the receiver reads the event's counts after every change it was told about.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from hromada.domain.event_ports import DomainEvent, Publisher
from hromada.domain.ports import ConditionFailed
from hromada.domain.webhook_ports import DeliveryJob, DeliveryQueue, Response, Transport, WebhookStore
from hromada.domain.webhook_rules import (
    DISABLE_AFTER,
    PING,
    Refused,
    Resolver,
    checked_addresses,
    destination,
    retry_delay,
    signature,
    succeeded,
)
from hromada.models.webhook import DeliveryLogEntry, Webhook

KINDS = {
    "EventPublished": "event.published",
    "EventChanged": "event.changed",
    "EventCancelled": "event.cancelled",
    "RsvpConfirmed": "event.rsvp_counts",
    "RsvpWaitlisted": "event.rsvp_counts",
    "RsvpWithdrawn": "event.rsvp_counts",
    "WaitlistPromoted": "event.rsvp_counts",
    "AnnouncementPublished": "announcement.published",
}
COALESCED = {"event.rsvp_counts"}
MAX_SQS_DELAY = 900
EXCERPT = 200


def _iso(epoch: float) -> str:
    return datetime.fromtimestamp(epoch, UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


class Dispatcher:
    def __init__(self, store: WebhookStore, queue: DeliveryQueue, clock: Callable[[], float] = time.time):
        self.store = store
        self.queue = queue
        self.clock = clock

    def dispatch(self, bus_kind: str, detail: dict[str, Any], event_id: str) -> list[DeliveryJob]:
        """Jobs for one bus event; `event_id` is stable across repeats of that event (its outbox id)."""
        kind = KINDS.get(bus_kind)
        association_id = detail.get("association_id")
        if kind is None or not association_id:
            return []
        now = self.clock()
        delay = 0
        if kind in COALESCED:
            subject = detail.get("event_id") or association_id
            if not self.store.claim_coalesced(f"{kind}#{subject}", str(int(now // 60))):
                return []
            delay = 60 - int(now % 60)  # sent once the minute is over: after its last change
        hooks = self.store.subscribed(association_id, kind)
        jobs = [DeliveryJob(webhook_id=h.id, association_id=association_id, event_id=f"evt_{event_id}",
                            event_type=kind, created_at=_iso(now), data=dict(detail)) for h in hooks]
        if jobs:
            self.queue.enqueue(jobs, delay=delay)
        return jobs


def payload(job: DeliveryJob) -> bytes:
    """The body: {id, type, created_at, data}, compact JSON; signed as these very bytes."""
    return json.dumps({"id": job.event_id, "type": job.event_type, "created_at": job.created_at, "data": job.data},
                      ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode()


class Deliverer:
    def __init__(self, store: WebhookStore, queue: DeliveryQueue, transport: Transport, resolve: Resolver,
                 publisher: Publisher, *, allow_local_http: bool = False, clock: Callable[[], float] = time.time,
                 draw: Callable[[float, float], float] | None = None):
        from hromada import jitter

        self.store = store
        self.publisher = publisher
        self.queue = queue
        self.transport = transport
        self.resolve = resolve
        self.allow_local_http = allow_local_http
        self.clock = clock
        self.draw = draw or jitter.uniform

    def deliver(self, job: DeliveryJob) -> str:
        """One attempt of `job`: "delivered", "retrying", "dead_lettered", "failed" (a test: tried once),
        "waiting" (its time has not come: back on the queue), or "dropped" (the webhook is gone or switched off)."""
        now = self.clock()
        if job.not_before > now:
            self.queue.enqueue([job], delay=min(MAX_SQS_DELAY, max(1, round(job.not_before - now))))
            return "waiting"
        hook = self.store.get(job.association_id, job.webhook_id)
        if hook is None or not hook.active:
            return "dropped"
        body = payload(job)
        timestamp = int(now)
        headers = {"Content-Type": "application/json", "User-Agent": "Hromada-Webhooks/1",
                   "Hromada-Webhook-Id": hook.id, "Hromada-Event-Id": job.event_id,
                   "Hromada-Timestamp": str(timestamp), "Hromada-Signature": signature(hook.secret, timestamp, body)}
        try:
            target = destination(hook.url, allow_local_http=self.allow_local_http)
            # Checked again now (DNS may have changed since registration), and the transport connects to
            # exactly these addresses: a second lookup could not slip another one in.
            addresses = checked_addresses(target, self.resolve)
        except Refused as refused:
            response = Response(None, error=f"refused_{refused.reason}")
        else:
            response = self.transport.post(target, addresses, body, headers)
        at = _iso(now)
        if succeeded(response.status):
            self.store.delivered(job.association_id, hook.id, at)
            self._log(hook.id, job, at, "delivered", response)
            return "delivered"
        if job.event_type == PING:
            # A test is tried once: its failure is the answer the editor asked for, and pings never multiply into
            # retries nor count towards switching the webhook off.
            self.store.failed(job.association_id, hook.id, at, dead=False)
            self._log(hook.id, job, at, "failed", response)
            return "failed"
        delay = retry_delay(job.attempt, self.draw)
        if delay is None:
            self.queue.dead_letter(job, response.error or f"http_{response.status}")
            after = self.store.failed(job.association_id, hook.id, at, dead=True)
            self._log(hook.id, job, at, "dead_lettered", response)
            if after is not None and after.active and after.dead_letters >= DISABLE_AFTER:
                self._disable(after)
            return "dead_lettered"
        self.store.failed(job.association_id, hook.id, at, dead=False)
        again = DeliveryJob(**{**job.as_message(), "attempt": job.attempt + 1, "not_before": now + delay})
        self.queue.enqueue([again], delay=min(MAX_SQS_DELAY, delay))
        self._log(hook.id, job, at, "retrying", response)
        return "retrying"

    def _disable(self, hook: Webhook) -> None:
        """Switched off after too many dead letters in a row; the owners hear of it (WebhookDisabled, by mail)."""
        event = DomainEvent("WebhookDisabled", {"association_id": hook.association_id, "webhook_id": hook.id,
                                                "dead_letters": hook.dead_letters})
        try:
            with self.publisher.staged([event]):
                self.store.disable(hook.association_id, hook.id, "failing")
        except ConditionFailed:
            pass  # already off (another worker, or its owners): said once

    def _log(self, webhook_id: str, job: DeliveryJob, at: str, outcome: str, response: Response) -> None:
        self.store.record(webhook_id, DeliveryLogEntry(
            at=at, event_id=job.event_id, event_type=job.event_type, attempt=job.attempt, outcome=outcome,
            status=response.status, error=response.error, duration_ms=response.duration_ms,
            excerpt=(response.excerpt or "")[:EXCERPT] or None))
