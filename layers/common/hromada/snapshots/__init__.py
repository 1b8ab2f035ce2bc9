"""Crawlable pages: an event, an association or an announcement as server-rendered HTML that reads without
JavaScript — its text, its date and place, its description (the sanitised HTML stored at write time), its
schema.org JSON-LD, Open Graph, canonical and language links, and the Atom feeds it belongs to. The web client
is hash-routed, which crawlers do not index; these pages are what they read (listed in /sitemap.xml).

Rendered by Jinja2 with HTML autoescaping: every text from an item is escaped; the JSON-LD is escaped for a
script element (hromada.structured_data.script_json)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

from hromada import structured_data
from hromada.models.announcement import Announcement
from hromada.models.association import Association
from hromada.models.claim import Claim
from hromada.models.event import Event, EventStatus, Seats
from hromada.models.localized import pick
from hromada.share import LOCALES, LOGO_PATH, _plain, picture

LANGS = ("fr", "uk", "en")
STRINGS = {
    "fr": {"open_event": "Voir l’événement sur Hromada", "open_association": "Voir l’association sur Hromada",
           "open_announcement": "Voir l’annonce sur Hromada", "cancelled": "Annulé", "online": "En ligne",
           "events": "Ses prochains événements", "announcements": "Ses annonces",
           "events_feed": "Événements (Atom)", "announcements_feed": "Annonces (Atom)",
           "by": "Par", "missing": "Page introuvable",
           "missing_text": "Ce contenu n’existe pas ou n’est plus public.", "home": "Aller sur Hromada"},
    "uk": {"open_event": "Переглянути подію на Hromada", "open_association": "Переглянути асоціацію на Hromada",
           "open_announcement": "Переглянути оголошення на Hromada", "cancelled": "Скасовано", "online": "Онлайн",
           "events": "Найближчі події", "announcements": "Оголошення",
           "events_feed": "Події (Atom)", "announcements_feed": "Оголошення (Atom)",
           "by": "Автор", "missing": "Сторінку не знайдено",
           "missing_text": "Такого вмісту немає або він більше не публічний.", "home": "Перейти на Hromada"},
    "en": {"open_event": "See the event on Hromada", "open_association": "See the association on Hromada",
           "open_announcement": "See the announcement on Hromada", "cancelled": "Cancelled", "online": "Online",
           "events": "Upcoming events", "announcements": "Announcements",
           "events_feed": "Events (Atom)", "announcements_feed": "Announcements (Atom)",
           "by": "By", "missing": "Page not found",
           "missing_text": "This content does not exist or is no longer public.", "home": "Go to Hromada"},
}


@dataclass(frozen=True)
class Urls:
    api_url: str  # where these pages and the feeds are served
    web_url: str  # the web client

    def page(self, kind: str, ref: str, lang: str) -> str:
        return f"{self.api_url}/pages/{kind}/{quote(ref, safe='')}" + ("" if lang == "fr" else f"?lang={lang}")

    def feed(self, kind: str, lang: str, **filters: str) -> str:
        return f"{self.api_url}/{kind}.atom?" + urlencode({**filters, "lang": lang})


def _language_of(texts: dict[str, str], lang: str) -> str:
    """The language pick() falls back to, so the page marks text shown in another language as such."""
    return next((code for code in (lang, "fr", "uk", "en") if texts.get(code)), lang)


def strings(lang: str) -> dict[str, str]:
    return STRINGS.get(lang, STRINGS["fr"])


@cache
def _template() -> Any:
    from jinja2 import Environment, FileSystemLoader, select_autoescape

    env = Environment(loader=FileSystemLoader(Path(__file__).parent / "templates"),
                      autoescape=select_autoescape(["html"]), trim_blocks=True, lstrip_blocks=True)
    return env.get_template("snapshot.html")


def _render(*, lang: str, urls: Urls, kind: str, ref: str, title: str, description: str, image: str,
            json_ld: dict[str, Any] | list[dict[str, Any]], body_html: str, client_url: str, open_label: str,
            feeds: list[tuple[str, str]], og_type: str = "website", status: str | None = None,
            facts: list[str] | None = None, lists: list[tuple[str, list[tuple[str, str, str]]]] | None = None,
            picture_src: dict[str, str] | None = None, body_lang: str | None = None) -> str:
    from markupsafe import Markup

    return _template().render(
        lang=lang, locale=LOCALES.get(lang, "fr_FR"), title=title, description=description,
        canonical=urls.page(kind, ref, lang), languages=[(code, urls.page(kind, ref, code)) for code in LANGS],
        feeds=feeds, og_type=og_type, image=image, web_url=urls.web_url,
        json_ld=Markup(structured_data.script_json(json_ld)),  # noqa: S704 - escaped for a script element
        body_html=Markup(body_html),  # noqa: S704 - sanitised by nh3 when it was written
        status=status, facts=facts or [], lists=lists or [], picture=picture_src,
        client_url=client_url, open_label=open_label, body_lang=body_lang or lang)


def _picture(item_picture: Any, lang: str, web_url: str) -> dict[str, str] | None:
    if item_picture is None:
        return None
    return {"src": f"{web_url}{item_picture.large.src}", "alt": pick(item_picture.alt, lang)}


def event_page(event: Event, seats: Seats | None, *, lang: str, urls: Urls) -> str:
    from hromada.mail.render import when

    t = strings(lang)
    title = pick(event.title, lang) or event.id
    place = (", ".join((event.venue.name, event.venue.address, f"{event.venue.postal_code} {event.venue.city}"))
             if event.venue else None)
    facts = [f"{when(event.start, lang, event.timezone)} – {when(event.end, lang, event.timezone)}"]
    facts += [p for p in (place, t["online"] if event.online_url else None) if p]
    facts.append(f"{t['by']} {event.association_name}")
    cancelled = event.status == EventStatus.CANCELLED
    summary = " · ".join(p for p in (t["cancelled"] if cancelled else None, facts[0],
                                     event.venue.city if event.venue else t["online"]) if p)
    described = _plain(pick(event.description, lang))
    return _render(
        lang=lang, urls=urls, kind="events", ref=event.id, title=title,
        description=f"{summary} — {described}" if described else summary,
        image=picture(event, urls.web_url) if event.picture is None else f"{urls.web_url}{event.picture.large.src}",
        json_ld=structured_data.event(event, seats, lang=lang, web_url=urls.web_url),
        body_html=pick(event.description_html, lang),
        client_url=f"{urls.web_url}/#/events/{quote(event.id, safe='')}", open_label=t["open_event"],
        feeds=[(f"{event.association_name} — {t['events_feed']}",
                urls.feed("events", lang, association=event.association_id)),
               (f"Hromada — {t['events_feed']}", urls.feed("events", lang))],
        status=f"{t['cancelled']}: {event.cancel_reason}" if cancelled and event.cancel_reason else (
            t["cancelled"] if cancelled else None),
        facts=facts, picture_src=_picture(event.picture, lang, urls.web_url),
        body_lang=_language_of(event.description_html, lang))


def association_page(association: Association, events: list[Event], announcements: list[Announcement], *,
                     lang: str, urls: Urls) -> str:
    from hromada.mail.render import when

    t = strings(lang)
    description = pick(association.description.model_dump(exclude_none=True), lang)
    logo = structured_data._picture_url(association.picture, association.logo_url, urls.web_url)
    return _render(
        lang=lang, urls=urls, kind="associations", ref=association.slug, title=association.name,
        description=_plain(description) or association.name, image=logo or f"{urls.web_url}{LOGO_PATH}",
        json_ld=structured_data.organization(association, lang=lang, web_url=urls.web_url),
        body_html="".join(f"<p>{_escape(part)}</p>" for part in description.split("\n\n") if part.strip()),
        client_url=structured_data.association_page(urls.web_url, association.slug),
        open_label=t["open_association"],
        feeds=[(f"{association.name} — {t['events_feed']}", urls.feed("events", lang, association=association.id)),
               (f"{association.name} — {t['announcements_feed']}",
                urls.feed("announcements", lang, association=association.id))],
        facts=[f"{association.postal_code} {association.city}"],
        lists=[(t["events"], [(pick(e.title, lang) or e.id, urls.page("events", e.id, lang),
                               when(e.start, lang, e.timezone)) for e in events]),
               (t["announcements"], [(pick(a.title, lang) or a.id, urls.page("announcements", a.id, lang), "")
                                     for a in announcements])],
        picture_src=_picture(association.picture, lang, urls.web_url),
        body_lang=_language_of(association.description.model_dump(exclude_none=True), lang))


def announcement_page(announcement: Announcement, *, lang: str, urls: Urls, claims: Sequence[Claim] = ()) -> str:
    """`claims`: those a fact-check answers, each a ClaimReview beside the article."""
    t = strings(lang)
    title = pick(announcement.title, lang) or announcement.id
    article = structured_data.news_article(announcement, lang=lang, web_url=urls.web_url)
    reviews = [structured_data.claim_review(c, announcement, lang=lang, web_url=urls.web_url) for c in claims]
    return _render(
        lang=lang, urls=urls, kind="announcements", ref=announcement.id, title=title,
        description=_plain(pick(announcement.body, lang)) or title,
        image=(f"{urls.web_url}{announcement.picture.large.src}" if announcement.picture
               else f"{urls.web_url}{LOGO_PATH}"),
        json_ld=[article, *reviews] if reviews else article,
        body_html=pick(announcement.body_html, lang),
        client_url=f"{urls.web_url}/#/announcements/{quote(announcement.id, safe='')}",
        open_label=t["open_announcement"], og_type="article",
        feeds=[(f"{announcement.association_name} — {t['announcements_feed']}",
                urls.feed("announcements", lang, association=announcement.association_id)),
               (f"Hromada — {t['announcements_feed']}", urls.feed("announcements", lang))],
        facts=[f"{t['by']} {announcement.association_name}", announcement.created_at[:10]],
        picture_src=_picture(announcement.picture, lang, urls.web_url),
        body_lang=_language_of(announcement.body_html, lang))


def _escape(text: str) -> str:
    from markupsafe import escape

    return str(escape(text))


def missing_page(*, lang: str, web_url: str) -> str:
    from hromada.share import _page

    t = strings(lang)
    from html import escape

    body = (f"<h1>{escape(t['missing'])}</h1>\n<p>{escape(t['missing_text'])}</p>\n"
            f'<p><a href="{escape(web_url)}/">{escape(t["home"])}</a></p>')
    return _page(lang, t["missing"], ['<meta name="robots" content="noindex">'], body)
