"""How the sitemaps cut each kind into files, and that a file reads no further than its own last item."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest

from hromada.domain import sitemaps
from hromada.domain.sitemaps import Entry, SitemapFile, Sitemaps
from hromada.errors import NotFound

NOW = datetime(2026, 12, 7, 3, 0, tzinfo=UTC)


class Items:
    """A kind's public items, counting how many were pulled (each one the store would have read)."""

    def __init__(self, counts: dict[str, int]):
        self.counts = counts
        self.pulled = 0
        self.asked_at: list[str] = []

    def public(self, kind: str, now: str) -> Iterator[Entry]:
        self.asked_at.append(now)
        for n in range(self.counts.get(kind, 0)):
            self.pulled += 1
            yield Entry(f"{kind}-{n}", f"2026-{n % 12 + 1:02d}-01T00:00:00.000Z")


@pytest.fixture(autouse=True)
def small_files(monkeypatch):
    monkeypatch.setattr(sitemaps, "URLS_PER_FILE", 10)


def test_each_kind_gets_as_many_files_as_it_needs_and_at_least_one():
    files = Sitemaps(Items({"events": 25, "announcements": 10}), now=lambda: NOW).files()
    assert [(f.kind, f.page) for f in files] == [("associations", 1), ("events", 1), ("events", 2), ("events", 3),
                                                ("announcements", 1)]
    assert files[0] == SitemapFile("associations", 1, None)  # empty, yet a valid sitemap
    assert files[1].lastmod == "2026-10-01T00:00:00.000Z"  # the latest of entries 0-9
    assert files[3].lastmod == "2026-12-01T00:00:00.000Z"  # entries 20-24 (months 9 to 12, then 1)


def test_a_file_holds_its_slice_and_reads_nothing_after_it():
    items = Items({"events": 25})
    service = Sitemaps(items, now=lambda: NOW)
    assert [e.ref for e in service.page("events", 2)] == [f"events-{n}" for n in range(10, 20)]
    assert items.pulled == 20
    assert items.asked_at == ["2026-12-07T03:00:00.000Z"]  # expiry is judged at the clock's now
    assert len(service.page("events", 3)) == 5
    assert service.page("associations", 1) == []


def test_a_file_past_the_last_is_not_found():
    service = Sitemaps(Items({"events": 20}), now=lambda: NOW)
    assert len(service.page("events", 2)) == 10
    with pytest.raises(NotFound) as missing:
        service.page("events", 3)
    assert missing.value.code == "sitemap_not_found"
