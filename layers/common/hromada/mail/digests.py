"""The digest planner: who gets what for a period, with the content read once for everybody.

The new events and announcements of the period are read once. Each distinct set of preferences (regions,
topics, followed associations, language) is matched against them once; subscribers whose selections come
out the same share one letter, assembled in memory from cards built once per item and language.
A subscriber with nothing new gets no mail. Every job carries the key
`digest:<frequency>:<period>`, so a re-run, a retry or a duplicated message never mails anyone twice.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from hromada.domain.mail_ports import DigestSource
from hromada.mail import campaign_letters, letters
from hromada.mail.jobs import MailJob, Recipient, split
from hromada.mail.render import Card

PARIS = ZoneInfo("Europe/Paris")
MAX_EVENTS = 12
MAX_ANNOUNCEMENTS = 8
LOOKBACK = {"daily": timedelta(days=1), "weekly": timedelta(days=7)}


@dataclass(frozen=True)
class Period:
    frequency: str
    key: str  # 2026-W48 or 2026-11-26, in Paris time: the idempotency of the whole run
    since: str
    now: str


def period_of(frequency: str, now: datetime) -> Period:
    local = now.astimezone(PARIS)
    if frequency == "weekly":
        year, week, _ = local.isocalendar()
        key = f"{year}-W{week:02d}"
    elif frequency == "daily":
        key = local.date().isoformat()
    else:
        raise ValueError(f"no digest for frequency {frequency!r}")
    return Period(frequency, key, _iso(now - LOOKBACK[frequency]), _iso(now))


def _first_date_of_each_series(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A recurring event once, by its next date (its dates are events of their own, in start order)."""
    seen: set[str] = set()
    kept = []
    for event in events:
        series = event.get("series_id")
        if series is None or series not in seen:
            kept.append(event)
            if series is not None:
                seen.add(series)
    return kept


def _iso(moment: datetime) -> str:
    return moment.astimezone(ZoneInfo("UTC")).isoformat(timespec="milliseconds").replace("+00:00", "Z")


@dataclass(frozen=True)
class Interest:
    regions: tuple[str, ...]
    categories: tuple[str, ...]
    associations: tuple[str, ...]
    language: str

    def wants_event(self, event: dict[str, Any]) -> bool:
        region = (event.get("venue") or {}).get("region")
        in_region = not self.regions or region is None or region in self.regions  # online: everywhere
        on_topic = not self.categories or bool(set(event.get("categories") or []) & set(self.categories))
        followed = event.get("association_id") in self.associations
        return followed or (in_region and on_topic)

    def pick_events(self, events: list[dict[str, Any]]) -> tuple[int, ...]:
        """Indexes of the wanted events, at most MAX_EVENTS, in date order; when there are more, the associations
        the reader follows come first (a busy region must not push them out)."""
        wanted = [i for i, e in enumerate(events) if self.wants_event(e)]
        followed = [i for i in wanted if events[i].get("association_id") in self.associations]
        rest = [i for i in wanted if events[i].get("association_id") not in self.associations]
        return tuple(sorted((followed + rest)[:MAX_EVENTS]))

    def wants_announcement(self, announcement: dict[str, Any]) -> bool:
        region = announcement.get("region")
        return (announcement.get("association_id") in self.associations or region is None
                or not self.regions or region in self.regions)


@dataclass
class Plan:
    period: Period
    jobs: list[MailJob] = field(default_factory=list)
    subscribers: int = 0
    preference_sets: int = 0  # distinct (regions, topics, associations, language)
    groups: int = 0  # distinct letters (language and selected items)
    recipients: int = 0
    empty: int = 0  # subscribers with nothing new: no mail
    # association id -> recipients whose letter carries at least one of its items (the association's figures)
    reach: dict[str, int] = field(default_factory=dict)


class DigestPlanner:
    """`campaigns(now)`: the campaigns running then (name, start, end, url, events), featured at the top of
    every letter of the period."""

    def __init__(self, source: DigestSource, web_url: str,
                 campaigns: Callable[[datetime], list[dict[str, Any]]] | None = None):
        self.source, self.web_url = source, web_url.rstrip("/")
        self.campaigns = campaigns

    def plan(self, frequency: str, now: datetime) -> Plan:
        period = period_of(frequency, now)
        plan = Plan(period)
        events = sorted(self.source.new_events(period.since, period.now), key=lambda e: e["start"])
        events = _first_date_of_each_series(events)
        announcements = sorted(self.source.new_announcements(period.since), key=lambda a: a["created_at"],
                               reverse=True)
        # Subscribers asking the same thing share one selection; selections that come out the same
        # (whatever the preferences that led there) share one letter and its jobs.
        selections: dict[Interest, tuple[tuple[int, ...], tuple[int, ...]]] = {}
        letters_for: dict[tuple[str, tuple[int, ...], tuple[int, ...]], list[Recipient]] = defaultdict(list)
        for subscriber in self.source.subscribers(frequency):
            plan.subscribers += 1
            interest = Interest(tuple(subscriber.regions), tuple(subscriber.categories),
                                tuple(subscriber.associations), subscriber.language)
            selection = selections.get(interest)
            if selection is None:
                selection = selections[interest] = (
                    interest.pick_events(events),
                    tuple(i for i, a in enumerate(announcements) if interest.wants_announcement(a))[:MAX_ANNOUNCEMENTS])
            if not selection[0] and not selection[1]:
                plan.empty += 1
                continue
            letters_for[(subscriber.language, *selection)].append(
                Recipient(subscriber.id, subscriber.email, subscription_id=subscriber.id,
                          generation=subscriber.created_at))
        plan.preference_sets, plan.groups = len(selections), len(letters_for)
        cards: dict[tuple[str, str], Card] = {}

        def card(item: dict[str, Any], lang: str, build: Any) -> Card:
            key = (item["id"], lang)
            if key not in cards:
                cards[key] = build(item, lang, self.web_url)
            return cards[key]

        running = self.campaigns(now) if self.campaigns and letters_for else []
        for (lang, event_ids, announcement_ids), recipients in letters_for.items():
            letter = letters.digest(lang, frequency,
                                    [card(events[i], lang, letters.event_card) for i in event_ids],
                                    [card(announcements[i], lang, letters.announcement_card) for i in announcement_ids])
            block = campaign_letters.digest_section(lang, running, self.web_url)
            if block is not None:
                letter.sections.insert(0, block)
            plan.jobs += split("digest", f"digest:{frequency}:{period.key}", letter, recipients, bulk=True)
            plan.recipients += len(recipients)
            for association_id in {events[i].get("association_id") for i in event_ids} | {
                    announcements[i].get("association_id") for i in announcement_ids}:
                if association_id:
                    plan.reach[association_id] = plan.reach.get(association_id, 0) + len(recipients)
        return plan
