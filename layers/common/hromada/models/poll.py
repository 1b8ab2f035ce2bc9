"""Polls: a question, options, who may answer, when results show."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from pydantic import Field, StringConstraints, model_validator

from hromada.models.common import Model, Strict
from hromada.models.ids import AssociationId
from hromada.models.voting import Instant, LocalizedTitle, StoredTitle


class Audience(StrEnum):
    MEMBERS = "members"  # any signed-in member with a verified e-mail
    ASSOCIATION = "association"  # the owner and editors of one association


class ResultsShown(StrEnum):
    LIVE = "live"
    AFTER_CLOSE = "after_close"


class PollStatus(StrEnum):
    SCHEDULED = "scheduled"
    OPEN = "open"
    CLOSED = "closed"


OptionId = Annotated[str, StringConstraints(pattern=r"^o([1-9]|1[0-9]|20)$")]


class PollCreate(Strict):
    question: LocalizedTitle
    options: Annotated[list[LocalizedTitle], Field(min_length=2, max_length=20)]
    max_choices: int = Field(1, ge=1, le=20, description="1: single choice; more: multiple choice")
    audience: Audience = Audience.MEMBERS
    association_id: AssociationId | None = Field(None, description="Required when the audience is an association")
    results: ResultsShown = ResultsShown.AFTER_CLOSE
    opens_at: Instant | None = Field(None, description="Now when left out")
    closes_at: Instant

    @model_validator(mode="after")
    def _coherent(self) -> PollCreate:
        if self.max_choices > len(self.options):
            raise ValueError("max_choices cannot exceed the number of options")
        if (self.audience == Audience.ASSOCIATION) != (self.association_id is not None):
            raise ValueError("association_id goes with the association audience, and only with it")
        return self


class PollOption(Model):
    id: str
    label: StoredTitle


class Poll(Model):
    model_config = {"extra": "ignore"}

    id: str
    question: StoredTitle
    options: list[PollOption]
    max_choices: int
    audience: Audience
    association_id: str | None = None
    results: ResultsShown
    opens_at: str
    closes_at: str
    status: PollStatus = PollStatus.SCHEDULED
    status_reason: str | None = None
    shards: int
    created_by: str
    created_at: str
    updated_at: str
    closed_at: str | None = None
    version: int = 1

    def due_at(self) -> str | None:
        return {PollStatus.SCHEDULED: self.opens_at, PollStatus.OPEN: self.closes_at}.get(self.status)


class OptionOut(Model):
    id: str
    label: dict[str, str]


class PollOut(Model):
    id: str
    question: dict[str, str]
    options: list[OptionOut]
    max_choices: int
    audience: Audience
    association_id: str | None
    results: ResultsShown
    opens_at: str
    closes_at: str
    status: PollStatus
    closed_reason: str | None
    created_at: str
    voters: int | None = Field(description="How many answered (shown with the counts)")
    counts: dict[str, int] | None = Field(description="Answers per option: live, or once closed")
    voted: bool | None = Field(description="Whether you answered (in the poll's own view only)")

    @classmethod
    def of(cls, p: Poll, counts: dict[str, int] | None = None, voters: int | None = None,
           voted: bool | None = None) -> PollOut:
        return cls(id=p.id, question=p.question.model_dump(),
                   options=[OptionOut(id=o.id, label=o.label.model_dump()) for o in p.options],
                   max_choices=p.max_choices, audience=p.audience, association_id=p.association_id,
                   results=p.results, opens_at=p.opens_at, closes_at=p.closes_at, status=p.status,
                   closed_reason=p.status_reason, created_at=p.created_at, voters=voters, counts=counts, voted=voted)


class PollVote(Strict):
    choices: Annotated[list[OptionId], Field(min_length=1, max_length=20)]


class PollVoteOut(Model):
    poll_id: str
    choices: list[str]
