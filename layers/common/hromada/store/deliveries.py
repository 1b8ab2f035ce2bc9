"""The mailer's record of what it sent (idempotency per job key and recipient), and the SQS outbox."""

from __future__ import annotations

from typing import Any

from hromada import clients
from hromada.errors import Unavailable
from hromada.mail import routing
from hromada.mail.jobs import MailJob
from hromada.settings import get_settings
from hromada.store import keys
from hromada.store.client import dynamodb, table_name
from hromada.store.errors import call, guarded_write

LEASE_SECONDS = 300  # a claim older than this (a crashed mailer) may be taken again
KEEP_SECONDS = 40 * 86400  # longer than any period a key covers (a week), then TTL clears it


class DynamoDeliveryLog:
    def __init__(self, client: Any | None = None):
        self.client = client or dynamodb()

    def claim(self, key: str, recipient_id: str, now: float) -> bool:
        written = guarded_write(
            self.client.put_item, TableName=table_name(),
            Item={**_key(key, recipient_id), "status": {"S": "sending"},
                  "lease_until": {"N": str(int(now) + LEASE_SECONDS)},
                  "expires_at": {"N": str(int(now) + KEEP_SECONDS)}},
            ConditionExpression="attribute_not_exists(pk) OR (#s = :sending AND lease_until < :now)",
            ExpressionAttributeNames={"#s": "status"},
            ExpressionAttributeValues={":sending": {"S": "sending"}, ":now": {"N": str(int(now))}})
        return written is not None

    def sent(self, key: str, recipient_id: str, message_id: str, now: float) -> None:
        call(self.client.update_item, TableName=table_name(), Key=_key(key, recipient_id),
             UpdateExpression="SET #s = :sent, message_id = :id, sent_at = :now REMOVE lease_until",
             ExpressionAttributeNames={"#s": "status"},
             ExpressionAttributeValues={":sent": {"S": "sent"}, ":id": {"S": message_id},
                                        ":now": {"N": str(int(now))}})

    def release(self, key: str, recipient_id: str) -> None:
        guarded_write(self.client.delete_item, TableName=table_name(), Key=_key(key, recipient_id),
                      ConditionExpression="#s = :sending", ExpressionAttributeNames={"#s": "status"},
                      ExpressionAttributeValues={":sending": {"S": "sending"}})  # not ours any more: left as is


def _key(key: str, recipient_id: str) -> dict[str, Any]:
    return {k: {"S": v} for k, v in keys.delivery(key, recipient_id).items()}


class SqsMailOutbox:
    """Jobs onto the mail queues, ten per SendMessageBatch call: bulk mail on one, transactional mail on the
    other (mail.routing.queue_of), so a confirmation link never waits behind a digest."""

    def __init__(self, client: Any | None = None, queue_url: str | None = None, priority_queue_url: str | None = None):
        self._client = client
        self._queue_url = queue_url
        self._priority_queue_url = priority_queue_url
        self.calls = 0

    @property
    def client(self) -> Any:
        if self._client is None:
            self._client = clients.client("sqs")
        return self._client

    def queue_for(self, job: MailJob) -> str:
        """Never a fallback from one queue to the other (transactional mail behind a digest is the fault this
        prevents): a queue not configured is MissingSetting."""
        if routing.queue_of(job) == "bulk":
            return self._queue_url or get_settings().mail_queue_url
        return self._priority_queue_url or get_settings().mail_priority_queue_url

    def enqueue(self, jobs: list[MailJob], delay: int = 0) -> None:
        by_queue: dict[str, list[MailJob]] = {}
        for job in jobs:
            by_queue.setdefault(self.queue_for(job), []).append(job)
        for queue_url, queued in by_queue.items():
            self._send(queue_url, queued, delay)

    def _send(self, queue_url: str, jobs: list[MailJob], delay: int) -> None:
        for start in range(0, len(jobs), 10):
            entries = [{"Id": str(i), "MessageBody": job.to_json(), "DelaySeconds": min(delay, 900)}
                       for i, job in enumerate(jobs[start:start + 10])]
            for _attempt in range(3):
                self.calls += 1
                failed = self.client.send_message_batch(QueueUrl=queue_url, Entries=entries).get("Failed")
                if not failed:
                    break
                retry = {f["Id"] for f in failed}
                entries = [e for e in entries if e["Id"] in retry]
            else:
                raise Unavailable()

