"""A campaign's yearly day and window: known dates, and properties over many years and rules."""

from __future__ import annotations

import calendar
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hromada.domain.campaign_dates import YearlyRule, current_window, occurrence, window_covering

HOLODOMOR = YearlyRule(month=11, weekday=calendar.SATURDAY, nth=4)  # the fourth Saturday of November
VYSHYVANKA = YearlyRule(month=5, weekday=calendar.THURSDAY, nth=3)  # the third Thursday of May
INDEPENDENCE = YearlyRule(month=8, day=24)
DIGNITY = YearlyRule(month=11, day=21)


@pytest.mark.parametrize(("rule", "year", "expected"), [
    (HOLODOMOR, 2026, date(2026, 11, 28)),
    (HOLODOMOR, 2025, date(2025, 11, 22)),
    (HOLODOMOR, 2027, date(2027, 11, 27)),
    (VYSHYVANKA, 2027, date(2027, 5, 20)),
    (VYSHYVANKA, 2026, date(2026, 5, 21)),
    (INDEPENDENCE, 2026, date(2026, 8, 24)),
    (DIGNITY, 2026, date(2026, 11, 21)),
    (YearlyRule(month=5, weekday=calendar.FRIDAY, nth=-1), 2026, date(2026, 5, 29)),
])
def test_known_days(rule, year, expected):
    assert rule.in_year(year) == expected


def test_next_days_from_a_day_after_this_years_one_start_next_year():
    assert HOLODOMOR.next_days(date(2026, 11, 29), 2) == [date(2027, 11, 27), date(2028, 11, 25)]
    assert HOLODOMOR.next_days(date(2026, 11, 28), 1) == [date(2026, 11, 28)]  # the day itself counts


def test_29_february_comes_back_in_leap_years_only():
    assert YearlyRule(month=2, day=29).next_days(date(2026, 1, 1), 2) == [date(2028, 2, 29), date(2032, 2, 29)]
    assert YearlyRule(month=2, day=31).on_or_after(date(2026, 1, 1)) is None


@pytest.mark.parametrize("bad", [dict(month=13, day=1), dict(month=5), dict(month=5, day=3, weekday=1, nth=2),
                                 dict(month=5, weekday=1), dict(month=5, weekday=7, nth=1),
                                 dict(month=5, weekday=1, nth=6)])
def test_malformed_rules_are_refused(bad):
    with pytest.raises(ValueError):
        YearlyRule(**bad)


def test_the_window_running_today_else_the_next():
    # Holodomor 2026 is 28 November; a window of 3 days before and 1 after: 25-29 November.
    assert current_window(HOLODOMOR, 3, 1, date(2026, 11, 26)).start == date(2026, 11, 25)
    assert current_window(HOLODOMOR, 3, 1, date(2026, 11, 29)).end == date(2026, 11, 29)
    assert current_window(HOLODOMOR, 3, 1, date(2026, 11, 30)).day == date(2027, 11, 27)
    assert window_covering(HOLODOMOR, 3, 1, date(2026, 11, 24)) is None


rules = st.one_of(
    st.builds(YearlyRule, month=st.integers(1, 12), day=st.integers(1, 28)),
    st.builds(YearlyRule, month=st.integers(1, 12), weekday=st.integers(0, 6),
              nth=st.sampled_from([1, 2, 3, 4, -1])),
)


@given(rules, st.dates(date(2000, 1, 1), date(2090, 12, 31)), st.integers(1, 6))
def test_next_days_are_in_the_rules_month_increasing_one_per_year(rule, start, count):
    days = rule.next_days(start, count)
    assert len(days) == count and days[0] >= start
    assert all(d.month == rule.month for d in days)
    assert [d.year for d in days] == list(range(days[0].year, days[0].year + count))
    if rule.weekday is not None:
        assert all(d.weekday() == rule.weekday for d in days)
        # the nth weekday: n-1 of them before it in the month (or, for the last, none after it)
        for d in days:
            if rule.nth == -1:
                assert (d + timedelta(days=7)).month != d.month
            else:
                assert (d.day - 1) // 7 == rule.nth - 1
    else:
        assert all(d.day == rule.day for d in days)


@given(rules, st.integers(0, 10), st.integers(0, 10), st.dates(date(2001, 1, 1), date(2090, 12, 31)))
def test_the_current_window_holds_today_or_is_the_next_one(rule, before, after, today):
    window = current_window(rule, before, after, today)
    assert window is not None and window.end >= today
    assert window.end - window.start == timedelta(days=before + after)
    if not window.covers(today):
        assert window.start > today
        previous = occurrence(rule, before, after, window.day.year - 1)
        assert previous is None or previous.end < today
    assert window_covering(rule, before, after, window.day) == window
