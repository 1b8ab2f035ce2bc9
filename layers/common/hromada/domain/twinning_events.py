"""What happened to partnerships and initiatives, for whoever wants to tell people (the mail capability).

Use cases publish these after their write succeeded; the default sink drops them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class PartnershipProposed:
    partnership_id: str
    proposer_association_id: str
    partner_association_id: str | None


@dataclass(frozen=True)
class PartnershipStatusChanged:
    partnership_id: str
    previous: str
    status: str
    association_ids: tuple[str, ...]


@dataclass(frozen=True)
class InitiativePublished:
    initiative_id: str
    kind: str
    domain: str
    region: str | None
    oblast: str | None


@dataclass(frozen=True)
class InitiativeStatusChanged:
    initiative_id: str
    previous: str
    status: str
    association_id: str


TwinningEvent = PartnershipProposed | PartnershipStatusChanged | InitiativePublished | InitiativeStatusChanged


class Notifications(Protocol):
    def publish(self, event: TwinningEvent) -> None: ...


class NoNotifications:
    def publish(self, event: TwinningEvent) -> None:
        return None
