"""The weekly twinning summary mailed to admins: planned by the mail planner's schedule, one job per
language, keyed by the ISO week (the mailer sends each key once per admin: a re-run or a retried schedule
mails nobody twice)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from hromada.domain.twinning_health import health_of, unanswered_before
from hromada.domain.twinning_weekly import WeeklySummary, changes_since, iso_week, previous_week
from hromada.mail import letters
from hromada.mail.jobs import MailJob, Recipient, split

LANGUAGES = ("fr", "uk", "en")


@dataclass(frozen=True)
class Admin:
    email: str
    lang: str


class HealthFigures(Protocol):
    def counters(self) -> dict[str, int]: ...
    def unanswered(self, published_before: str) -> tuple[list[dict[str, Any]], bool]: ...
    def keep_week(self, week: str, counters: Mapping[str, int]) -> None: ...
    def week(self, week: str) -> dict[str, int] | None: ...


class AdminDirectory(Protocol):
    def admins(self) -> list[Admin]: ...


class WeeklyTwinningPlanner:
    def __init__(self, figures: HealthFigures, directory: AdminDirectory, web_url: str):
        self.figures, self.directory, self.web_url = figures, directory, web_url.rstrip("/")

    def plan(self, now: datetime) -> tuple[WeeklySummary, list[MailJob]]:
        stamp = now.isoformat(timespec="milliseconds").replace("+00:00", "Z")
        counters = self.figures.counters()
        unanswered, more = self.figures.unanswered(unanswered_before(stamp))
        week = iso_week(now)
        last = self.figures.week(previous_week(now))
        self.figures.keep_week(week, counters)
        summary = WeeklySummary(week, health_of(counters, unanswered, more, stamp), changes_since(counters, last))
        by_language: dict[str, list[Recipient]] = {}
        for admin in self.directory.admins():
            lang = admin.lang if admin.lang in LANGUAGES else "fr"
            by_language.setdefault(lang, []).append(Recipient(admin.email, admin.email))
        jobs = [job for lang, recipients in sorted(by_language.items())
                for job in split("twinning_week", f"twinning_week:{week}",
                                 letters.twinning_week(lang, summary, self.web_url), recipients)]
        return summary, jobs
