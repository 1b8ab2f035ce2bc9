"""The mail a domain event or the reminder schedule leads to (pure: sources and outbox are ports).

To the people registered for an event: reminders 24 h before, changes, cancellation, a seat won from the
waitlist. To an association's owners: the moderators' decision. To an election's electorate: each phase.
To an association's followers: a new announcement, within a weekly allowance. Each is keyed so that it
reaches each person once (the mailer's delivery claims)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Protocol
from zoneinfo import ZoneInfo

from hromada.domain.event_ports import EventRoster
from hromada.mail import letters
from hromada.mail.jobs import MailJob, Recipient, split
from hromada.models.event import Event, RsvpStatus

REMINDER_AHEAD = timedelta(hours=24)
PARIS = ZoneInfo("Europe/Paris")


class AttendeeSource(Protocol):
    def roster(self, event_id: str) -> EventRoster | None: ...
    def starting_between(self, start: str, end: str) -> list[Event]: ...
    def claim_reminder(self, event: Event) -> bool: ...
    def release_reminder(self, event: Event) -> None: ...


class Outbox(Protocol):
    def enqueue(self, jobs: list[MailJob]) -> None: ...


def language_of(event: Event) -> str:
    """Registrations do not record a language: the event's own, French first."""
    spoken = [str(lang) for lang in getattr(event, "languages", [])]
    return next((lang for lang in ("fr", "uk", "en") if lang in spoken), "fr")


def _iso(moment: datetime) -> str:
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")


@dataclass
class ReminderRun:
    events: int = 0
    recipients: int = 0
    jobs: list[MailJob] = field(default_factory=list)


class ReminderPlanner:
    """Every event starting within 24 hours gets its reminder once (claimed per event and start time: an
    event moved to another time is reminded again)."""

    def __init__(self, source: AttendeeSource, web_url: str, calendar: Callable[[Event, str], str] | None = None):
        self.source, self.web_url = source, web_url.rstrip("/")
        self.calendar = calendar or _calendar

    def run(self, now: datetime, outbox: Outbox) -> ReminderRun:
        run = ReminderRun()
        for event in self.source.starting_between(_iso(now), _iso(now + REMINDER_AHEAD)):
            if event.status != "scheduled" or not self.source.claim_reminder(event):
                continue
            roster = self.source.roster(event.id)
            confirmed = [r for r in roster.rsvps if r.status == RsvpStatus.CONFIRMED] if roster else []
            if not confirmed:
                continue
            lang = language_of(event)
            letter = letters.about_event("reminder", lang, event.model_dump(), self.web_url)
            jobs = split("reminder", f"reminder:{event.id}:{event.start}", letter,
                         [Recipient(r.member_id, r.email) for r in confirmed], calendar=self.calendar(event, lang))
            try:
                outbox.enqueue(jobs)
            except Exception:
                self.source.release_reminder(event)  # the next run tries again
                raise
            run.events += 1
            run.recipients += len(confirmed)
            run.jobs += jobs
        return run


def _calendar(event: Event, lang: str) -> str:
    from hromada.ical import calendar

    return calendar([event], name="Hromada", lang=lang).decode()


class EventNotices:
    """Domain events from the bus (EventChanged, EventCancelled, WaitlistPromoted) turned into mail jobs."""

    def __init__(self, source: AttendeeSource, web_url: str):
        self.source, self.web_url = source, web_url.rstrip("/")

    def jobs_for(self, kind: str, detail: dict[str, Any]) -> list[MailJob]:
        roster = self.source.roster(str(detail.get("event_id", "")))
        if roster is None:
            return []
        event, lang = roster.event, language_of(roster.event)
        data = event.model_dump()
        if kind == "WaitlistPromoted":
            promoted = [r for r in roster.rsvps if r.status == RsvpStatus.CONFIRMED and r.promoted_at]
            letter = letters.about_event("promoted", lang, data, self.web_url)
            # Keyed per promotion: promoted, cancelled, waitlisted and promoted again is told again.
            return split("promoted", f"promoted:{event.id}", letter,
                         [Recipient(f"{r.member_id}:{r.promoted_at}", r.email) for r in promoted])
        everyone = [Recipient(r.member_id, r.email) for r in roster.rsvps]
        if kind == "EventChanged":
            letter = letters.about_event("changed", lang, data, self.web_url)
            return split("changed", f"changed:{event.id}:{detail.get('sequence')}", letter, everyone)
        if kind == "EventCancelled":
            letter = letters.about_event("cancelled", lang, data, self.web_url, reason=detail.get("reason"))
            return split("cancelled", f"cancelled:{event.id}:{detail.get('sequence')}", letter, everyone)
        return []


class AssociationSource(Protocol):
    def get(self, association_id: str) -> Any: ...
    def editors(self, association_id: str) -> list[Any]: ...


class AssociationNotices:
    """The moderators' decision on an association, told to its owners."""

    def __init__(self, source: AssociationSource, web_url: str):
        self.source, self.web_url = source, web_url.rstrip("/")

    def jobs_for(self, detail: dict[str, Any]) -> list[MailJob]:
        association_id = str(detail.get("association_id", ""))
        association = self.source.get(association_id)
        if association is None:
            return []
        owners = [e for e in self.source.editors(association_id) if str(e.role) == "owner"]
        spoken = [str(lang) for lang in association.languages]
        lang = next((candidate for candidate in ("fr", "uk", "en") if candidate in spoken), "fr")
        letter = letters.association_reviewed(lang, association.name, detail.get("status") == "verified",
                                              self.web_url, association_id, reason=detail.get("reason"))
        return split("reviewed", f"reviewed:{association_id}:{detail.get('version')}", letter,
                     [Recipient(e.email, e.email) for e in owners])


class ElectionAudience(Protocol):
    def election(self, election_id: str) -> Any: ...
    def roll(self, election_id: str) -> list[str]: ...
    def subscribers(self) -> Iterator[Any]: ...


class ElectionNotices:
    """Each phase of an election (nominations open, voting open, results published) told once to its
    electorate: the voter roll, or, when every member may vote, the digest's confirmed subscribers (bulk
    mail in their language, with one-click unsubscribe)."""

    PHASES = ("nominations", "voting", "published")

    def __init__(self, audience: ElectionAudience, web_url: str):
        self.audience, self.web_url = audience, web_url.rstrip("/")

    def jobs_for(self, detail: dict[str, Any]) -> list[MailJob]:
        status = str(detail.get("status"))
        election = self.audience.election(str(detail.get("election_id", "")))
        if election is None or status not in self.PHASES:
            return []
        key = f"election:{election.id}:{status}"
        title = election.title.model_dump(exclude_none=True) if hasattr(election.title, "model_dump") \
            else dict(election.title)

        def letter(lang: str) -> Any:
            return letters.election_phase(lang, title, status, election.id, self.web_url)

        if str(election.electorate) == "roll":
            roll = self.audience.roll(election.id)
            return split("election", key, letter("fr"), [Recipient(email, email) for email in roll])
        by_language: dict[str, list[Recipient]] = {}
        for subscriber in self.audience.subscribers():
            by_language.setdefault(subscriber.language, []).append(
                Recipient(subscriber.id, subscriber.email, subscription_id=subscriber.id,
                          generation=subscriber.created_at))
        return [job for lang, recipients in sorted(by_language.items())
                for job in split("election", key, letter(lang), recipients, bulk=True)]


class FollowerSource(Protocol):
    def announcement(self, announcement_id: str) -> Any: ...
    def followers(self, association_id: str) -> list[Any]: ...
    def take_weekly_slot(self, association_id: str, week: str, announcement_id: str, limit: int) -> bool: ...


class AnnouncementNotices:
    """A new announcement, mailed at once to the association's followers, within a weekly allowance per
    association (beyond it, followers read it in their digest). Hidden (moderated) ones are never mailed."""

    def __init__(self, source: FollowerSource, web_url: str, per_week: int,
                 now: Callable[[], datetime] = lambda: datetime.now(PARIS)):
        self.source, self.web_url, self.per_week, self.now = source, web_url.rstrip("/"), per_week, now

    def jobs_for(self, detail: dict[str, Any]) -> list[MailJob]:
        announcement = self.source.announcement(str(detail.get("announcement_id", "")))
        if announcement is None or getattr(announcement, "hidden", False) or self.per_week <= 0:
            return []
        followers = self.source.followers(announcement.association_id)
        if not followers:
            return []
        year, week, _ = self.now().astimezone(PARIS).isocalendar()
        if not self.source.take_weekly_slot(announcement.association_id, f"{year}-W{week:02d}", announcement.id,
                                            self.per_week):
            return []
        data = announcement.model_dump()
        by_language: dict[str, list[Recipient]] = {}
        for follower in followers:
            by_language.setdefault(follower.language, []).append(
                Recipient(follower.id, follower.email, subscription_id=follower.id,
                          generation=follower.created_at))
        jobs: list[MailJob] = []
        for lang, recipients in sorted(by_language.items()):
            letter = letters.announcement(lang, data, self.web_url)
            jobs += split("announcement", f"announcement:{announcement.id}", letter, recipients, bulk=True)
        return jobs
