"""The notifications queue, written to by the notifier itself: a follow-up stopped before its time ran out goes
back as a new message, so the one received is deleted and its receive count (the way to the dead-letter
queue) is not spent on work that was simply long."""

from __future__ import annotations

from typing import Any

from hromada import clients
from hromada.settings import get_settings

MAX_DELAY = 900  # SQS's limit on DelaySeconds


class SqsFollowUps:
    def __init__(self, client: Any | None = None, queue_url: str | None = None) -> None:
        self._client = client
        self._queue_url = queue_url

    @property
    def client(self) -> Any:
        if self._client is None:
            self._client = clients.client("sqs")
        return self._client

    def again(self, body: str, delay: int = 0) -> None:
        """The same domain event once more: its follow-up is idempotent and resumes from what is left."""
        self.client.send_message(QueueUrl=self._queue_url or get_settings().notifications_queue_url,
                                 MessageBody=body, DelaySeconds=max(0, min(delay, MAX_DELAY)))
