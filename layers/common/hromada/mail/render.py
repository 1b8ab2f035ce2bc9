"""Letters rendered from two Jinja2 templates (HTML and plain text) in the reader's language.

Every kind of mail is a `Letter`: a heading, paragraphs, an optional button, sections of cards. Autoescape
is on for HTML, so user content (titles, summaries) can never inject markup. Dates are formatted by Babel
in Europe/Paris (or the event's zone) for the reader's locale.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from hromada.mail.strings import strings

PARIS = "Europe/Paris"
_LOCALES = {"fr": "fr_FR", "uk": "uk_UA", "en": "en_GB"}


@dataclass
class Card:
    title: str
    url: str
    when: str | None = None
    where: str | None = None
    by: str | None = None
    summary: str | None = None
    sources: list[dict[str, str]] = field(default_factory=list)


@dataclass
class Section:
    title: str
    cards: list[Card]


@dataclass
class Letter:
    lang: str
    subject: str
    heading: str
    intro: list[str] = field(default_factory=list)
    button: dict[str, str] | None = None
    sections: list[Section] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    manage_url: str | None = None
    unsubscribe_url: str | None = None


@dataclass(frozen=True)
class Rendered:
    subject: str
    html: str
    text: str


@cache
def _environment() -> Any:
    from jinja2 import Environment, FileSystemLoader, select_autoescape

    return Environment(loader=FileSystemLoader(Path(__file__).parent / "templates"),
                       autoescape=select_autoescape(["html"]), trim_blocks=True, lstrip_blocks=True,
                       keep_trailing_newline=True)


def render(letter: Letter) -> Rendered:
    env = _environment()
    context = {**letter.__dict__, "t": strings(letter.lang)}
    return Rendered(subject=letter.subject, html=env.get_template("mail.html").render(context),
                    text=env.get_template("mail.txt").render(context))


def when(iso_instant: str, lang: str, zone: str = PARIS) -> str:
    """"lundi 1 décembre 2026, 19:00" in the reader's language, in the event's (or Paris) time."""
    from babel.dates import format_date, format_time

    moment = datetime.fromisoformat(iso_instant.replace("Z", "+00:00")).astimezone(ZoneInfo(zone))
    locale = _LOCALES.get(lang, "fr_FR")
    return f"{format_date(moment, format='full', locale=locale)}, {format_time(moment, format='short', locale=locale)}"


def page(lang: str, title_key: str, **context: Any) -> str:
    """A small standalone page for the links in mails (confirm, unsubscribe, preferences): no JS needed."""
    t = strings(lang)
    return _environment().get_template("page.html").render(lang=lang, t=t, title=t[title_key], **context)
