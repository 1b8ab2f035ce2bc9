"""Poll use cases: ask, answer once, see the results (live or after the close), close early.

Answers go through the same ballot box as elections (a marker per voter and sharded counters, one
transaction), but a poll keeps no ballots: only the counts.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable

from hromada.auth import Principal
from hromada.domain.ballots import SHARDS, person_voter
from hromada.domain.clock import new_id, utc_now
from hromada.domain.ports import AuditEntry, ConditionFailed
from hromada.domain.voting_ports import BallotBox, Guard, PollStore
from hromada.errors import Conflict, Forbidden, Invalid, NotFound
from hromada.models.common import Page
from hromada.models.poll import Audience, Poll, PollCreate, PollOption, PollStatus, ResultsShown
from hromada.models.voting import iso

ID_PREFIX = "po"
SCHEDULER = "scheduler"
RETRIES = 5


class Polls:
    def __init__(self, store: PollStore, box: BallotBox, now: Callable[[], str] = utc_now,
                 make_id: Callable[[str], str] = new_id, pick_shard: Callable[[int], int] = secrets.randbelow,
                 voter_key: Callable[[str, str], str] = person_voter):
        self.store = store
        self.box = box
        self.now = now
        self.make_id = make_id
        self.pick_shard = pick_shard
        self.voter_key = voter_key  # (box, verified address) -> the marker's key: one person, one answer

    # ------------------------------------------------------------ who
    @staticmethod
    def _editor_email(principal: Principal) -> str | None:
        """None when the caller needs no association check (moderators); else the e-mail to check."""
        return None if principal.is_moderator else principal.email

    def _may_see(self, principal: Principal, poll: Poll) -> bool:
        if poll.audience == Audience.MEMBERS or principal.is_moderator:
            return True
        return principal.email_verified and self.store.is_editor(poll.association_id or "", principal.email)

    # ------------------------------------------------------------ asking
    def create(self, principal: Principal, data: PollCreate) -> Poll:
        principal.require_verified_email()
        if data.audience == Audience.MEMBERS:
            principal.require_moderator()
        now = self.now()
        opens_at = iso(data.opens_at) if data.opens_at else now
        closes_at = iso(data.closes_at)
        if closes_at <= max(now, opens_at):
            raise Invalid("closes_at", "a poll closes in the future, after it opens")
        poll = Poll(id=self.make_id(ID_PREFIX), question=data.question,
                    options=[PollOption(id=f"o{i}", label=label) for i, label in enumerate(data.options, 1)],
                    max_choices=data.max_choices, audience=data.audience, association_id=data.association_id,
                    results=data.results, opens_at=opens_at, closes_at=closes_at,
                    status=PollStatus.OPEN if opens_at <= now else PollStatus.SCHEDULED, shards=SHARDS,
                    created_by=principal.user_id, created_at=now, updated_at=now)
        try:
            self.store.create(poll, AuditEntry(principal.user_id, "poll.created", poll.id, now),
                              editor_email=self._editor_email(principal))
        except ConditionFailed as failed:
            if failed.which == "association":
                raise NotFound("association_not_found") from failed
            raise Forbidden() from failed
        return poll

    def close(self, principal: Principal, poll_id: str, reason: str) -> Poll:
        current = self._find(principal, poll_id)
        principal.require_verified_email()
        if current.audience == Audience.MEMBERS:
            principal.require_moderator()
        if current.status == PollStatus.CLOSED:
            raise Conflict("poll_closed")
        try:
            return self._to_closed(current, principal.user_id, reason,
                                   editor_email=self._editor_email(principal))
        except ConditionFailed as failed:
            if failed.which == "editor":
                raise Forbidden() from failed
            raise Conflict("modified_meanwhile") from failed

    # ------------------------------------------------------------ reading
    def _find(self, principal: Principal, poll_id: str) -> Poll:
        poll = self.store.get(poll_id)
        if poll is None or not self._may_see(principal, poll):
            raise NotFound("poll_not_found")
        return poll

    def list(self, principal: Principal, association_id: str | None, limit: int, cursor: str | None) -> Page[Poll]:
        if association_id and not principal.is_moderator and not (
                principal.email_verified and self.store.is_editor(association_id, principal.email)):
            raise Forbidden()
        return self.store.list(association_id, limit, cursor)

    def view(self, principal: Principal, poll_id: str) -> tuple[Poll, dict[str, int] | None, bool]:
        """The poll, its counts when they may be shown (None otherwise), and whether the caller answered."""
        voter = self.voter_key(poll_id, principal.email) if principal.email_verified else None
        poll, counts, voted = self.store.view(poll_id, voter)
        if poll is None or not self._may_see(principal, poll):
            raise NotFound("poll_not_found")
        shown = poll.results == ResultsShown.LIVE or poll.status == PollStatus.CLOSED
        return poll, (counts if shown else None), voted

    # ------------------------------------------------------------ answering
    def vote(self, principal: Principal, poll_id: str, choices: list[str]) -> list[str]:
        principal.require_verified_email()
        poll = self._find(principal, poll_id)
        now = self.now()
        if poll.status == PollStatus.CLOSED or now >= poll.closes_at:
            raise Conflict("voting_closed")
        if now < poll.opens_at:
            raise Conflict("voting_not_open")
        offered = [o.id for o in poll.options]
        for i, choice in enumerate(choices):
            if choice not in offered:
                raise Invalid(f"choices.{i}", f"{choice} is not an option of this poll")
        if len(set(choices)) != len(choices):
            raise Invalid("choices", "an option is chosen twice")
        if len(choices) > poll.max_choices:
            raise Invalid("choices", f"at most {poll.max_choices} choice(s)", code="too_many_choices",
                          limit=poll.max_choices)
        guards = [Guard("editor", poll.association_id, principal.email)] if poll.association_id else []
        try:
            self.box.cast(poll.id, self.voter_key(poll.id, principal.email), self.pick_shard(poll.shards),
                          {"n": 1, **dict.fromkeys(choices, 1)}, tracker=None, ballot=None, guards=guards)
        except ConditionFailed as failed:
            raise {"marker": Conflict("already_voted"), "sealed": Conflict("voting_closed"),
                   }.get(failed.which, Forbidden("not_eligible")) from failed
        return sorted(choices, key=offered.index)

    # ------------------------------------------------------------ the clock
    def _to_closed(self, current: Poll, actor: str, reason: str | None, editor_email: str | None = None) -> Poll:
        now = self.now()
        updated = Poll.model_validate(current.model_dump() | {
            "status": PollStatus.CLOSED, "status_reason": reason, "closed_at": now, "updated_at": now,
            "version": current.version + 1})
        with self.box.sealing(current.id, current.shards):  # closed and sealed in one transaction
            self.store.save(updated, current.version, AuditEntry(actor, "poll.closed", current.id, now, reason),
                            editor_email=editor_email)
        return updated

    def advance(self, poll_id: str) -> list[str]:
        done: list[str] = []
        for _ in range(RETRIES):
            current = self.store.get(poll_id)
            due = current.due_at() if current else None
            if current is None or due is None or due > self.now():
                return done
            try:
                if current.status == PollStatus.SCHEDULED:
                    updated = Poll.model_validate(current.model_dump() | {
                        "status": PollStatus.OPEN, "updated_at": self.now(), "version": current.version + 1})
                    self.store.save(updated, current.version)
                    done.append(PollStatus.OPEN.value)
                else:
                    self._to_closed(current, SCHEDULER, None)
                    done.append(PollStatus.CLOSED.value)
            except ConditionFailed:
                continue
        return done
