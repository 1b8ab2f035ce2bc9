"""Digest subscriptions: what a person asks for, and what is stored."""

from __future__ import annotations

from enum import StrEnum

from pydantic import Field, model_validator

from hromada.models.association import RegionCode
from hromada.models.common import Email, Model, Strict
from hromada.models.event_category import EventCategory
from hromada.models.ids import AssociationId


class Frequency(StrEnum):
    DAILY = "daily"
    WEEKLY = "weekly"
    OFF = "off"


class MailLanguage(StrEnum):
    FR = "fr"
    UK = "uk"
    EN = "en"


class SubscriptionStatus(StrEnum):
    PENDING = "pending"  # waiting for the confirmation link; expires by TTL
    CONFIRMED = "confirmed"
    UNSUBSCRIBED = "unsubscribed"
    SUPPRESSED = "suppressed"  # permanent bounce or complaint: never mailed again


class Preferences(Strict):
    """What someone wants to hear about (and how often, in which language)."""

    regions: list[RegionCode] = Field(default_factory=list, max_length=18,
                                      description="INSEE region codes; none means every region")
    categories: list[EventCategory] = Field(default_factory=list, max_length=13,
                                            description="Event topics; none means every topic")
    associations: list[AssociationId] = Field(default_factory=list, max_length=20,
                                               description="Followed associations: their announcements")
    language: MailLanguage = MailLanguage.FR
    frequency: Frequency = Frequency.WEEKLY

    @model_validator(mode="after")
    def _unique(self) -> Preferences:
        self.regions = sorted(set(self.regions))
        self.categories = sorted(set(self.categories))
        self.associations = sorted(set(self.associations))
        return self


class SubscriptionRequest(Preferences):
    email: Email


class SubscriptionAccepted(Model):
    """The same answer whether or not the address was already known: nothing is revealed."""

    status: str = Field("confirmation_sent", description="A confirmation mail is on its way, if needed")


class PreferencesOut(Model):
    regions: list[str]
    categories: list[str]
    associations: list[str]
    language: str
    frequency: Frequency
    status: SubscriptionStatus


class MySubscriptionStatus(StrEnum):
    CONFIRMED = "confirmed"
    SUPPRESSED = "suppressed"
    NONE = "none"  # no subscription (or not a confirmed one): the preferences shown are the defaults


class MySubscriptionOut(Model):
    """A member's own subscription; `none` when there is none, with the preferences a new one would start from."""

    regions: list[str]
    categories: list[str]
    associations: list[str]
    language: str
    frequency: Frequency
    status: MySubscriptionStatus

    @classmethod
    def none(cls) -> MySubscriptionOut:
        blank = Preferences()
        return cls(regions=blank.regions, categories=blank.categories, associations=blank.associations,
                   language=MailLanguage(blank.language).value, frequency=Frequency(blank.frequency),
                   status=MySubscriptionStatus.NONE)

    @classmethod
    def of(cls, found: PreferencesOut) -> MySubscriptionOut:
        return cls(**found.model_dump(exclude={"status"}), status=MySubscriptionStatus(found.status.value))


class Subscription(Model):
    """The stored record."""

    model_config = {"extra": "ignore"}

    id: str
    email: str
    regions: list[str] = Field(default_factory=list)
    categories: list[str] = Field(default_factory=list)
    associations: list[str] = Field(default_factory=list)
    language: str = "fr"
    frequency: Frequency = Frequency.WEEKLY
    status: SubscriptionStatus
    created_at: str
    updated_at: str
    confirmed_at: str | None = None
    soft_bounces: int = 0
    last_mailed_at: str | None = None  # confirmation or notice: at most one per RESEND_AFTER
    version: int = 1

    def preferences(self) -> PreferencesOut:
        return PreferencesOut(regions=self.regions, categories=self.categories, associations=self.associations,
                              language=self.language, frequency=self.frequency, status=self.status)
