"""Initiatives: needs and offers, so the two sides find each other."""

from __future__ import annotations

from enum import StrEnum

from pydantic import Field, model_validator

from hromada.models.association import LocalizedText, RegionCode
from hromada.models.common import Strict, single_line, text
from hromada.models.twinning import CooperationDomain, OblastCode, OwnerAssociation, TwinningOut, TwinningRecord


class InitiativeKind(StrEnum):
    NEED = "need"
    OFFER = "offer"

    @property
    def opposite(self) -> InitiativeKind:
        return InitiativeKind.OFFER if self is InitiativeKind.NEED else InitiativeKind.NEED


class InitiativeStatus(StrEnum):
    OPEN = "open"
    MATCHED = "matched"
    CLOSED = "closed"


class _Fields(Strict):
    """What the owner association edits (shared by creation and the merged result of a patch)."""

    title: single_line(3, 160)
    description: LocalizedText
    domain: CooperationDomain
    region: RegionCode | None = Field(None, description="French region (INSEE code) it concerns")
    oblast: OblastCode | None = Field(None, description="Ukrainian oblast (ISO 3166-2 code) it concerns")
    hromada: single_line(2, 120) | None = Field(None, description="Hromada name, within the oblast")

    @model_validator(mode="after")
    def _placed(self) -> _Fields:
        if self.region is None and self.oblast is None:
            raise ValueError("give a French region, a Ukrainian oblast, or both")
        if self.hromada and not self.oblast:
            raise ValueError("a hromada needs its oblast")
        return self


class InitiativeCreate(_Fields):
    kind: InitiativeKind


class InitiativeFields(_Fields):
    """The editable fields after a patch is merged, validated as a whole."""


class InitiativePatch(Strict):
    title: single_line(3, 160) | None = None
    description: LocalizedText | None = None
    domain: CooperationDomain | None = None
    region: RegionCode | None = None
    oblast: OblastCode | None = None
    hromada: single_line(2, 120) | None = None


class Initiative(_Fields, TwinningRecord):
    """The stored record (domain entity)."""

    model_config = {"extra": "ignore"}

    kind: InitiativeKind
    association_id: str
    association_name: str
    status: InitiativeStatus = InitiativeStatus.OPEN
    answered_at: str | None = None  # when it first reached `matched` (hromada.domain.twinning_health)

    @property
    def matchable(self) -> bool:
        """Offered to the matching search: visible and still looking for the other side."""
        return not self.hidden and self.status == InitiativeStatus.OPEN


class InitiativeStatusChange(Strict):
    status: InitiativeStatus
    note: text(0, 1000) | None = Field(None, description="Why; kept in the audit log")


class InitiativeOut(TwinningOut):
    """What the API shows; the contact is the owner association, reached through the platform."""

    id: str
    kind: InitiativeKind
    title: str
    description: dict[str, str]
    domain: CooperationDomain
    region: str | None
    oblast: str | None
    hromada: str | None
    status: InitiativeStatus
    association: OwnerAssociation
    hidden: bool
    hidden_reason: str | None = Field(description="Shown to the owner association's editors and moderators")
    created_at: str
    updated_at: str

    @classmethod
    def _from(cls, i: Initiative, for_editors: bool) -> InitiativeOut:
        return cls(id=i.id, kind=i.kind, title=i.title, description=i.description.model_dump(exclude_none=True),
                   domain=i.domain, region=i.region, oblast=i.oblast, hromada=i.hromada, status=i.status,
                   association=OwnerAssociation(id=i.association_id, name=i.association_name),
                   hidden=i.hidden, hidden_reason=i.hidden_reason if for_editors else None,
                   created_at=i.created_at, updated_at=i.updated_at)
