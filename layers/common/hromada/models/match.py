"""What the matching search answers: each candidate with its score and the reasons behind it."""

from __future__ import annotations

from enum import StrEnum

from pydantic import Field

from hromada.models.common import Model
from hromada.models.twinning import CooperationDomain
from hromada.reference.matching import POINTS, Match

MatchReason = StrEnum("MatchReason", {name.upper(): name for name in POINTS})


class MatchKind(StrEnum):
    PARTNERSHIP = "partnership"
    NEED = "need"
    OFFER = "offer"


class MatchOut(Model):
    kind: MatchKind
    id: str
    title: str
    status: str = Field(description="The partnership's or the initiative's status")
    domains: list[CooperationDomain]
    region: str | None = Field(description="French region (INSEE code)")
    oblast: str | None = Field(description="Ukrainian oblast (ISO 3166-2 code)")
    score: int = Field(description="The sum of the points of its reasons")
    reasons: list[MatchReason]
    href: str = Field(description="Where the whole item is read")

    @classmethod
    def of(cls, match: Match) -> MatchOut:
        c = match.candidate
        collection = "partnerships" if c.kind == MatchKind.PARTNERSHIP else "initiatives"
        return cls(kind=MatchKind(c.kind), id=c.id, title=c.title, status=c.status,
                   domains=[CooperationDomain(d) for d in c.domains], region=c.region, oblast=c.oblast,
                   score=match.score, reasons=[MatchReason(r) for r in match.reasons], href=f"/{collection}/{c.id}")


class Matches(Model):
    items: list[MatchOut] = Field(description="Best first")
    points: dict[str, int] = Field(description="What each reason is worth")

    @classmethod
    def of(cls, matches: list[Match]) -> Matches:
        return cls(items=[MatchOut.of(m) for m in matches], points=dict(POINTS))
