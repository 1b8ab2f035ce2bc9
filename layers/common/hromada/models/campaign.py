"""Platform-wide campaigns (remembrance and celebration days): what admins write, what everyone reads, and the
admins' gap map with its invitations."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from pydantic import Field, StringConstraints, model_validator

from hromada.models.common import Day, Model, Strict, single_line, text
from hromada.models.localized import LocalizedMarkdown, LocalizedTitle

CAMPAIGN_ID = r"^cp_[0-9a-f]{20}$"
Slug = Annotated[str, StringConstraints(min_length=3, max_length=60, pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$"),
                 Field(description="Unique, lower case words joined by hyphens", examples=["holodomor"])]
WindowDays = Annotated[int, Field(ge=0, le=30, description="Days of the window before (after) the day itself")]


class Recurrence(Strict):
    """Every year: a fixed date (`day`), or the `nth` `weekday` of the month (nth -1: the last)."""

    month: int = Field(ge=1, le=12)
    day: int | None = Field(None, ge=1, le=31)
    weekday: int | None = Field(None, ge=0, le=6, description="0 = Monday ... 6 = Sunday")
    nth: Literal[1, 2, 3, 4, 5, -1] | None = None
    days_before: WindowDays = 0
    days_after: WindowDays = 0

    @model_validator(mode="after")
    def _one_kind(self) -> Recurrence:
        if (self.day is None) == (self.weekday is None or self.nth is None) or (
                self.day is not None and (self.weekday is not None or self.nth is not None)):
            raise ValueError("give either `day`, or `weekday` with `nth`")
        return self


class _CampaignFields(Strict):
    name: LocalizedTitle
    description: LocalizedMarkdown
    start: Day | None = Field(None, description="First day of a one-off campaign (with `end`)")
    end: Day | None = Field(None, description="Last day of a one-off campaign")
    recurrence: Recurrence | None = Field(None, description="A yearly campaign (instead of `start`/`end`)")


class CampaignCreate(_CampaignFields):
    slug: Slug


class CampaignPatch(Strict):
    model_config = {"json_schema_extra": {"minProperties": 1}}
    name: LocalizedTitle | None = None
    description: LocalizedMarkdown | None = None
    start: Day | None = None
    end: Day | None = None
    recurrence: Recurrence | None = None
    version: int | None = Field(None, ge=0, le=1_000_000, description=(
        "The version the edit was made on: a campaign changed meanwhile is a 409 (concurrent_campaign_update)"))


class CampaignDraft(_CampaignFields):
    """The editable fields after a patch is merged, validated as a whole."""


class Campaign(Model):
    """As stored."""

    id: str
    slug: str
    name: dict[str, str]
    description: dict[str, str]
    description_html: dict[str, str]
    start: date | None = None
    end: date | None = None
    recurrence: Recurrence | None = None
    archived: bool = False
    version: int = 0
    # bumped by every write that places a planned event in the campaign (attach, or a new start): a change of
    # dates is written only if it is unchanged since the events were counted (see domain.campaigns)
    attached: int = 0
    created_at: str
    updated_at: str


class WindowOut(Model):
    start: date
    end: date
    day: date | None = None
    running: bool


class CampaignOut(Model):
    id: str
    slug: str
    name: dict[str, str]
    description: dict[str, str]
    description_html: dict[str, str]
    start: date | None = None
    end: date | None = None
    recurrence: Recurrence | None = None
    archived: bool
    window: WindowOut | None = Field(None, description="The window running now, else the next one")
    next_days: list[date] = Field(default_factory=list, description="A yearly campaign's next days")
    version: int
    created_at: str
    updated_at: str


class CampaignList(Model):
    items: list[CampaignOut]


class CampaignEventOut(Model):
    id: str
    title: dict[str, str]
    start: str
    end: str
    timezone: str
    region: str | None = None
    department: str | None = None
    city: str | None = None
    association_id: str
    association_name: str
    status: str


class RegionEvents(Model):
    region: str | None = Field(description="INSEE region code; null for online events")
    events: list[CampaignEventOut]


class CampaignEvents(Model):
    window: WindowOut | None
    regions: list[RegionEvents]
    next_cursor: str | None = None


class CampaignAnnouncementOut(Model):
    id: str
    title: dict[str, str]
    association_id: str
    association_name: str
    created_at: str


class CampaignAnnouncements(Model):
    items: list[CampaignAnnouncementOut]


class GapAssociation(Model):
    id: str
    name: str
    slug: str
    department: str
    invited: bool


class GapDepartment(Model):
    code: str
    events: int
    associations: list[GapAssociation]


class GapRegion(Model):
    code: str
    events: int
    departments: list[GapDepartment]


class GapMap(Model):
    window: WindowOut | None
    regions: list[GapRegion] = Field(description="Every region; `events` 0 is a gap. Departments likewise")


Lang = Literal["fr", "uk", "en"]


class InvitationDraft(Model):
    lang: str
    subject: str
    body: str


class InvitationSend(Strict):
    association_ids: list[Annotated[str, StringConstraints(pattern=r"^as_[0-9a-f]{20}$")]] = Field(
        min_length=1, max_length=100)
    lang: Lang = "fr"
    subject: single_line(3, 150)  # type: ignore[valid-type]
    body: text(10, 5000)  # type: ignore[valid-type]


class InvitationResult(Model):
    invited: list[str] = Field(description="Associations whose owners are being mailed")
    already: list[str] = Field(description="Invited before for this campaign: not mailed again")
    skipped: list[str] = Field(description="Not verified, unknown or without an owner: not mailed")
