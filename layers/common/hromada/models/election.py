"""Elections, candidates, ballots and results: what clients send, what is stored, what the API shows."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from pydantic import Field, StringConstraints

from hromada.models.association import LocalizedText
from hromada.models.common import Email, HttpsUrl, Model, Strict, single_line, text
from hromada.models.ids import AssociationId, CandidateId
from hromada.models.voting import Instant, LocalizedTitle, StoredTitle


class Method(StrEnum):
    PLURALITY = "plurality"
    APPROVAL = "approval"
    SCHULZE = "schulze"
    IRV = "irv"
    MAJORITY_JUDGMENT = "majority_judgment"


class Electorate(StrEnum):
    MEMBERS = "members"  # any signed-in member with a verified e-mail
    ASSOCIATIONS = "associations"  # one ballot per verified association, cast by its owner
    ROLL = "roll"  # the e-mails of the voter roll the organizers uploaded


class ElectionStatus(StrEnum):
    DRAFT = "draft"
    NOMINATIONS = "nominations"
    VOTING = "voting"
    CLOSED = "closed"
    PUBLISHED = "published"


class Grade(StrEnum):
    EXCELLENT = "excellent"
    VERY_GOOD = "very_good"
    GOOD = "good"
    FAIR = "fair"
    POOR = "poor"
    TO_REJECT = "to_reject"


class CandidateStatus(StrEnum):
    NOMINATED = "nominated"  # waiting for the candidate's consent
    CONSENTED = "consented"  # waiting for the organizers
    APPROVED = "approved"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"


Nominations = Annotated[int, Field(ge=1, le=10, description="Candidates each association may nominate")]


class ElectionCreate(Strict):
    title: LocalizedTitle
    description: LocalizedText | None = None
    method: Method
    electorate: Electorate = Electorate.MEMBERS
    nominations_per_association: Nominations = 2
    nominations_open_at: Instant
    voting_opens_at: Instant
    voting_closes_at: Instant


class ElectionPatch(Strict):
    title: LocalizedTitle | None = None
    description: LocalizedText | None = None
    method: Method | None = None
    electorate: Electorate | None = None
    nominations_per_association: Nominations | None = None
    nominations_open_at: Instant | None = None
    voting_opens_at: Instant | None = None
    voting_closes_at: Instant | None = None


class BallotCandidate(Model):
    """A candidate as printed on the ballot (frozen when voting opens)."""

    id: str
    name: str
    association_id: str
    association_name: str


class Election(Model):
    """The stored record."""

    model_config = {"extra": "ignore"}

    id: str
    title: StoredTitle
    description: LocalizedText | None = None
    method: Method
    electorate: Electorate
    nominations_per_association: int
    nominations_open_at: str
    voting_opens_at: str
    voting_closes_at: str
    status: ElectionStatus = ElectionStatus.DRAFT
    status_reason: str | None = None
    ballot: list[BallotCandidate] = Field(default_factory=list)
    shards: int
    created_by: str
    created_at: str
    updated_at: str
    closed_at: str | None = None
    published_at: str | None = None
    ballot_pages: int = 0
    version: int = 1

    def due_at(self) -> str | None:
        """When the next phase starts by itself (None once published)."""
        return {ElectionStatus.DRAFT: self.nominations_open_at, ElectionStatus.NOMINATIONS: self.voting_opens_at,
                ElectionStatus.VOTING: self.voting_closes_at, ElectionStatus.CLOSED: self.closed_at,
                }.get(self.status)


class ElectionOut(Model):
    id: str
    title: dict[str, str]
    description: dict[str, str] | None
    method: Method
    electorate: Electorate
    nominations_per_association: int
    nominations_open_at: str
    voting_opens_at: str
    voting_closes_at: str
    status: ElectionStatus
    closed_reason: str | None = Field(description="Why an organizer closed the vote early")
    ballot: list[BallotCandidate] = Field(description="The candidates on the ballot, once voting opens")
    turnout: int | None = Field(description="Ballots cast so far (from the opening of the vote)")
    created_at: str
    updated_at: str
    closed_at: str | None
    published_at: str | None

    @classmethod
    def of(cls, e: Election, turnout: int | None = None) -> ElectionOut:
        shows_turnout = e.status in (ElectionStatus.VOTING, ElectionStatus.CLOSED, ElectionStatus.PUBLISHED)
        return cls(id=e.id, title=e.title.model_dump(), description=e.description.model_dump() if e.description
                   else None, method=e.method, electorate=e.electorate,
                   nominations_per_association=e.nominations_per_association,
                   nominations_open_at=e.nominations_open_at, voting_opens_at=e.voting_opens_at,
                   voting_closes_at=e.voting_closes_at, status=e.status, closed_reason=e.status_reason,
                   ballot=e.ballot, turnout=turnout if shows_turnout else None, created_at=e.created_at,
                   updated_at=e.updated_at, closed_at=e.closed_at, published_at=e.published_at)


class NominationIn(Strict):
    association_id: AssociationId = Field(description="The verified association you own that nominates")
    name: single_line(2, 120)
    email: Email = Field(description="The candidate's e-mail: they confirm their consent signed in with it")
    statement: LocalizedText
    bio: LocalizedText | None = None
    photo_url: HttpsUrl | None = None


class Candidate(Model):
    model_config = {"extra": "ignore"}

    id: str
    election_id: str
    association_id: str
    association_name: str
    name: str
    email: str
    statement: LocalizedText
    bio: LocalizedText | None = None
    photo_url: str | None = None
    status: CandidateStatus = CandidateStatus.NOMINATED
    status_reason: str | None = None
    nominated_by: str
    nominated_at: str
    updated_at: str
    hidden: bool = False  # hidden by moderation (reports or a moderator): gone for the public


class CandidateOut(Model):
    """What everyone sees of an approved candidate."""

    id: str
    name: str
    association_id: str
    association_name: str
    statement: dict[str, str]
    bio: dict[str, str] | None
    photo_url: str | None
    status: CandidateStatus

    @classmethod
    def of(cls, c: Candidate) -> CandidateOut:
        return cls(id=c.id, name=c.name, association_id=c.association_id, association_name=c.association_name,
                   statement=c.statement.model_dump(), bio=c.bio.model_dump() if c.bio else None,
                   photo_url=c.photo_url, status=c.status)


class NominationOut(CandidateOut):
    """What the candidate, the nominating association and the organizers see."""

    email: str
    status_reason: str | None
    nominated_at: str
    updated_at: str

    @classmethod
    def of(cls, c: Candidate) -> NominationOut:
        return cls(**CandidateOut.of(c).model_dump(), email=c.email, status_reason=c.status_reason,
                   nominated_at=c.nominated_at, updated_at=c.updated_at)


class Reason(Strict):
    reason: text(3, 1000) = Field(description="Why; recorded in the audit log")


class RollIn(Strict):
    emails: Annotated[list[Email], Field(min_length=1, max_length=1000)]


class RollOut(Model):
    received: int = Field(description="Distinct mailboxes in this upload (case and +tags ignored; already listed "
                                      "ones count too)")


Ranking = Annotated[list[Annotated[list[CandidateId], Field(min_length=1, max_length=50)]],
                    Field(min_length=1, max_length=50)]


class BallotIn(Strict):
    """Fill in the field of the election's method, and only that one."""

    association_id: AssociationId | None = Field(None, description="Elections by association: who votes")
    choice: CandidateId | None = Field(None, description="plurality")
    approve: Annotated[list[CandidateId], Field(max_length=50)] | None = Field(None, description="approval")
    ranking: Ranking | None = Field(None, description="schulze (groups are ties), irv (one per group)")
    grades: Annotated[dict[CandidateId, Grade], Field(max_length=50)] | None = Field(
        None, description="majority_judgment; a candidate left out is graded to_reject")


class Receipt(Model):
    election_id: str
    tracker: str = Field(description="Keep it: find your ballot under it once the ballots are published")


Tracker = Annotated[str, StringConstraints(pattern=r"^[A-Z2-7]{4}(-[A-Z2-7]{4}){4}$")]


class PublishedBallot(Model):
    tracker: str
    choice: str | None = None
    approve: list[str] | None = None
    ranking: list[list[str]] | None = None
    grades: dict[str, Grade] | None = None


class VoterAssociation(Model):
    association_id: str
    name: str
    voted: bool


class MyVoteOut(Model):
    electorate: Electorate
    eligible: bool
    voted: bool
    associations: list[VoterAssociation] = Field(
        description="Elections by association: the verified associations you own, and which have voted")


class Tie(Model):
    stage: str
    between: list[str]
    rule: str
    chosen: str
    detail: str


class Round(Model):
    round: int
    counts: dict[str, int]
    exhausted: int
    elected: str | None
    eliminated: str | None
    transfers: dict[str, int]
    to_exhausted: int


class GradeSummary(Model):
    counts: dict[Grade, int]
    median: Grade | None = None
    above: int | None = None
    below: int | None = None


class Result(Model):
    """The count with its full working; sections other methods do not use are null."""

    method: Method
    ballots: int
    winner: str | None
    ranking: list[str]
    ties: list[Tie]
    lot_seed: str
    counts: dict[str, int] | None = None
    blank: int | None = None
    pairwise: dict[str, dict[str, int]] | None = None
    strongest_paths: dict[str, dict[str, int]] | None = None
    rounds: list[Round] | None = None
    grades: dict[str, GradeSummary] | None = None


class ResultOut(Model):
    election_id: str
    published_at: str
    ballots_sha256: str = Field(description="SHA-256 of the published ballots (see scripts/recount)")
    ballot_shards: int = Field(description="The digest reads the ballots shard by shard (shard: SHA-256 of the "
                                           "tracker modulo ballot_shards), trackers in order within a shard")
    candidates: list[BallotCandidate]
    result: Result


class AuditOut(Model):
    actor_id: str
    action: str
    target: str
    at: str
    reason: str | None
