"""Events and announcements as Atom feeds (RFC 4287), written with xml.etree.ElementTree.

Every text from an item goes in as an element's text or an attribute's value, so the serializer escapes it:
a title such as `</title><script>` stays text for a feed reader. Content is the sanitised HTML the API already
shows (nh3, at write time), carried as escaped text with type="html". Entry ids are tag URIs (RFC 4151) built
from the site's host, the item's creation date and its id, so they never change when the item is edited.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import quote, urlsplit
from xml.etree import ElementTree as ET

from hromada.models.announcement import Announcement
from hromada.models.event import Event, EventStatus
from hromada.models.localized import pick

ATOM = "http://www.w3.org/2005/Atom"
CONTENT_TYPE = "application/atom+xml; charset=utf-8"
GENERATOR = "Hromada"
FEEDS_SINCE = "2026-12-07"  # the date in the feeds' own tag URIs: fixed, so a feed's id never changes
STRINGS = {
    "fr": {"events": "Événements", "announcements": "Annonces", "cancelled": "Annulé", "online": "En ligne"},
    "uk": {"events": "Події", "announcements": "Оголошення", "cancelled": "Скасовано", "online": "Онлайн"},
    "en": {"events": "Events", "announcements": "Announcements", "cancelled": "Cancelled", "online": "Online"},
}

ET.register_namespace("", ATOM)


@dataclass(frozen=True)
class Entry:
    id: str
    title: str
    updated: str
    published: str
    author: str
    author_uri: str
    link: str
    summary: str
    content_html: str
    categories: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Feed:
    id: str
    title: str
    self_url: str
    alternate_url: str
    updated: str  # when nothing is listed: the time of the request
    lang: str
    entries: list[Entry]


def strings(lang: str) -> dict[str, str]:
    return STRINGS.get(lang, STRINGS["fr"])


def tag_uri(web_url: str, created_at: str, path: str) -> str:
    """tag:host,YYYY-MM-DD:path — stable for the item's life (RFC 4151)."""
    host = urlsplit(web_url).hostname or "hromada.localhost"
    return f"tag:{host},{created_at[:10]}:{path}"


def association_url(web_url: str, slug: str) -> str:
    return f"{web_url}/#/associations/{quote(slug, safe='')}"


def event_entry(event: Event, *, lang: str, web_url: str) -> Entry:
    from hromada.mail.render import when

    t = strings(lang)
    cancelled = event.status == EventStatus.CANCELLED
    title = pick(event.title, lang) or event.id
    place = ", ".join(p for p in (event.venue.name, event.venue.city) if p) if event.venue else None
    online = t["online"] if event.online_url else None
    summary = " · ".join(part for part in (
        t["cancelled"] if cancelled else None, when(event.start, lang, event.timezone),
        place, online) if part)
    return Entry(
        id=tag_uri(web_url, event.created_at, f"events/{event.id}"),
        title=f"[{t['cancelled']}] {title}" if cancelled else title,
        updated=event.updated_at, published=event.created_at,
        author=event.association_name, author_uri=association_url(web_url, event.association_slug),
        link=f"{web_url}/#/events/{quote(event.id, safe='')}", summary=summary,
        content_html=pick(event.description_html, lang),
        categories=[c.value for c in event.categories] + (["cancelled"] if cancelled else []))


def announcement_entry(announcement: Announcement, *, lang: str, web_url: str) -> Entry:
    from hromada.ical import html_to_text

    content = pick(announcement.body_html, lang)
    text = html_to_text(content)
    return Entry(
        id=tag_uri(web_url, announcement.created_at, f"announcements/{announcement.id}"),
        title=pick(announcement.title, lang) or announcement.id,
        updated=announcement.updated_at, published=announcement.created_at,
        author=announcement.association_name,
        author_uri=association_url(web_url, announcement.association_slug),
        link=f"{web_url}/#/announcements/{quote(announcement.id, safe='')}",
        summary=text if len(text) <= 300 else text[:299].rsplit(" ", 1)[0] + "…",
        content_html=content,
        categories=[announcement.type.value] + [c.value for c in announcement.categories])


def latest(entries: Iterable[Entry], default: str) -> str:
    return max((e.updated for e in entries), default=default)


def _text(parent: ET.Element, name: str, value: str, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{name}", attributes)
    element.text = value
    return element


def render(feed: Feed) -> bytes:
    root = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": feed.lang})
    _text(root, "id", feed.id)
    _text(root, "title", feed.title)
    _text(root, "updated", feed.updated)
    ET.SubElement(root, f"{{{ATOM}}}link", {"rel": "self", "type": "application/atom+xml", "href": feed.self_url})
    ET.SubElement(root, f"{{{ATOM}}}link", {"rel": "alternate", "type": "text/html", "href": feed.alternate_url})
    _text(root, "generator", GENERATOR)
    for entry in feed.entries:
        node = ET.SubElement(root, f"{{{ATOM}}}entry")
        _text(node, "id", entry.id)
        _text(node, "title", entry.title, type="text")
        _text(node, "updated", entry.updated)
        _text(node, "published", entry.published)
        author = ET.SubElement(node, f"{{{ATOM}}}author")
        _text(author, "name", entry.author)
        _text(author, "uri", entry.author_uri)
        ET.SubElement(node, f"{{{ATOM}}}link", {"rel": "alternate", "type": "text/html", "href": entry.link})
        _text(node, "summary", entry.summary, type="text")
        if entry.content_html:
            _text(node, "content", entry.content_html, type="html")
        for term in entry.categories:
            ET.SubElement(node, f"{{{ATOM}}}category", {"term": term})
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def etag(body: bytes) -> str:
    return '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
