"""Bad votes and bad organizing get a clear 4xx in the one error shape, and nothing half-written:
no marker without its ballot, no ballot without its marker."""

from __future__ import annotations

import pytest

from tests.conftest import association_body
from tests.integration.test_races_voting import marker, stored_ballots
from tests.integration.voting import (
    approved_candidate,
    at,
    draft,
    dynamo_access,
    election_body,
    in_nominations,
    in_voting,
    nomination_body,
    ok,
    publish,
)

UNKNOWN = "ca_" + "0" * 20


def error_of(response, status: int) -> dict:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message", "details"}
    return body["error"]


@pytest.fixture(scope="module")
def dynamo(stack):
    return dynamo_access(stack)


@pytest.fixture(scope="module")
def cast(person, api):
    admin, owner = person("admins", label="admin"), person(label="owner")
    moderator = person("moderators", label="moderator")
    association = ok(api("POST", "/associations", owner, json=association_body()), 201)
    ok(api("POST", f"/associations/{association['id']}/verify", moderator, json={}))
    pending = ok(api("POST", "/associations", owner, json=association_body()), 201)
    return {"admin": admin, "owner": owner, "association": association, "pending": pending,
            "candidate": person(label="candidate")}


@pytest.fixture(scope="module")
def schulze(api, cast):
    """A Schulze election in voting whose ballot lacks a withdrawn and a rejected nominee."""
    election = in_nominations(api, cast["admin"], method="schulze")
    ids = [approved_candidate(api, election, cast["owner"], cast["association"], cast["candidate"], cast["admin"],
                              name)["id"] for name in ("Olena", "Taras")]
    gone = approved_candidate(api, election, cast["owner"], cast["association"], cast["candidate"], cast["admin"],
                              "Withdrawn")["id"]
    ok(api("POST", f"/elections/{election['id']}/candidates/{gone}/withdraw", cast["candidate"]))
    rejected = approved_candidate(api, election, cast["owner"], cast["association"], cast["candidate"],
                                  cast["admin"], "Rejected")["id"]
    ok(api("POST", f"/elections/{election['id']}/candidates/{rejected}/reject", cast["admin"],
           json={"reason": "Inéligible"}))
    opened = ok(api("POST", f"/elections/{election['id']}/open", cast["admin"]))
    return opened, ids, gone, rejected


BAD_BALLOTS = [
    ("unknown candidate", lambda ids, gone, rej: {"ranking": [[UNKNOWN]]}, "candidate_not_on_ballot", "ranking.0.0"),
    ("withdrawn candidate", lambda ids, gone, rej: {"ranking": [[ids[0]], [gone]]}, "candidate_not_on_ballot",
     "ranking.1.0"),
    ("rejected candidate", lambda ids, gone, rej: {"ranking": [[rej]]}, "candidate_not_on_ballot", "ranking.0.0"),
    ("ranked twice", lambda ids, gone, rej: {"ranking": [[ids[0]], [ids[0]]]}, "validation_failed", "ranking.1.0"),
    ("twice in a tie", lambda ids, gone, rej: {"ranking": [[ids[0], ids[0]]]}, "validation_failed", "ranking.0.1"),
    ("empty group", lambda ids, gone, rej: {"ranking": [[ids[0]], []]}, "validation_failed", "ranking.1"),
    ("empty ranking", lambda ids, gone, rej: {"ranking": []}, "validation_failed", "ranking"),
    ("not a list of groups", lambda ids, gone, rej: {"ranking": [ids[0]]}, "validation_failed", "ranking.0"),
    ("malformed id", lambda ids, gone, rej: {"ranking": [["olena"]]}, "validation_failed", "ranking.0.0"),
    ("another method's field", lambda ids, gone, rej: {"choice": ids[0]}, "validation_failed", "choice"),
    ("two methods' fields", lambda ids, gone, rej: {"ranking": [[ids[0]]], "approve": [ids[0]]},
     "validation_failed", "approve"),
    ("nothing", lambda ids, gone, rej: {}, "validation_failed", "ranking"),
    ("a voter field", lambda ids, gone, rej: {"ranking": [[ids[0]]], "voter": "someone"}, "validation_failed",
     "voter"),
    ("an association in a members' election", lambda ids, gone, rej: {"ranking": [[ids[0]]],
                                                                       "association_id": "as_" + "1" * 20},
     "validation_failed", "association_id"),
]


@pytest.mark.parametrize(("case", "make", "code", "field"), BAD_BALLOTS, ids=[b[0] for b in BAD_BALLOTS])
def test_malformed_ballots_are_422_naming_the_field_and_write_nothing(api, person, schulze, dynamo,
                                                                      case, make, code, field):
    election, ids, gone, rejected = schulze
    voter = person(label="voter")
    error = error_of(api("POST", f"/elections/{election['id']}/ballots", voter, json=make(ids, gone, rejected)), 422)
    assert error["code"] == code
    assert field in {d["field"] for d in error["details"]}, error
    assert marker(dynamo, election["id"], voter.email) is None
    assert ok(api("GET", f"/elections/{election['id']}/my-vote", voter))["voted"] is False


def test_after_every_refusal_the_box_is_empty(api, person, schulze, dynamo):
    election, *_ = schulze
    error_of(api("POST", f"/elections/{election['id']}/ballots", person(label="v"), json={"ranking": [[UNKNOWN]]}),
             422)
    assert stored_ballots(dynamo, election["id"]) == []
    assert ok(api("GET", f"/elections/{election['id']}"))["turnout"] == 0


def test_voting_twice_is_409_and_the_first_ballot_stands(api, person, schulze, dynamo):
    election, ids, *_ = schulze
    voter = person(label="voter")
    first = ok(api("POST", f"/elections/{election['id']}/ballots", voter, json={"ranking": [[ids[0]]]}), 201)
    again = error_of(api("POST", f"/elections/{election['id']}/ballots", voter, json={"ranking": [[ids[1]]]}), 409)
    assert again["code"] == "already_voted"
    trackers = [b["sk"]["S"] for b in stored_ballots(dynamo, election["id"])]
    assert f"B#{first['tracker']}" in trackers and len(trackers) == 1


def test_an_unverified_email_cannot_vote(api, person, schulze):
    election, ids, *_ = schulze
    unverified = person(verified=False, label="unverified")
    error = error_of(api("POST", f"/elections/{election['id']}/ballots", unverified, json={"ranking": [[ids[0]]]}),
                     403)
    assert error["code"] == "email_not_verified"


def test_voting_outside_the_window(api, person, stack, cast):
    admin = cast["admin"]
    nominations = in_nominations(api, admin, method="plurality")
    early = api("POST", f"/elections/{nominations['id']}/ballots", person(label="v"), json={"choice": UNKNOWN})
    assert error_of(early, 409)["code"] == "voting_not_open"
    election, ids = in_voting(api, admin, cast["owner"], cast["association"], cast["candidate"], method="plurality")
    publish(api, stack, admin, election["id"])
    late = api("POST", f"/elections/{election['id']}/ballots", person(label="v"), json={"choice": ids[0]})
    assert error_of(late, 409)["code"] == "voting_closed"
    assert ok(api("GET", f"/elections/{election['id']}/results"))["result"]["ballots"] == 0
    assert error_of(api("GET", f"/elections/{election['id']}/ballots/AAAA-AAAA-AAAA-AAAA-AAAA"), 404)["code"] \
        == "ballot_not_found"


def test_the_voter_roll_decides_who_votes(api, person, cast, dynamo):
    admin = cast["admin"]
    election = in_nominations(api, admin, method="approval", electorate="roll")
    listed, outsider = person(label="listed"), person(label="outsider")
    received = ok(api("POST", f"/elections/{election['id']}/roll", admin,
                      json={"emails": [listed.email.upper(), listed.email]}))
    assert received == {"received": 1}  # one mailbox
    ids = [approved_candidate(api, election, cast["owner"], cast["association"], cast["candidate"], admin, name)["id"]
           for name in ("Olena", "Taras")]
    ok(api("POST", f"/elections/{election['id']}/open", admin))
    refused = api("POST", f"/elections/{election['id']}/ballots", outsider, json={"approve": [ids[0]]})
    assert error_of(refused, 403)["code"] == "not_eligible"
    assert marker(dynamo, election["id"], outsider.email) is None
    assert ok(api("GET", f"/elections/{election['id']}/my-vote", outsider))["eligible"] is False
    assert ok(api("GET", f"/elections/{election['id']}/my-vote", listed)) == {
        "electorate": "roll", "eligible": True, "voted": False, "associations": []}
    ok(api("POST", f"/elections/{election['id']}/ballots", listed, json={"approve": [ids[0], ids[1]]}), 201)
    assert stored_ballots(dynamo, election["id"])[0]["ballot"]["M"]["approve"]["L"] != []


def test_one_ballot_per_verified_association_cast_by_its_owner(api, person, cast):
    admin, owner = cast["admin"], cast["owner"]
    election, ids = in_voting(api, admin, owner, cast["association"], cast["candidate"], method="plurality",
                              electorate="associations")
    path = f"/elections/{election['id']}/ballots"
    assert error_of(api("POST", path, owner, json={"choice": ids[0]}), 422)["details"][0]["field"] == "association_id"
    stranger = person(label="stranger")
    assert error_of(api("POST", path, stranger, json={"choice": ids[0], "association_id": cast["association"]["id"]}),
                    403)["code"] == "not_eligible"
    pending = api("POST", path, owner, json={"choice": ids[0], "association_id": cast["pending"]["id"]})
    assert error_of(pending, 403)["code"] == "association_not_verified"
    ok(api("POST", path, owner, json={"choice": ids[0], "association_id": cast["association"]["id"]}), 201)
    again = api("POST", path, owner, json={"choice": ids[1], "association_id": cast["association"]["id"]})
    assert error_of(again, 409)["code"] == "already_voted"
    status = ok(api("GET", f"/elections/{election['id']}/my-vote", owner))
    assert status["eligible"] is True and status["associations"] == [
        {"association_id": cast["association"]["id"], "name": cast["association"]["name"], "voted": True}]


def test_nominating_from_an_unverified_or_someone_elses_association(api, person, cast):
    election = in_nominations(api, cast["admin"])
    path = f"/elections/{election['id']}/candidates"
    unverified = api("POST", path, cast["owner"], json=nomination_body(cast["pending"]["id"], "c@example.org"))
    assert error_of(unverified, 403)["code"] == "association_not_verified"
    stranger = api("POST", path, person(label="stranger"),
                   json=nomination_body(cast["association"]["id"], "c@example.org"))
    assert error_of(stranger, 403)["code"] == "forbidden"
    missing = api("POST", path, cast["owner"], json=nomination_body("as_" + "0" * 20, "c@example.org"))
    assert error_of(missing, 404)["code"] == "association_not_found"
    assert ok(api("GET", f"/elections/{election['id']}/nominations", cast["admin"])) == []
    closed = draft(api, cast["admin"])
    assert error_of(api("POST", f"/elections/{closed['id']}/candidates", cast["owner"],
                        json=nomination_body(cast["association"]["id"], "c@example.org")), 404)


def test_candidate_lifecycle_refusals(api, person, cast):
    election = in_nominations(api, cast["admin"])
    nominated = ok(api("POST", f"/elections/{election['id']}/candidates", cast["owner"],
                       json=nomination_body(cast["association"]["id"], cast["candidate"].email)), 201)
    path = f"/elections/{election['id']}/candidates/{nominated['id']}"
    assert error_of(api("POST", f"{path}/approve", cast["admin"]), 409)["code"] == "candidate_state"  # no consent
    assert error_of(api("POST", f"{path}/consent", person(label="impostor")), 403)["code"] == "forbidden"
    ok(api("POST", f"{path}/consent", cast["candidate"]))
    assert error_of(api("POST", f"{path}/consent", cast["candidate"]), 409)["code"] == "candidate_state"
    assert error_of(api("POST", f"{path}/reject", cast["admin"], json={}), 422)["details"][0]["field"] == "reason"
    assert error_of(api("POST", f"/elections/{election['id']}/candidates/{UNKNOWN}/approve", cast["admin"]), 404)


@pytest.mark.parametrize(("override", "field"), [
    ({"voting_opens_at": at(-120)}, "voting_opens_at"),
    ({"voting_closes_at": at(1800)}, "voting_closes_at"),
    ({"voting_opens_at": at(-7200), "nominations_open_at": at(-9000), "voting_closes_at": at(-60)},
     "voting_closes_at"),
    ({"voting_closes_at": "9999-12-31T23:00:00-05:00"}, "voting_closes_at"),
    ({"voting_closes_at": "2030-01-01T10:00:00"}, "voting_closes_at"),  # no time zone
    ({"method": "borda"}, "method"),
    ({"electorate": "everyone"}, "electorate"),
    ({"nominations_per_association": 0}, "nominations_per_association"),
    ({"title": {}}, "title"),
    ({"status": "voting"}, "status"),
])
def test_invalid_elections_are_422_naming_the_field(api, cast, override, field):
    error = error_of(api("POST", "/elections", cast["admin"], json=election_body(**override)), 422)
    assert field in {d["field"] for d in error["details"]}, error


def test_organizing_refusals(api, cast, stack):
    admin = cast["admin"]
    members = in_nominations(api, admin)
    assert error_of(api("POST", f"/elections/{members['id']}/roll", admin, json={"emails": ["a@example.org"]}),
                    409)["code"] == "roll_not_used"
    assert error_of(api("PATCH", f"/elections/{members['id']}", admin, json={"method": "irv"}), 409)["code"] \
        == "invalid_phase"
    assert error_of(api("POST", f"/elections/{members['id']}/close", admin, json={"reason": "Trop tôt"}), 409)
    assert error_of(api("GET", f"/elections/{members['id']}/results"), 409)["code"] == "results_not_published"
    assert error_of(api("GET", f"/elections/{members['id']}/ballots"), 409)["code"] == "results_not_published"
    assert error_of(api("GET", "/elections/el_" + "0" * 20), 404)["code"] == "election_not_found"
    hidden = draft(api, admin)
    assert error_of(api("GET", f"/elections/{hidden['id']}"), 404)["code"] == "election_not_found"
    edited = ok(api("PATCH", f"/elections/{hidden['id']}", admin, json={"method": "irv", "title": {"en": "New"}}))
    assert edited["method"] == "irv" and edited["title"] == {"en": "New"}


def test_forged_ballot_cursors_are_400(api, stack, cast):
    election, _ = in_voting(api, cast["admin"], cast["owner"], cast["association"], cast["candidate"],
                            method="plurality")
    publish(api, stack, cast["admin"], election["id"])
    for cursor in ("abc", "e30", "eyJwayI6IkJPWCNlbF94IzAwIiwic2siOiJCIyJ9"):
        assert error_of(api("GET", f"/elections/{election['id']}/ballots", params={"cursor": cursor}), 400)["code"] \
            == "invalid_cursor"
