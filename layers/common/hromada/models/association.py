"""Associations: what clients send, what is stored, what the API shows."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any

from pydantic import Field, StrictBool, StringConstraints, model_serializer, model_validator

from hromada.models.common import Email, HttpsUrl, HttpUrl, Model, Strict, one_of, single_line, text
from hromada.models.picture import Picture
from hromada.reference import geography
from hromada.reference.text import SLUG_PATTERN


class Category(StrEnum):
    CULTURE = "culture"
    LANGUAGE_SCHOOL = "language_school"
    HUMANITARIAN_AID = "humanitarian_aid"
    YOUTH = "youth"
    BUSINESS = "business"
    MEDIA_FACT_CHECKING = "media_fact_checking"
    SPORT = "sport"
    ARTS = "arts"
    OTHER = "other"


class Language(StrEnum):
    FR = "fr"
    UK = "uk"
    EN = "en"
    CRH = "crh"


class Status(StrEnum):
    PENDING = "pending"
    VERIFIED = "verified"
    REJECTED = "rejected"
    FROZEN = "frozen"  # its last owner erased their account and no co-editor could take it over


class SocialNetwork(StrEnum):
    FACEBOOK = "facebook"
    INSTAGRAM = "instagram"
    TELEGRAM = "telegram"
    X = "x"
    YOUTUBE = "youtube"
    LINKEDIN = "linkedin"
    TIKTOK = "tiktok"
    MASTODON = "mastodon"
    BLUESKY = "bluesky"


Slug = Annotated[str, StringConstraints(min_length=3, max_length=60, pattern=SLUG_PATTERN)]
RegionCode = one_of(list(geography.REGIONS), "INSEE region code")
DepartmentCode = one_of(list(geography.DEPARTMENTS), "department code")
PostalCode = Annotated[str, StringConstraints(pattern=r"^\d{5}$")]
Rna = Annotated[str, StringConstraints(pattern=r"^W\d{9}$")]
Description = text(1, 5000)


class LocalizedText(Strict):
    """The same text in French, Ukrainian and/or English: at least one of them."""

    model_config = {"json_schema_extra": {"minProperties": 1}}

    fr: Description = None  # type: ignore[assignment] - absent is fine, an explicit null is not
    uk: Description = None  # type: ignore[assignment]
    en: Description = None  # type: ignore[assignment]

    @model_serializer(mode="wrap")
    def _only_given(self, handler: Any) -> dict[str, str]:
        return {lang: value for lang, value in handler(self).items() if value is not None}

    @model_validator(mode="after")
    def _at_least_one(self) -> LocalizedText:
        if not any((self.fr, self.uk, self.en)):
            raise ValueError("give the text in at least one of fr, uk, en")
        return self


Categories = Annotated[list[Category], Field(min_length=1, max_length=5)]
Languages = Annotated[list[Language], Field(min_length=1, max_length=4)]
SocialLinks = Annotated[dict[SocialNetwork, HttpsUrl], Field(max_length=9)]


class _Profile(Strict):
    """Fields an editor controls (shared by create and the merged result of a patch)."""

    name: single_line(2, 120)
    description: LocalizedText
    categories: Categories
    languages: Languages = Field(default_factory=lambda: [Language.UK, Language.FR])
    region: RegionCode = Field(description="INSEE region code, e.g. 76 (Occitanie)")
    department: DepartmentCode = Field(description="Department code, e.g. 31")
    city: single_line(1, 100)
    postal_code: PostalCode
    website: HttpUrl | None = None
    contact_email: Email | None = None
    show_contact_email: StrictBool = Field(False, description="Opt-in: publish contact_email in the directory")
    rna: Rna | None = Field(None, description="French registry number: W followed by 9 digits")
    logo_url: HttpsUrl | None = None
    social_links: SocialLinks = Field(default_factory=dict)

    @model_validator(mode="after")
    def _unique_lists(self) -> _Profile:
        self.categories = list(dict.fromkeys(self.categories))
        self.languages = list(dict.fromkeys(self.languages))
        return self


class AssociationCreate(_Profile):
    slug: Slug | None = Field(None, description="Defaults to one made from the name; cannot change later")


class AssociationProfile(_Profile):
    """The editable profile after a patch is merged, validated as a whole."""


class AssociationPatch(Strict):
    name: single_line(2, 120) | None = None
    description: LocalizedText | None = None
    categories: Categories | None = None
    languages: Languages | None = None
    region: RegionCode | None = None
    department: DepartmentCode | None = None
    city: single_line(1, 100) | None = None
    postal_code: PostalCode | None = None
    website: HttpUrl | None = None
    contact_email: Email | None = None
    show_contact_email: StrictBool | None = None
    rna: Rna | None = None
    logo_url: HttpsUrl | None = None
    social_links: SocialLinks | None = None


class Association(_Profile):
    """The stored record (domain entity)."""

    model_config = {"extra": "ignore"}

    id: str
    slug: str
    status: Status = Status.PENDING
    status_reason: str | None = None
    owner_id: str
    created_at: str
    updated_at: str
    verified_at: str | None = None
    version: int = 1
    hidden: bool = False  # hidden by moderation (reports or a moderator): gone for the public
    owner_email_domain: str | None = None  # of the owner's verified address at registration (for moderators)
    picture: Picture | None = None  # the logo, set through /pictures


class AssociationOut(Model):
    """What the API shows. Built field by field: nothing leaks that is not listed here."""

    id: str
    slug: str
    name: str
    description: dict[str, str]
    categories: list[Category]
    languages: list[Language]
    region: str
    department: str
    city: str
    postal_code: str
    website: str | None
    contact_email: str | None = Field(description="Present only when the association published it")
    rna: str | None
    logo_url: str | None
    social_links: dict[str, str]
    status: Status
    status_reason: str | None = Field(None, description="Shown to the association's editors and moderators")
    verified_at: str | None
    created_at: str
    updated_at: str
    hidden: bool = Field(False, description="Hidden by moderation (shown to its editors and moderators)")
    picture: Picture | None = Field(None, description="The logo")

    @classmethod
    def public(cls, a: Association) -> AssociationOut:
        return cls._from(a, show_private=False)

    @classmethod
    def for_editor(cls, a: Association) -> AssociationOut:
        return cls._from(a, show_private=True)

    @classmethod
    def _from(cls, a: Association, show_private: bool) -> AssociationOut:
        return cls(
            id=a.id, slug=a.slug, name=a.name,
            description=a.description.model_dump(exclude_none=True),
            categories=a.categories, languages=a.languages, region=a.region, department=a.department,
            city=a.city, postal_code=a.postal_code, website=a.website,
            contact_email=a.contact_email if (a.show_contact_email or show_private) else None,
            rna=a.rna, logo_url=a.logo_url, social_links={str(k): v for k, v in a.social_links.items()},
            status=a.status, status_reason=a.status_reason if show_private else None,
            verified_at=a.verified_at, created_at=a.created_at, updated_at=a.updated_at,
            hidden=a.hidden and show_private, picture=a.picture,
        )


class AssociationForModeration(AssociationOut):
    """What moderators read to decide on a registration: the profile, with the contact even if unpublished."""

    owner_email_domain: str | None = Field(description="The domain of the owner's verified e-mail address")

    @classmethod
    def of(cls, a: Association) -> AssociationForModeration:
        return cls(**AssociationOut.for_editor(a).model_dump(), owner_email_domain=a.owner_email_domain)


class NextEventOut(Model):
    id: str
    title: dict[str, str]
    start: str


class AssociationNumbersOut(Model):
    """An association's key numbers for its editors' dashboard."""

    upcoming_events: int = Field(description="Events not cancelled that have not started yet")
    registrations: int = Field(description="Confirmed registrations to those events")
    waitlisted: int = Field(description="People on their waiting lists")
    followers: int = Field(description="Confirmed digest subscribers following the association")
    next_event: NextEventOut | None = Field(description="The first upcoming event")


class Decision(Strict):
    reason: text(3, 1000) = Field(description="Why; shown to the association's editors")


class VerifyDecision(Strict):
    note: text(0, 1000) | None = None


class EditorRole(StrEnum):
    OWNER = "owner"
    EDITOR = "editor"


class EditorIn(Strict):
    email: Email


class Editor(Model):
    association_id: str
    email: str
    role: EditorRole
    added_at: str
    added_by: str


class EditorOut(Model):
    email: str
    role: EditorRole
    added_at: str


class Membership(Model):
    role: EditorRole
    association: AssociationOut


class MeOut(Model):
    id: str
    email: str
    email_verified: bool
    name: str | None
    roles: list[str]
    groups: list[str]
    memberships: list[Membership]


class AssociationRef(Model):
    id: str
    name: str
    slug: str
