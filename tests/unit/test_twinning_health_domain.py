"""Twinning health figures: what each write adds to the counters, the 30-day cut, the median."""

from __future__ import annotations

from types import SimpleNamespace

from hromada.auth import Principal
from hromada.domain.twinning_health import (
    TwinningHealth,
    awaiting_answer,
    changes,
    initiative_counts,
    median_days,
    partnership_counts,
    unanswered_before,
)
from hromada.errors import Forbidden
from hromada.models.initiative import Initiative
from hromada.models.partnership import PartnershipStatus

NOW = "2026-03-31T12:00:00.000Z"


def initiative(**overrides) -> Initiative:
    data = {"id": "in_1", "kind": "need", "title": "Pompe", "description": {"fr": "Une pompe"},
            "domain": "reconstruction", "oblast": "UA-48", "association_id": "as_1", "association_name": "A",
            "status": "open", "created_at": "2026-03-01T10:00:00.000Z", "updated_at": "2026-03-01T10:00:00.000Z"}
    return Initiative.model_validate(data | overrides)


def test_an_open_need_counts_in_its_oblast_and_domain_until_matched():
    need = initiative()
    assert changes({}, initiative_counts(need)) == {"open_need.domain.reconstruction": 1,
                                                    "open_need.oblast.UA-48": 1}
    matched = need.model_copy(update={"status": "matched", "answered_at": "2026-03-11T09:00:00.000Z"})
    # Leaves the open needs; enters the histogram at 9 whole days.
    assert changes(initiative_counts(need), initiative_counts(matched)) == {
        "answer_days.9": 1, "open_need.domain.reconstruction": -1, "open_need.oblast.UA-48": -1}
    reopened = matched.model_copy(update={"status": "open"})
    assert changes(initiative_counts(matched), initiative_counts(reopened)) == {
        "open_need.domain.reconstruction": 1, "open_need.oblast.UA-48": 1}  # answered once, counted once


def test_hidden_needs_offers_and_needs_without_oblast():
    assert changes(initiative_counts(initiative()), initiative_counts(initiative(hidden=True))) == {
        "open_need.domain.reconstruction": -1, "open_need.oblast.UA-48": -1}
    assert initiative_counts(initiative(kind="offer")) == {}
    assert initiative_counts(initiative(oblast=None, region="76"))["open_need.oblast.none"] == 1


def test_the_histogram_is_bounded():
    old = initiative(created_at="2020-01-01T00:00:00.000Z", status="matched", answered_at=NOW)
    assert dict(initiative_counts(old)) == {"answer_days.365": 1}


def test_partnerships_count_by_status_while_visible():
    proposed = SimpleNamespace(status=PartnershipStatus.PROPOSED, hidden=False)
    talking = SimpleNamespace(status=PartnershipStatus.IN_DISCUSSION, hidden=False)
    assert changes(partnership_counts(proposed), partnership_counts(talking)) == {
        "partnership.status.in_discussion": 1, "partnership.status.proposed": -1}
    assert changes(partnership_counts(talking), partnership_counts(SimpleNamespace(
        status=PartnershipStatus.IN_DISCUSSION, hidden=True))) == {"partnership.status.in_discussion": -1}
    assert partnership_counts(None) == {}


def test_only_open_never_answered_visible_offers_await():
    offer = initiative(kind="offer")
    assert awaiting_answer(offer)
    assert not awaiting_answer(offer.model_copy(update={"status": "closed"}))
    assert not awaiting_answer(offer.model_copy(update={"hidden": True}))
    assert not awaiting_answer(offer.model_copy(update={"answered_at": NOW}))
    assert not awaiting_answer(initiative())
    assert not awaiting_answer(None)


def test_thirty_days_before():
    assert unanswered_before(NOW) == "2026-03-01T12:00:00.000Z"
    assert "2026-03-01T10:00:00.000Z" < unanswered_before(NOW) < "2026-03-01T12:00:00.001Z"


def test_median():
    assert median_days({}) is None
    assert median_days({3: 1}) == 3
    assert median_days({1: 1, 5: 1, 40: 1}) == 5
    assert median_days({1: 2, 5: 2}) == 1  # the lower median of an even count
    assert median_days({0: 1, 2: 5, 90: 3}) == 2
    assert median_days({2: 0, 7: -1, 9: 1}) == 9  # a counter that went to zero (or below) counts for nothing


class Source:
    def __init__(self):
        self.asked: list[str] = []

    def counters(self):
        return {"open_need.oblast.UA-48": 2, "open_need.oblast.UA-46": 0, "open_need.domain.health": 2,
                "partnership.status.proposed": 3, "answer_days.4": 1, "answer_days.10": 2}

    def unanswered(self, published_before):
        self.asked.append(published_before)
        return [{"id": "in_9"}], False


def staff(*groups: str, mfa: bool = True) -> Principal:
    return Principal("u1", "staff@example.org", True, frozenset(groups), second_factor=mfa)


def test_staff_read_the_figures_members_do_not():
    source = Source()
    health = TwinningHealth(source, now=lambda: NOW)
    figures = health.read(staff("moderators"))
    assert figures.open_needs_by_oblast == {"UA-48": 2}
    assert figures.partnerships_by_status == {"proposed": 3}
    assert (figures.answered_needs, figures.median_days_to_first_answer) == (3, 10)
    assert source.asked == ["2026-03-01T12:00:00.000Z"]
    assert health.read(staff("admins")).unanswered_offers == [{"id": "in_9"}]
    for who in (staff(), staff("moderators", mfa=False)):
        try:
            health.read(who)
        except Forbidden:
            continue
        raise AssertionError("read without being staff")
