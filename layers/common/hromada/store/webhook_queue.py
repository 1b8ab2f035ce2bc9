"""The webhook delivery queue (SQS): jobs waiting for an attempt, and the dead-letter queue for the jobs whose
every attempt failed. SQS delays at most 15 minutes: a longer wait is made of several (DeliveryJob.not_before)."""

from __future__ import annotations

import json
from typing import Any

from hromada import clients
from hromada.domain.webhook_ports import DeliveryJob
from hromada.errors import Unavailable
from hromada.settings import get_settings

BATCH = 10  # SendMessageBatch takes at most 10 entries


class SqsDeliveryQueue:
    def __init__(self, client: Any | None = None):
        self._client = client

    @property
    def client(self) -> Any:
        return self._client or clients.client("sqs")

    def enqueue(self, jobs: list[DeliveryJob], delay: int = 0) -> None:
        queue_url = get_settings().webhook_queue_url
        for start in range(0, len(jobs), BATCH):
            entries = [{"Id": str(i), "MessageBody": json.dumps(job.as_message(), ensure_ascii=False),
                        "DelaySeconds": max(0, min(900, delay))}
                       for i, job in enumerate(jobs[start:start + BATCH])]
            failed = self.client.send_message_batch(QueueUrl=queue_url, Entries=entries).get("Failed")
            if failed:  # the batch is retried whole by its caller's queue: receivers dedupe on the event id
                raise Unavailable()

    def dead_letter(self, job: DeliveryJob, reason: str) -> None:
        self.client.send_message(QueueUrl=get_settings().webhook_dead_letter_queue_url,
                                 MessageBody=json.dumps(job.as_message() | {"reason": reason}, ensure_ascii=False))
