"""What moderation needs from storage (the DynamoDB store implements it; unit tests use a fake)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Protocol

from hromada.domain.ports import AuditEntry
from hromada.models.common import Page

OPEN = "open"
CLOSED = "closed"


@dataclass(frozen=True)
class Target:
    """What a flag is about. A candidate is known by its election and its own id."""

    kind: str
    item_id: str
    election_id: str | None = None

    @property
    def ref(self) -> str:
        return ":".join([self.kind, self.election_id, self.item_id] if self.election_id else [self.kind, self.item_id])

    @classmethod
    def parse(cls, ref: str) -> Target | None:
        parts = ref.split(":")
        if len(parts) == 2 and parts[0] != "candidate" and all(parts):
            return cls(parts[0], parts[1])
        if len(parts) == 3 and parts[0] == "candidate" and all(parts):
            return cls(parts[0], parts[2], parts[1])
        return None


@dataclass(frozen=True)
class TargetInfo:
    """The flagged item as moderation needs it."""

    association_id: str | None  # whose content it is (the history and the warnings go there)
    author_id: str | None  # who a suspension would concern
    public: bool  # visible to visitors apart from moderation (a verified association, an approved candidate)
    hidden: bool
    # Flags may hide it by themselves. Not a candidate once the vote has opened: a few accounts must not take
    # a name off the list while people vote; the flags still put it in the moderators' queue.
    auto_hide: bool = True


@dataclass(frozen=True)
class Review:
    """The one item every flag and every decision on a flagged item is conditioned on."""

    target: Target
    association_id: str | None
    status: str = OPEN
    hidden: bool = False
    count: int = 0  # flags since the last decision
    total: int = 0
    reasons: dict[str, int] = field(default_factory=dict)  # every flag's reason, all rounds
    first_flagged_at: str = ""
    last_flagged_at: str = ""
    decision: str | None = None
    decided_at: str | None = None
    version: int = 0  # 0: not stored yet

    def flagged(self, reason: str, at: str) -> Review:
        reopened = self.status == CLOSED
        return replace(self, status=OPEN, count=self.count + 1, total=self.total + 1,
                       reasons={**self.reasons, reason: self.reasons.get(reason, 0) + 1},
                       first_flagged_at=at if reopened or not self.first_flagged_at else self.first_flagged_at,
                       last_flagged_at=at, version=self.version + 1)


@dataclass(frozen=True)
class Flag:
    target: Target
    reporter_id: str
    reason: str
    comment: str | None
    at: str


@dataclass(frozen=True)
class Warning:
    association_id: str
    item: str
    note: str
    at: str
    by: str


@dataclass(frozen=True)
class Suspension:
    user_id: str
    reason: str | None
    at: str
    by: str
    person: str | None = None  # the pseudonym of the account's verified address: the person stays suspended


class ModerationStore(Protocol):
    def target(self, target: Target) -> TargetInfo | None: ...

    def target_and_review(self, target: Target) -> tuple[TargetInfo | None, Review | None]:
        """target() and review() in one read."""

    def content(self, target: Target) -> object | None:
        """The flagged item itself (its domain model), hidden or not: what moderators decide on."""

    def review(self, target: Target) -> Review | None: ...

    def add_flag(self, flag: Flag, previous: Review | None, updated: Review, *, hide: AuditEntry | None) -> None:
        """The flag (once per reporter: ConditionFailed("flag")), the review at its expected version
        (ConditionFailed("review")) and, when `hide` (its audit entry), the item's hidden marker
        (ConditionFailed("target")): all or nothing."""

    def decide(self, previous: Review, updated: Review, *, set_hidden: bool | None, audit: AuditEntry,
               warning: Warning | None = None, suspension: Suspension | None = None,
               flags: list[Flag] | None = None) -> None:
        """All or nothing, if the review is still at previous.version (else ConditionFailed("review")).
        Closing a round retires its `flags` (read with the review) in the same write."""

    def queue(self, limit: int, cursor: str | None) -> Page: ...

    def review_with_flags(self, target: Target) -> tuple[Review | None, list[Flag]]:
        """The review and the flags (oldest first) in one read."""

    def reviews_of(self, association_id: str) -> list[Review]: ...

    def warnings(self, association_id: str) -> list[Warning]: ...

    def editor_warnings(self, association_id: str, email: str) -> list[Warning] | None:
        """The association's warnings (newest first) if `email` edits it, None if not: one read."""

    def lift_suspension(self, user_id: str, audit: AuditEntry, person: str | None = None) -> None:
        """Lifts the account's and the person's suspension; ConditionFailed("suspension") when neither is."""
