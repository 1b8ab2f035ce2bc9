"""An association's webhooks: its editors and owners register, change, pause, delete them, rotate their
secret, send a test and read the delivery log; admins may read. The limit per association is held by a
counter written in the same transaction as the webhook (a race of creations lets exactly the limit through)."""

from __future__ import annotations

import secrets
from collections.abc import Callable
from datetime import UTC, datetime

from hromada.auth import Principal
from hromada.domain.clock import new_id, utc_now
from hromada.domain.ports import ConditionFailed
from hromada.domain.webhook_ports import DeliveryJob, DeliveryQueue, WebhookStore
from hromada.domain.webhook_rules import (
    MAX_PER_ASSOCIATION,
    PING,
    Refused,
    Resolver,
    checked_addresses,
    destination,
)
from hromada.errors import Conflict, Forbidden, Invalid, NotFound
from hromada.models.webhook import DeliveryLogEntry, Webhook, WebhookCreate, WebhookPatch

SECRET_PREFIX = "whsec_"  # noqa: S105 (a prefix, not a secret: receivers can tell what it is)
LOG_SIZE = 50


def new_secret() -> str:
    return SECRET_PREFIX + secrets.token_urlsafe(32)


class Webhooks:
    def __init__(self, store: WebhookStore, queue: DeliveryQueue, resolve: Resolver, *,
                 allow_local_http: bool = False, now: Callable[[], str] = utc_now,
                 make_secret: Callable[[], str] = new_secret, limit: int = MAX_PER_ASSOCIATION):
        self.store = store
        self.queue = queue
        self.resolve = resolve
        self.allow_local_http = allow_local_http
        self.now = now
        self.make_secret = make_secret
        self.limit = limit

    # ------------------------------------------------------------ reading
    def list(self, principal: Principal, association_id: str) -> list[Webhook]:
        self._reader(principal, association_id)
        return self.store.list(association_id)

    def log(self, principal: Principal, association_id: str, webhook_id: str) -> list[DeliveryLogEntry]:
        self._reader(principal, association_id)
        self._get(association_id, webhook_id)
        return self.store.log(webhook_id, LOG_SIZE)

    # ------------------------------------------------------------ writing
    def create(self, principal: Principal, association_id: str, data: WebhookCreate) -> Webhook:
        editor = self._editor(principal, association_id)
        self._check_url(data.url)
        now = self.now()
        hook = Webhook(id=new_id("wh"), association_id=association_id, url=data.url,
                       kinds=sorted(set(data.kinds)), secret=self.make_secret(), created_at=now, updated_at=now)
        try:
            self.store.create(hook, limit=self.limit, editor_email=editor)
        except ConditionFailed as failed:
            if failed.which == "limit":
                raise Conflict("webhook_limit_reached", limit=self.limit) from failed
            raise Forbidden() from failed
        return hook

    def update(self, principal: Principal, association_id: str, webhook_id: str, patch: WebhookPatch) -> Webhook:
        editor = self._editor(principal, association_id)
        current = self._get(association_id, webhook_id)
        changes = patch.model_dump(exclude_unset=True, exclude_none=True)
        if "url" in changes:
            self._check_url(changes["url"])
        if "kinds" in changes:
            changes["kinds"] = sorted(set(changes["kinds"]))
        if changes.get("active") and not current.active:  # switched on again: a fresh start
            changes |= {"consecutive_failures": 0, "dead_letters": 0, "disabled_reason": None}
        elif changes.get("active") is False:
            changes["disabled_reason"] = "paused"
        updated = current.model_copy(update=changes | {"updated_at": self.now()})
        self._save(updated, editor)
        return updated

    def rotate(self, principal: Principal, association_id: str, webhook_id: str) -> Webhook:
        editor = self._editor(principal, association_id)
        updated = self._get(association_id, webhook_id).model_copy(
            update={"secret": self.make_secret(), "updated_at": self.now()})
        self._save(updated, editor)
        return updated

    def delete(self, principal: Principal, association_id: str, webhook_id: str) -> None:
        editor = self._editor(principal, association_id)
        try:
            self.store.delete(association_id, webhook_id, editor_email=editor)
        except ConditionFailed as failed:
            if failed.which == "editor":
                raise Forbidden() from failed
            raise NotFound("webhook_not_found") from failed

    def ping(self, principal: Principal, association_id: str, webhook_id: str) -> DeliveryJob:
        """A test delivery through the queue, like any other (signed, logged, retried)."""
        self._editor(principal, association_id)
        hook = self._get(association_id, webhook_id)
        if not hook.active:
            raise Conflict("webhook_disabled")
        now = self.now()
        job = DeliveryJob(webhook_id=hook.id, association_id=association_id, event_id=new_id("evt"),
                          event_type=PING, created_at=now,
                          data={"webhook_id": hook.id, "association_id": association_id})
        self.queue.enqueue([job])
        return job

    # ------------------------------------------------------------ checks
    def _check_url(self, url: str) -> None:
        try:
            checked_addresses(destination(url, allow_local_http=self.allow_local_http), self.resolve)
        except Refused as refused:
            raise Invalid("url", f"this address cannot receive webhooks ({refused.reason})",
                          code="webhook_url_refused", reason=refused.reason) from refused

    def _get(self, association_id: str, webhook_id: str) -> Webhook:
        hook = self.store.get(association_id, webhook_id)
        if hook is None:
            raise NotFound("webhook_not_found")
        return hook

    def _save(self, hook: Webhook, editor: str) -> None:
        try:
            self.store.save(hook, editor_email=editor)
        except ConditionFailed as failed:
            if failed.which == "editor":
                raise Forbidden() from failed
            raise NotFound("webhook_not_found") from failed

    def _reader(self, principal: Principal, association_id: str) -> None:
        if principal.is_admin:
            return
        self._editor(principal, association_id)

    def _editor(self, principal: Principal, association_id: str) -> str:
        """Editors and owners only (admins read, but do not act for an association). Writes check the editor
        item again in their transaction: an editor removed meanwhile is refused."""
        principal.require_verified_email()
        if not self.store.is_editor(association_id, principal.email):
            raise Forbidden()
        return principal.email


def epoch(iso: str) -> float:
    return datetime.fromisoformat(iso.replace("Z", "+00:00")).astimezone(UTC).timestamp()
