"""Schulze and instant-runoff count ranked ballots as arrays (hromada.domain.tally.rankings). Their results
must be those of the pure-Python counts they replaced (tests/unit/tally_reference.py), field for field:
working, ties and lot draws, on partial rankings, ties inside a ranking, empty rankings and groups, ids that are not
candidates (instant-runoff passes over them), and ballot boxes read in several chunks."""

from __future__ import annotations

import os
import random
import subprocess
import sys
from pathlib import Path
from unittest.mock import patch

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hromada.domain.tally import rankings, tally
from hromada.domain.tally.lot import Lot
from tests.unit import tally_reference

CHECKS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def boxes(draw, strict: bool = False, outsiders: bool = False):
    """(candidates, ballots, chunk): rankings over a random subset, tied in groups unless strict; few
    candidates and voters, so equal counts (ties for the lot, for earlier rounds) are frequent."""
    n = draw(st.integers(1, 7))
    candidates = [f"c{i}" for i in range(n)]
    pool = candidates + (["not-a-candidate"] if outsiders else [])
    ballots = []
    for _ in range(draw(st.integers(0, 30))):
        ranked = draw(st.permutations(pool))[: draw(st.integers(0, len(pool)))]
        groups: list[list[str]] = []
        for candidate in ranked:
            if groups and not strict and draw(st.booleans()):
                groups[-1].append(candidate)
            else:
                groups.append([candidate])
        if not strict and draw(st.integers(0, 4)) == 0:  # an empty group (not from the API): no place taken
            groups.insert(draw(st.integers(0, len(groups))), [])
        ballots.append({"ranking": groups})
    return candidates, ballots, draw(st.sampled_from([1, 3, rankings.CHUNK]))


def both(method: str, candidates: list[str], ballots: list[dict], seed: str, chunk: int) -> tuple[dict, dict]:
    with patch.object(rankings, "CHUNK", chunk):
        ours = tally(method, candidates, iter(ballots), seed)  # read once, as from the store
    count = tally_reference.schulze if method == "schulze" else tally_reference.irv
    lot = Lot(seed)
    return ours, {"method": method, **count(list(candidates), ballots, lot), "lot_seed": lot.seed}


@CHECKS
@given(boxes(), st.text(min_size=1, max_size=6))
def test_schulze_is_the_previous_count_with_ties_and_partial_rankings(box, seed):
    candidates, ballots, chunk = box
    ours, before = both("schulze", candidates, ballots, seed, chunk)
    assert ours == before


@CHECKS
@given(boxes(strict=True, outsiders=True), st.text(min_size=1, max_size=6))
def test_instant_runoff_is_the_previous_count_round_by_round(box, seed):
    candidates, ballots, chunk = box
    ours, before = both("irv", candidates, ballots, seed, chunk)
    assert ours == before


def electorate(count: int, candidates: list[str], rng: random.Random, ties: bool) -> list[dict]:
    """Four camps with neighbours swapped, cut after 1 to all places; with ties, some neighbours grouped."""
    camps = [rng.sample(candidates, len(candidates)) for _ in range(4)]
    ballots = []
    for _ in range(count):
        order = list(rng.choice(camps))
        for _ in range(rng.randrange(4)):
            i = rng.randrange(len(order) - 1)
            order[i], order[i + 1] = order[i + 1], order[i]
        groups: list[list[str]] = []
        for candidate in order[: rng.randint(1, len(order))]:
            if groups and ties and rng.random() < 0.2:
                groups[-1].append(candidate)
            else:
                groups.append([candidate])
        ballots.append({"ranking": groups})
    return ballots


@pytest.mark.parametrize(("method", "ties"), [("schulze", True), ("schulze", False), ("irv", False)])
def test_thousands_of_ballots_over_several_chunks(method, ties):
    rng = random.Random(f"{method}-{ties}")
    candidates = [f"ca_{i:020x}" for i in range(12)]
    ballots = electorate(20_000, candidates, rng, ties)
    ours, before = both(method, candidates, ballots, "seed", 4096)
    assert ours == before
    assert ours["ballots"] == 20_000


def plain(value) -> bool:
    if isinstance(value, dict):
        return all(isinstance(k, str) and plain(v) for k, v in value.items())
    if isinstance(value, list):
        return all(plain(v) for v in value)
    return value is None or type(value) in (str, int, bool)


@pytest.mark.parametrize("method", ["schulze", "irv"])
def test_results_hold_python_values_only(method):
    # A numpy integer equals an int (so the comparisons above would not see it) but the store cannot write it.
    ballots = [{"ranking": [["A"], ["B"]]}, {"ranking": [["B"]]}, {"ranking": [["C"], ["A"]]}, {"ranking": []}]
    assert plain(tally(method, ["A", "B", "C"], ballots, "s"))


def test_schulze_refuses_a_candidate_ranked_twice():
    with pytest.raises(ValueError, match="ranked twice"):
        tally("schulze", ["A", "B"], [{"ranking": [["A"], ["B", "A"]]}], "s")


def test_counting_path_alone_loads_numpy():
    """numpy is for the count, not for the cold start of every function that imports the domain."""
    code = ("import sys; import hromada.domain.elections, hromada.domain.tally; "
            "assert 'numpy' not in sys.modules; "
            "hromada.domain.tally.tally('schulze', ['A'], [{'ranking': [['A']]}], 's'); "
            "assert 'numpy' in sys.modules")
    layer = Path(__file__).resolve().parents[2] / "layers" / "common"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(layer)})
    assert done.returncode == 0, done.stderr
