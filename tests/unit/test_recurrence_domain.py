"""Recurrence rules, pure: RRULE text, expansion in the event's zone across clock changes, the bounds."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hromada.domain import recurrence
from hromada.errors import Invalid
from hromada.models import ids
from hromada.models.recurrence import Recurrence
from hromada.reference import times

PARIS = "Europe/Paris"
WEEK = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]


def utc(local: str, zone: str = PARIS) -> str:
    return times.iso(datetime.fromisoformat(local).replace(tzinfo=ZoneInfo(zone)))


def test_a_weekly_class_stays_at_19_00_across_the_october_change():
    rule = Recurrence(frequency="weekly", weekdays=["TU"], count=4)
    text, found = recurrence.plan(rule, utc("2027-10-19T19:00"), utc("2027-10-19T21:00"), PARIS)
    assert text == "FREQ=WEEKLY;COUNT=4;BYDAY=TU"
    assert [s.date for s in found] == ["2027-10-19", "2027-10-26", "2027-11-02", "2027-11-09"]
    assert [times.local(s.start, PARIS)[11:16] for s in found] == ["19:00"] * 4
    assert [s.start[11:13] for s in found] == ["17", "17", "18", "18"]  # the UTC hour moves instead
    assert all(times.parse_iso(s.end) - times.parse_iso(s.start) == timedelta(hours=2) for s in found)


def test_the_first_date_is_the_rule_s_first_not_the_start_given():
    rule = Recurrence(frequency="monthly", week=-1, weekdays=["FR"], until=date(2027, 3, 31))
    _, found = recurrence.plan(rule, utc("2027-01-05T18:00"), utc("2027-01-05T20:00"), PARIS)
    assert [s.date for s in found] == ["2027-01-29", "2027-02-26", "2027-03-26"]  # last Fridays


def test_monthly_by_date_skips_months_without_that_day():
    rule = Recurrence(frequency="monthly", month_day=31, count=3)
    _, found = recurrence.plan(rule, utc("2027-01-31T10:00"), utc("2027-01-31T11:00"), PARIS)
    assert [s.date for s in found] == ["2027-01-31", "2027-03-31", "2027-05-31"]  # as RFC 5545 says


def test_an_hour_skipped_in_spring_moves_to_just_after_the_gap():
    rule = Recurrence(frequency="weekly", count=2)
    _, found = recurrence.plan(rule, utc("2027-03-21T02:30"), utc("2027-03-21T03:30"), PARIS)
    assert times.local(found[1].start, PARIS) == "2027-03-28T03:30:00+02:00"


@pytest.mark.parametrize(("rule", "code"), [
    (Recurrence(frequency="weekly", until=date(2027, 1, 1)), "validation_failed"),  # before the first date
    (Recurrence(frequency="weekly", until=date(2030, 1, 1)), "recurrence_too_long"),
    (Recurrence(frequency="monthly", interval=12, count=5), "recurrence_too_long"),  # four years
    (Recurrence(frequency="weekly", weekdays=WEEK, until=date(2028, 1, 1)),
     "recurrence_too_long"),  # more than 200 dates
])
def test_rules_beyond_the_bounds_are_refused(rule, code):
    with pytest.raises(Invalid) as refused:
        recurrence.plan(rule, utc("2027-02-02T19:00"), utc("2027-02-02T21:00"), PARIS)
    assert refused.value.code == code


@pytest.mark.parametrize("fields", [
    {"frequency": "weekly"},  # neither until nor count
    {"frequency": "weekly", "count": 2, "until": "2027-01-01"},
    {"frequency": "weekly", "count": 2, "month_day": 3},
    {"frequency": "monthly", "count": 2, "week": 2},
    {"frequency": "monthly", "count": 2, "week": 2, "month_day": 3, "weekdays": ["TU"]},
    {"frequency": "monthly", "count": 2, "weekdays": ["TU"]},
    {"frequency": "weekly", "count": 0},
    {"frequency": "weekly", "count": 2, "interval": 0},
])
def test_inconsistent_rules_are_refused_by_the_model(fields):
    with pytest.raises(ValueError):
        Recurrence.model_validate(fields)


def test_a_date_s_id_is_an_event_id_derived_from_the_series_and_the_date():
    one = recurrence.occurrence_id("ev_0123456789abcdef0123", "2027-03-02")
    assert re.fullmatch(ids.EVENT, one)
    assert one == recurrence.occurrence_id("ev_0123456789abcdef0123", "2027-03-02")
    assert one != recurrence.occurrence_id("ev_0123456789abcdef0123", "2027-03-09")


ZONES = st.sampled_from(["Europe/Paris", "Europe/Kyiv", "America/New_York", "UTC"])
DAYS = st.lists(st.sampled_from(WEEK), min_size=1, max_size=7, unique=True)


@settings(max_examples=60, deadline=None)
@given(zone=ZONES, days=DAYS, interval=st.integers(1, 4), count=st.integers(1, 60),
       offset=st.integers(1, 700), hour=st.integers(6, 22))
def test_weekly_dates_keep_their_wall_clock_time_and_weekdays(zone, days, interval, count, offset, hour):
    start_day = date(2027, 1, 1) + timedelta(days=offset)
    local = datetime(start_day.year, start_day.month, start_day.day, hour, 15)
    start = times.iso(local.replace(tzinfo=ZoneInfo(zone)))
    end = times.iso(local.replace(tzinfo=ZoneInfo(zone)) + timedelta(hours=1))
    rule = Recurrence(frequency="weekly", weekdays=days, interval=interval, count=count)
    try:
        _, found = recurrence.plan(rule, start, end, zone)
    except Invalid as refused:  # only the two-year bound may refuse a count within 200
        assert refused.code == "recurrence_too_long"
        return
    assert len(found) == count
    walls = [times.parse_iso(s.start).astimezone(ZoneInfo(zone)) for s in found]
    assert {w.strftime("%H:%M") for w in walls} == {f"{hour:02d}:15"}
    assert {WEEK[w.weekday()] for w in walls} <= set(days)
    assert [s.start for s in found] == sorted({s.start for s in found})
    assert walls[0].date() >= start_day
    assert all(datetime.fromisoformat(s.start.replace("Z", "+00:00")).tzinfo == UTC for s in found)


def test_the_template_writes_the_horizon_s_dates_every_day():
    from infra.schedules import schedules
    from infra.template import Template

    [daily] = [s for s in schedules(Template()) if s.function == "EventSeriesFunction"]
    assert daily.expression == "cron(30 3 * * ? *)" and daily.interval is None  # a cron: once a day, by the clock
