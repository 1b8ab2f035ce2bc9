"""Feeds and crawlable pages: events and announcements as Atom feeds (the lists' filters), server-rendered pages
of an event, an association and an announcement (text, JSON-LD, Open Graph) and the sitemap that lists them."""

from __future__ import annotations

import gc

gc.disable()  # during init only: hromada.coldstart.init_done() resumes it, last

import re
from collections.abc import Callable
from functools import cache
from typing import Annotated, Any, Literal
from urllib.parse import urlencode

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.openapi.params import Path, Query

from hromada import api, atom, sitemap
from hromada.api import ERRORS_PUBLIC
from hromada.coldstart import init_done
from hromada.domain.announcement_ports import AnnouncementQuery
from hromada.domain.announcements import Announcements
from hromada.domain.associations import Associations
from hromada.domain.event_ports import EventQuery
from hromada.domain.events import Events, window
from hromada.domain.sitemaps import URLS_PER_FILE, Sitemaps
from hromada.errors import NotFound
from hromada.models import ids
from hromada.models.announcement import AnnouncementType
from hromada.models.association import Category, DepartmentCode, Language, RegionCode
from hromada.models.event import EventCategory
from hromada.reference import times
from hromada.reference.text import fold
from hromada.settings import get_settings
from hromada.store.announcements import DynamoAnnouncementStore
from hromada.store.associations import DynamoAssociationStore
from hromada.store.client import dynamodb
from hromada.store.events import DynamoEventStore

app = api.create_app()
FEED_ITEMS = 50  # entries in one feed: one page of the list, newest first for announcements
BOUND = r"^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})?)?$"
FeedLang = Annotated[Literal["fr", "uk", "en"], Query(description="Language of the texts (default fr)")]
ATOM_DOC = {200: {"description": "An Atom feed (RFC 4287)",
                  "content": {"application/atom+xml": {"schema": {"type": "string"}}}},
            304: {"description": "Not modified since the ETag given in If-None-Match"}, **ERRORS_PUBLIC,
            422: {"description": "Invalid filters",
                  "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}}}}
HTML = {"text/html": {"schema": {"type": "string"}}}
PAGE_DOC = {200: {"description": "The page", "content": HTML},
            404: {"description": "No such public item (an HTML page)", "content": HTML}, **ERRORS_PUBLIC,
            422: ATOM_DOC[422]}
ERROR_JSON = {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}}
SITEMAP_DOC = {200: {"description": "A sitemap (sitemaps.org 0.9)",
                     "content": {"application/xml": {"schema": {"type": "string"}}}}, **ERRORS_PUBLIC}
# The pages hold no script that runs (JSON-LD is data): nothing but images and their inline style may load.
PAGE_CSP = "default-src 'none'; img-src https: 'self'; style-src 'unsafe-inline'; base-uri 'none'"


@cache
def events() -> Events:
    from hromada.bus import OutboxPublisher

    return Events(DynamoEventStore(), DynamoAssociationStore(), OutboxPublisher())


@cache
def announcements() -> Announcements:
    return Announcements(DynamoAnnouncementStore(), DynamoAssociationStore())


@cache
def associations() -> Associations:
    return Associations(DynamoAssociationStore())


def _api_url() -> str:
    """The API's own address: the configured one, else the one API Gateway saw the request come to."""
    return get_settings().public_api_url or f"https://{app.current_event.request_context.domain_name}"


def _urls() -> Any:
    from hromada.snapshots import Urls

    return Urls(api_url=_api_url(), web_url=get_settings().public_web_url)


def _filters(**given: Any) -> dict[str, str]:
    """The filters given, as they go back into a URL (the feed's self link, the web client's list)."""
    def text(value: Any) -> str:
        if isinstance(value, bool):
            return "true" if value else "false"
        return str(getattr(value, "value", value))  # an enum's value, else the text given

    return {name: text(value) for name, value in given.items() if value is not None}


def _atom(feed: atom.Feed) -> Response[str]:
    body = atom.render(feed)
    tag = atom.etag(body)
    headers = {"Cache-Control": "public, max-age=300", "ETag": tag, "Vary": "Accept-Encoding",
               "Last-Modified": _http_date(feed.updated)}
    if tag in (app.current_event.headers.get("if-none-match") or ""):
        return Response(304, None, "", headers=headers)
    return Response(200, atom.CONTENT_TYPE, body.decode("utf-8"), headers=headers)


def _http_date(instant: str) -> str:
    from email.utils import format_datetime

    return format_datetime(times.parse_iso(instant), usegmt=True)


# ---------------------------------------------------------------- Atom feeds
@app.get("/events.atom", tags=["events"], summary="Events as an Atom feed (the filters of GET /events)",
         description=f"Upcoming events by start time (at most {FEED_ITEMS}), with `from`/`to` any range; "
                     "cancelled events stay in the feed, marked. One page of the list: one DynamoDB Query.",
         responses=ATOM_DOC)
def events_feed(
    region: Annotated[RegionCode | None, Query(description="INSEE region code of the venue, e.g. 76")] = None,
    department: Annotated[DepartmentCode | None, Query()] = None,
    association: Annotated[str | None, Query(pattern=ids.ASSOCIATION, description="Association id")] = None,
    category: Annotated[EventCategory | None, Query()] = None,
    language: Annotated[Language | None, Query(description="A language spoken at the event")] = None,
    q: Annotated[str | None, Query(min_length=2, max_length=100)] = None,
    online: Annotated[bool | None, Query()] = None,
    start_from: Annotated[str | None, Query(alias="from", pattern=BOUND)] = None,
    start_to: Annotated[str | None, Query(alias="to", pattern=BOUND)] = None,
    lang: FeedLang = "fr",
) -> Response[str]:
    now = events().now()
    low, high = window(start_from, start_to, now)
    found = events().listing(EventQuery(
        region=region, department=department, association_id=association,
        category=category.value if category else None, language=language.value if language else None,
        text=fold(q) if q else None, online=online, start_from=low, start_to=high, limit=FEED_ITEMS))
    filters = _filters(region=region, department=department, association=association, category=category,
                       language=language, q=q, online=online, **{"from": start_from, "to": start_to})
    web_url = get_settings().public_web_url
    entries = [atom.event_entry(e, lang=lang, web_url=web_url) for e in found.items]
    return _atom(_feed("events", lang, filters, entries, times.iso(now), web_url))


@app.get("/announcements.atom", tags=["announcements"],
         summary="Announcements as an Atom feed (the filters of GET /announcements)",
         description=f"Newest first, expired ones left out, at most {FEED_ITEMS}: one page of the list.",
         responses=ATOM_DOC)
def announcements_feed(
    type: Annotated[AnnouncementType | None, Query()] = None,
    region: Annotated[RegionCode | None, Query(description="INSEE region code, e.g. 76")] = None,
    association: Annotated[str | None, Query(pattern=ids.ASSOCIATION, description="Association id")] = None,
    category: Annotated[Category | None, Query()] = None,
    q: Annotated[str | None, Query(min_length=2, max_length=100)] = None,
    lang: FeedLang = "fr",
) -> Response[str]:
    found = announcements().listing(AnnouncementQuery(
        type=type.value if type else None, region=region, association_id=association,
        category=category.value if category else None, text=fold(q) if q else None, limit=FEED_ITEMS))
    filters = _filters(type=type, region=region, association=association, category=category, q=q)
    web_url = get_settings().public_web_url
    entries = [atom.announcement_entry(a, lang=lang, web_url=web_url) for a in found.items]
    return _atom(_feed("announcements", lang, filters, entries, times.iso(announcements().now()), web_url))


def _feed(kind: str, lang: str, filters: dict[str, str], entries: list[atom.Entry], now: str,
          web_url: str) -> atom.Feed:
    query = urlencode(sorted(filters.items()))
    t = atom.strings(lang)
    described = ", ".join(f"{k}={v}" for k, v in sorted(filters.items()))
    return atom.Feed(
        id=atom.tag_uri(web_url, atom.FEEDS_SINCE, f"{kind}.atom" + (f"?{query}" if query else "")),
        title=f"Hromada — {t[kind]}" + (f" ({described})" if described else ""),
        self_url=f"{_api_url()}/{kind}.atom?" + urlencode([*sorted(filters.items()), ("lang", lang)]),
        alternate_url=f"{web_url}/#/{kind}" + (f"?{query}" if query else ""),
        updated=atom.latest(entries, now), lang=lang, entries=entries)


# ---------------------------------------------------------------- crawlable pages
def _page(render: Callable[[], str], lang: str) -> Response[str]:
    from hromada import snapshots

    try:
        return _html(render(), 200)
    except NotFound:
        return _html(snapshots.missing_page(lang=lang, web_url=get_settings().public_web_url), 404)


def _html(body: str, status: int) -> Response[str]:
    return Response(status_code=status, content_type="text/html; charset=utf-8", body=body,
                    headers={"Cache-Control": "public, max-age=300", "Content-Security-Policy": PAGE_CSP})


@app.get("/pages/events/<id>", tags=["events"], summary="An event as a crawlable page (text, JSON-LD, Open Graph)",
         description="Server-rendered HTML that reads without JavaScript, in `lang`.",
         responses=PAGE_DOC)
def event_page(id: Annotated[str, Path(max_length=40, description="Event id (ev_...)")],
               lang: FeedLang = "fr") -> Response[str]:
    from hromada import snapshots

    def render() -> str:
        if not re.fullmatch(ids.EVENT, id):
            raise NotFound("event_not_found")
        event, seats = events().public(id)
        return snapshots.event_page(event, seats, lang=lang, urls=_urls())
    return _page(render, lang)


@app.get("/pages/associations/<id>", tags=["associations"],
         summary="An association as a crawlable page (profile, upcoming events, announcements, JSON-LD)",
         description="Server-rendered HTML that reads without JavaScript, in `lang`.",
         responses=PAGE_DOC)
def association_page(id: Annotated[str, Path(max_length=80, description="Association id or slug")],
                     lang: FeedLang = "fr") -> Response[str]:
    from hromada import snapshots

    def render() -> str:
        association = associations().public(id)
        upcoming = events().listing(EventQuery(association_id=association.id, start_from=times.iso(events().now()),
                                               limit=20)).items
        news = announcements().listing(AnnouncementQuery(association_id=association.id, limit=10)).items
        return snapshots.association_page(association, upcoming, news, lang=lang, urls=_urls())
    return _page(render, lang)


@app.get("/pages/announcements/<id>", tags=["announcements"],
         summary="An announcement as a crawlable page (text, JSON-LD, Open Graph)",
         description="Server-rendered HTML that reads without JavaScript, in `lang`.",
         responses=PAGE_DOC)
def announcement_page(id: Annotated[str, Path(max_length=40, description="Announcement id (an_...)")],
                      lang: FeedLang = "fr") -> Response[str]:
    from hromada import snapshots

    def render() -> str:
        if not re.fullmatch(ids.ANNOUNCEMENT, id):
            raise NotFound("announcement_not_found")
        found = announcements().public(id)
        claims = []
        if found.type == AnnouncementType.FACT_CHECK:  # its ClaimReviews: one Query, one BatchGetItem
            from hromada.store.claims import DynamoClaimStore

            claims = DynamoClaimStore().answered_by(found.id)
        return snapshots.announcement_page(found, lang=lang, urls=_urls(), claims=claims)
    return _page(render, lang)


# ---------------------------------------------------------------- sitemap
@cache
def sitemaps() -> Sitemaps:
    from hromada.store.sitemap_entries import DynamoSitemapEntries

    return Sitemaps(DynamoSitemapEntries())


def _sitemap_url(kind: str, page: int) -> str:
    return f"{_api_url()}/sitemap/{kind}" + (f"?page={page}" if page > 1 else "")


@app.get("/sitemap.xml", tags=["meta"], summary="The sitemap index: every sitemap file of every kind, with lastmod",
         description=f"Each kind (`associations`, `events`, `announcements`) lists all its public items, "
                     f"{URLS_PER_FILE} to a file: `/sitemap/{{kind}}`, then `/sitemap/{{kind}}?page=2`… Reads every "
                     "kind's collection to the end (one Query per 1 MB of items, no Scan).",
         responses=SITEMAP_DOC)
def sitemap_index() -> Response[str]:
    return _xml(sitemap.index([sitemap.Url(_sitemap_url(f.kind, f.page), f.lastmod[:10] if f.lastmod else None)
                               for f in sitemaps().files()]))


@app.get("/sitemap/<kind>", tags=["meta"], summary="One sitemap file of a kind's public pages",
         description=f"File `page` of the kind: its public items {URLS_PER_FILE} to a file, oldest first, each with "
                     "its lastmod. Reads the kind's collection up to the file's last item (one Query per 1 MB of "
                     "items, no Scan).",
         responses={**SITEMAP_DOC, 404: {"description": "No such file: `page` is past the kind's last file",
                                          "content": ERROR_JSON},
                    422: {"description": "Unknown kind, or `page` not a whole number from 1 to 10000",
                          "content": ERROR_JSON}})
def sitemap_page(kind: Annotated[Literal["associations", "events", "announcements"], Path()],
                 page: Annotated[int, Query(ge=1, le=10_000, description="Which file of the kind, from 1 "
                                                                         "(as the index names them)")] = 1,
                 ) -> Response[str]:
    urls = _urls()
    return _xml(sitemap.urlset([sitemap.Url(urls.page(kind, entry.ref, "fr"), entry.updated_at[:10])
                                for entry in sitemaps().page(kind, page)]))


@app.get("/robots.txt", tags=["meta"], summary="Where crawlers find the sitemap",
         responses={200: {"description": "robots.txt", "content": {"text/plain": {"schema": {"type": "string"}}}}})
def robots() -> Response[str]:
    return Response(200, "text/plain; charset=utf-8", f"User-agent: *\nAllow: /\nSitemap: {_api_url()}/sitemap.xml\n",
                    headers={"Cache-Control": "public, max-age=86400"})


def _xml(body: bytes) -> Response[str]:
    return Response(200, sitemap.CONTENT_TYPE, body.decode("utf-8"), headers={"Cache-Control": "public, max-age=3600"})


lambda_handler = api.make_handler(app)
# Built during init, so SnapStart's snapshot holds the DynamoDB client (~40 ms) instead of each restore.
dynamodb()
init_done()
