"""A confirmation link never waits behind a digest: transactional mail has its own queue and its own part of
the SES rate, so a person who subscribes while a large digest is going out gets their link at once."""

from __future__ import annotations

import time
import uuid

import boto3

from hromada.mail import letters
from hromada.mail.jobs import Recipient, split
from infra.dev import sent_mail
from tests.integration.mail import MAIL_QUEUES, address, drained, queue_depth, subscribe, wait_mails

BACKLOG = 600  # digest mails: 50 s at the bulk part of a new account's rate (12 of 14 a second)


def test_a_confirmation_arrives_while_a_digest_backlog_is_being_sent(api, stack):
    from hromada.store.deliveries import SqsMailOutbox

    sqs = boto3.client("sqs", endpoint_url=stack.moto_url, region_name="eu-west-3")
    urls = {name: stack.template.attributes[name]["QueueUrl"] for name in MAIL_QUEUES}
    run = uuid.uuid4().hex[:8]
    recipients = [Recipient(f"sb_{run}_{i}", f"digest-{run}-{i}@example.org", f"sb_{run}_{i}") for i in range(BACKLOG)]
    letter = letters.digest("fr", "weekly", [], [])
    jobs = split("digest", f"digest:weekly:priority-{run}", letter, recipients, bulk=True)
    try:
        SqsMailOutbox(sqs, urls["MailQueue"], urls["MailPriorityQueue"]).enqueue(jobs)
        # The digest waits on the bulk queue (behind whatever bulk mail earlier tests left): no need to see it start.
        assert queue_depth(stack, "MailQueue") > 0
        email = address("priority")
        asked = time.monotonic()
        assert subscribe(api, email).status_code == 202
        [confirmation] = wait_mails(stack, email, timeout=30)
        waited = time.monotonic() - asked
        digest_sent = sum(m["to"].startswith(f"digest-{run}-") for m in sent_mail(stack.moto_url))
        assert "confirm" in confirmation["text"]
        # Measured against the digest itself, not the clock: a loaded machine slows both queues alike, and one
        # shared queue would deliver all BACKLOG digest mails before the link.
        assert digest_sent < BACKLOG // 2, (
            f"the link waited {waited:.1f} s, behind {digest_sent} of the {BACKLOG} digest mails")
        assert queue_depth(stack, "MailQueue") > 0, "the digest was still going out when the link arrived"
    finally:
        sqs.purge_queue(QueueUrl=urls["MailQueue"])  # the rest of this digest would slow the next tests
        assert drained(stack, *MAIL_QUEUES, timeout=90)
