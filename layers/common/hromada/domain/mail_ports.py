"""What the subscription and digest use cases need from the outside (DynamoDB, SQS, signed links, their check)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Protocol

from hromada.mail.claims import TokenClaims
from hromada.mail.jobs import MailJob
from hromada.models.subscription import Subscription


class SubscriptionStore(Protocol):
    def by_email(self, email: str) -> Subscription | None: ...
    def get(self, subscription_id: str) -> Subscription | None: ...
    def create(self, subscription: Subscription, *, expires_at: int | None) -> None:
        """Raises ConditionFailed("address") when the address already has a subscription."""
    def save(self, subscription: Subscription, *, previous: Subscription, expires_at: int | None) -> None:
        """Raises ConditionFailed("version") when someone else saved it first."""
    def delete(self, subscription: Subscription) -> None: ...
    def is_suppressed(self, email: str) -> bool: ...
    def take_form_mail(self, domain: str, hour: int, cap: int) -> bool:
        """Counts one confirmation or notice mail to this mail domain in this hour; False once `cap` were."""


class Links(Protocol):
    def confirm(self, subscription_id: str, generation: str | None = None) -> str: ...
    def manage(self, subscription_id: str, generation: str | None = None) -> str: ...
    def unsubscribe(self, subscription_id: str, generation: str | None = None) -> str: ...
    @property
    def web_url(self) -> str: ...


class TokenVerifier(Protocol):
    def __call__(self, token: str, purpose: str) -> TokenClaims:
        """The claims of a genuine, unexpired token for this purpose; BadRequest otherwise. The handler passes
        hromada.mail.tokens.verify (its key is in Secrets Manager)."""


class MailOutbox(Protocol):
    def enqueue(self, jobs: list[MailJob]) -> None: ...


class DigestSource(Protocol):
    def subscribers(self, frequency: str) -> Iterator[Subscription]: ...
    def new_events(self, since: str, now: str) -> list[dict[str, Any]]: ...
    def new_announcements(self, since: str) -> list[dict[str, Any]]: ...
