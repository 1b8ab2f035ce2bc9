"""What partnerships and initiatives share: cooperation domains and the two sides' territories."""

from __future__ import annotations

from enum import StrEnum
from typing import Any, Self

from pydantic import Field

from hromada.models.association import DepartmentCode, PostalCode, RegionCode
from hromada.models.common import Model, Strict, one_of, single_line, text
from hromada.reference import geography

OblastCode = one_of(list(geography.OBLASTS), "Ukrainian oblast code")


class CooperationDomain(StrEnum):
    CULTURE = "culture"
    EDUCATION = "education"
    HEALTH = "health"
    RECONSTRUCTION = "reconstruction"
    AGRICULTURE = "agriculture"
    ENERGY = "energy"
    BUSINESS = "business"
    YOUTH = "youth"
    SPORT = "sport"
    ENVIRONMENT = "environment"
    OTHER = "other"


class FrenchLevel(StrEnum):
    REGION = "region"
    DEPARTMENT = "department"
    COMMUNE = "commune"


class UkrainianLevel(StrEnum):
    OBLAST = "oblast"
    HROMADA = "hromada"


class FrenchTerritory(Strict):
    """A region, a department within it, or a commune (a name, optionally its postal code) within that."""

    region: RegionCode = Field(description="INSEE region code, e.g. 76 (Occitanie)")
    department: DepartmentCode | None = Field(None, description="Department code, e.g. 31")
    commune: single_line(1, 100) | None = Field(None, description="Commune name; needs a department")
    postal_code: PostalCode | None = Field(None, description="Of the commune")

    @property
    def level(self) -> FrenchLevel:
        if self.commune:
            return FrenchLevel.COMMUNE
        return FrenchLevel.DEPARTMENT if self.department else FrenchLevel.REGION


class UkrainianTerritory(Strict):
    """An oblast (ISO 3166-2 code, e.g. UA-46), or a hromada named within it."""

    oblast: OblastCode = Field(description="ISO 3166-2 code, e.g. UA-46 (Lviv Oblast)")
    hromada: single_line(2, 120) | None = Field(None, description="Hromada name, within the oblast")

    @property
    def level(self) -> UkrainianLevel:
        return UkrainianLevel.HROMADA if self.hromada else UkrainianLevel.OBLAST


class FrenchTerritoryOut(Model):
    level: FrenchLevel
    region: str
    department: str | None
    commune: str | None
    postal_code: str | None

    @classmethod
    def of(cls, t: FrenchTerritory) -> FrenchTerritoryOut:
        return cls(level=t.level, region=t.region, department=t.department, commune=t.commune,
                   postal_code=t.postal_code)


class UkrainianTerritoryOut(Model):
    level: UkrainianLevel
    oblast: str
    hromada: str | None

    @classmethod
    def of(cls, t: UkrainianTerritory) -> UkrainianTerritoryOut:
        return cls(level=t.level, oblast=t.oblast, hromada=t.hromada)


class TwinningRecord(Model):
    """What a stored partnership or initiative keeps beside its content: moderation, dates, version."""

    id: str
    hidden: bool = False
    hidden_reason: str | None = None
    created_at: str
    updated_at: str
    version: int = 1


class TwinningOut(Model):
    """An item as the API shows it, in two views: to visitors, and to its editors and moderators, who also
    see why it is hidden (and a partnership's contact e-mails)."""

    @classmethod
    def public(cls, item: Any) -> Self:
        return cls._from(item, for_editors=False)

    @classmethod
    def for_editors(cls, item: Any) -> Self:
        return cls._from(item, for_editors=True)

    @classmethod
    def _from(cls, item: Any, for_editors: bool) -> Self:
        raise NotImplementedError


class OwnerAssociation(Model):
    id: str
    name: str


class ActNote(Strict):
    note: text(0, 1000) | None = Field(None, description="Why; kept in the audit log")


class HidingReason(Strict):
    reason: text(3, 1000) = Field(description="Why it is hidden; shown to its editors")
