"""The counting methods against published examples whose answers are known."""

from __future__ import annotations

import pytest

from hromada.domain.tally import tally
from hromada.domain.tally.lot import Lot


def ranked(profile: list[tuple[int, str]]) -> list[dict]:
    """[(5, "ACB")] -> five ballots ranking A > C > B (one candidate per letter)."""
    return [{"ranking": [[c] for c in order]} for count, order in profile for _ in range(count)]


# Wikipedia, "Schulze method": 45 voters, 5 candidates; the winner is E, the order E > A > C > B > D.
WIKIPEDIA_SCHULZE = [(5, "ACBED"), (5, "ADECB"), (8, "BEDAC"), (3, "CABED"), (7, "CAEBD"), (2, "CBADE"),
                     (7, "DCEBA"), (8, "EBADC")]
# Wikipedia's Tennessee capital example: 42 % Memphis, 26 % Nashville, 15 % Chattanooga, 17 % Knoxville.
TENNESSEE = [(42, "MNCK"), (26, "NCKM"), (15, "CKNM"), (17, "KCNM")]


def test_schulze_wikipedia_example_matrix_paths_and_order():
    result = tally("schulze", list("ABCDE"), ranked(WIKIPEDIA_SCHULZE), "seed")
    assert result["winner"] == "E"
    assert result["ranking"] == list("EACBD")
    assert result["pairwise"]["A"] == {"B": 20, "C": 26, "D": 30, "E": 22}
    assert result["pairwise"]["D"] == {"A": 15, "B": 12, "C": 28, "E": 14}
    assert result["strongest_paths"] == {
        "A": {"B": 28, "C": 28, "D": 30, "E": 24}, "B": {"A": 25, "C": 28, "D": 33, "E": 24},
        "C": {"A": 25, "B": 29, "D": 29, "E": 24}, "D": {"A": 25, "B": 28, "C": 28, "E": 24},
        "E": {"A": 25, "B": 28, "C": 28, "D": 31}}
    assert result["ties"] == [] and result["ballots"] == 45


def test_tennessee_each_method_its_own_winner():
    ballots = ranked(TENNESSEE)
    assert tally("plurality", list("MNCK"), [{"choice": b["ranking"][0][0]} for b in ballots], "s")["winner"] == "M"
    assert tally("schulze", list("MNCK"), ballots, "s")["winner"] == "N"  # the Condorcet winner
    irv = tally("irv", list("MNCK"), ballots, "s")
    assert irv["winner"] == "K"
    assert [(r["eliminated"], r["transfers"]) for r in irv["rounds"]] == [("C", {"K": 15}), ("N", {"K": 26}),
                                                                           (None, {})]
    assert irv["rounds"][-1]["counts"] == {"M": 42, "K": 58}
    assert irv["ranking"] == ["K", "M", "N", "C"]


def test_schulze_partial_rankings_and_ties():
    # Unranked candidates sit below every ranked one; a group is a tie.
    ballots = [{"ranking": [["A", "B"]]}, {"ranking": [["B"], ["C"]]}, {"ranking": [["C"]]}]
    result = tally("schulze", list("ABC"), ballots, "s")
    assert result["pairwise"] == {"A": {"B": 0, "C": 1}, "B": {"A": 1, "C": 2}, "C": {"A": 2, "B": 1}}
    assert result["winner"] == "B"


def test_irv_exhausted_ballots_and_the_majority_of_ballots_still_in_play():
    ballots = ranked([(4, "A"), (3, "B"), (2, "CB"), (1, "D")])
    result = tally("irv", list("ABCD"), ballots, "s")
    first, second, third = result["rounds"]
    assert (first["eliminated"], first["to_exhausted"]) == ("D", 1)
    assert (second["eliminated"], second["transfers"]) == ("C", {"B": 2})
    assert third["counts"] == {"A": 4, "B": 5} and third["exhausted"] == 1 and result["winner"] == "B"


def test_irv_tie_for_last_broken_by_the_previous_round_then_stated():
    # Round 2: C and D tie on 3; in round 1 C had fewer (2 against 3), so C goes.
    ballots = ranked([(5, "A"), (4, "B"), (2, "C"), (3, "D"), (1, "EC")])
    result = tally("irv", list("ABCDE"), ballots, "s")
    assert result["rounds"][1]["counts"] == {"A": 5, "B": 4, "C": 3, "D": 3}
    assert result["rounds"][1]["eliminated"] == "C"
    assert result["ties"][0] == {"stage": "round 2 elimination", "between": ["C", "D"], "rule": "previous rounds",
                                 "chosen": "C", "detail": result["ties"][0]["detail"]}


def test_plurality_tie_broken_by_lot_and_stated():
    ballots = [{"choice": "A"}, {"choice": "B"}]
    result = tally("plurality", ["A", "B"], ballots, "box-digest")
    expected = Lot("box-digest").order(["A", "B"])
    assert result["winner"] == expected[0]
    assert result["ties"] == [{"stage": "winner", "between": expected, "rule": "lot", "chosen": expected[0],
                               "detail": result["ties"][0]["detail"]}]
    assert "SHA-256" in result["ties"][0]["detail"]
    # Another seed, possibly another draw: the lot is the seed's, not the order of the candidates.
    draws = {tally("plurality", ["A", "B"], ballots, f"seed-{i}")["winner"] for i in range(20)}
    assert draws == {"A", "B"}


def test_approval_counts_and_blank_ballots():
    ballots = [{"approve": ["A", "B"]}, {"approve": ["B"]}, {"approve": []}, {"approve": ["B", "C"]}]
    result = tally("approval", list("ABC"), ballots, "s")
    assert result["counts"] == {"A": 1, "B": 3, "C": 1} and result["blank"] == 1 and result["winner"] == "B"
    assert result["ballots"] == 4
    assert tally("approval", list("AB"), [{"approve": []}], "s")["winner"] is None


def grades(*rows: str) -> list[dict]:
    """grades("AB:good,fair") -> one ballot grading A good and B fair."""
    out = []
    for row in rows:
        names, values = row.split(":")
        out.append({"grades": dict(zip(names, values.split(","), strict=True))})
    return out


def test_majority_judgment_medians_and_majority_value():
    # A: good, good, fair -> median good; B: very good, good, poor -> median good.
    # Removing one median grade: A keeps fair, B keeps poor: A wins.
    ballots = grades("AB:good,very_good", "AB:good,good", "AB:fair,poor")
    result = tally("majority_judgment", ["A", "B"], ballots, "s")
    assert result["winner"] == "A"
    assert result["grades"]["A"]["median"] == result["grades"]["B"]["median"] == "good"
    assert (result["grades"]["B"]["above"], result["grades"]["B"]["below"]) == (1, 1)
    assert result["ties"][0]["rule"] == "majority value"
    assert "fair against poor" in result["ties"][0]["detail"]


def test_majority_judgment_lower_median_for_even_numbers():
    ballots = grades("AB:excellent,good", "AB:poor,good")
    result = tally("majority_judgment", ["A", "B"], ballots, "s")
    assert result["grades"]["A"]["median"] == "poor"  # the lower of the two middle grades
    assert result["winner"] == "B"


def test_majority_judgment_identical_grades_go_to_the_lot():
    ballots = grades("AB:good,good", "AB:fair,fair")
    result = tally("majority_judgment", ["A", "B"], ballots, "seed")
    assert result["ties"][0]["rule"] == "lot"
    assert result["winner"] == Lot("seed").order(["A", "B"])[0]


@pytest.mark.parametrize("method", ["plurality", "approval", "schulze", "irv", "majority_judgment"])
def test_no_ballots_no_winner(method):
    result = tally(method, ["A", "B"], [], "s")
    assert result["winner"] is None and result["ballots"] == 0 and result["method"] == method


def test_unknown_method_is_refused():
    with pytest.raises(ValueError, match="unknown method"):
        tally("borda", ["A"], [], "s")
