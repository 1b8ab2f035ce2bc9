"""The weekly twinning summary: ISO weeks, the changes since last week, one letter per language."""

from __future__ import annotations

from datetime import UTC, datetime

from hromada.domain.twinning_weekly import changes_since, iso_week, previous_week
from hromada.mail.render import render
from hromada.mail.twinning_weekly import Admin, WeeklyTwinningPlanner

MONDAY = datetime(2026, 12, 7, 8, tzinfo=UTC)
LAST_WEEK = {"open_need.oblast.UA-48": 2, "open_need.domain.health": 2, "partnership.status.proposed": 1}
THIS_WEEK = {"open_need.oblast.UA-48": 3, "open_need.oblast.UA-46": 1, "open_need.domain.health": 4,
             "partnership.status.proposed": 0, "partnership.status.in_discussion": 1, "answer_days.6": 1}


def test_weeks():
    assert iso_week(MONDAY) == "2026-W50" and previous_week(MONDAY) == "2026-W49"
    assert iso_week(datetime(2027, 1, 1, tzinfo=UTC)) == "2026-W53"  # ISO years start on a Monday


def test_changes_since_last_week():
    assert changes_since(THIS_WEEK, None) is None
    assert changes_since(THIS_WEEK, LAST_WEEK) == {
        "answered_needs": 1, "oblast.UA-46": 1, "oblast.UA-48": 1, "open_needs": 2, "status.in_discussion": 1,
        "status.proposed": -1}


class Figures:
    def __init__(self, weeks):
        self.weeks = dict(weeks)

    def counters(self):
        return THIS_WEEK

    def unanswered(self, published_before):
        assert published_before == "2026-11-07T08:00:00.000Z"
        return [{"id": "in_1"}], False

    def keep_week(self, week, counters):
        self.weeks.setdefault(week, dict(counters))

    def week(self, week):
        return self.weeks.get(week)


class Directory:
    def admins(self):
        return [Admin("a@example.org", "fr"), Admin("b@example.org", "uk"), Admin("c@example.org", "de")]


def test_one_job_per_language_keyed_by_the_week():
    figures = Figures({"2026-W49": LAST_WEEK})
    summary, jobs = WeeklyTwinningPlanner(figures, Directory(), "https://hromada.example/").plan(MONDAY)
    assert summary.week == "2026-W50" and summary.changes["open_needs"] == 2
    assert {j.key for j in jobs} == {"twinning_week:2026-W50"}
    assert sorted((j.letter.lang, [r.email for r in j.recipients]) for j in jobs) == [
        ("fr", ["a@example.org", "c@example.org"]), ("uk", ["b@example.org"])]
    assert figures.weeks["2026-W50"] == THIS_WEEK  # kept for next week's changes
    fr = render(next(j.letter for j in jobs if j.letter.lang == "fr"))
    assert "Besoins ouverts : 4 (+2 depuis la semaine dernière)." in fr.text
    assert "délai médian : 6 jours" in fr.text and "Offres sans réponse depuis 30 jours ou plus : 1." in fr.text
    assert "UA-46: 1 (+1 depuis la semaine dernière)" in fr.text and "in_discussion" in fr.html


def test_the_first_week_says_changes_come_next_week():
    _, jobs = WeeklyTwinningPlanner(Figures({}), Directory(), "https://hromada.example").plan(MONDAY)
    assert "Première semaine suivie" in render(jobs[0].letter).text
