"""Claims: statements spread to mislead, the addresses that spread them, the verdict and its fact-checks."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from pydantic import Field, StringConstraints

from hromada.models.common import Day, Model, Strict, single_line
from hromada.models.localized import LocalizedTitle

MAX_URLS = 40  # one transaction writes the claim, its history entry and one item per address (≤ 100 items)
MAX_FACT_CHECKS = 10


class Verdict(StrEnum):
    FALSE = "false"
    MISLEADING = "misleading"
    MISSING_CONTEXT = "missing_context"
    TRUE = "true"


# Checked and normalised by the domain (hromada.domain.claim_urls): the model bounds the size only, so a bad
# address is named in a 422 by its position.
RawUrl = Annotated[str, StringConstraints(min_length=1, max_length=2000)]
Urls = Annotated[list[RawUrl], Field(max_length=MAX_URLS, description="Where the claim spread (http/https)")]
Place = single_line(1, 200)


class ClaimCreate(Strict):
    text: LocalizedTitle = Field(description="The claim as spread, in French, Ukrainian and/or English")
    verdict: Verdict
    first_seen_on: Day | None = Field(None, description="When it was first seen")
    first_seen_where: Place | None = Field(None, description="Where it was first seen (platform or place)")
    urls: Urls = Field(default_factory=list)


class ClaimPatch(Strict):
    version: int = Field(ge=1, description="The version the edit was made on: a claim changed meanwhile is a 409")
    text: LocalizedTitle | None = None
    verdict: Verdict | None = None
    first_seen_on: Day | None = None
    first_seen_where: Place | None = None
    urls: Urls | None = None


class FactCheckLink(Strict):
    announcement_id: Annotated[str, StringConstraints(pattern=r"^an_[0-9a-f]{20}$")]


class Claim(Model):
    """The stored record."""

    model_config = {"extra": "ignore"}

    id: str
    text: dict[str, str]
    verdict: Verdict
    first_seen_on: str | None = None
    first_seen_where: str | None = None
    urls: list[str] = Field(default_factory=list)
    fact_checks: list[str] = Field(default_factory=list)  # announcement ids, in the order linked
    created_at: str
    updated_at: str
    version: int = 1


class ClaimChange(Model):
    """One entry of a claim's edit history: who, when, what (moderators only)."""

    at: str
    by: str = Field(description="The moderator's account id")
    action: str
    fields: list[str] = Field(default_factory=list)


class ClaimHistoryOut(Model):
    items: list[ClaimChange]


class FactCheckOut(Model):
    id: str
    title: dict[str, str]
    association_name: str
    created_at: str


class ClaimOut(Model):
    id: str
    text: dict[str, str]
    verdict: Verdict
    first_seen_on: str | None
    first_seen_where: str | None
    urls: list[str]
    fact_checks: list[FactCheckOut] = Field(description="Visible fact-check announcements linked to it")
    created_at: str
    updated_at: str
    version: int


class FactCheckNotice(Model):
    """On content linking an address of a known claim: the claim's verdict and where to read the fact-check."""

    claim_id: str
    verdict: Verdict
    claim_text: dict[str, str] = Field(description="The claim, in the languages it was recorded in")
    fact_check_url: str = Field(description="The claim's page: its verdict and the fact-checks that answer it")
