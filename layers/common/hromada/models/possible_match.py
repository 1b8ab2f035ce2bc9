"""Possible matches as the API shows them to one side: the other side's initiative, both answers, and the
contacts only once both sides confirmed."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from hromada.models.common import Model
from hromada.models.twinning import OwnerAssociation


class OtherSide(Model):
    id: str = Field(description="The other side's initiative (in_...)")
    kind: Literal["need", "offer"]
    title: str
    association: OwnerAssociation
    href: str


class MatchContact(Model):
    association: OwnerAssociation
    emails: list[str]


class PossibleMatchOut(Model):
    other: OtherSide
    score: int = Field(description="The matching score (hromada's points) when the pair was found")
    status: Literal["pending", "confirmed", "declined", "cancelled"]
    my_answer: Literal["confirmed", "declined"] | None
    their_answer: Literal["confirmed", "declined"] | None
    created_at: str
    contacts: list[MatchContact] = Field(description="Both associations' contacts; empty until both confirmed")

    @classmethod
    def of(cls, pair: Any, initiative_id: str, contacts: list[Any]) -> PossibleMatchOut:
        """From hromada.domain.possible_matches.PossibleMatch, seen from initiative_id's side."""
        mine, theirs = pair.mine(initiative_id), pair.theirs(initiative_id)
        kind = "offer" if theirs is pair.offer else "need"
        return cls(other=OtherSide(id=theirs.initiative_id, kind=kind, title=theirs.title,
                                   association=OwnerAssociation(id=theirs.association_id,
                                                                name=theirs.association_name),
                                   href=f"/initiatives/{theirs.initiative_id}"),
                   score=pair.score, status=pair.status.value,
                   my_answer=mine.answer.value if mine.answer else None,
                   their_answer=theirs.answer.value if theirs.answer else None, created_at=pair.created_at,
                   contacts=[MatchContact(association=OwnerAssociation(id=c.association_id, name=c.name),
                                          emails=list(c.emails)) for c in contacts])
