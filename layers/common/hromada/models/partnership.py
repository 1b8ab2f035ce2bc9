"""Twinning partnerships: what clients send, what is stored, what the API shows."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from itertools import pairwise
from typing import Annotated

from pydantic import AfterValidator, Field, StrictBool, StringConstraints, model_validator

from hromada.models.association import LocalizedText
from hromada.models.common import Email, HttpsUrl, Model, Strict, single_line, text
from hromada.models.twinning import (
    CooperationDomain,
    FrenchTerritory,
    FrenchTerritoryOut,
    TwinningOut,
    TwinningRecord,
    UkrainianTerritory,
    UkrainianTerritoryOut,
)


class PartnershipStatus(StrEnum):
    PROPOSED = "proposed"
    IN_DISCUSSION = "in_discussion"
    SIGNED = "signed"
    ACTIVE = "active"
    ENDED = "ended"


class StatusTarget(StrEnum):
    """What POST /partnerships/{id}/status may ask for (in_discussion is reached by confirming)."""

    SIGNED = "signed"
    ACTIVE = "active"
    ENDED = "ended"


class PartyKind(StrEnum):
    ASSOCIATION = "association"
    TERRITORIAL_BODY = "territorial_body"


class PartyRole(StrEnum):
    PROPOSER = "proposer"
    PARTNER = "partner"
    PARTICIPANT = "participant"


AssociationId = Annotated[str, StringConstraints(min_length=3, max_length=80)]


class PartnerIn(Strict):
    """The other side: an association on the platform (by id) or a territorial body (by name)."""

    association_id: AssociationId | None = Field(None, description="A verified association on the platform")
    name: single_line(2, 160) | None = Field(None, description="A territorial body, e.g. Lviv Oblast Council")

    @model_validator(mode="after")
    def _exactly_one(self) -> PartnerIn:
        if (self.association_id is None) == (self.name is None):
            raise ValueError("give either association_id or name")
        return self


class TerritorialBodyIn(Strict):
    name: single_line(2, 160)


class PartnershipContact(Strict):
    name: single_line(2, 120)
    role: single_line(0, 120) | None = None
    organisation: single_line(0, 160) | None = None
    email: Email | None = Field(None, description="Shown to the partnership's parties and moderators only")


class PartnershipDocument(Strict):
    title: single_line(2, 160)
    url: HttpsUrl = Field(description="https only; the server never fetches it")


class PartnershipMilestone(Strict):
    date: date
    title: single_line(2, 160)
    done: StrictBool = False


def _in_date_order(milestones: list[PartnershipMilestone]) -> list[PartnershipMilestone]:
    for index, (before, after) in enumerate(pairwise(milestones), start=1):
        if after.date < before.date:
            raise ValueError(f"milestones must be in date order: #{index + 1} ({after.date}) comes before "
                             f"#{index} ({before.date})")
    return milestones


Domains = Annotated[list[CooperationDomain], Field(min_length=1, max_length=5)]
Contacts = Annotated[list[PartnershipContact], Field(max_length=10)]
Documents = Annotated[list[PartnershipDocument], Field(max_length=20)]
Milestones = Annotated[list[PartnershipMilestone], Field(max_length=30), AfterValidator(_in_date_order)]
Bodies = Annotated[list[TerritorialBodyIn], Field(max_length=6, description="Other territorial bodies involved")]


class _Content(Strict):
    """What the parties edit (shared by the proposal and the merged result of a patch)."""

    title: single_line(3, 160)
    description: LocalizedText
    domains: Domains
    contacts: Contacts = Field(default_factory=list)
    documents: Documents = Field(default_factory=list)
    milestones: Milestones = Field(default_factory=list)

    @model_validator(mode="after")
    def _unique_domains(self) -> _Content:
        self.domains = list(dict.fromkeys(self.domains))
        return self


class PartnershipProposal(_Content):
    french: FrenchTerritory
    ukrainian: UkrainianTerritory
    partner: PartnerIn
    bodies: Bodies = Field(default_factory=list)


class PartnershipContent(_Content):
    """The editable content after a patch is merged, validated as a whole."""


class PartnershipPatch(Strict):
    title: single_line(3, 160) | None = None
    description: LocalizedText | None = None
    domains: Domains | None = None
    contacts: Contacts | None = None
    documents: Documents | None = None
    milestones: Milestones | None = None


class Party(Model):
    kind: PartyKind
    role: PartyRole
    name: str
    association_id: str | None = None


class Partnership(_Content, TwinningRecord):
    """The stored record (domain entity)."""

    model_config = {"extra": "ignore"}

    french: FrenchTerritory
    ukrainian: UkrainianTerritory
    parties: list[Party]
    status: PartnershipStatus = PartnershipStatus.PROPOSED
    proposed_by: str
    confirmed_at: str | None = None

    @property
    def association_ids(self) -> list[str]:
        return [p.association_id for p in self.parties if p.association_id]

    @property
    def partner_association_id(self) -> str | None:
        return next((p.association_id for p in self.parties if p.role == PartyRole.PARTNER), None)

    @property
    def matchable(self) -> bool:
        """Offered to the matching search: visible and not over."""
        return not self.hidden and self.status != PartnershipStatus.ENDED


class PartnershipStatusChange(Strict):
    status: StatusTarget
    note: text(0, 1000) | None = Field(None, description="Why; kept in the audit log")


class PartnershipContactOut(Model):
    name: str
    role: str | None
    organisation: str | None
    email: str | None = Field(description="Present only for the partnership's parties and moderators")


class PartnershipDocumentOut(Model):
    title: str
    url: str


class PartnershipMilestoneOut(Model):
    date: date
    title: str
    done: bool


class PartyOut(Model):
    kind: PartyKind
    role: PartyRole
    name: str
    association_id: str | None


class PartnershipOut(TwinningOut):
    """What the API shows. Built field by field: nothing leaks that is not listed here."""

    id: str
    title: str
    description: dict[str, str]
    french: FrenchTerritoryOut
    ukrainian: UkrainianTerritoryOut
    parties: list[PartyOut]
    domains: list[CooperationDomain]
    status: PartnershipStatus
    contacts: list[PartnershipContactOut]
    documents: list[PartnershipDocumentOut]
    milestones: list[PartnershipMilestoneOut]
    hidden: bool
    hidden_reason: str | None = Field(description="Shown to the parties and moderators")
    confirmed_at: str | None
    created_at: str
    updated_at: str

    @classmethod
    def _from(cls, p: Partnership, for_editors: bool) -> PartnershipOut:
        return cls(
            id=p.id, title=p.title, description=p.description.model_dump(exclude_none=True),
            french=FrenchTerritoryOut.of(p.french), ukrainian=UkrainianTerritoryOut.of(p.ukrainian),
            parties=[PartyOut(kind=x.kind, role=x.role, name=x.name, association_id=x.association_id)
                     for x in p.parties],
            domains=p.domains, status=p.status, contacts=contacts_out(p.contacts, for_editors),
            documents=[PartnershipDocumentOut(title=d.title, url=d.url) for d in p.documents],
            milestones=[PartnershipMilestoneOut(date=m.date, title=m.title, done=m.done) for m in p.milestones],
            hidden=p.hidden, hidden_reason=p.hidden_reason if for_editors else None,
            confirmed_at=p.confirmed_at, created_at=p.created_at, updated_at=p.updated_at,
        )


def contacts_out(contacts: list[PartnershipContact], with_emails: bool) -> list[PartnershipContactOut]:
    return [PartnershipContactOut(name=c.name, role=c.role, organisation=c.organisation,
                       email=c.email if with_emails else None) for c in contacts]
