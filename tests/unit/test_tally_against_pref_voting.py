"""The counting methods against an independent implementation, pref-voting (a test-only dependency),
on profiles hypothesis generates: small electorates, where ties and cycles are frequent."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pref_voting.grade_methods import approval as pv_approval
from pref_voting.grade_methods import majority_judgement as pv_majority_judgement
from pref_voting.grade_profiles import GradeProfile
from pref_voting.iterative_methods import instant_runoff as pv_instant_runoff
from pref_voting.iterative_methods import instant_runoff_put as pv_instant_runoff_put
from pref_voting.margin_based_methods import beat_path as pv_beat_path
from pref_voting.profiles_with_ties import ProfileWithTies
from pref_voting.scoring_methods import plurality as pv_plurality

from hromada.domain.tally import tally
from hromada.domain.tally.majority_judgment import GRADES

CHECKS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def names(n: int) -> list[str]:
    return [f"c{i}" for i in range(n)]


@st.composite
def weak_rankings(draw, strict: bool = False):
    """(candidates, ballots): rankings over a random subset, in groups (ties) unless strict."""
    n = draw(st.integers(2, 5))
    candidates = names(n)
    ballots = []
    for _ in range(draw(st.integers(1, 25))):
        ranked = draw(st.permutations(candidates))[: draw(st.integers(1, n))]
        groups: list[list[str]] = []
        for candidate in ranked:
            if groups and not strict and draw(st.booleans()):
                groups[-1].append(candidate)
            else:
                groups.append([candidate])
        ballots.append({"ranking": groups})
    return candidates, ballots


def to_profile(candidates: list[str], ballots: list[dict]) -> ProfileWithTies:
    index = {c: i for i, c in enumerate(candidates)}
    rankings = [{index[c]: rank for rank, group in enumerate(b["ranking"], 1) for c in group} for b in ballots]
    profile = ProfileWithTies(rankings, candidates=list(range(len(candidates))))
    profile.use_extended_strict_preference()  # unranked candidates below the ranked ones, as ours
    return profile


def winner_tie(result: dict) -> set[str]:
    """The candidates the method itself could not separate for first place (before any lot)."""
    first = [t for t in result["ties"] if t["stage"] == "winner"]
    return set(first[0]["between"]) if first else {result["winner"]}


def indexes(candidates: list[str], chosen) -> set[str]:
    return {candidates[i] for i in chosen}


@CHECKS
@given(weak_rankings(), st.text(min_size=1, max_size=8))
def test_schulze_matches_beat_path_with_winning_votes(profile, seed):
    candidates, ballots = profile
    ours = tally("schulze", candidates, ballots, seed)
    reference = to_profile(candidates, ballots)
    for i, a in enumerate(candidates):
        for j, b in enumerate(candidates):
            if i != j:
                assert ours["pairwise"][a][b] == reference.support(i, j)
    theirs = indexes(candidates, pv_beat_path(reference, strength_function=reference.support))
    assert winner_tie(ours) == theirs
    assert ours["winner"] in theirs


@CHECKS
@given(weak_rankings(strict=True), st.text(min_size=1, max_size=8))
def test_instant_runoff_matches_pref_voting(profile, seed):
    candidates, ballots = profile
    ours = tally("irv", candidates, ballots, seed)
    reference = to_profile(candidates, ballots)
    # Any way of breaking the ties gives a winner among the parallel-universe winners...
    assert ours["winner"] in indexes(candidates, pv_instant_runoff_put(reference))
    if not ours["ties"]:  # ...and without a tie there is one winner, the same.
        assert [ours["winner"]] == [candidates[i] for i in pv_instant_runoff(reference)]
    for record in ours["rounds"]:
        assert sum(record["counts"].values()) + record["exhausted"] == len(ballots)


@CHECKS
@given(st.integers(2, 6).flatmap(lambda n: st.tuples(st.just(names(n)), st.lists(
    st.sampled_from(names(n)), min_size=1, max_size=30))), st.text(min_size=1, max_size=8))
def test_plurality_matches_pref_voting(profile, seed):
    candidates, choices = profile
    ours = tally("plurality", candidates, [{"choice": c} for c in choices], seed)
    reference = ProfileWithTies([{int(c[1:]): 1} for c in choices], candidates=list(range(len(candidates))))
    assert winner_tie(ours) == indexes(candidates, pv_plurality(reference))


@CHECKS
@given(st.integers(2, 6).flatmap(lambda n: st.tuples(st.just(names(n)), st.lists(
    st.sets(st.sampled_from(names(n))), min_size=1, max_size=30))), st.text(min_size=1, max_size=8))
def test_approval_matches_pref_voting(profile, seed):
    candidates, approvals = profile
    ballots = [{"approve": sorted(a)} for a in approvals]
    ours = tally("approval", candidates, ballots, seed)
    if ours["winner"] is None:  # only blank ballots
        assert not any(approvals)
        return
    reference = GradeProfile([{i: int(c in a) for i, c in enumerate(candidates)} for a in approvals], [0, 1],
                             candidates=list(range(len(candidates))))
    assert winner_tie(ours) == indexes(candidates, pv_approval(reference))


@CHECKS
@given(st.integers(2, 5).flatmap(lambda n: st.tuples(st.just(names(n)), st.lists(
    st.lists(st.sampled_from(GRADES), min_size=n, max_size=n), min_size=1, max_size=30))),
    st.text(min_size=1, max_size=8))
def test_majority_judgment_refines_pref_voting(profile, seed):
    candidates, rows = profile
    ballots = [{"grades": dict(zip(candidates, row, strict=True))} for row in rows]
    ours = tally("majority_judgment", candidates, ballots, seed)
    strength = {g: len(GRADES) - 1 - i for i, g in enumerate(GRADES)}
    reference = GradeProfile([{i: strength[g] for i, g in enumerate(row)} for row in rows], list(range(6)),
                             candidates=list(range(len(candidates))))
    for i, c in enumerate(candidates):
        assert strength[ours["grades"][c]["median"]] == reference.median(i)
    # pref-voting stops at the majority gauge (one tie-break step); the majority value goes on.
    theirs = indexes(candidates, pv_majority_judgement(reference))
    assert ours["winner"] in theirs
    if len(theirs) == 1:
        assert {ours["winner"]} == theirs
