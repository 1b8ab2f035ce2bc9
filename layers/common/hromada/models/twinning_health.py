"""The twinning health page's response: open needs, unanswered offers, time to a first answer, partnerships."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from hromada.models.common import Model
from hromada.models.twinning import OwnerAssociation


class Count(Model):
    key: str = Field(description="An oblast code (or none), a domain, a status")
    count: int


class UnansweredOffer(Model):
    id: str
    title: str
    domain: str
    region: str | None
    oblast: str | None
    association: OwnerAssociation
    created_at: str
    href: str = Field(description="Where the offer is read")


class TwinningHealthOut(Model):
    as_of: str
    open_needs_by_oblast: list[Count] = Field(description="Visible open needs per Ukrainian oblast, most first")
    open_needs_by_domain: list[Count] = Field(description="Visible open needs per domain, most first")
    partnerships_by_status: list[Count] = Field(description="Visible partnerships per status")
    answered_needs: int = Field(description="Needs that reached `matched` at least once")
    median_days_to_first_answer: int | None = Field(
        description="Median days from a need's publication to its first `matched` (none before any answer)")
    unanswered_after_days: int
    unanswered_offers: list[UnansweredOffer] = Field(
        description="Open offers never matched, published that many days ago or more, oldest first")
    more_unanswered: bool = Field(description="The list is capped; there are more")

    @classmethod
    def of(cls, health: Any) -> TwinningHealthOut:
        """From hromada.domain.twinning_health.Health."""
        def counts(figures: dict[str, int]) -> list[Count]:
            return [Count(key=k, count=n) for k, n in sorted(figures.items(), key=lambda kv: (-kv[1], kv[0]))]

        def offer(o: dict[str, Any]) -> UnansweredOffer:
            return UnansweredOffer(id=o["id"], title=o["title"], domain=o["domain"], region=o.get("region"),
                                   oblast=o.get("oblast"), created_at=o["created_at"],
                                   association=OwnerAssociation(id=o["association_id"], name=o["association_name"]),
                                   href=f"/initiatives/{o['id']}")

        return cls(as_of=health.as_of, open_needs_by_oblast=counts(health.open_needs_by_oblast),
                   open_needs_by_domain=counts(health.open_needs_by_domain),
                   partnerships_by_status=counts(health.partnerships_by_status),
                   answered_needs=health.answered_needs,
                   median_days_to_first_answer=health.median_days_to_first_answer,
                   unanswered_offers=[offer(o) for o in health.unanswered_offers],
                   more_unanswered=health.more_unanswered, unanswered_after_days=health.unanswered_after_days)
