"""Association figures (pure): what each bus event adds to which month, the 12 months an owner sees, and who
may see them."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from hromada.auth import Principal
from hromada.domain.figures import AssociationFigures, Change, changes, month_of, shift
from hromada.errors import Forbidden, NotFound

START = "2026-11-30T23:30:00.000Z"  # already December in Paris
A = "as_" + "a" * 20


@pytest.mark.parametrize(("kind", "more", "adds"), [
    ("EventPublished", {}, {"events": 1}),
    ("EventCancelled", {}, {"events": -1}),
    ("RsvpConfirmed", {}, {"registrations": 1, "confirmed": 1}),
    ("RsvpWaitlisted", {}, {"registrations": 1}),
    ("RsvpWithdrawn", {"held_seat": True}, {"registrations": -1, "confirmed": -1}),
    ("RsvpWithdrawn", {"held_seat": False}, {"registrations": -1}),
    ("WaitlistPromoted", {"promoted": 1}, {"confirmed": 1}),
])
def test_each_bus_event_moves_the_month_of_its_event(kind, more, adds):
    assert changes(kind, {"event_id": "ev_1", "association_id": A, "start": START} | more) == [
        Change(A, "2026-12", adds)]


@pytest.mark.parametrize("detail", [{"association_id": A}, {"start": START}, {}])
def test_an_event_without_its_association_or_start_counts_nothing(detail):
    assert changes("RsvpConfirmed", detail) == []


def test_other_kinds_count_nothing():
    assert changes("EventChanged", {"association_id": A, "start": START}) == []
    assert changes("AnnouncementPublished", {"association_id": A, "start": START}) == []


def test_months_are_paris_months():
    assert month_of("2026-06-30T21:59:59.000Z") == "2026-06" and month_of("2026-06-30T22:00:00.000Z") == "2026-07"
    assert shift("2026-01", -1) == "2025-12" and shift("2026-12", 1) == "2027-01" and shift("2026-05", -11) == "2025-06"


class Store:
    def __init__(self, months, editors=("owner@example.org",), exists=True):
        self.months, self.editors, self.exists, self.asked = months, editors, exists, []

    def read(self, association_id, editor_email, first, last):
        self.asked.append((editor_email, first, last))
        return self.exists, editor_email in self.editors, {m: c for m, c in self.months.items() if first <= m <= last}

    def count(self, outbox_id, found):
        return True


def person(email="owner@example.org", *groups, verified=True):
    return Principal(user_id="sub", email=email, email_verified=verified, groups=frozenset(groups),
                     second_factor=True)


NOW = datetime(2026, 12, 6, 12, 0, tzinfo=UTC)


def test_the_owner_sees_twelve_months_and_what_is_announced_after():
    store = Store({"2025-11": {"events": 9}, "2026-01": {"events": 2, "registrations": 5, "confirmed": 4},
                   "2026-12": {"events": 1, "registrations": 3, "confirmed": 2},
                   "2027-02": {"events": 2, "registrations": 7}})
    figures = AssociationFigures(store, now=lambda: NOW).of(person(), A)
    assert store.asked == [("owner@example.org", "2026-01", "2027-12")]
    assert [m.month for m in figures.months] == [f"2026-{n:02d}" for n in range(1, 13)]
    january, december = figures.months[0], figures.months[-1]
    assert (january.events, january.registrations, january.confirmed, january.attendance) == (2, 5, 4, 4)
    assert (december.events, december.confirmed, december.attendance) == (1, 2, None)  # not over yet
    assert (figures.upcoming_events, figures.upcoming_registrations) == (2, 7)


def test_a_negative_counter_shows_as_zero():
    # A cancellation counted before its publication (the queue does not keep order) never shows below zero.
    store = Store({"2026-12": {"events": -1}})
    assert AssociationFigures(store, now=lambda: NOW).of(person(), A).months[-1].events == 0


def test_who_may_see_the_figures():
    store = Store({})
    figures = AssociationFigures(store, now=lambda: NOW)
    with pytest.raises(Forbidden):
        figures.of(person("stranger@example.org"), A)
    with pytest.raises(Forbidden):
        figures.of(person("owner@example.org", verified=False), A)
    with pytest.raises(Forbidden):
        figures.of(person("moderator@example.org", "moderators"), A)
    assert figures.of(person("admin@example.org", "admins"), A).association_id == A
    assert store.asked[-1][0] is None  # an admin's editor item is not asked for
    with pytest.raises(NotFound):
        AssociationFigures(Store({}, exists=False), now=lambda: NOW).of(person(), A)


# ------------------------------------------------------------------ digest recipients reached
def test_a_digest_reaches_each_association_s_readers_once_per_letter():
    from hromada.mail.digests import DigestPlanner
    from tests.unit.test_mail import EVENT, Source, sub

    other = {**EVENT, "id": "ev_2", "association_id": "as_2", "venue": {"region": "11", "city": "Paris"}}
    news = {"id": "an_1", "title": {"fr": "Nouvelles"}, "body": {"fr": "x"}, "association_id": "as_1",
            "region": "76", "created_at": "2026-11-30T00:00:00Z"}
    readers = [sub(i, regions=["76"]) for i in range(3)] + [sub(10, regions=["11"]), sub(11, regions=["94"])]
    plan = DigestPlanner(Source(readers, [EVENT, other], [news]), "https://web").plan(
        "weekly", datetime(2026, 11, 30, 7, tzinfo=UTC))
    # as_1's event and announcement are in the same letters: its three readers count once each.
    assert plan.reach == {"as_1": 3, "as_2": 1}


class Counting(Store):
    def __init__(self):
        super().__init__({})
        self.seen: set[str] = set()
        self.added: list[Change] = []

    def count(self, outbox_id, found):
        if outbox_id in self.seen:
            return False
        self.seen.add(outbox_id)
        self.added += found
        return True


def test_a_digest_s_reach_is_counted_once_per_period_and_association_in_the_month_it_is_planned():
    store = Counting()
    figures = AssociationFigures(store)
    late_sunday = datetime(2026, 11, 30, 23, 30, tzinfo=UTC)  # Monday 1 December in Paris
    assert figures.count_reach("digest:weekly:2026-W49", {"as_1": 3, "as_2": 0, "as_3": 1}, late_sunday) == 2
    assert figures.count_reach("digest:weekly:2026-W49", {"as_1": 4, "as_3": 1}, late_sunday) == 0  # a re-run
    assert store.added == [Change("as_1", "2026-12", {"reached": 3}), Change("as_3", "2026-12", {"reached": 1})]


# ------------------------------------------------------------------ new followers
class Subscribers:
    """The subscription store, in memory (what set_mine uses)."""

    def __init__(self):
        self.by_id: dict[str, object] = {}

    def by_email(self, email):
        return next((s for s in self.by_id.values() if s.email == email), None)

    def create(self, subscription, expires_at):
        self.by_id[subscription.id] = subscription

    def save(self, subscription, previous, expires_at):
        self.by_id[subscription.id] = subscription


def test_following_associations_is_one_event_naming_only_the_new_ones(monkeypatch):
    from hromada.domain import subscriptions as module
    from hromada.models.subscription import Preferences
    from tests.unit.event_fakes import RecordingPublisher

    monkeypatch.setattr(module, "subscription_id", lambda email: "sb_" + "1" * 20)  # no pseudonym key here
    publisher = RecordingPublisher()
    service = module.Subscriptions(Subscribers(), outbox=None, links=None, verify=None,
                                   now=lambda: "2026-12-06T10:00:00.000Z", publisher=publisher)
    member = person("reader@example.org")
    a, b, c = ("as_" + x * 20 for x in "abc")
    service.set_mine(member, Preferences(associations=[a, b]))
    service.set_mine(member, Preferences(associations=[a, b, c]))
    service.set_mine(member, Preferences(associations=[c]))  # unfollowing is not news for the figures
    service.set_mine(member, Preferences(associations=[a, c], frequency="off"))  # paused: follows nobody
    service.set_mine(member, Preferences(associations=[a, c]))
    assert [e.detail for e in publisher.published] == [
        {"association_ids": [a, b], "at": "2026-12-06T10:00:00.000Z"},
        {"association_ids": [c], "at": "2026-12-06T10:00:00.000Z"},
        {"association_ids": [a, c], "at": "2026-12-06T10:00:00.000Z"}]
    assert {e.kind for e in publisher.published} == {"AssociationsFollowed"}
    assert changes("AssociationsFollowed", publisher.published[0].detail) == [
        Change(a, "2026-12", {"followers": 1}), Change(b, "2026-12", {"followers": 1})]
