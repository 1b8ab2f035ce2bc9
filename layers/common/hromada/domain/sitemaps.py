"""What the sitemaps list, and how each kind is cut into files.

Every public item of a kind, in the order its collection keeps (oldest first: new items land in the last file, so
the earlier files stay as a crawler last read them), URLS_PER_FILE to a file. The protocol allows 50,000 URLs and
50 MB a file, but a Lambda answer must stay under 6 MB: an entry is at most ~250 bytes (a custom API domain, the
longest slug, a lastmod), so 10,000 of them stay under 2.5 MB (≈ 1.1 MB with typical ids).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from itertools import islice
from typing import Protocol

from hromada.domain.events import utc_clock
from hromada.errors import NotFound
from hromada.reference import times

KINDS = ("associations", "events", "announcements")
URLS_PER_FILE = 10_000


@dataclass(frozen=True)
class Entry:
    ref: str  # what the page's address names: an association's slug, an event's or an announcement's id
    updated_at: str


@dataclass(frozen=True)
class SitemapFile:
    kind: str
    page: int  # from 1
    lastmod: str | None  # the latest change among its entries


class PublicItems(Protocol):
    def public(self, kind: str, now: str) -> Iterator[Entry]:
        """The kind's public items in collection order, read lazily page by page: verified associations not
        hidden; events neither hidden nor cancelled; announcements neither hidden nor expired at `now`."""


class Sitemaps:
    def __init__(self, items: PublicItems, now: Callable[[], datetime] = utc_clock):
        self.items = items
        self.now = now

    def files(self) -> list[SitemapFile]:
        """The index: each kind's files, at least one (an empty sitemap is still a valid one)."""
        found: list[SitemapFile] = []
        for kind in KINDS:
            entries = self.items.public(kind, times.iso(self.now()))
            page = 1
            while chunk := list(islice(entries, URLS_PER_FILE)):
                found.append(SitemapFile(kind, page, max(e.updated_at for e in chunk)))
                page += 1
            if page == 1:
                found.append(SitemapFile(kind, 1, None))
        return found

    def page(self, kind: str, page: int) -> list[Entry]:
        """File `page` of the kind: reads its items and those of the files before it, nothing after."""
        skipped = (page - 1) * URLS_PER_FILE
        wanted = list(islice(self.items.public(kind, times.iso(self.now())), skipped, skipped + URLS_PER_FILE))
        if page > 1 and not wanted:
            raise NotFound("sitemap_not_found")
        return wanted
