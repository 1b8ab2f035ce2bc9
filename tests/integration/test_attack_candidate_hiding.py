"""Attack: take a candidate off the list during the vote with a few fresh accounts, or add voters to a
roll once the vote is under way."""

from __future__ import annotations

import pytest

from tests.conftest import association_body
from tests.integration.voting import approved_candidate, in_nominations, in_voting, ok

THRESHOLD = 3


def flag(api, who, election_id: str, candidate_id: str):
    return api("POST", "/flags", who, json={"kind": "candidate", "id": candidate_id, "election_id": election_id,
                                            "reason": "disinformation"})


@pytest.fixture(scope="module")
def cast(api, person):
    admin, owner, moderator = (person("admins", label="admin"), person(label="owner"),
                               person("moderators", label="moderator"))
    association = ok(api("POST", "/associations", owner, json=association_body()), 201)
    ok(api("POST", f"/associations/{association['id']}/verify", moderator, json={}))
    return {"admin": admin, "owner": owner, "moderator": moderator, "association": association,
            "candidate": person(label="candidate")}


def test_fresh_unverified_accounts_cannot_flag(api, person, cast):
    election, ids = in_voting(api, cast["admin"], cast["owner"], cast["association"], cast["candidate"])
    for _ in range(THRESHOLD):
        refused = flag(api, person(label="fresh", verified=False), election["id"], ids[0])
        assert refused.status_code == 403 and refused.json()["error"]["code"] == "email_not_verified"
    listed = ok(api("GET", f"/elections/{election['id']}/candidates"))
    assert ids[0] in [c["id"] for c in listed]
    ref = f"candidate:{election['id']}:{ids[0]}"
    assert api("GET", f"/moderation/flags/{ref}", cast["moderator"]).status_code == 404  # not even queued


def test_flags_during_the_vote_queue_a_candidate_but_never_hide_it(api, person, cast):
    election, ids = in_voting(api, cast["admin"], cast["owner"], cast["association"], cast["candidate"])
    for _ in range(THRESHOLD + 2):
        assert flag(api, person(label="reporter"), election["id"], ids[0]).status_code == 201
    listed = ok(api("GET", f"/elections/{election['id']}/candidates"))
    assert ids[0] in [c["id"] for c in listed]  # still on the list, as on the ballot
    ref = f"candidate:{election['id']}:{ids[0]}"
    review = ok(api("GET", f"/moderation/flags/{ref}", cast["moderator"]))
    assert review["hidden"] is False and review["status"] == "open" and review["flags"] == THRESHOLD + 2
    queued = ok(api("GET", "/moderation/flags", cast["moderator"], params={"limit": 100}))
    assert ref in [r["item"] for r in queued["items"]]


def test_flags_before_the_vote_still_hide_a_candidate(api, person, cast):
    election = in_nominations(api, cast["admin"])
    candidate = approved_candidate(api, election, cast["owner"], cast["association"], cast["candidate"],
                                   cast["admin"], "Olena")
    for _ in range(THRESHOLD):
        assert flag(api, person(label="reporter"), election["id"], candidate["id"]).status_code == 201
    listed = ok(api("GET", f"/elections/{election['id']}/candidates"))
    assert candidate["id"] not in [c["id"] for c in listed]


def test_the_voter_roll_is_frozen_once_the_vote_opens(api, person, cast):
    admin = cast["admin"]
    listed, late = person(label="listed"), person(label="late")
    election = in_nominations(api, admin, electorate="roll", method="plurality")
    ok(api("POST", f"/elections/{election['id']}/roll", admin, json={"emails": [listed.email]}))
    ids = [approved_candidate(api, election, cast["owner"], cast["association"], cast["candidate"], admin, n)["id"]
           for n in ("Olena", "Taras")]
    ok(api("POST", f"/elections/{election['id']}/open", admin))
    refused = api("POST", f"/elections/{election['id']}/roll", admin, json={"emails": [late.email]})
    assert refused.status_code == 409 and refused.json()["error"]["code"] == "roll_frozen"
    assert ok(api("GET", f"/elections/{election['id']}/my-vote", late))["eligible"] is False
    outside = api("POST", f"/elections/{election['id']}/ballots", late, json={"choice": ids[0]})
    assert outside.status_code == 403
    ok(api("POST", f"/elections/{election['id']}/ballots", listed, json={"choice": ids[0]}), 201)
    audit = ok(api("GET", f"/elections/{election['id']}/audit", admin))
    assert [e["action"] for e in audit].count("roll.uploaded") == 1


def test_roll_uploads_racing_the_opening_are_in_before_it_or_refused(api, person, cast):
    from concurrent.futures import ThreadPoolExecutor

    admin = cast["admin"]
    election = in_nominations(api, admin, electorate="roll", method="plurality")
    for name in ("Olena", "Taras"):
        approved_candidate(api, election, cast["owner"], cast["association"], cast["candidate"], admin, name)
    people = [person(label="racer") for _ in range(8)]
    calls = [lambda who=who: api("POST", f"/elections/{election['id']}/roll", admin, json={"emails": [who.email]})
             for who in people]
    calls.insert(4, lambda: api("POST", f"/elections/{election['id']}/open", admin))
    with ThreadPoolExecutor(max_workers=len(calls)) as pool:
        responses = list(pool.map(lambda call: call(), calls))
    opened = responses.pop(4)
    assert opened.status_code == 200, opened.text
    assert {r.status_code for r in responses} <= {200, 409}
    for who, response in zip(people, responses, strict=True):
        eligible = ok(api("GET", f"/elections/{election['id']}/my-vote", who))["eligible"]
        assert eligible is (response.status_code == 200), response.text
        if response.status_code == 409:
            assert response.json()["error"]["code"] == "roll_frozen"
    audit = ok(api("GET", f"/elections/{election['id']}/audit", admin))
    assert [e["action"] for e in audit].count("roll.uploaded") == sum(r.status_code == 200 for r in responses)
