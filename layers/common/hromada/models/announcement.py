"""Announcements: news, projects seeking help, calls for partners, fact-checks."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Annotated

from pydantic import Field, StrictBool, model_validator

from hromada.models.association import AssociationRef, Categories, Category, RegionCode
from hromada.models.claim import FactCheckNotice
from hromada.models.common import HttpsUrl, HttpUrl, Model, Strict, single_line
from hromada.models.event import CampaignRef
from hromada.models.localized import LocalizedMarkdown, LocalizedTitle
from hromada.models.picture import Picture


class AnnouncementType(StrEnum):
    NEWS = "news"
    PROJECT = "project"
    CALL_FOR_PARTNERS = "call_for_partners"
    FACT_CHECK = "fact_check"


class ProjectNeed(StrEnum):
    VOLUNTEERS = "volunteers"
    DONATIONS = "donations"
    GOODS = "goods"


class Source(Strict):
    title: single_line(1, 200)
    url: HttpUrl


Needs = Annotated[list[ProjectNeed], Field(max_length=3, description="Projects: what help is sought")]
Sources = Annotated[list[Source], Field(max_length=20, description="Fact-checks: at least one")]
DonationTarget = Annotated[int, Field(ge=1, le=10_000_000, description="Donations: the target, in euros")]


class _AnnouncementFields(Strict):
    type: AnnouncementType
    title: LocalizedTitle
    body: LocalizedMarkdown
    region: RegionCode | None = Field(None, description="INSEE region code; none: all of France")
    categories: Categories
    expires_at: datetime | None = Field(None, description="Hidden from lists from then on (with an offset, or "
                                                          "wall-clock time in Paris)")
    pinned: StrictBool = Field(False, description="Shown first among the association's announcements")
    needs: Needs = Field(default_factory=list)
    donation_target_eur: DonationTarget | None = None
    donation_url: HttpsUrl | None = Field(None, description="Donations: the external page to give on")
    sources: Sources = Field(default_factory=list)
    campaign_id: CampaignRef | None = Field(None, description="A campaign (cp_...), not archived, it belongs to")

    @model_validator(mode="after")
    def _unique_lists(self) -> _AnnouncementFields:
        self.categories = list(dict.fromkeys(self.categories))
        self.needs = list(dict.fromkeys(self.needs))
        return self


class AnnouncementCreate(_AnnouncementFields):
    pass


class AnnouncementDraft(_AnnouncementFields):
    """The editable fields after a patch is merged, validated as a whole."""


class AnnouncementPatch(Strict):
    type: AnnouncementType | None = None
    title: LocalizedTitle | None = None
    body: LocalizedMarkdown | None = None
    region: RegionCode | None = None
    categories: Categories | None = None
    expires_at: datetime | None = None
    pinned: StrictBool | None = None
    needs: Needs | None = None
    donation_target_eur: DonationTarget | None = None
    donation_url: HttpsUrl | None = None
    sources: Sources | None = None
    campaign_id: CampaignRef | None = Field(None, description="null detaches it from its campaign")


class Announcement(Model):
    """The stored record (domain entity)."""

    model_config = {"extra": "ignore"}

    id: str
    association_id: str
    association_name: str
    association_slug: str
    type: AnnouncementType
    title: dict[str, str]
    body: dict[str, str]
    body_html: dict[str, str]
    region: str | None = None
    categories: list[Category]
    expires_at: str | None = None
    pinned: bool = False
    needs: list[ProjectNeed] = Field(default_factory=list)
    donation_target_eur: int | None = None
    donation_url: str | None = None
    sources: list[Source] = Field(default_factory=list)
    created_at: str
    updated_at: str
    created_by: str
    version: int = 1
    hidden: bool = False  # hidden by moderation (reports or a moderator): gone for the public
    picture: Picture | None = None  # set through /pictures
    campaign_id: str | None = None


class AnnouncementOut(Model):
    """What the API shows, field by field."""

    id: str
    association: AssociationRef
    type: AnnouncementType
    title: dict[str, str]
    body: dict[str, str] = Field(description="Markdown source by language")
    body_html: dict[str, str] = Field(description="Sanitised HTML by language")
    region: str | None
    categories: list[Category]
    expires_at: str | None
    pinned: bool
    needs: list[ProjectNeed]
    donation_target_eur: int | None
    donation_url: str | None
    sources: list[Source]
    created_at: str
    updated_at: str
    picture: Picture | None = Field(None, description="The image")
    fact_checks: list[FactCheckNotice] = Field(default_factory=list, description="Claims its links spread, "
                                               "with their verdict and where to read the fact-check")
    campaign_id: str | None = Field(None, description="The campaign it belongs to")

    @classmethod
    def of(cls, a: Announcement) -> AnnouncementOut:
        return cls(id=a.id, association=AssociationRef(id=a.association_id, name=a.association_name,
                                                       slug=a.association_slug),
                   type=a.type, title=a.title, body=a.body, body_html=a.body_html, region=a.region,
                   categories=a.categories, expires_at=a.expires_at, pinned=a.pinned, needs=a.needs,
                   donation_target_eur=a.donation_target_eur, donation_url=a.donation_url, sources=a.sources,
                   created_at=a.created_at, updated_at=a.updated_at, picture=a.picture, campaign_id=a.campaign_id)
