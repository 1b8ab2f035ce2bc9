"""In-memory webhook store, queue and transport, and a fake resolver: the webhook rules without AWS or network."""

from __future__ import annotations

from hromada.domain.ports import ConditionFailed
from hromada.domain.webhook_ports import DeliveryJob, Response
from hromada.models.webhook import DeliveryLogEntry, Webhook


class MemoryWebhookStore:
    def __init__(self, editors: dict[str, set[str]] | None = None) -> None:
        self.hooks: dict[tuple[str, str], Webhook] = {}
        self.editors = editors or {}
        self.entries: dict[str, list[DeliveryLogEntry]] = {}
        self.claims: set[tuple[str, str]] = set()

    def create(self, hook: Webhook, *, limit: int, editor_email: str) -> None:
        if editor_email not in self.editors.get(hook.association_id, set()):
            raise ConditionFailed("editor")
        if sum(1 for a, _ in self.hooks if a == hook.association_id) >= limit:
            raise ConditionFailed("limit")
        self.hooks[(hook.association_id, hook.id)] = hook

    def list(self, association_id: str) -> list[Webhook]:
        return [h for (a, _), h in self.hooks.items() if a == association_id]

    def get(self, association_id: str, webhook_id: str) -> Webhook | None:
        return self.hooks.get((association_id, webhook_id))

    def save(self, hook: Webhook, *, editor_email: str) -> None:
        if (hook.association_id, hook.id) not in self.hooks:
            raise ConditionFailed("missing")
        self.hooks[(hook.association_id, hook.id)] = hook

    def delete(self, association_id: str, webhook_id: str, *, editor_email: str) -> None:
        if self.hooks.pop((association_id, webhook_id), None) is None:
            raise ConditionFailed("missing")

    def is_editor(self, association_id: str, email: str) -> bool:
        return email in self.editors.get(association_id, set())

    def subscribed(self, association_id: str, kind: str) -> list[Webhook]:
        return [h for h in self.list(association_id) if h.active and kind in h.kinds]

    def claim_coalesced(self, key: str, window: str) -> bool:
        if (key, window) in self.claims:
            return False
        self.claims.add((key, window))
        return True

    def record(self, webhook_id: str, entry: DeliveryLogEntry) -> None:
        self.entries.setdefault(webhook_id, []).insert(0, entry)

    def log(self, webhook_id: str, limit: int) -> list[DeliveryLogEntry]:
        return self.entries.get(webhook_id, [])[:limit]

    def _change(self, association_id: str, webhook_id: str, **changes) -> Webhook | None:
        hook = self.hooks.get((association_id, webhook_id))
        if hook is None:
            return None
        self.hooks[(association_id, webhook_id)] = hook = hook.model_copy(update=changes)
        return hook

    def delivered(self, association_id: str, webhook_id: str, at: str) -> None:
        self._change(association_id, webhook_id, consecutive_failures=0, dead_letters=0, last_success_at=at)

    def failed(self, association_id: str, webhook_id: str, at: str, *, dead: bool) -> Webhook | None:
        hook = self.hooks.get((association_id, webhook_id))
        if hook is None:
            return None
        return self._change(association_id, webhook_id, consecutive_failures=hook.consecutive_failures + 1,
                            dead_letters=hook.dead_letters + (1 if dead else 0), last_failure_at=at)

    def disable(self, association_id: str, webhook_id: str, reason: str) -> None:
        hook = self.hooks.get((association_id, webhook_id))
        if hook is None or not hook.active:
            raise ConditionFailed("changed")
        self._change(association_id, webhook_id, active=False, disabled_reason=reason)


class MemoryQueue:
    def __init__(self) -> None:
        self.sent: list[tuple[DeliveryJob, int]] = []  # (job, delay seconds)
        self.dead: list[tuple[DeliveryJob, str]] = []

    def enqueue(self, jobs: list[DeliveryJob], delay: int = 0) -> None:
        self.sent += [(job, delay) for job in jobs]

    def dead_letter(self, job: DeliveryJob, reason: str) -> None:
        self.dead.append((job, reason))

    def take(self) -> tuple[DeliveryJob, int]:
        return self.sent.pop(0)


class ScriptedTransport:
    """Answers each POST with the next status of its script (None: a timeout); records what it was sent."""

    def __init__(self, *statuses: int | None) -> None:
        self.script = list(statuses)
        self.requests: list[tuple[object, list[str], bytes, dict[str, str]]] = []

    def post(self, target, addresses, body, headers) -> Response:
        self.requests.append((target, addresses, body, headers))
        status = self.script.pop(0) if self.script else 200
        return Response(status, error=None if status else "timeout", excerpt="ok" if status else None,
                        duration_ms=12)


def resolver(table: dict[str, list[str]]):
    """A DNS stand-in: host -> addresses (an unknown host fails as getaddrinfo does)."""

    def resolve(host: str, port: int) -> list[str]:
        if host not in table:
            raise OSError(f"unknown host {host}")
        return table[host]

    return resolve


class Clock:
    def __init__(self, now: float = 1_800_000_000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now
