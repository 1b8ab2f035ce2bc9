"""An election from end to end over HTTP: organize, nominate, vote in secret, publish, verify."""

from __future__ import annotations

import pytest

from tests.integration.voting import all_ballots, in_nominations, in_voting, nomination_body, ok, publish


@pytest.fixture(scope="module")
def cast(person, api):
    admin = person("admins", label="admin")
    owner = person(label="owner")
    moderator = person("moderators", label="moderator")
    from tests.conftest import association_body

    association = ok(api("POST", "/associations", owner, json=association_body()), 201)
    ok(api("POST", f"/associations/{association['id']}/verify", moderator, json={}))
    return {"admin": admin, "owner": owner, "candidate": person(label="candidate"), "association": association}


def test_a_schulze_election_from_nominations_to_a_verifiable_result(api, stack, person, cast):
    admin, owner, association = cast["admin"], cast["owner"], cast["association"]
    election = in_nominations(api, admin, method="schulze")
    assert election["status"] == "nominations" and election["turnout"] is None
    # An owner nominates three; the candidate consents; the organizers approve two and reject one.
    nominated = [ok(api("POST", f"/elections/{election['id']}/candidates", owner,
                        json=nomination_body(association["id"], cast["candidate"].email, name)), 201)
                 for name in ("Olena", "Taras", "Iryna")]
    for n in nominated:
        assert n["status"] == "nominated"
        ok(api("POST", f"/elections/{election['id']}/candidates/{n['id']}/consent", cast["candidate"]))
    olena, taras, iryna = (n["id"] for n in nominated)
    ok(api("POST", f"/elections/{election['id']}/candidates/{olena}/approve", admin))
    ok(api("POST", f"/elections/{election['id']}/candidates/{taras}/approve", admin))
    rejected = ok(api("POST", f"/elections/{election['id']}/candidates/{iryna}/reject", admin,
                      json={"reason": "Dossier incomplet"}))
    assert rejected["status"] == "rejected" and rejected["status_reason"] == "Dossier incomplet"
    public = ok(api("GET", f"/elections/{election['id']}/candidates"))
    assert {c["id"] for c in public} == {olena, taras} and all("email" not in c for c in public)

    voting = ok(api("POST", f"/elections/{election['id']}/open", admin))
    assert voting["status"] == "voting" and [c["id"] for c in voting["ballot"]] == sorted(
        [olena, taras], key=lambda i: {olena: "olena", taras: "taras"}[i])
    voters = [person(label="voter") for _ in range(5)]
    rankings = [[[olena], [taras]], [[taras]], [[olena, taras]], [[olena]], [[taras], [olena]]]
    receipts = [ok(api("POST", f"/elections/{election['id']}/ballots", v, json={"ranking": r}), 201)
                for v, r in zip(voters, rankings, strict=True)]
    assert all(set(r) == {"election_id", "tracker"} for r in receipts)
    # Turnout is public while voting; results and ballots are not.
    assert ok(api("GET", f"/elections/{election['id']}"))["turnout"] == 5
    assert api("GET", f"/elections/{election['id']}/results").status_code == 409
    assert api("GET", f"/elections/{election['id']}/ballots").status_code == 409
    assert ok(api("GET", f"/elections/{election['id']}/my-vote", voters[0])) == {
        "electorate": "members", "eligible": True, "voted": True, "associations": []}

    official = publish(api, stack, admin, election["id"])
    assert official["result"]["method"] == "schulze" and official["result"]["ballots"] == 5
    assert official["result"]["pairwise"][olena][taras] == 2 and official["result"]["pairwise"][taras][olena] == 2
    assert official["result"]["winner"] in (olena, taras) and official["result"]["ties"]  # 2-2: the lot decides
    assert ok(api("GET", f"/elections/{election['id']}"))["status"] == "published"

    published = all_ballots(api, election["id"])
    assert sorted(b["tracker"] for b in published) == sorted(r["tracker"] for r in receipts)
    for receipt, ranking in zip(receipts, rankings, strict=True):
        mine = ok(api("GET", f"/elections/{election['id']}/ballots/{receipt['tracker']}"))
        assert mine["ranking"] == ranking
    # The published ballots say nothing of who cast them.
    assert all(set(k for k, v in b.items() if v is not None) == {"tracker", "ranking"} for b in published)

    audit = ok(api("GET", f"/elections/{election['id']}/audit", admin))
    actions = [e["action"] for e in audit]
    for action in ("election.created", "election.nominations_opened", "candidate.approved", "candidate.rejected",
                   "election.voting_opened", "election.closed", "election.published"):
        assert action in actions
    closed = next(e for e in audit if e["action"] == "election.closed")
    assert closed["actor_id"] == admin.sub and closed["reason"] and closed["at"]


def test_irv_result_carries_rounds_and_transfers(api, stack, person, cast):
    election, (a, b, c) = in_voting(api, cast["admin"], cast["owner"], cast["association"], cast["candidate"],
                                    method="irv")
    for ranking in ([[a]], [[a]], [[b]], [[b]], [[c], [b]]):
        ok(api("POST", f"/elections/{election['id']}/ballots", person(label="voter"), json={"ranking": ranking}),
           201)
    result = publish(api, stack, cast["admin"], election["id"])["result"]
    assert result["winner"] == b
    assert result["rounds"][0]["eliminated"] == c and result["rounds"][0]["transfers"] == {b: 1}
    assert result["rounds"][1]["counts"] == {a: 2, b: 3}


@pytest.mark.parametrize(("method", "ballots", "expected"), [
    ("plurality", lambda a, b, c: [{"choice": a}, {"choice": a}, {"choice": b}], "a"),
    ("approval", lambda a, b, c: [{"approve": [a, b]}, {"approve": [b]}, {"approve": []}], "b"),
    ("majority_judgment", lambda a, b, c: [{"grades": {a: "good", b: "excellent"}}, {"grades": {a: "good"}},
                                           {"grades": {a: "fair", b: "poor", c: "excellent"}}], "a"),
])
def test_other_methods_count_as_announced(api, stack, person, cast, method, ballots, expected):
    election, ids = in_voting(api, cast["admin"], cast["owner"], cast["association"], cast["candidate"],
                              method=method)
    by_letter = dict(zip("abc", ids, strict=True))
    for ballot in ballots(*ids):
        ok(api("POST", f"/elections/{election['id']}/ballots", person(label="voter"), json=ballot), 201)
    result = publish(api, stack, cast["admin"], election["id"])["result"]
    assert result["winner"] == by_letter[expected]
    if method == "majority_judgment":
        assert result["grades"][by_letter["a"]]["median"] == "good"
        assert result["grades"][by_letter["c"]]["counts"]["to_reject"] == 2  # left out: graded to_reject
