"""Pages for links shared on social networks: the web client is a hash-routed page that crawlers cannot read,
so a shared event is a small server-rendered page carrying its Open Graph and Twitter card (title, date and
place, picture) that sends people on to the web client. Every text from the event is HTML-escaped."""

from __future__ import annotations

import re
from html import escape
from urllib.parse import quote

from hromada.models.event import Event, EventStatus
from hromada.models.localized import pick

DESCRIPTION_CHARS = 200
LOCALES = {"fr": "fr_FR", "uk": "uk_UA", "en": "en_GB"}
STRINGS = {
    "fr": {"open": "Voir l’événement sur Hromada", "cancelled": "Annulé", "online": "En ligne",
           "missing": "Événement introuvable",
           "missing_text": "Cet événement n’existe pas ou n’est plus public.", "home": "Aller sur Hromada"},
    "uk": {"open": "Переглянути подію на Hromada", "cancelled": "Скасовано", "online": "Онлайн",
           "missing": "Подію не знайдено",
           "missing_text": "Такої події немає або вона більше не публічна.", "home": "Перейти на Hromada"},
    "en": {"open": "See the event on Hromada", "cancelled": "Cancelled", "online": "Online",
           "missing": "Event not found",
           "missing_text": "This event does not exist or is no longer public.", "home": "Go to Hromada"},
}
LOGO_PATH = "/img/hromada-share.png"  # the site's picture when an event has none (1200×630)


def picture(event: Event, web_url: str) -> str:
    """The event's poster when it has one, else the site's picture."""
    poster = event.image_url
    return poster if poster and poster.startswith("https://") else f"{web_url}{LOGO_PATH}"


def _plain(markdown: str) -> str:
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", markdown)
    text = re.sub(r"[*_`#>]+", "", text)
    text = " ".join(text.split())
    return text if len(text) <= DESCRIPTION_CHARS else text[:DESCRIPTION_CHARS - 1].rsplit(" ", 1)[0] + "…"


def _page(lang: str, title: str, head: list[str], body: str) -> str:
    meta = "\n".join(f"  {line}" for line in head)
    return f"""<!doctype html>
<html lang="{lang}">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta name="referrer" content="strict-origin-when-cross-origin">
  <title>{escape(title)} — Hromada</title>
{meta}
</head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 2rem auto; padding: 0 1rem">
{body}
</body>
</html>
"""


def event_page(event: Event, *, lang: str, share_url: str, web_url: str, api_url: str | None = None) -> str:
    """The shared event: its card for crawlers, and a link (and an immediate redirect) to the web client. With
    `api_url`, the canonical page is the event's crawlable page (/pages/events/…) and its feed is named."""
    from hromada.mail.render import when

    t = STRINGS.get(lang, STRINGS["fr"])
    title = pick(event.title, lang) or event.id
    place = event.venue.city if event.venue else t["online"]
    date = when(event.start, lang, event.timezone)
    summary = " · ".join(part for part in (
        t["cancelled"] if event.status == EventStatus.CANCELLED else None, date, place) if part)
    described = _plain(pick(event.description, lang))
    description = f"{summary} — {described}" if described else summary
    target = f"{web_url}/#/events/{quote(event.id, safe='')}"
    image = picture(event, web_url)
    e = escape
    canonical = (f"{api_url}/pages/events/{quote(event.id, safe='')}" + ("" if lang == "fr" else f"?lang={lang}")
                 if api_url else share_url)
    head = [
        f'<meta name="description" content="{e(description)}">',
        f'<link rel="canonical" href="{e(canonical)}">',
        *([f'<link rel="alternate" type="application/atom+xml" title="{e(event.association_name)}" '
           f'href="{e(api_url)}/events.atom?association={e(quote(event.association_id))}&amp;lang={lang}">']
          if api_url else []),
        f'<meta http-equiv="refresh" content="0; url={e(target)}">',
        '<meta property="og:type" content="website">',
        '<meta property="og:site_name" content="Hromada">',
        f'<meta property="og:locale" content="{LOCALES.get(lang, "fr_FR")}">',
        f'<meta property="og:title" content="{e(title)}">',
        f'<meta property="og:description" content="{e(description)}">',
        f'<meta property="og:url" content="{e(share_url)}">',
        f'<meta property="og:image" content="{e(image)}">',
        f'<meta property="og:image:alt" content="{e(title)}">',
        '<meta name="twitter:card" content="summary_large_image">',
        f'<meta name="twitter:title" content="{e(title)}">',
        f'<meta name="twitter:description" content="{e(description)}">',
        f'<meta name="twitter:image" content="{e(image)}">',
        f'<link rel="icon" href="{e(web_url)}/favicon.svg" type="image/svg+xml">',
    ]
    body = (f"<h1>{e(title)}</h1>\n<p>{e(summary)}</p>\n"
            f'<p><a href="{e(target)}">{e(t["open"])}</a></p>')
    return _page(lang, title, head, body)


def missing_page(*, lang: str, web_url: str) -> str:
    """No such public event: a page saying so, with a way to the site (and nothing for crawlers to show)."""
    t = STRINGS.get(lang, STRINGS["fr"])
    body = (f"<h1>{escape(t['missing'])}</h1>\n<p>{escape(t['missing_text'])}</p>\n"
            f'<p><a href="{escape(web_url)}/">{escape(t["home"])}</a></p>')
    return _page(lang, t["missing"], ['<meta name="robots" content="noindex">'], body)
