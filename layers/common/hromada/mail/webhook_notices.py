"""A webhook switched off after its deliveries kept failing (WebhookDisabled), told to its association's owners
(pure: the association, its editors and the webhook come through a source)."""

from __future__ import annotations

from typing import Any, Protocol

from hromada.mail import letters
from hromada.mail.jobs import MailJob, Recipient, split


class WebhookSource(Protocol):
    def get(self, association_id: str) -> Any: ...
    def editors(self, association_id: str) -> list[Any]: ...
    def webhook_url(self, association_id: str, webhook_id: str) -> str | None: ...


class WebhookNotices:
    def __init__(self, source: WebhookSource, web_url: str):
        self.source, self.web_url = source, web_url.rstrip("/")

    def jobs_for(self, detail: dict[str, Any]) -> list[MailJob]:
        association_id = str(detail.get("association_id", ""))
        webhook_id = str(detail.get("webhook_id", ""))
        association = self.source.get(association_id)
        url = self.source.webhook_url(association_id, webhook_id)
        if association is None or url is None:  # deleted meanwhile: nothing to tell
            return []
        owners = [e for e in self.source.editors(association_id) if str(e.role) == "owner"]
        spoken = [str(lang) for lang in association.languages]
        lang = next((candidate for candidate in ("fr", "uk", "en") if candidate in spoken), "fr")
        letter = letters.webhook_disabled(lang, association.name, url, self.web_url, association_id)
        # Keyed by the dead letters that switched it off: switched on and off again later, it is told again.
        return split("webhook_disabled", f"webhook_disabled:{webhook_id}:{detail.get('dead_letters')}", letter,
                     [Recipient(e.email, e.email) for e in owners])
