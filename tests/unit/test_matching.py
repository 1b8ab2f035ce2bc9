"""The matching score: which candidates qualify, what they score, and in which order they come."""

from __future__ import annotations

import pytest

from hromada.domain.matching import rank, score
from hromada.domain.territories import FRENCH_REGION_BORDERS, OBLAST_BORDERS
from hromada.reference import geography
from hromada.reference.matching import POINTS, Candidate, Criteria

OCCITANIE, NOUVELLE_AQUITAINE, BRETAGNE = "76", "75", "53"
LVIV, VOLYN, KHARKIV = "UA-46", "UA-07", "UA-63"


def candidate(id: str = "x", *, kind: str = "partnership", status: str = "in_discussion",
              domains: tuple[str, ...] = ("agriculture",), region: str | None = OCCITANIE,
              oblast: str | None = LVIV, title: str | None = None) -> Candidate:
    return Candidate(kind, id, title or id, status, domains, region, oblast)


@pytest.mark.parametrize(("criteria", "found", "reasons"), [
    (Criteria("agriculture", OCCITANIE), candidate(), ("same_domain", "same_region")),
    (Criteria("agriculture", OCCITANIE), candidate(region=NOUVELLE_AQUITAINE),
     ("same_domain", "neighbouring_region")),
    (Criteria("agriculture", OCCITANIE), candidate(region=None), ("same_domain", "any_region")),
    (Criteria("agriculture", oblast=LVIV), candidate(oblast=VOLYN), ("same_domain", "neighbouring_oblast")),
    (Criteria("agriculture", OCCITANIE, LVIV), candidate(), ("same_domain", "same_region", "same_oblast")),
    (Criteria("agriculture"), candidate(status="active"), ("same_domain", "established_link")),
    (Criteria("agriculture"), candidate(status="signed"), ("same_domain", "established_link")),
    (Criteria("agriculture"), candidate(status="proposed"), ("same_domain", "seeking_partners")),
    (Criteria("agriculture"), candidate(kind="need", status="open"), ("same_domain", "seeking_partners")),
    (Criteria("agriculture"), candidate(status="ended"), ("same_domain",)),
])
def test_reasons_and_their_points(criteria, found, reasons):
    match = score(criteria, found)
    assert match is not None and match.reasons == reasons
    assert match.score == sum(POINTS[r] for r in reasons)


@pytest.mark.parametrize(("criteria", "found"), [
    (Criteria("energy", OCCITANIE), candidate()),  # another domain
    (Criteria("agriculture", OCCITANIE), candidate(region=BRETAGNE)),  # far region
    (Criteria("agriculture", oblast=LVIV), candidate(oblast=KHARKIV)),  # far oblast
    (Criteria("agriculture", OCCITANIE, LVIV), candidate(oblast=KHARKIV)),  # right region, far oblast
])
def test_other_domains_and_far_places_are_ruled_out(criteria, found):
    assert score(criteria, found) is None


def test_a_partnership_matches_on_any_of_its_domains():
    assert score(Criteria("culture"), candidate(domains=("agriculture", "culture"))) is not None


def test_same_domain_and_region_first_then_neighbouring_criteria():
    found = [
        candidate("neighbour", region=NOUVELLE_AQUITAINE, status="active"),
        candidate("far", region=BRETAGNE, status="active"),
        candidate("open-offer", kind="offer", status="open", region=None, oblast=None),
        candidate("same", status="in_discussion"),
        candidate("same-established", status="active"),
        candidate("other-domain", domains=("energy",)),
    ]
    ranked = rank(Criteria("agriculture", OCCITANIE), found, limit=10)
    assert [m.candidate.id for m in ranked] == ["same-established", "same", "neighbour", "open-offer"]
    assert [m.score for m in ranked] == [8, 7, 6, 6]


def test_equal_scores_come_alphabetically_and_the_limit_applies():
    found = [candidate(f"id{n}", title=title) for n, title in enumerate(["Épi", "blé", "Avoine"])]
    ranked = rank(Criteria("agriculture", OCCITANIE), found, limit=2)
    assert [m.candidate.title for m in ranked] == ["Avoine", "blé"]


def test_neighbours_are_mutual_and_known_codes():
    for borders, known in ((FRENCH_REGION_BORDERS, geography.REGIONS), (OBLAST_BORDERS, geography.OBLASTS)):
        for code, neighbours in borders.items():
            assert code in known and neighbours <= set(known), code
            assert code not in neighbours
            assert all(code in borders[other] for other in neighbours), code
    assert set(OBLAST_BORDERS) == set(geography.OBLASTS)
    assert "94" not in FRENCH_REGION_BORDERS  # Corsica: an island
