"""Subscriptions with double opt-in: nothing is sent but the confirmation until the link is followed.

Subscribing never tells the caller whether the address was known (same answer, same kind of work). An
unconfirmed subscription expires (TTL); a confirmed address asked again gets a "manage" mail instead of
changed preferences; a suppressed address is never mailed.

The form cannot be used to flood an inbox: there is one subscription per mailbox (its id is a keyed
pseudonym of the normalised address, so `bomb+1@` and `bomb+2@` are one subscription), confirmation and
notice mails to it are spaced by RESEND_AFTER, and each mail domain gets at most so many of them an hour
(settings: form_mails_per_domain_hour, higher for the big webmail providers). The answer is the same
whether a mail went or not.

Links in mails are bound to the subscription's generation (its created_at): after an unsubscribe and a new
subscription, links from older mails answer 410 subscription_link_outdated.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from datetime import datetime, timedelta
from typing import Any

from hromada.auth import Principal
from hromada.domain import unsubscribing
from hromada.domain.clock import utc_now
from hromada.domain.event_ports import DomainEvent, Publisher
from hromada.domain.mail_ports import Links, MailOutbox, SubscriptionStore, TokenVerifier
from hromada.domain.ports import ConditionFailed
from hromada.errors import Conflict, Gone, NotFound
from hromada.mail import letters
from hromada.mail.claims import CONFIRM, LIFETIMES, MANAGE, OPT_OUT_PREFIX
from hromada.mail.jobs import MailJob, Recipient
from hromada.models.subscription import Frequency, Preferences, Subscription, SubscriptionRequest, SubscriptionStatus
from hromada.pseudonyms import mailbox_domain, pseudonym

PENDING_SECONDS = LIFETIMES[CONFIRM]
RESEND_AFTER = timedelta(minutes=10)
# Where many unrelated people have their mailbox: the per-domain cap there is the higher one.
WEBMAIL = frozenset({
    "gmail.com", "outlook.com", "outlook.fr", "hotmail.com", "hotmail.fr", "live.com", "live.fr", "msn.com",
    "yahoo.com", "yahoo.fr", "icloud.com", "me.com", "aol.com", "proton.me", "protonmail.com", "gmx.com",
    "gmx.fr", "gmx.de", "orange.fr", "wanadoo.fr", "free.fr", "sfr.fr", "neuf.fr", "laposte.net", "bbox.fr",
    "ukr.net", "i.ua", "meta.ua",
})


def subscription_id(email: str) -> str:
    """One subscription per mailbox, so its id follows from the address (the store's uniqueness). Keyed, so
    the id (kept in follower entries and mail jobs) cannot be traced back by hashing candidate addresses."""
    return "sb_" + pseudonym(email, "subscription")


def domain_cap(email: str) -> int:
    from hromada.settings import get_settings

    settings = get_settings()
    return settings.form_mails_per_webmail_hour if mailbox_domain(email) in WEBMAIL \
        else settings.form_mails_per_domain_hour


def followed(subscription: Subscription | None) -> list[str]:
    """The associations a subscription follows: follower entries exist while it is confirmed and not paused."""
    if subscription is None or subscription.status != SubscriptionStatus.CONFIRMED:
        return []
    return list(subscription.associations) if subscription.frequency != Frequency.OFF else []


class Subscriptions:
    def __init__(self, store: SubscriptionStore, outbox: MailOutbox, links: Links, verify: TokenVerifier,
                 now: Callable[[], str] = utc_now, clock: Callable[[], float] = time.time,
                 publisher: Publisher | None = None):
        self.store, self.outbox, self.links, self.now, self.clock = store, outbox, links, now, clock
        self.verify = verify
        self.publisher = publisher  # the associations' figures hear of new followers (hromada.domain.figures)

    # ------------------------------------------------------------ anyone, by e-mail
    def subscribe(self, request: SubscriptionRequest) -> None:
        preferences = Preferences.model_validate(request.model_dump(exclude={"email"}))
        for _attempt in range(3):
            existing = self.store.by_email(request.email)
            try:
                if existing is None:
                    self._start(request.email, preferences)
                else:
                    self._again(existing, preferences)
                return
            except ConditionFailed:
                continue  # raced with another request for the same address: read again
        raise Conflict("subscription_busy")

    def confirm(self, token: str) -> Subscription:
        subscription = self._by_token(token, CONFIRM)
        if subscription.status == SubscriptionStatus.CONFIRMED:
            return subscription
        if subscription.status != SubscriptionStatus.PENDING:
            raise NotFound("subscription_not_found")
        now = self.now()
        confirmed = subscription.model_copy(update={"status": SubscriptionStatus.CONFIRMED, "confirmed_at": now,
                                                    "updated_at": now, "version": subscription.version + 1})
        self._save(confirmed, subscription, expires_at=None)
        return confirmed

    def preview_confirm(self, token: str) -> Subscription:
        return self._by_token(token, CONFIRM)

    def preferences(self, token: str) -> Subscription:
        return self._by_token(token, MANAGE)

    def update(self, token: str, preferences: Preferences) -> Subscription:
        return self._update(self._by_token(token, MANAGE), preferences)

    def unsubscribe(self, token: str) -> Subscription | None:
        """One-click: idempotent, and the same answer for a subscription already gone."""
        claims = self.verify(token, MANAGE)
        if claims.subscription_id.startswith(OPT_OUT_PREFIX):
            self.store.opt_out(claims.subscription_id)  # no more campaign invitations to that mailbox
            return None
        subscription = self.store.get(claims.subscription_id)
        # The subscription unsubscribed, or None when it was gone already (still a success: see unsubscribing).
        done = unsubscribing.step(subscription, claims.belongs_to)
        if done is unsubscribing.Step.OUTDATED_LINK:
            raise Gone("subscription_link_outdated")  # made for an earlier subscription: a newer one stays
        if done is unsubscribing.Step.DELETE:
            self.store.delete(subscription)
        return subscription

    # ------------------------------------------------------------ signed-in members
    def mine(self, principal: Principal) -> Subscription | None:
        principal.require_verified_email()
        found = self.store.by_email(principal.email.lower())
        return found if found and found.status in (SubscriptionStatus.CONFIRMED, SubscriptionStatus.SUPPRESSED) \
            else None

    def set_mine(self, principal: Principal, preferences: Preferences) -> Subscription:
        """The address was verified by sign-up, so no confirmation mail is needed."""
        principal.require_verified_email()
        email = principal.email.lower()
        for _attempt in range(3):
            existing = self.store.by_email(email)
            try:
                if existing is None:
                    now = self.now()
                    created = Subscription(id=subscription_id(email), email=email, status=SubscriptionStatus.CONFIRMED,
                                           created_at=now, updated_at=now, confirmed_at=now,
                                           **preferences.model_dump(mode="json"))
                    with self._following(created, None):
                        self.store.create(created, expires_at=None)
                    return created
                if existing.status == SubscriptionStatus.PENDING:
                    now = self.now()
                    existing = existing.model_copy(update={"status": SubscriptionStatus.CONFIRMED,
                                                           "confirmed_at": now, "email": email})
                return self._update(existing, preferences)
            except ConditionFailed:
                continue
        raise Conflict("subscription_busy")

    def drop_mine(self, principal: Principal) -> None:
        principal.require_verified_email()
        found = self.store.by_email(principal.email.lower())
        if unsubscribing.step(found) is unsubscribing.Step.DELETE:
            self.store.delete(found)

    # ------------------------------------------------------------ internals
    def _start(self, email: str, preferences: Preferences) -> None:
        if not self._domain_allows(email):
            return  # nothing stored, nothing sent; the caller hears the same as always
        now = self.now()
        pending = Subscription(id=subscription_id(email), email=email, status=SubscriptionStatus.PENDING,
                               created_at=now, updated_at=now, last_mailed_at=now,
                               **preferences.model_dump(mode="json"))
        self.store.create(pending, expires_at=int(self.clock()) + PENDING_SECONDS)
        self._send_confirmation(pending)

    def _again(self, existing: Subscription, preferences: Preferences) -> None:
        if existing.status == SubscriptionStatus.SUPPRESSED or not self._may_mail(existing):
            return
        if not self._domain_allows(existing.email):
            return
        now = self.now()
        if existing.status == SubscriptionStatus.PENDING:
            # Still unconfirmed: whoever follows the link gets what was asked last.
            renewed = existing.model_copy(update={**preferences.model_dump(), "updated_at": now,
                                                  "last_mailed_at": now, "version": existing.version + 1})
            self.store.save(renewed, previous=existing, expires_at=int(self.clock()) + PENDING_SECONDS)
            self._send_confirmation(renewed)
            return
        # Confirmed: preferences only change through a link the owner of the address holds.
        noted = existing.model_copy(update={"last_mailed_at": now, "version": existing.version + 1})
        self.store.save(noted, previous=existing, expires_at=None)
        letter = letters.already_subscribed(existing.language, self.links.manage(existing.id, existing.created_at))
        # The job key names no subscription: the delivery record pseudonymises the recipient on its own.
        self.outbox.enqueue([MailJob(kind="already", key=f"already:{now}", letter=letter,
                                     recipients=[Recipient(existing.id, existing.email)])])

    def _may_mail(self, subscription: Subscription) -> bool:
        if not subscription.last_mailed_at:
            return True
        last = datetime.fromisoformat(subscription.last_mailed_at.replace("Z", "+00:00"))
        now = datetime.fromisoformat(self.now().replace("Z", "+00:00"))
        return now - last >= RESEND_AFTER

    def _domain_allows(self, email: str) -> bool:
        hour = int(self.clock()) // 3600
        return self.store.take_form_mail(mailbox_domain(email), hour, domain_cap(email))

    def _send_confirmation(self, pending: Subscription) -> None:
        letter = letters.confirm(pending.language, self.links.confirm(pending.id, pending.created_at))
        self.outbox.enqueue([MailJob(kind="confirm", key=f"confirm:{pending.last_mailed_at}",
                                     letter=letter, recipients=[Recipient(pending.id, pending.email)])])

    def _update(self, current: Subscription, preferences: Preferences) -> Subscription:
        if current.status == SubscriptionStatus.SUPPRESSED:
            raise Conflict("address_suppressed")
        updated = current.model_copy(update={**preferences.model_dump(), "updated_at": self.now(),
                                             "version": current.version + 1})
        expires = int(self.clock()) + PENDING_SECONDS if updated.status == SubscriptionStatus.PENDING else None
        self._save(updated, current, expires_at=expires)
        return updated

    def _save(self, updated: Subscription, previous: Subscription, expires_at: int | None) -> None:
        try:
            with self._following(updated, previous):
                self.store.save(updated, previous=previous, expires_at=expires_at)
        except ConditionFailed as failed:
            raise Conflict("subscription_changed") from failed

    def _following(self, updated: Subscription, previous: Subscription | None) -> AbstractContextManager[Any]:
        """Around the write that adds follower entries: one event naming the associations newly followed (and when),
        never who follows them."""
        gained = sorted(set(followed(updated)) - set(followed(previous)))
        if self.publisher is None or not gained:
            return nullcontext()
        return self.publisher.staged([DomainEvent("AssociationsFollowed", {"association_ids": gained,
                                                                          "at": self.now()})])

    def _by_token(self, token: str, purpose: str) -> Subscription:
        claims = self.verify(token, purpose)
        subscription = self.store.get(claims.subscription_id)
        if subscription is None:
            raise NotFound("subscription_not_found")
        if not claims.belongs_to(subscription.created_at):
            raise Gone("subscription_link_outdated")  # made for an earlier subscription of this mailbox
        return subscription
