"""Possible matches against in-memory fakes: the threshold, never within one association, a notice that cannot
be sent is forgotten (told later), answers once per side, contacts only when both confirmed."""

from __future__ import annotations

from dataclasses import replace

import pytest

from hromada.auth import Principal
from hromada.domain.ports import ConditionFailed
from hromada.domain.possible_matches import (
    Answer,
    Contact,
    MatchFollowUp,
    PairStatus,
    PossibleMatches,
)
from hromada.domain.twinning_ports import Lookup
from hromada.errors import Conflict, Forbidden, NotFound
from hromada.models.initiative import Initiative
from hromada.reference.matching import Candidate

NOW = "2026-12-06T10:00:00.000Z"


def initiative(id: str, kind: str, association: str = "as_a", **overrides) -> Initiative:
    data = {"id": id, "kind": kind, "title": f"T {id}", "description": {"fr": "x"}, "domain": "culture",
            "oblast": "UA-46", "association_id": association, "association_name": association, "status": "open",
            "created_at": NOW, "updated_at": NOW}
    return Initiative.model_validate(data | overrides)


class Store:
    def __init__(self, editors: dict[str, set[str]]):
        self.pairs: dict[tuple[str, str], object] = {}
        self.editors = editors

    def lookup(self, ids, email, *, profiles):
        return Lookup({}, frozenset(a for a in ids if email in self.editors.get(a, set())))

    def record(self, pair):
        key = (pair.need.initiative_id, pair.offer.initiative_id)
        if key in self.pairs:
            return False
        self.pairs[key] = pair
        return True

    def forget(self, pair):
        self.pairs.pop((pair.need.initiative_id, pair.offer.initiative_id), None)

    def told(self, pair):
        key = (pair.need.initiative_id, pair.offer.initiative_id)
        if key in self.pairs:
            self.pairs[key] = replace(self.pairs[key], untold=None)

    def take_over(self, pair, now, stale):
        key = (pair.need.initiative_id, pair.offer.initiative_id)
        if (self.pairs[key].untold or "~") > stale:
            return False
        self.pairs[key] = replace(self.pairs[key], untold=now)
        return True

    def get(self, need, offer):
        return self.pairs.get((need, offer))

    def of_initiative(self, initiative_id, kind):
        return [p for k, p in self.pairs.items() if initiative_id in k]

    def answer(self, pair, side, answer, editor, now):
        if editor.email not in self.editors.get(editor.association_id, set()):
            raise ConditionFailed("editor")
        key = (pair.need.initiative_id, pair.offer.initiative_id)
        self.pairs[key] = self.pairs[key].answered(side, answer)

    def share(self, pair, now):
        key = (pair.need.initiative_id, pair.offer.initiative_id)
        if self.pairs[key].shared_at:
            return False
        self.pairs[key] = replace(self.pairs[key], shared_at=now)
        return True

    def cancel(self, pair, now):
        key = (pair.need.initiative_id, pair.offer.initiative_id)
        self.pairs[key] = replace(self.pairs[key], cancelled_at=now)
        return True

    def contacts(self, ids):
        return [Contact(a, a, (f"{a}@example.org",)) for a in ids]


class Items:
    def __init__(self, *items):
        self.items = {i.id: i for i in items}

    def get(self, item_id):
        return self.items.get(item_id)

    def candidates(self, domain, kinds):
        return [Candidate(i.kind.value, i.id, i.title, i.status.value, (i.domain.value,), i.region, i.oblast)
                for i in self.items.values() if i.kind.value in kinds and i.matchable]


class Mail:
    def __init__(self, fail: bool = False):
        self.told, self.shared, self.fail = [], [], fail

    def possible_match(self, pair):
        if self.fail:
            raise RuntimeError("queue unavailable")
        self.told.append(pair)

    def contacts_shared(self, pair, contacts):
        self.shared.append(contacts)


def world(*items, mail=None, threshold=8):
    store = Store({"as_a": {"a@example.org"}, "as_b": {"b@example.org"}, "as_c": {"c@example.org"}})
    source = Items(*items)
    return store, PossibleMatches(store, source, source, mail or Mail(), threshold, now=lambda: NOW)


def editor(letter: str) -> Principal:
    return Principal(letter, f"{letter}@example.org", True, frozenset())


def test_only_pairs_above_the_threshold_between_two_associations():
    need, offer = initiative("in_n", "need", "as_a"), initiative("in_o", "offer", "as_b")
    own_offer, far = initiative("in_own", "offer", "as_a"), initiative("in_far", "offer", "as_c", oblast=None,
                                                                            region="76")
    mail = Mail()
    _, matches = world(need, offer, own_offer, far, mail=mail)
    told = matches.notice(need)
    assert [(p.need.initiative_id, p.offer.initiative_id) for p in told] == [("in_n", "in_o")]
    assert mail.told == told and told[0].score == 8
    assert matches.notice(need) == []  # once per pair


def test_a_notice_that_cannot_be_sent_is_forgotten_and_told_later():
    need, offer = initiative("in_n", "need", "as_a"), initiative("in_o", "offer", "as_b")
    store, failing = world(need, offer, mail=Mail(fail=True))
    with pytest.raises(RuntimeError):
        failing.notice(need)
    assert store.pairs == {}
    with pytest.raises(RuntimeError):  # the follow-up fails, so its queue delivers it again
        MatchFollowUp(lambda: failing, Items(need).get).handle("in_n")
    assert store.pairs == {}


def test_answers_once_per_side_and_contacts_once_both_confirmed():
    need, offer = initiative("in_n", "need", "as_a"), initiative("in_o", "offer", "as_b")
    mail = Mail()
    _, matches = world(need, offer, mail=mail)
    matches.notice(need)
    with pytest.raises(Forbidden):
        matches.answer(editor("c"), need, "in_o", Answer.CONFIRMED)  # a third association
    half = matches.answer(editor("a"), need, "in_o", Answer.CONFIRMED)
    assert half.pair.status == PairStatus.PENDING and half.contacts == []
    with pytest.raises(Conflict):
        matches.answer(editor("a"), need, "in_o", Answer.DECLINED)
    both = matches.answer(editor("b"), offer, "in_n", Answer.CONFIRMED)
    assert both.pair.status == PairStatus.CONFIRMED and len(both.contacts) == 2 and len(mail.shared) == 1
    with pytest.raises(NotFound):
        matches.answer(editor("a"), need, "in_x", Answer.CONFIRMED)


def test_a_decline_or_a_withdrawal_ends_the_pair():
    need, offer = initiative("in_n", "need", "as_a"), initiative("in_o", "offer", "as_b")
    _, matches = world(need, offer)
    matches.notice(need)
    assert matches.answer(editor("b"), offer, "in_n", Answer.DECLINED).pair.status == PairStatus.DECLINED
    with pytest.raises(Conflict):
        matches.answer(editor("a"), need, "in_o", Answer.CONFIRMED)
    other = initiative("in_o2", "offer", "as_c")
    _, matches = world(need, other)
    matches.notice(need)
    assert matches.withdrawn("in_n", "need") == 1
    with pytest.raises(Conflict):
        matches.answer(editor("c"), other, "in_n", Answer.CONFIRMED)


def test_an_initiative_open_again_looks_again_but_tells_no_pair_twice():
    need, offer = initiative("in_n", "need", "as_a"), initiative("in_o", "offer", "as_b")
    mail = Mail()
    store, matches = world(need, offer, mail=mail)
    follow_up = MatchFollowUp(lambda: matches, matches.initiatives.get)
    follow_up.handle("in_n")
    later = initiative("in_o2", "offer", "as_c")
    matches.initiatives.items[later.id] = later  # published while the need was matched
    follow_up.handle("in_n")  # open again
    assert [p.offer.initiative_id for p in mail.told] == ["in_o", "in_o2"]
    assert sorted(store.pairs) == [("in_n", "in_o"), ("in_n", "in_o2")]
