"""SES feedback (bounces and complaints) → what happens to the address (pure: no AWS; the handler acts).

- a permanent bounce (the mailbox does not exist) or a complaint (the reader marked the mail as spam):
  the address is suppressed for good. No expiry: nothing is mailed to it again, its subscription is deleted,
  and subscribing it again is refused silently; only an operator lifts a suppression.
- a transient bounce (mailbox full, greylisting): counted on the subscription, never suppressing; the next
  mail is tried as usual.
- anything else (deliveries, opens, rejects): ignored.
Only notifications from the configured SNS topic count (see `trusted`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

Outcome = Literal["permanent", "transient", "complaint", "ignored"]
SUPPRESSING: frozenset[str] = frozenset({"permanent", "complaint"})


@dataclass(frozen=True)
class Feedback:
    outcome: Outcome
    addresses: tuple[str, ...]  # bare and lower-cased: the form suppressions are keyed by

    @property
    def suppresses(self) -> bool:
        """The addresses are never mailed again (the stored reason is `outcome`)."""
        return self.outcome in SUPPRESSING

    @property
    def soft(self) -> bool:
        """A transient bounce: counted, nothing suppressed."""
        return self.outcome == "transient"


def trusted(topic_arn: str | None, expected: str | None) -> bool:
    """Feedback changes something only when it comes from the configured topic (none configured: never)."""
    return bool(expected) and topic_arn == expected


def bare(address: str) -> str:
    """`"Name" <A@Example.org>` → `a@example.org`."""
    from email.utils import parseaddr  # only when feedback arrives: not part of the cold start

    return parseaddr(address)[1].strip().lower()


def read(notification: dict[str, Any]) -> Feedback:
    """The outcome and addresses of one SES event (configuration-set `eventType` or identity
    `notificationType`)."""
    kind = notification.get("eventType") or notification.get("notificationType")
    if kind == "Bounce":
        bounce = notification.get("bounce") or {}
        outcome: Outcome = "permanent" if bounce.get("bounceType") == "Permanent" else "transient"
        found = bounce.get("bouncedRecipients", [])
    elif kind == "Complaint":
        outcome, found = "complaint", (notification.get("complaint") or {}).get("complainedRecipients", [])
    else:
        return Feedback("ignored", ())
    return Feedback(outcome, tuple(bare(r["emailAddress"]) for r in found if r.get("emailAddress")))
