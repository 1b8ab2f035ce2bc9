"""Attack: vote, erase the account, sign up again with the same address (or a case or `+tag` variant of
it), vote again. One mailbox is one person: the second ballot is refused and the turnout does not move."""

from __future__ import annotations

import uuid

import pytest

from infra.users import Account
from tests.conftest import Person, association_body
from tests.integration.voting import in_voting, ok

PASSWORD = "Test-password-2026"


def sign_up(users, email: str) -> Person:
    users.ensure(Account(email, PASSWORD, "Again", ()), email_verified=True)
    token = users.id_token(email, PASSWORD)
    attrs = users.cognito.admin_get_user(UserPoolId=users.pool, Username=email)["UserAttributes"]
    return Person(email, token, {"Authorization": f"Bearer {token}"}, next(a["Value"] for a in attrs
                                                                          if a["Name"] == "sub"))


def erase(api, who: Person) -> None:
    # The confirmation is the person's own address (sent both ways: as a query parameter and in the body).
    response = api("DELETE", "/me", who, params={"confirm": who.email}, json={"confirm": who.email})
    assert response.status_code == 204, response.text


@pytest.fixture(scope="module")
def votes(api, person):
    admin, owner, moderator = (person("admins", label="admin"), person(label="owner"),
                               person("moderators", label="moderator"))
    association = ok(api("POST", "/associations", owner, json=association_body()), 201)
    ok(api("POST", f"/associations/{association['id']}/verify", moderator, json={}))
    election, ids = in_voting(api, admin, owner, association, person(label="candidate"), method="plurality")
    poll = ok(api("POST", "/polls", moderator, json={
        "question": {"fr": "Quel événement organiser ?"}, "options": [{"fr": "Concert"}, {"fr": "Exposition"}],
        "max_choices": 1, "results": "live", "closes_at": "2099-01-01T00:00:00Z"}), 201)
    return {"election": election, "ids": ids, "poll": poll}


@pytest.mark.parametrize("variant", ["same", "upper case", "plus tag"])
def test_an_erased_voter_signing_up_again_cannot_vote_twice(api, users, person, votes, variant):
    election, poll, ids = votes["election"]["id"], votes["poll"]["id"], votes["ids"]
    local = f"attacker-{uuid.uuid4().hex[:8]}"
    voter = sign_up(users, f"{local}@example.org")
    ok(api("POST", f"/elections/{election}/ballots", voter, json={"choice": ids[0]}), 201)
    ok(api("POST", f"/polls/{poll}/votes", voter, json={"choices": ["o1"]}), 201)
    turnout = ok(api("GET", f"/elections/{election}"))["turnout"]
    answers = ok(api("GET", f"/polls/{poll}", voter))["voters"]

    erase(api, voter)
    again = sign_up(users, {"same": f"{local}@example.org", "upper case": f"{local.upper()}@Example.ORG",
                            "plus tag": f"{local}+again@example.org"}[variant])
    assert again.sub != voter.sub  # a new account

    # "Have I voted?" knows the mailbox, whatever account it signs in with.
    assert ok(api("GET", f"/elections/{election}/my-vote", again))["voted"] is True
    assert ok(api("GET", f"/polls/{poll}", again))["voted"] is True
    refused = api("POST", f"/elections/{election}/ballots", again, json={"choice": ids[1]})
    assert refused.status_code == 409 and refused.json()["error"]["code"] == "already_voted"
    refused = api("POST", f"/polls/{poll}/votes", again, json={"choices": ["o2"]})
    assert refused.status_code == 409 and refused.json()["error"]["code"] == "already_voted"
    assert ok(api("GET", f"/elections/{election}"))["turnout"] == turnout
    assert ok(api("GET", f"/polls/{poll}", again))["voters"] == answers
    erase(api, again)


def test_voting_needs_a_verified_address(api, person, votes):
    unverified = person(label="unverified", verified=False)
    refused = api("POST", f"/elections/{votes['election']['id']}/ballots", unverified,
                  json={"choice": votes["ids"][0]})
    assert refused.status_code == 403 and refused.json()["error"]["code"] == "email_not_verified"
    refused = api("POST", f"/polls/{votes['poll']['id']}/votes", unverified, json={"choices": ["o1"]})
    assert refused.status_code == 403 and refused.json()["error"]["code"] == "email_not_verified"
