"""Outgoing webhooks: what an association's editors send and read. The signing secret is shown once, on
creation and on rotation (WebhookCreated, WebhookSecret); no other response carries it."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, StrictBool, StringConstraints

from hromada.models.common import Model, Strict

WebhookKind = Literal["event.published", "event.changed", "event.cancelled", "event.rsvp_counts",
                      "announcement.published"]
WebhookStatus = Literal["active", "failing", "disabled"]
WebhookUrl = Annotated[str, StringConstraints(min_length=8, max_length=2000),
                       Field(description="https on port 443 or 8443; resolved and refused when it leads to a "
                                         "private, loopback, link-local or otherwise non-public address",
                             examples=["https://tools.example.org/hromada"])]
Kinds = Annotated[list[WebhookKind], Field(min_length=1, max_length=5, description="Events to receive")]


class WebhookCreate(Strict):
    url: WebhookUrl
    kinds: Kinds


class WebhookPatch(Strict):
    model_config = {"json_schema_extra": {"minProperties": 1}}
    url: WebhookUrl | None = None
    kinds: Kinds | None = None
    active: StrictBool | None = Field(None, description="false pauses deliveries; true resumes them, failures cleared")


class Webhook(Model):
    """As stored (with its secret: the delivery worker signs with it)."""

    id: str
    association_id: str
    url: str
    kinds: list[str]
    active: bool = True
    secret: str
    consecutive_failures: int = 0  # failed attempts since the last success
    dead_letters: int = 0  # deliveries in a row whose every attempt failed
    disabled_reason: str | None = None  # "failing": switched off after too many dead letters
    created_at: str
    updated_at: str  # who made it is not kept: nothing here for an account's erasure to find
    last_success_at: str | None = None
    last_failure_at: str | None = None

    @property
    def status(self) -> WebhookStatus:
        if not self.active:
            return "disabled"
        return "failing" if self.consecutive_failures or self.dead_letters else "active"


class WebhookOut(Model):
    id: str
    association_id: str
    url: str
    kinds: list[WebhookKind]
    active: bool
    status: WebhookStatus
    consecutive_failures: int
    disabled_reason: str | None = None
    created_at: str
    updated_at: str
    last_success_at: str | None = None
    last_failure_at: str | None = None

    @classmethod
    def of(cls, hook: Webhook) -> WebhookOut:
        return cls(**hook.model_dump(include=set(cls.model_fields) - {"status", "kinds"}),
                   kinds=[k for k in hook.kinds], status=hook.status)  # type: ignore[arg-type]


class WebhookCreated(WebhookOut):
    secret: str = Field(description="Shown this once: keep it to verify the Hromada-Signature header")


class WebhookSecret(Model):
    id: str
    secret: str = Field(description="The new secret, shown this once; the old one stops signing at once")


class PingOut(Model):
    event_id: str = Field(description="The Hromada-Event-Id the test delivery carries")


class DeliveryLogEntry(Model):
    at: str
    event_id: str
    event_type: str
    attempt: int
    outcome: Literal["delivered", "retrying", "dead_lettered", "failed"] = Field(
        description="failed: a test delivery, tried once")
    status: int | None = Field(None, description="The receiver's HTTP status")
    error: str | None = Field(None, description="Why no status came back: timeout, connection, tls, refused_address…")
    duration_ms: int
    excerpt: str | None = Field(None, description="The response body's first 200 characters")


class DeliveryLog(Model):
    items: list[DeliveryLogEntry]


class WebhookList(Model):
    items: list[WebhookOut]
    limit: int = Field(description="Webhooks an association may have")
