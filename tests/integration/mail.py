"""Helpers for mail tests: the dev mailbox (moto's SES), waiting for queues, links in mails."""

from __future__ import annotations

import re
import time
import uuid
from collections.abc import Callable
from typing import Any

from infra.dev import sent_mail

MAIL_QUEUES = ("MailQueue", "MailPriorityQueue")  # bulk, transactional
LINK = re.compile(r"https?://\S+/subscriptions/(confirm|manage|unsubscribe)\?token=[\w.%-]+")


def address(label: str = "reader") -> str:
    return f"{label}-{uuid.uuid4().hex[:10]}@example.org"


def mails_to(stack: Any, recipient: str) -> list[dict[str, Any]]:
    return [m for m in sent_mail(stack.moto_url) if m["to"] == recipient]


def wait_for(check: Callable[[], Any], timeout: float = 30.0, every: float = 0.3) -> Any:
    deadline = time.monotonic() + timeout
    while True:
        found = check()
        if found or time.monotonic() > deadline:
            return found
        time.sleep(every)


def wait_mails(stack: Any, recipient: str, count: int = 1, timeout: float = 30.0) -> list[dict[str, Any]]:
    found = wait_for(lambda: len(mails_to(stack, recipient)) >= count and mails_to(stack, recipient), timeout)
    return found or []


def queue_depth(stack: Any, queue: str) -> int:
    import boto3

    sqs = boto3.client("sqs", endpoint_url=stack.moto_url, region_name="eu-west-3")
    attrs = sqs.get_queue_attributes(QueueUrl=stack.template.attributes[queue]["QueueUrl"],
                                     AttributeNames=["ApproximateNumberOfMessages",
                                                     "ApproximateNumberOfMessagesNotVisible"])["Attributes"]
    return int(attrs["ApproximateNumberOfMessages"]) + int(attrs["ApproximateNumberOfMessagesNotVisible"])


def drained(stack: Any, *queues: str, timeout: float = 60.0) -> bool:
    """True once the queues are empty and no poller is busy (checked twice, to see a quiet moment)."""
    def quiet() -> bool:
        return all(queue_depth(stack, q) == 0 for q in queues) and not any(stack.pollers.busy.values())

    return bool(wait_for(lambda: quiet() and (time.sleep(0.5) or quiet()), timeout))


def link(mail: dict[str, Any], kind: str) -> str:
    for match in LINK.finditer(mail["text"] or ""):
        if match.group(1) == kind:
            return match.group(0)
    raise AssertionError(f"no {kind} link in {mail['subject']!r}")


def subscribe(api: Any, email: str, **preferences: Any) -> Any:
    body = {"email": email, "regions": ["76"], "language": "fr", "frequency": "weekly", **preferences}
    return api("POST", "/subscriptions", json=body)


def confirmed_subscriber(api: Any, person: Any, **preferences: Any) -> str:
    """A member subscribed through their account (address verified, no mail yet); returns the address."""
    member = person(label="reader")
    body = {"regions": ["76"], "language": "fr", "frequency": "weekly", **preferences}
    assert api("PUT", "/me/subscription", member, json=body).status_code == 200
    return member.email.lower()


def manage_link(api: Any, stack: Any, email: str) -> str:
    """Subscribing a known address again mails its owner the manage link."""
    assert subscribe(api, email).status_code == 202
    return link(wait_mails(stack, email)[0], "manage")
