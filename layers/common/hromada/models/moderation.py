"""Flags, the moderation queue and its decisions, warnings, the public moderation history, personal data."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from pydantic import Field, model_validator

from hromada.models.claim import FactCheckNotice
from hromada.models.common import Model, Strict, text
from hromada.models.ids import AnyId, ElectionId, is_id_of


class FlagKind(StrEnum):
    ASSOCIATION = "association"
    EVENT = "event"
    ANNOUNCEMENT = "announcement"
    PARTNERSHIP = "partnership"
    CANDIDATE = "candidate"


class FlagReason(StrEnum):
    DISINFORMATION = "disinformation"
    HATE = "hate"
    SPAM = "spam"
    FRAUD = "fraud"
    OTHER = "other"


class DecisionAction(StrEnum):
    HIDE = "hide"  # hidden until restored
    RESTORE = "restore"  # a hidden item is shown again; its flags are closed
    DISMISS = "dismiss"  # the flags are closed; the item stays (or is again) visible
    WARN = "warn"  # a warning for the association's editors; the flags stay open
    SUSPEND = "suspend"  # admins: the item's author may write nothing until the suspension is lifted


class FlagIn(Strict):
    kind: FlagKind
    id: AnyId = Field(description="The item's id (a candidate's id for kind=candidate)")
    election_id: ElectionId | None = Field(None, description="For kind=candidate only: the candidate's election")
    reason: FlagReason
    comment: text(0, 500) | None = Field(None, description="Plain text, for the moderators only")

    @model_validator(mode="after")
    def _election_for_candidates(self) -> FlagIn:
        if (self.kind == FlagKind.CANDIDATE) != (self.election_id is not None):
            raise ValueError("election_id is required for a candidate and only for a candidate")
        if not is_id_of(self.kind, self.id):
            raise ValueError(f"id is not the id of a {self.kind}")
        return self


class DecisionIn(Strict):
    action: DecisionAction
    version: int = Field(ge=1, le=1_000_000, description="The review's version the decision was taken on")
    note: text(0, 1000) | None = Field(None, description="Why; kept in the audit log (a warning's text)")

    @model_validator(mode="after")
    def _warnings_say_why(self) -> DecisionIn:
        if self.action == DecisionAction.WARN and not self.note:
            raise ValueError("a warning needs a note: it is what the association's editors read")
        return self


class FlagOut(Model):
    item: str = Field(description="The flagged item's reference (kind:id, candidate:election:candidate)")
    reason: FlagReason
    flagged_at: str


class ReviewOut(Model):
    """A flagged item as moderators see it: counts and reasons, never who reported it."""

    item: str
    kind: FlagKind
    id: str
    election_id: str | None
    association_id: str | None
    status: str = Field(description="open: waiting for a decision; closed: decided")
    hidden: bool
    flags: int = Field(description="Flags since the last decision")
    total_flags: int
    reasons: dict[str, int]
    first_flagged_at: str
    last_flagged_at: str
    decision: str | None
    decided_at: str | None
    version: int
    fact_checks: list[FactCheckNotice] = Field(default_factory=list, description="Known claims the flagged "
                                               "content spreads (its links): the queue groups flags by claim")


class FlagNoteOut(Model):
    reason: FlagReason
    comment: str | None
    flagged_at: str


class ReviewDetailOut(ReviewOut):
    comments: list[FlagNoteOut] = Field(description="The flags' reasons and comments (reporters never shown)")
    content: dict[str, Any] | None = Field(description="The item as the public sees it when shown (moderators "
                                                       "see it hidden too); null if it was deleted")


class WarningOut(Model):
    at: str
    item: str
    note: str


class HiddenItemOut(Model):
    item: str
    kind: FlagKind
    id: str
    reasons: dict[str, int]
    decision: str | None


class NoticesOut(Model):
    """What the association's editors are told: warnings, and their items hidden by moderation."""

    warnings: list[WarningOut]
    hidden: list[HiddenItemOut]


class ModerationHistoryOut(Model):
    """Public: how much of an association's content moderation hid, and why. No reporter, no comment."""

    association_id: str
    hidden_items: int
    hidden_by_kind: dict[str, int]
    reasons: dict[str, int] = Field(description="Reasons given by reporters of the hidden items")
    reviewed_items: int = Field(description="Flagged items a moderator decided on")


class ErasureIn(Strict):
    """In the body, not the query string: an address in a URL ends up in access logs."""

    confirm: str = Field(min_length=3, max_length=254, description="Your own e-mail address, to confirm")


class SuspensionOut(Model):
    user_id: str
    suspended: bool


class MyRsvpOut(Model):
    event_id: str
    status: str = Field(description="confirmed or waitlisted")
    joined_at: str | None = None


class MyRsvpsOut(Model):
    """The events I registered for (or wait for), newest registration first."""

    items: list[MyRsvpOut]


class ExportOut(Model):
    """Everything held about the caller (GDPR art. 15 and 20)."""

    generated_at: str
    profile: dict[str, Any]
    associations: list[dict[str, Any]]
    rsvps: list[dict[str, Any]]
    nominations: list[dict[str, Any]]
    flags: list[dict[str, Any]]
    elections: list[dict[str, Any]] = Field(description="Ballot boxes you voted in (never what you voted)")
    voter_rolls: list[dict[str, Any]]
    subscriptions: list[dict[str, Any]]
    audit: list[dict[str, Any]] = Field(description="Acts recorded with you as their author")
    polls: list[dict[str, Any]] = Field(description="Polls you asked")
    series_registrations: list[dict[str, Any]] = Field(
        default_factory=list, description="Recurring events you registered for as a whole")
    shifts: list[dict[str, Any]] = Field(
        default_factory=list, description="Volunteer shifts you signed up for (a deleted announcement's are gone)")
