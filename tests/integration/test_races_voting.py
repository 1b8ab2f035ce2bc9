"""One ballot per voter and the other voting invariants hold under concurrency, over HTTP with real
tokens: they are transactions with conditions, not reads followed by writes."""

from __future__ import annotations

from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.conftest import association_body
from tests.integration.voting import (
    CLOCK,
    all_ballots,
    dynamo_access,
    in_nominations,
    in_voting,
    nomination_body,
    ok,
    voter_key,
)

SHARDS = 32


def race(calls, workers: int):
    with ThreadPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(lambda call: call(), calls))


@pytest.fixture(scope="module")
def dynamo(stack):
    return dynamo_access(stack)


def stored_ballots(dynamo, box: str) -> list[dict]:
    """The box's ballots, read where they live: the ballot table."""
    client, _, ballots, _ = dynamo
    found = []
    for shard in range(SHARDS):
        found += client.query(TableName=ballots, ConsistentRead=True,
                              KeyConditionExpression="pk = :pk AND begins_with(sk, :b)",
                              ExpressionAttributeValues={":pk": {"S": f"BOX#{box}#{shard:02d}"},
                                                         ":b": {"S": "B#"}})["Items"]
    return found


def marker(dynamo, box: str, email: str) -> dict | None:
    client, table, _, _ = dynamo
    return client.get_item(TableName=table, Key={"pk": {"S": f"VOTED#{box}#{voter_key(dynamo, box, email)}"},
                                                 "sk": {"S": "VOTED"}}).get("Item")


@pytest.fixture(scope="module")
def cast(person, api):
    admin, owner = person("admins", label="admin"), person(label="owner")
    association = ok(api("POST", "/associations", owner, json=association_body()), 201)
    ok(api("POST", f"/associations/{association['id']}/verify", person("moderators", label="moderator"), json={}))
    return {"admin": admin, "owner": owner, "association": association, "candidate": person(label="candidate")}


def test_fifty_concurrent_ballots_from_one_voter_count_once(api, person, cast, dynamo):
    election, ids = in_voting(api, cast["admin"], cast["owner"], cast["association"], cast["candidate"])
    voter = person(label="voter")
    ballots = [{"ranking": [[ids[i % 3]], [ids[(i + 1) % 3]]]} for i in range(50)]
    responses = race([lambda b=b: api("POST", f"/elections/{election['id']}/ballots", voter, json=b)
                      for b in ballots], workers=50)
    assert Counter(r.status_code for r in responses) == {201: 1, 409: 49}
    assert {r.json()["error"]["code"] for r in responses if r.status_code == 409} == {"already_voted"}
    winner = next(r.json() for r in responses if r.status_code == 201)
    assert marker(dynamo, election["id"], voter.email) == {
        "pk": {"S": f"VOTED#{election['id']}#{voter_key(dynamo, election['id'], voter.email)}"}, "sk": {"S": "VOTED"}}
    stored = stored_ballots(dynamo, election["id"])
    assert len(stored) == 1 and stored[0]["sk"]["S"] == f"B#{winner['tracker']}"
    # The ballot is the tracker and the choices: no voter, no time.
    assert set(stored[0]) == {"pk", "sk", "ballot"}
    assert ok(api("GET", f"/elections/{election['id']}"))["turnout"] == 1


def test_many_voters_at_once_all_count_spread_over_shards(api, person, cast, dynamo):
    election, ids = in_voting(api, cast["admin"], cast["owner"], cast["association"], cast["candidate"],
                              method="plurality")
    voters = [person(label="voter") for _ in range(40)]
    responses = race([lambda v=v, i=i: api("POST", f"/elections/{election['id']}/ballots", v,
                                           json={"choice": ids[i % 3]}) for i, v in enumerate(voters)], workers=40)
    assert Counter(r.status_code for r in responses) == {201: 40}, [r.text for r in responses if r.status_code != 201]
    stored = stored_ballots(dynamo, election["id"])
    assert len(stored) == 40 and len({b["pk"]["S"] for b in stored}) >= 10  # no hot partition
    assert ok(api("GET", f"/elections/{election['id']}"))["turnout"] == 40


def test_votes_racing_the_close_are_all_counted_or_refused(api, stack, person, cast):
    election, ids = in_voting(api, cast["admin"], cast["owner"], cast["association"], cast["candidate"],
                              method="plurality")
    voters = [person(label="voter") for _ in range(30)]
    calls = [lambda v=v: api("POST", f"/elections/{election['id']}/ballots", v, json={"choice": ids[0]})
             for v in voters]
    calls.insert(10, lambda: api("POST", f"/elections/{election['id']}/close", cast["admin"],
                                 json={"reason": "Clôture pendant le vote"}))
    responses = race(calls, workers=16)
    accepted = [r.json()["tracker"] for r in responses if r.status_code == 201]
    assert {r.status_code for r in responses} <= {200, 201, 409}
    stack.schedules.run_now(CLOCK)
    result = ok(api("GET", f"/elections/{election['id']}/results"))["result"]
    # Every receipt is in the published box, and nothing else is: the box was sealed before the count.
    assert result["ballots"] == len(accepted)
    assert sorted(b["tracker"] for b in all_ballots(api, election["id"])) == sorted(accepted)


def test_the_nomination_quota_holds_under_a_race(api, cast):
    election = in_nominations(api, cast["admin"], nominations_per_association=3)
    body = nomination_body(cast["association"]["id"], cast["candidate"].email)
    responses = race([lambda: api("POST", f"/elections/{election['id']}/candidates", cast["owner"], json=body)]
                     * 12, workers=12)
    assert Counter(r.status_code for r in responses) == {201: 3, 409: 9}
    assert {r.json()["error"]["code"] for r in responses if r.status_code == 409} == {"nomination_quota_reached"}
    listed = ok(api("GET", f"/elections/{election['id']}/nominations", cast["owner"]))
    assert len(listed) == 3


def test_thirty_concurrent_answers_to_a_poll_count_once(api, person, dynamo):
    moderator = person("moderators", label="moderator")
    poll = ok(api("POST", "/polls", moderator, json={
        "question": {"uk": "Яку подію організувати?"}, "options": [{"uk": "Концерт"}, {"uk": "Виставка"}],
        "max_choices": 2, "results": "live", "closes_at": "2099-01-01T00:00:00Z"}), 201)
    member = person(label="member")
    responses = race([lambda: api("POST", f"/polls/{poll['id']}/votes", member, json={"choices": ["o1", "o2"]})]
                     * 30, workers=30)
    assert Counter(r.status_code for r in responses) == {201: 1, 409: 29}
    view = ok(api("GET", f"/polls/{poll['id']}", member))
    assert view["counts"] == {"o1": 1, "o2": 1} and view["voters"] == 1 and view["voted"] is True
    assert marker(dynamo, poll["id"], member.email) is not None
    assert stored_ballots(dynamo, poll["id"]) == []  # a poll keeps counts, no ballots
