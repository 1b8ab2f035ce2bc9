"""The mail outbox of the volunteer shifts. Their mails are all transactional (notices to the people concerned),
so they go on the priority queue only: the announcements function is given no other queue (SqsMailOutbox
would choose between both, and so need both)."""

from __future__ import annotations

from typing import Any

from hromada import clients
from hromada.errors import Unavailable
from hromada.mail.jobs import MailJob
from hromada.settings import get_settings

BATCH = 10  # SendMessageBatch's limit


class PriorityMailOutbox:
    def __init__(self, client: Any | None = None, queue_url: str | None = None):
        self._client = client
        self._queue_url = queue_url

    def enqueue(self, jobs: list[MailJob]) -> None:
        if any(job.bulk for job in jobs):
            raise ValueError("bulk mail belongs on the bulk queue")
        client = self._client or clients.client("sqs")
        queue_url = self._queue_url or get_settings().mail_priority_queue_url
        for start in range(0, len(jobs), BATCH):
            entries = [{"Id": str(i), "MessageBody": job.to_json()} for i, job in enumerate(jobs[start:start + BATCH])]
            for _attempt in range(3):
                failed = client.send_message_batch(QueueUrl=queue_url, Entries=entries).get("Failed")
                if not failed:
                    break
                retry = {f["Id"] for f in failed}
                entries = [e for e in entries if e["Id"] in retry]
            else:
                raise Unavailable()
