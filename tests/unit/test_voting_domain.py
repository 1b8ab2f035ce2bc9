"""Ballot rules, trackers, the published pages and digest, and the election calendar: pure functions."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from hromada.domain.ballots import PAGE_BALLOTS, PAGE_BYTES, Digest, Pages, new_tracker, normalise, shard_of
from hromada.domain.elections import check_schedule, next_status
from hromada.errors import Invalid
from hromada.models.election import BallotIn, Election, ElectionStatus, Method

A, B, C, GONE = (f"ca_{c * 20}" for c in "abc0")
ON_BALLOT = [A, B, C]


def ballot(**fields) -> BallotIn:
    return BallotIn.model_validate(fields)


@pytest.mark.parametrize(("method", "given", "stored"), [
    (Method.PLURALITY, {"choice": B}, {"choice": B}),
    (Method.APPROVAL, {"approve": [C, A]}, {"approve": [A, C]}),  # ballot order
    (Method.APPROVAL, {"approve": []}, {"approve": []}),  # a blank vote
    (Method.SCHULZE, {"ranking": [[C, A], [B]]}, {"ranking": [[A, C], [B]]}),
    (Method.SCHULZE, {"ranking": [[B]]}, {"ranking": [[B]]}),  # the others: tied last
    (Method.IRV, {"ranking": [[C], [A]]}, {"ranking": [[C], [A]]}),
    (Method.MAJORITY_JUDGMENT, {"grades": {B: "good"}},
     {"grades": {A: "to_reject", B: "good", C: "to_reject"}}),
])
def test_ballots_are_stored_in_one_canonical_form(method, given, stored):
    assert normalise(method, ON_BALLOT, ballot(**given)) == stored


@pytest.mark.parametrize(("method", "given", "field", "code"), [
    (Method.PLURALITY, {"choice": GONE}, "choice", "candidate_not_on_ballot"),
    (Method.PLURALITY, {"ranking": [[A]]}, "choice", "validation_failed"),
    (Method.APPROVAL, {"approve": [A, A]}, "approve", "validation_failed"),
    (Method.APPROVAL, {"approve": [A, GONE]}, "approve.1", "candidate_not_on_ballot"),
    (Method.SCHULZE, {"ranking": [[A], [B, A]]}, "ranking.1.1", "validation_failed"),
    (Method.SCHULZE, {"ranking": [[A]], "choice": A}, "choice", "validation_failed"),
    (Method.IRV, {"ranking": [[A, B]]}, "ranking.0", "validation_failed"),
    (Method.MAJORITY_JUDGMENT, {"grades": {GONE: "good"}}, f"grades.{GONE}", "candidate_not_on_ballot"),
])
def test_bad_ballots_name_the_field(method, given, field, code):
    with pytest.raises(Invalid) as refused:
        normalise(method, ON_BALLOT, ballot(**given))
    assert refused.value.details[0]["field"] == field and refused.value.code == code


def test_trackers_are_random_and_find_their_shard():
    trackers = {new_tracker() for _ in range(3200)}
    assert len(trackers) == 3200
    assert all(re.fullmatch(r"[A-Z2-7]{4}(-[A-Z2-7]{4}){4}", t) for t in trackers)
    per_shard = Counter(shard_of(t, 32) for t in trackers)
    assert set(per_shard) == set(range(32)) and max(per_shard.values()) < 3 * 100  # spread, no hot shard
    assert all(shard_of(t, 32) == shard_of(t, 32) for t in list(trackers)[:10])


def test_the_digest_depends_on_every_ballot_and_on_their_order():
    box = [("AAAA", {"choice": A}), ("BBBB", {"choice": B})]

    def digest(ballots):
        stream = Digest(ballots)
        assert [pair for pair in stream] == list(ballots)
        return stream.hexdigest(), stream.count

    first, count = digest(box)
    assert count == 2
    assert digest(list(reversed(box)))[0] != first
    assert digest([box[0], ("BBBB", {"choice": C})])[0] != first
    assert digest(box[:1])[0] != first
    assert digest(box)[0] == first


def test_pages_hold_at_most_a_thousand_ballots_or_256_kb():
    written = {}
    pages = Pages(lambda number, page: written.setdefault(number, page))
    for i in range(PAGE_BALLOTS + 5):
        pages.add(f"T{i:05d}", {"choice": A})
    pages.flush()
    assert [len(written[n]) for n in sorted(written)] == [PAGE_BALLOTS, 5] and pages.written == 2
    assert written[1][0] == {"tracker": "T00000", "choice": A}
    big = Pages(lambda number, page: written.update({("big", number): page}))
    grades = {f"ca_{i:020x}": "very_good" for i in range(50)}
    for i in range(300):
        big.add(f"T{i:05d}", {"grades": grades})
    big.flush()
    sizes = [len(str(written[("big", n)])) for n in range(1, big.written + 1)]
    assert big.written > 1 and max(sizes) < PAGE_BYTES * 1.2


def election(status: ElectionStatus, **times) -> Election:
    calendar = {"nominations_open_at": "2030-01-01T00:00:00.000Z", "voting_opens_at": "2030-02-01T00:00:00.000Z",
                "voting_closes_at": "2030-03-01T00:00:00.000Z"} | times
    return Election.model_validate({
        "id": "el_x", "title": {"en": "Test"}, "method": "schulze", "electorate": "members",
        "nominations_per_association": 2, "status": status, "shards": 32, "created_by": "admin",
        "created_at": "2029-12-01T00:00:00.000Z", "updated_at": "2029-12-01T00:00:00.000Z",
        "closed_at": "2030-03-01T00:00:00.000Z" if status == ElectionStatus.CLOSED else None, **calendar})


@pytest.mark.parametrize(("status", "now", "expected"), [
    (ElectionStatus.DRAFT, "2029-12-31T23:59:59.999Z", None),
    (ElectionStatus.DRAFT, "2030-01-01T00:00:00.000Z", ElectionStatus.NOMINATIONS),
    (ElectionStatus.DRAFT, "2030-06-01T00:00:00.000Z", ElectionStatus.NOMINATIONS),  # one step at a time
    (ElectionStatus.NOMINATIONS, "2030-01-15T00:00:00.000Z", None),
    (ElectionStatus.NOMINATIONS, "2030-02-01T00:00:00.000Z", ElectionStatus.VOTING),
    (ElectionStatus.VOTING, "2030-02-28T00:00:00.000Z", None),
    (ElectionStatus.VOTING, "2030-03-01T00:00:00.000Z", ElectionStatus.CLOSED),
    (ElectionStatus.CLOSED, "2030-03-01T00:00:00.000Z", ElectionStatus.PUBLISHED),
    (ElectionStatus.PUBLISHED, "2040-01-01T00:00:00.000Z", None),
])
def test_the_calendar_moves_elections_one_phase_at_a_time(status, now, expected):
    assert next_status(election(status), now) == expected


@pytest.mark.parametrize(("times", "field"), [
    (("2030-02-01", "2030-01-01", "2030-03-01"), "voting_opens_at"),
    (("2030-01-01", "2030-03-01", "2030-02-01"), "voting_closes_at"),
    (("2020-01-01", "2020-02-01", "2020-03-01"), "voting_closes_at"),
])
def test_schedules_must_be_in_order_and_close_in_the_future(times, field):
    with pytest.raises(Invalid) as refused:
        check_schedule(*times, now="2026-01-01")
    assert refused.value.details[0]["field"] == field
    check_schedule("2030-01-01", "2030-02-01", "2030-03-01", now="2026-01-01")


@pytest.mark.parametrize("value", ["\x00", "\x07\x08", " \x01 "])
def test_text_of_control_characters_only_is_refused_not_stored_empty(value):
    from pydantic import ValidationError

    from hromada.models.election import ElectionCreate

    with pytest.raises(ValidationError):
        ElectionCreate.model_validate({
            "title": {"en": "Title"}, "description": {"fr": "ok", "uk": value}, "method": "irv",
            "nominations_open_at": "2030-01-01T00:00:00Z", "voting_opens_at": "2030-02-01T00:00:00Z",
            "voting_closes_at": "2030-03-01T00:00:00Z"})
