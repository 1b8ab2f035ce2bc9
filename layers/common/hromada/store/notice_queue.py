"""Transactional notices sent from an API function (possible matches): onto the priority mail queue only,
so such a function is given that queue alone. Bulk mail is planned by the mail planner, never here."""

from __future__ import annotations

from typing import Any

from hromada import clients
from hromada.errors import Unavailable
from hromada.mail.jobs import MailJob
from hromada.settings import get_settings


class PriorityMailOutbox:
    def __init__(self, client: Any | None = None):
        self._client = client

    def enqueue(self, jobs: list[MailJob], delay: int = 0) -> None:
        if any(job.bulk for job in jobs):
            raise ValueError("bulk mail is planned by the mail planner")
        client = self._client or clients.client("sqs")
        queue_url = get_settings().mail_priority_queue_url
        for start in range(0, len(jobs), 10):  # SendMessageBatch takes ten
            entries = [{"Id": str(i), "MessageBody": job.to_json(), "DelaySeconds": min(delay, 900)}
                       for i, job in enumerate(jobs[start:start + 10])]
            for _attempt in range(3):
                failed = client.send_message_batch(QueueUrl=queue_url, Entries=entries).get("Failed")
                if not failed:
                    break
                entries = [e for e in entries if e["Id"] in {f["Id"] for f in failed}]
            else:
                raise Unavailable()
