"""What the webhook use cases, the dispatcher and the delivery worker need from storage, the queue and the
network."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from hromada.models.webhook import DeliveryLogEntry, Webhook


@dataclass(frozen=True)
class DeliveryJob:
    """One event for one webhook, as it waits on the delivery queue (no secret: the worker reads it)."""

    webhook_id: str
    association_id: str
    event_id: str  # Hromada-Event-Id: the same on every attempt, so receivers can drop a repeat
    event_type: str
    created_at: str
    data: dict[str, Any] = field(default_factory=dict)
    attempt: int = 1
    not_before: float = 0.0  # epoch seconds: a wait longer than SQS's 15-minute delay is made of several

    def as_message(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def of_message(cls, message: dict[str, Any]) -> DeliveryJob:
        return cls(**{k: message[k] for k in cls.__dataclass_fields__ if k in message})


@dataclass(frozen=True)
class Response:
    status: int | None  # None: no HTTP answer (see error)
    error: str | None = None  # timeout, connection, tls, refused_address, unresolvable...
    excerpt: str | None = None  # the body's first characters, never more
    duration_ms: int = 0


class WebhookStore(Protocol):
    def create(self, hook: Webhook, *, limit: int, editor_email: str) -> None:
        """Counted and written in one transaction. ConditionFailed("limit"), ("editor")."""

    def list(self, association_id: str) -> list[Webhook]: ...

    def get(self, association_id: str, webhook_id: str) -> Webhook | None: ...

    def save(self, hook: Webhook, *, editor_email: str) -> None:
        """ConditionFailed("editor"), ("missing")."""

    def delete(self, association_id: str, webhook_id: str, *, editor_email: str) -> None:
        """Deleted and uncounted in one transaction. ConditionFailed("editor"), ("missing")."""

    def is_editor(self, association_id: str, email: str) -> bool: ...

    def subscribed(self, association_id: str, kind: str) -> list[Webhook]:
        """The association's active webhooks that receive `kind`: one Query."""

    def claim_coalesced(self, key: str, window: str) -> bool:
        """True the first time (key, window) is claimed; False after (a conditional put)."""

    def record(self, webhook_id: str, entry: DeliveryLogEntry) -> None: ...

    def log(self, webhook_id: str, limit: int) -> list[DeliveryLogEntry]:
        """The newest entries first."""

    def delivered(self, association_id: str, webhook_id: str, at: str) -> None:
        """Failures reset (if the webhook still exists)."""

    def failed(self, association_id: str, webhook_id: str, at: str, *, dead: bool) -> Webhook | None:
        """One more failed attempt (and, when `dead`, one more dead letter in a row): the webhook after it, or
        None when it no longer exists."""

    def disable(self, association_id: str, webhook_id: str, reason: str) -> None:
        """Switch it off, in one transaction (carrying staged domain events). ConditionFailed("changed") when it
        is already off or gone."""


class DeliveryQueue(Protocol):
    def enqueue(self, jobs: list[DeliveryJob], delay: int = 0) -> None: ...

    def dead_letter(self, job: DeliveryJob, reason: str) -> None: ...


class Transport(Protocol):
    def post(self, target: Any, addresses: list[str], body: bytes, headers: dict[str, str]) -> Response:
        """POST to one of `addresses` (already checked), naming target.host (Host, SNI); never follows a
        redirect."""
