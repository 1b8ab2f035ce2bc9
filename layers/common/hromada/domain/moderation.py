"""Moderation: flags, automatic hiding, the queue and its decisions, warnings, suspensions, public history.

Every flag is written in one transaction with the item's review at the version it was read: concurrent
flags serialise on it (the losers read again and retry), so the count is exact and exactly one flag
crosses the threshold and hides the item. Decisions are conditioned on the version the moderator saw.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable
from dataclasses import replace

from hromada import jitter
from hromada.auth import Principal
from hromada.domain.clock import utc_now
from hromada.domain.moderation_ports import (
    CLOSED,
    OPEN,
    Flag,
    ModerationStore,
    Review,
    Suspension,
    Target,
    Warning,
)
from hromada.domain.ports import AuditEntry, ConditionFailed
from hromada.errors import Conflict, Forbidden, NotFound, Unavailable
from hromada.models.common import Page

MAX_ATTEMPTS = 40  # a flag retried this often under contention gives up with 503
DEFAULT_THRESHOLD = 3
SYSTEM = "system"  # the actor of automatic acts in the audit log


def _backoff(attempt: int) -> None:
    time.sleep(jitter.uniform(0, min(0.2, 0.005 * 2 ** attempt)))


class Moderation:
    def __init__(self, store: ModerationStore, threshold: int = DEFAULT_THRESHOLD,
                 now: Callable[[], str] = utc_now, pause: Callable[[int], None] = _backoff,
                 person_of: Callable[[str], str | None] = lambda user_id: None):
        self.store = store
        # The pseudonym of the person behind an account (their verified address): what a suspension is keyed
        # on, so that erasing the account and signing up again with that mailbox does not lift it.
        self.person_of = person_of
        self.threshold = max(1, threshold)
        self.now = now
        self.pause = pause

    # ------------------------------------------------------------ flagging
    def flag(self, principal: Principal, target: Target, reason: str, comment: str | None) -> Flag:
        # A flag counts towards hiding: only people whose address Cognito verified may add one (throwaway
        # accounts that never confirmed an address may not).
        principal.require_verified_email()
        info, review = self.store.target_and_review(target)
        if info is None or not info.public or (info.hidden and (review is None or review.status == CLOSED)):
            raise NotFound("flagged_item_not_found")
        at = self.now()
        flag = Flag(target, principal.user_id, reason, comment, at)
        for attempt in range(MAX_ATTEMPTS):
            previous = review
            current = previous or Review(target, info.association_id)
            updated = current.flagged(reason, at)
            hide = updated.count >= self.threshold and not current.hidden and info.auto_hide
            if hide:
                updated = replace(updated, hidden=True)
            audit = AuditEntry(SYSTEM, "moderation.auto_hidden", target.ref, at,
                               f"reported by {updated.count} people") if hide else None
            try:
                self.store.add_flag(flag, previous, updated, hide=audit)
                return flag
            except ConditionFailed as failed:
                if failed.which == "flag":
                    raise Conflict("already_flagged") from failed
                if failed.which == "target":
                    raise NotFound("flagged_item_not_found") from failed
                if failed.which == "phase":  # the vote opened meanwhile: the candidate is no longer auto-hidden
                    info = replace(info, auto_hide=False)
            self.pause(attempt)
            review = self.store.review(target)
        raise Unavailable()

    # ------------------------------------------------------------ reading (moderators)
    def queue(self, principal: Principal, limit: int, cursor: str | None) -> Page[Review]:
        principal.require_moderator()
        return self.store.queue(limit, cursor)

    def detail(self, principal: Principal, ref: str) -> tuple[Review, list[Flag], object | None]:
        principal.require_moderator()
        target = self._parse(ref)
        review, flags = self.store.review_with_flags(target)
        if review is None:
            raise NotFound("review_not_found")
        return review, flags, self.store.content(target)

    # ------------------------------------------------------------ deciding
    def decide(self, principal: Principal, ref: str, action: str, version: int, note: str | None) -> Review:
        principal.require_moderator()
        if action == "suspend" and not principal.is_admin:
            raise Forbidden()
        target = self._parse(ref)
        review, flags = self.store.review_with_flags(target)  # one read: the flags retire with the decision
        if review is None:
            raise NotFound("review_not_found")
        if version != review.version:
            raise Conflict("changed_meanwhile")
        now = self.now()
        closed = replace(review, status=CLOSED, count=0, decision=action, decided_at=now,
                         version=review.version + 1)
        set_hidden: bool | None = None
        warning = suspension = None
        if action == "hide":
            if review.hidden and review.status == CLOSED:
                raise Conflict("already_hidden")
            updated, set_hidden = replace(closed, hidden=True), True
        elif action == "restore":
            if not review.hidden:
                raise Conflict("not_hidden")
            updated, set_hidden = replace(closed, hidden=False), False
        elif action == "dismiss":
            if review.status != OPEN:
                raise Conflict("nothing_to_review")
            updated, set_hidden = replace(closed, hidden=False), (False if review.hidden else None)
        elif action == "warn":
            if review.association_id is None:
                raise Conflict("no_association_to_warn")
            updated = replace(review, decision=action, decided_at=now, version=review.version + 1)
            warning = Warning(review.association_id, target.ref, note or "", now, principal.user_id)
        else:  # suspend
            info = self.store.target(target)
            if info is None or info.author_id is None or info.author_id.startswith("erased"):
                raise Conflict("no_author_to_suspend")
            if info.author_id == principal.user_id:
                raise Conflict("cannot_suspend_yourself")
            updated = replace(review, decision=action, decided_at=now, version=review.version + 1)
            suspension = Suspension(info.author_id, note, now, principal.user_id, self.person_of(info.author_id))
        audit = AuditEntry(principal.user_id, f"moderation.{action}", target.ref, now, note)
        try:
            self.store.decide(review, updated, set_hidden=set_hidden, audit=audit, warning=warning,
                              suspension=suspension, flags=flags)
        except ConditionFailed as failed:
            if failed.which == "target":
                raise NotFound("flagged_item_not_found") from failed
            raise Conflict("changed_meanwhile") from failed
        return updated

    def lift_suspension(self, principal: Principal, user_id: str, note: str | None) -> None:
        if not principal.is_admin:
            raise Forbidden()
        audit = AuditEntry(principal.user_id, "moderation.suspension_lifted", user_id, self.now(), note)
        try:
            self.store.lift_suspension(user_id, audit, self.person_of(user_id))
        except ConditionFailed as failed:
            raise NotFound("suspension_not_found") from failed

    # ------------------------------------------------------------ associations
    def notices(self, principal: Principal, association_id: str) -> tuple[list[Warning], list[Review]]:
        """Warnings and hidden items: for the association's editors and moderators."""
        if principal.is_moderator:
            warnings = self.store.warnings(association_id)
        else:
            principal.require_verified_email()
            found = self.store.editor_warnings(association_id, principal.email)
            if found is None:
                raise Forbidden()
            warnings = found
        hidden = [r for r in self.store.reviews_of(association_id) if r.hidden]
        return warnings, hidden

    def history(self, association_id: str) -> dict[str, object]:
        """Public counts: what was hidden, of which kind, for which reasons. Nobody's identity."""
        reviews = self.store.reviews_of(association_id)
        hidden = [r for r in reviews if r.hidden]
        reasons: Counter[str] = Counter()
        for review in hidden:
            reasons.update(review.reasons)
        return {"association_id": association_id, "hidden_items": len(hidden),
                "hidden_by_kind": dict(Counter(r.target.kind for r in hidden)),
                "reasons": dict(reasons), "reviewed_items": sum(1 for r in reviews if r.decided_at)}

    # ------------------------------------------------------------ helpers
    @staticmethod
    def _parse(ref: str) -> Target:
        target = Target.parse(ref)
        if target is None or target.kind not in ("association", "event", "announcement", "partnership",
                                                  "candidate"):
            raise NotFound("review_not_found")
        return target

    def _review(self, target: Target) -> Review:
        review = self.store.review(target)
        if review is None:
            raise NotFound("review_not_found")
        return review

