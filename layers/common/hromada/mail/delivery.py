"""Delivering a mail job: each (job key, recipient) is sent at most once, suppressed addresses never.

A delivery is claimed with a conditional write before SES is called and recorded as sent afterwards. Any
failure before SES took the message (a throttle, a network error, any exception) releases the claim and
fails the job, so the queue redelivers it later and only the recipients not yet served are sent to; a
claim left behind would count the recipient as served and the mail would never go. (If the process died
between SES accepting a message and the record, the claim's lease would expire and that one recipient
could get a second copy: the narrowest window SES allows, since it has no idempotency token.)
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

from hromada.mail import mime
from hromada.mail.claims import OPT_OUT_PREFIX
from hromada.mail.jobs import MailJob, Recipient
from hromada.mail.render import render
from hromada.mail.ses import SendFailed


class DeliveryLog(Protocol):
    def claim(self, key: str, recipient_id: str, now: float) -> bool: ...
    def sent(self, key: str, recipient_id: str, message_id: str, now: float) -> None: ...
    def release(self, key: str, recipient_id: str) -> None: ...


class Suppressions(Protocol):
    def suppressed_among(self, emails: list[str]) -> set[str]: ...


class Sender(Protocol):
    def send_raw(self, recipient: str, raw: bytes) -> str: ...


class Pace(Protocol):
    def blocked(self, bulk: bool) -> float | None: ...
    def acquire(self, bulk: bool) -> float | None: ...


class LinkMaker(Protocol):
    def manage(self, subscription_id: str, generation: str | None = None) -> str: ...
    def unsubscribe(self, subscription_id: str, generation: str | None = None) -> str: ...


@dataclass
class Outcome:
    sent: list[str] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)
    suppressed: list[str] = field(default_factory=list)
    rejected: list[str] = field(default_factory=list)


class JobFailed(Exception):
    """Some recipients could not be served yet; the job must come back later (with what was done kept)."""

    def __init__(self, outcome: Outcome, cause: SendFailed):
        super().__init__(cause.code)
        self.outcome, self.cause = outcome, cause


class JobPaused(Exception):
    """The sending quota allows no more now: the rest of the job continues after `delay` seconds."""

    def __init__(self, outcome: Outcome, delay: float):
        super().__init__(f"paused for {delay:g} s")
        self.outcome, self.delay = outcome, delay


class Mailer:
    def __init__(self, log: DeliveryLog, sender: Sender, suppressions: Suppressions, links: LinkMaker,
                 from_address: str, clock: Callable[[], float] = time.time, pace: Pace | None = None):
        self.log, self.sender, self.suppressions, self.links = log, sender, suppressions, links
        self.from_address, self.clock, self.pace = from_address, clock, pace

    def deliver(self, job: MailJob) -> Outcome:
        outcome = Outcome()
        # Nothing may go now (the day's quota is spent): put back without a read or a claim.
        pause = self.pace.blocked(job.bulk) if self.pace else None
        if pause is not None:
            raise JobPaused(outcome, pause)
        blocked = self.suppressions.suppressed_among([r.email for r in job.recipients])
        for recipient in job.recipients:
            if recipient.email in blocked:
                outcome.suppressed.append(recipient.id)
                continue
            if not self.log.claim(job.key, recipient.id, self.clock()):
                outcome.duplicates.append(recipient.id)
                continue
            # Paced after the claim: recipients already served cost no sending time.
            pause = self.pace.acquire(job.bulk) if self.pace else None
            if pause is not None:
                self.log.release(job.key, recipient.id)
                raise JobPaused(outcome, pause)
            settled = False  # SES took the message or refused it for good: the claim must stay
            try:
                try:
                    message_id = self.sender.send_raw(recipient.email, self._message(job, recipient))
                except SendFailed as failure:
                    if failure.retryable:
                        raise JobFailed(outcome, failure) from failure
                    settled = True
                    # Refused for good (e.g. a malformed address): recorded, never retried.
                    self.log.sent(job.key, recipient.id, f"rejected:{failure.code}", self.clock())
                    outcome.rejected.append(recipient.id)
                    continue
                settled = True
                self.log.sent(job.key, recipient.id, message_id, self.clock())
                outcome.sent.append(recipient.id)
            finally:
                # Whatever went wrong before SES took the message (a throttle, a network error, a message
                # that could not be built), the claim goes: the redelivery sends it instead of skipping it.
                if not settled:
                    self.log.release(job.key, recipient.id)
        return outcome

    def _message(self, job: MailJob, recipient: Recipient) -> bytes:
        letter = job.letter
        headers: dict[str, str] = {}
        if recipient.subscription_id:
            opt_out = recipient.subscription_id.startswith(OPT_OUT_PREFIX)  # no preferences to manage
            letter.manage_url = None if opt_out else self.links.manage(recipient.subscription_id, recipient.generation)
            letter.unsubscribe_url = self.links.unsubscribe(recipient.subscription_id, recipient.generation)
            if job.bulk:
                headers = mime.unsubscribe_headers(letter.unsubscribe_url)
        else:
            letter.manage_url = letter.unsubscribe_url = None
        if job.bulk:
            headers["Precedence"] = "bulk"
        if job.reply_to:
            headers["Reply-To"] = job.reply_to
        attachments = []
        if job.calendar:
            attachments.append(mime.Attachment("event.ics", job.calendar.encode(), "text", "calendar",
                                               (("method", "PUBLISH"),)))
        return mime.build(self.from_address, recipient.email, render(letter), lang=letter.lang, headers=headers,
                          attachments=attachments)
