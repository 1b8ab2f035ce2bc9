"""What the owners' notice of a switched-off webhook reads: the association, its editors, the webhook's URL."""

from __future__ import annotations

from hromada.store.associations import DynamoAssociationStore
from hromada.store.webhooks import DynamoWebhookStore


class DynamoWebhookSource(DynamoAssociationStore):
    def webhook_url(self, association_id: str, webhook_id: str) -> str | None:
        hook = DynamoWebhookStore(self._client).get(association_id, webhook_id)
        return hook.url if hook else None
