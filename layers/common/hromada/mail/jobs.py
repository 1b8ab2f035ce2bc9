"""A mail job: one letter for up to a few dozen recipients, as it travels on the mail queue.

Planner, notifier and the subscriptions API only enqueue jobs; the mailer is the one place that sends.
Each (job key, recipient id) is delivered at most once: a redelivered, retried or re-planned job finds the
delivery already recorded.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Any

from hromada.mail.render import Card, Letter, Section

MAX_RECIPIENTS = 25  # per job: one SQS message stays far below 256 KB with a full digest


@dataclass(frozen=True)
class Recipient:
    id: str  # subscription id or member id: with the job key, the idempotency key of one delivery
    email: str
    subscription_id: str | None = None  # bulk mail to a subscriber: manage and unsubscribe links
    generation: str | None = None  # that subscription's created_at: its links work for it alone


@dataclass
class MailJob:
    kind: str
    key: str
    letter: Letter
    recipients: list[Recipient]
    bulk: bool = False  # bulk mail carries List-Unsubscribe (RFC 8058)
    calendar: str | None = None  # an .ics invitation to attach
    reply_to: str | None = None  # an association's public contact, for its messages to volunteers

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def from_json(cls, body: str) -> MailJob:
        data = json.loads(body)
        letter = dict(data["letter"])
        letter["sections"] = [Section(title=s["title"], cards=[Card(**c) for c in s["cards"]])
                              for s in letter.get("sections", [])]
        return cls(kind=str(data["kind"]), key=str(data["key"]), letter=Letter(**letter),
                   recipients=[Recipient(**r) for r in data["recipients"]], bulk=bool(data.get("bulk")),
                   calendar=data.get("calendar"), reply_to=data.get("reply_to"))


def split(kind: str, key: str, letter: Letter, recipients: list[Recipient], **options: Any) -> list[MailJob]:
    """One job per MAX_RECIPIENTS recipients, all with the same key (deliveries are keyed per recipient)."""
    return [MailJob(kind=kind, key=key, letter=letter, recipients=recipients[i:i + MAX_RECIPIENTS], **options)
            for i in range(0, len(recipients), MAX_RECIPIENTS)]


@dataclass
class Outbox:
    """In-memory outbox (tests and benchmarks); the SQS one lives in the store."""

    jobs: list[MailJob] = field(default_factory=list)

    def enqueue(self, jobs: list[MailJob]) -> None:
        self.jobs.extend(jobs)
