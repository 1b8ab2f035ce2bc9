"""Which initiative writes stage the pairing follow-up (in their own transaction), and what the follow-up does
with the initiative as it is when it runs: pairs told once however often it is delivered, nothing for one edited
away or no longer open, pending pairs cancelled once closed."""

from __future__ import annotations

import pytest

from hromada.domain.initiatives import MATCHES_FOLLOW_UP, matches_follow_ups
from hromada.domain.possible_matches import MatchFollowUp, PairStatus
from hromada.models.initiative import Initiative
from tests.unit.test_possible_matches_domain import Mail, initiative, world

OPEN = initiative("in_n", "need")


def changed(i: Initiative, **fields) -> Initiative:
    return Initiative.model_validate(i.model_dump() | fields)


@pytest.mark.parametrize(("previous", "updated", "staged"), [
    (None, OPEN, True),  # published
    (OPEN, changed(OPEN, title="Autre titre"), False),  # its pairs cannot change
    (OPEN, changed(OPEN, oblast="UA-48"), True),  # another place: other pairs
    (OPEN, changed(OPEN, domain="sport"), True),
    (OPEN, changed(OPEN, status="matched"), False),
    (changed(OPEN, status="matched"), OPEN, True),  # open again
    (OPEN, changed(OPEN, status="closed"), True),  # its pending pairs cancelled
    (OPEN, changed(OPEN, hidden=True), False),
    (changed(OPEN, hidden=True), OPEN, True),  # shown again
])
def test_the_writes_that_stage_a_follow_up(previous, updated, staged):
    events = matches_follow_ups(previous, updated)
    assert [(e.kind, e.detail) for e in events] == (
        [(MATCHES_FOLLOW_UP, {"initiative_id": "in_n"})] if staged else [])


def test_a_follow_up_delivered_again_tells_nobody_twice():
    need, offer = initiative("in_n", "need", "as_a"), initiative("in_o", "offer", "as_b")
    mail = Mail()
    store, matches = world(need, offer, mail=mail)
    follow_up = MatchFollowUp(lambda: matches, matches.initiatives.get)
    assert [p.offer.initiative_id for p in follow_up.handle("in_n")] == ["in_o"]
    assert follow_up.handle("in_n") == [] and follow_up.handle("in_o") == []
    assert [(p.need.initiative_id, p.offer.initiative_id) for p in mail.told] == [("in_n", "in_o")]
    assert list(store.pairs) == [("in_n", "in_o")]


def test_the_follow_up_reads_the_initiative_as_it_is_now():
    need, offer = initiative("in_n", "need", "as_a"), initiative("in_o", "offer", "as_b")
    mail = Mail()
    store, matches = world(need, offer, mail=mail)
    follow_up = MatchFollowUp(lambda: matches, matches.initiatives.get)
    matches.initiatives.items["in_n"] = changed(need, domain="sport")  # edited before it runs
    assert follow_up.handle("in_n") == [] and mail.told == [] and store.pairs == {}
    matches.initiatives.items["in_n"] = changed(need, status="matched")
    assert follow_up.handle("in_n") == [] and mail.told == []
    assert follow_up.handle("in_missing") == []


def test_a_closed_initiatives_follow_up_cancels_its_pending_pairs():
    need, offer = initiative("in_n", "need", "as_a"), initiative("in_o", "offer", "as_b")
    mail = Mail()
    store, matches = world(need, offer, mail=mail)
    follow_up = MatchFollowUp(lambda: matches, matches.initiatives.get)
    follow_up.handle("in_n")
    matches.initiatives.items["in_n"] = changed(need, status="closed")
    assert follow_up.handle("in_n") == []
    assert store.pairs[("in_n", "in_o")].status == PairStatus.CANCELLED and len(mail.told) == 1


def test_a_pair_left_untold_by_a_follow_up_that_died_is_told_by_the_redelivery():
    need, offer = initiative("in_n", "need", "as_a"), initiative("in_o", "offer", "as_b")
    mail = Mail()
    store, matches = world(need, offer, mail=mail)
    clock = ["2026-12-06T10:00:00.000Z"]
    matches.now = lambda: clock[0]
    follow_up = MatchFollowUp(lambda: matches, matches.initiatives.get)
    store.told = lambda pair: None  # stands for a death: recorded, then nothing more ran
    mail.fail = True
    store.forget = lambda pair: None
    with pytest.raises(RuntimeError):
        follow_up.handle("in_n")
    assert store.pairs[("in_n", "in_o")].untold
    del store.told, store.forget  # the class's own again
    mail.fail = False
    clock[0] = "2026-12-06T10:00:30.000Z"  # another delivery still at work could be telling it
    assert follow_up.handle("in_n") == [] and mail.told == []
    clock[0] = "2026-12-06T10:03:00.000Z"  # redelivered after the queue's visibility timeout
    assert [p.offer.initiative_id for p in follow_up.handle("in_n")] == ["in_o"]
    assert follow_up.handle("in_n") == [] and len(mail.told) == 1
    assert not store.pairs[("in_n", "in_o")].untold
