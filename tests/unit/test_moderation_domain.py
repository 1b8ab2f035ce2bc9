"""Moderation use cases against an in-memory store that honours the same conditions as DynamoDB's."""

from __future__ import annotations

import pytest

from hromada.auth import Principal
from hromada.domain.moderation import Moderation
from hromada.domain.moderation_ports import CLOSED, OPEN, Flag, Review, Target, TargetInfo
from hromada.domain.ports import ConditionFailed
from hromada.errors import Conflict, Forbidden, NotFound
from hromada.models.common import Page


class FakeStore:
    def __init__(self) -> None:
        self.targets: dict[str, TargetInfo] = {}
        self.reviews: dict[str, Review] = {}
        self.flag_items: dict[tuple[str, str], Flag] = {}
        self.audit: list[str] = []
        self.warning_items: list = []
        self.suspended: set[str] = set()

    def target(self, target):
        return self.targets.get(target.ref)

    def target_and_review(self, target):
        return self.target(target), self.review(target)

    def review(self, target):
        return self.reviews.get(target.ref)

    def content(self, target):
        return {"ref": target.ref} if target.ref in self.targets else None

    def _check_review(self, previous, ref):
        stored = self.reviews.get(ref)
        if (previous is None) != (stored is None) or (stored and stored.version != previous.version):
            raise ConditionFailed("review")

    def add_flag(self, flag, previous, updated, *, hide):
        if (flag.target.ref, flag.reporter_id) in self.flag_items:
            raise ConditionFailed("flag")
        self._check_review(previous, flag.target.ref)
        self.flag_items[(flag.target.ref, flag.reporter_id)] = flag
        self.reviews[flag.target.ref] = updated
        if hide:
            self.audit.append(hide.action)
            info = self.targets[flag.target.ref]
            self.targets[flag.target.ref] = TargetInfo(info.association_id, info.author_id, info.public, True)

    def decide(self, previous, updated, *, set_hidden, audit, warning=None, suspension=None, flags=None):
        self._check_review(previous, updated.target.ref)
        self.reviews[updated.target.ref] = updated
        if set_hidden is not None:
            info = self.targets[updated.target.ref]
            self.targets[updated.target.ref] = TargetInfo(info.association_id, info.author_id, info.public,
                                                          set_hidden)
        self.audit.append(audit.action)
        if warning:
            self.warning_items.append(warning)
        if suspension:
            self.suspended.add(suspension.user_id)
            if suspension.person:
                self.suspended.add(f"P:{suspension.person}")

    def queue(self, limit, cursor):
        open_ = sorted((r for r in self.reviews.values() if r.status == OPEN), key=lambda r: r.first_flagged_at)
        return Page(items=open_[:limit])

    def flags(self, target):
        return [f for (ref, _), f in self.flag_items.items() if ref == target.ref]

    def reviews_of(self, association_id):
        return [r for r in self.reviews.values() if r.association_id == association_id]

    def warnings(self, association_id):
        return [w for w in self.warning_items if w.association_id == association_id]

    def is_editor(self, association_id, email):
        return email == "owner@example.org"

    def editor_warnings(self, association_id, email):
        return self.warnings(association_id) if self.is_editor(association_id, email) else None

    def review_with_flags(self, target):
        return self.review(target), sorted(self.flags(target), key=lambda f: f.at)

    def lift_suspension(self, user_id, audit, person=None):
        markers = {user_id, f"P:{person}"} & self.suspended
        if not markers:
            raise ConditionFailed("suspension")
        self.suspended -= markers


def person(n: int, *groups: str) -> Principal:
    return Principal(f"user-{n}", f"user{n}@example.org", True, frozenset(groups), second_factor=True)


MODERATOR = person(100, "moderators")
ADMIN = person(101, "admins")
EVENT = Target("event", "ev_1")


@pytest.fixture
def world():
    store = FakeStore()
    store.targets[EVENT.ref] = TargetInfo("as_1", "author-1", True, False)
    clock = iter(f"2026-01-01T00:00:{s:02d}.000Z" for s in range(60))
    # author-1's account was erased and author-2 is the same person signing up again with that mailbox
    people = {"author-1": "olena", "author-2": "olena"}
    return store, Moderation(store, threshold=3, now=lambda: next(clock), pause=lambda _: None,
                             person_of=people.get)


def test_the_third_person_hides_the_item_and_the_count_goes_on(world):
    store, moderation = world
    for n in range(2):
        moderation.flag(person(n), EVENT, "spam", None)
    assert not store.targets[EVENT.ref].hidden
    moderation.flag(person(2), EVENT, "hate", "insultes")
    assert store.targets[EVENT.ref].hidden and store.reviews[EVENT.ref].hidden
    moderation.flag(person(3), EVENT, "spam", None)  # still open: hidden items keep counting until reviewed
    review = store.reviews[EVENT.ref]
    assert (review.count, review.total, review.reasons) == (4, 4, {"spam": 3, "hate": 1})


def test_one_flag_per_person(world):
    _, moderation = world
    moderation.flag(person(1), EVENT, "spam", None)
    with pytest.raises(Conflict) as refused:
        moderation.flag(person(1), EVENT, "fraud", None)
    assert refused.value.code == "already_flagged"


def test_unknown_or_unpublished_items_cannot_be_flagged(world):
    store, moderation = world
    with pytest.raises(NotFound):
        moderation.flag(person(1), Target("event", "ev_nope"), "spam", None)
    store.targets["association:as_2"] = TargetInfo("as_2", "x", False, False)  # pending: not public
    with pytest.raises(NotFound):
        moderation.flag(person(1), Target("association", "as_2"), "spam", None)


def test_a_lost_review_write_is_retried_from_a_fresh_read(world):
    store, moderation = world
    moderation.flag(person(1), EVENT, "spam", None)
    real_review = store.review
    calls = {"n": 0}

    def stale_once(target):
        calls["n"] += 1
        review = real_review(target)
        if calls["n"] == 1 and review:  # the first read is one version late
            from dataclasses import replace
            return replace(review, version=review.version - 1, count=review.count - 1)
        return review

    store.review = stale_once
    moderation.flag(person(2), EVENT, "spam", None)
    assert store.reviews[EVENT.ref].count == 2 and store.reviews[EVENT.ref].version == 2


def test_decisions_need_the_version_they_were_taken_on(world):
    store, moderation = world
    for n in range(3):
        moderation.flag(person(n), EVENT, "spam", None)
    version = store.reviews[EVENT.ref].version
    with pytest.raises(Conflict) as stale:
        moderation.decide(MODERATOR, EVENT.ref, "dismiss", version - 1, None)
    assert stale.value.code == "changed_meanwhile"
    decided = moderation.decide(MODERATOR, EVENT.ref, "dismiss", version, "satire")
    assert (decided.status, decided.hidden, decided.count) == (CLOSED, False, 0)
    assert not store.targets[EVENT.ref].hidden
    with pytest.raises(Conflict) as again:
        moderation.decide(MODERATOR, EVENT.ref, "dismiss", decided.version, None)
    assert again.value.code == "nothing_to_review"
    assert store.audit == ["moderation.auto_hidden", "moderation.dismiss"]


def test_hide_restore_and_the_public_history(world):
    store, moderation = world
    moderation.flag(person(1), EVENT, "disinformation", "faux")
    hidden = moderation.decide(MODERATOR, EVENT.ref, "hide", 1, "fausse information")
    assert hidden.hidden and store.targets[EVENT.ref].hidden
    with pytest.raises(Conflict):
        moderation.decide(MODERATOR, EVENT.ref, "hide", hidden.version, None)
    history = moderation.history("as_1")
    assert history == {"association_id": "as_1", "hidden_items": 1, "hidden_by_kind": {"event": 1},
                       "reasons": {"disinformation": 1}, "reviewed_items": 1}
    restored = moderation.decide(MODERATOR, EVENT.ref, "restore", hidden.version, None)
    assert not restored.hidden and not store.targets[EVENT.ref].hidden
    assert moderation.history("as_1")["hidden_items"] == 0


def test_a_flag_after_a_decision_opens_a_new_round(world):
    store, moderation = world
    moderation.flag(person(1), EVENT, "spam", None)
    moderation.decide(MODERATOR, EVENT.ref, "dismiss", 1, None)
    moderation.flag(person(2), EVENT, "spam", None)
    review = store.reviews[EVENT.ref]
    assert (review.status, review.count, review.total) == (OPEN, 1, 2)


def test_members_cannot_moderate_and_only_admins_suspend(world):
    store, moderation = world
    moderation.flag(person(1), EVENT, "fraud", None)
    with pytest.raises(Forbidden):
        moderation.decide(person(2), EVENT.ref, "hide", 1, None)
    with pytest.raises(Forbidden):
        moderation.queue(person(2), 10, None)
    with pytest.raises(Forbidden):
        moderation.decide(MODERATOR, EVENT.ref, "suspend", 1, None)
    moderation.decide(ADMIN, EVENT.ref, "suspend", 1, "fraude répétée")
    assert store.suspended == {"author-1", "P:olena"}  # the account, and the person behind it
    store.suspended.discard("author-1")  # the account erased: the person's marker stays
    moderation.lift_suspension(ADMIN, "author-2", None)  # lifted through their new account
    assert store.suspended == set()
    with pytest.raises(NotFound):
        moderation.lift_suspension(ADMIN, "author-1", None)


def test_warnings_go_to_the_association_and_its_editors_only(world):
    _, moderation = world
    moderation.flag(person(1), EVENT, "hate", None)
    moderation.decide(MODERATOR, EVENT.ref, "warn", 1, "Respectez la charte.")
    owner = Principal("owner", "owner@example.org", True, frozenset())
    warnings, hidden = moderation.notices(owner, "as_1")
    assert [w.note for w in warnings] == ["Respectez la charte."] and hidden == []
    with pytest.raises(Forbidden):
        moderation.notices(person(5), "as_1")


def test_item_references_round_trip():
    candidate = Target("candidate", "cd_1", "el_1")
    assert candidate.ref == "candidate:el_1:cd_1" and Target.parse(candidate.ref) == candidate
    assert Target.parse("event:ev_1") == EVENT
    assert Target.parse("candidate:cd_1") is None and Target.parse("event:") is None


def test_a_suspended_writer_is_refused_in_the_quota_call():
    from hromada.domain.rate_limits import Suspended, Writer, check_write

    class QuotaStore:
        def __init__(self):
            self.calls = []

        def consume(self, quotas, window, expires_at, *, writer=None, now=0):
            self.calls.append(writer.user_id)
            if writer.user_id == "user-9" or writer.person == "olena":
                raise Suspended()

    store = QuotaStore()
    check_write(store, [], 1000.0, writer=Writer("user-1"))
    with pytest.raises(Forbidden) as refused:
        check_write(store, [], 1000.0, writer=Writer("user-9"))
    assert refused.value.code == "account_suspended"
    with pytest.raises(Forbidden):
        check_write(store, [], 1000.0, writer=Writer("user-new", person="olena"))
    check_write(store, [], 1000.0)  # anonymous, no quota: no call at all
    assert store.calls == ["user-1", "user-9", "user-new"]


def test_only_a_verified_address_may_flag(world):
    store, moderation = world
    unverified = Principal("user-x", "fresh@example.org", False, frozenset())
    with pytest.raises(Forbidden) as refused:
        moderation.flag(unverified, EVENT, "spam", None)
    assert refused.value.code == "email_not_verified" and EVENT.ref not in store.reviews


def test_a_candidate_in_a_vote_under_way_is_queued_not_hidden(world):
    store, moderation = world
    candidate = Target("candidate", "ca_1", "el_1")
    store.targets[candidate.ref] = TargetInfo("as_1", "author-1", True, False, auto_hide=False)
    for n in range(5):
        moderation.flag(person(n), candidate, "misinformation", None)
    assert not store.targets[candidate.ref].hidden
    review = store.reviews[candidate.ref]
    assert review.status == OPEN and review.count == 5 and not review.hidden  # in the moderators' queue
    assert moderation.queue(MODERATOR, 10, None).items[0].target == candidate
