"""Which part of the calendar a listing or a feed reads: upcoming by default, feeds a month back."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from hromada.domain.events import FEED_PAST, bound, window
from hromada.errors import Invalid

NOW = datetime(2026, 12, 6, 18, 30, tzinfo=UTC)


def test_a_listing_without_bounds_shows_upcoming_events_only():
    assert window(None, None, NOW) == ("2026-12-06T18:30:00.000Z", None)


def test_a_feed_without_bounds_keeps_the_last_thirty_days():
    assert FEED_PAST.days == 30
    assert window(None, None, NOW, feed=True) == ("2026-11-06T18:30:00.000Z", None)


@pytest.mark.parametrize("feed", [False, True])
def test_a_bound_given_replaces_the_default(feed):
    assert window("2026-01-01", None, NOW, feed=feed) == ("2025-12-31T23:00:00.000Z", None)
    # `to` alone reaches into the past: the default `from` is not added
    assert window(None, "2026-01-01", NOW, feed=feed) == (None, "2026-01-01T22:59:59.999Z")


def test_a_date_is_the_whole_day_in_paris_and_a_date_time_is_taken_as_given():
    assert bound("2026-07-14", "from", end=False) == "2026-07-13T22:00:00.000Z"
    assert bound("2026-07-14", "to", end=True) == "2026-07-14T21:59:59.999Z"
    assert bound("2026-07-14T10:00:00Z", "from", end=False) == "2026-07-14T10:00:00.000Z"
    assert bound(None, "from", end=False) is None


@pytest.mark.parametrize("value", ["2026-02-30", "2026-13-01T10:00", "9999-12-31T23:59:59-23:59"])
def test_an_impossible_bound_is_refused_with_its_field(value):
    with pytest.raises(Invalid) as refused:
        window(None, value, NOW)
    assert refused.value.details[0]["field"] == "to"
