"""A person's data: the export holds everything about them (never a ballot), the erasure leaves nothing of them."""

from __future__ import annotations

import json

import pytest

from tests.integration.test_authorization_announcements import announcement_body
from tests.integration.test_races import table
from tests.integration.voting import in_voting, nomination_body, ok


def scan_all(stack, ballots: bool = False) -> list[dict]:
    client, name = table(stack)
    name = stack.info()["ballot_table_name"] if ballots else name
    items, start = [], None
    while True:
        page = client.scan(TableName=name, **({"ExclusiveStartKey": start} if start else {}))
        items += page["Items"]
        start = page.get("LastEvaluatedKey")
        if not start:
            return items


@pytest.fixture(scope="module")
def world(api, person, users, stack):
    """The leaver owns two verified associations (one with a co-editor), posts, RSVPs, flags, votes and is
    nominated; someone waits for the leaver's seat."""
    from tests.conftest import association_body, event_body

    moderator, admin = person("moderators", label="moderator"), person("admins", label="admin")
    leaver, co_editor, other_owner = person(label="leaver"), person(label="coeditor"), person(label="other")
    waiting = person(label="waiting")

    def verified(owner):
        created = ok(api("POST", "/associations", owner, json=association_body()), 201)
        return ok(api("POST", f"/associations/{created['id']}/verify", moderator, json={}))

    shared, alone, theirs = verified(leaver), verified(leaver), verified(other_owner)
    ok(api("POST", f"/associations/{shared['id']}/editors", leaver, json={"email": co_editor.email}), 201)
    own_event = ok(api("POST", f"/associations/{shared['id']}/events", leaver, json=event_body()), 201)
    ok(api("POST", f"/associations/{shared['id']}/announcements", leaver, json=announcement_body()), 201)
    full = ok(api("POST", f"/associations/{theirs['id']}/events", other_owner,
                  json=event_body(capacity=1, registration_required=True)), 201)
    assert ok(api("POST", f"/events/{full['id']}/rsvp", leaver), 201)["status"] == "confirmed"
    assert ok(api("POST", f"/events/{full['id']}/rsvp", waiting), 201)["status"] == "waitlisted"
    ok(api("POST", "/flags", leaver, json={"kind": "event", "id": full["id"], "reason": "spam",
                                           "comment": f"signalé par {leaver.email}"}), 201)
    election, ids = in_voting(api, admin, other_owner, theirs, person(label="candidate"))
    ok(api("POST", f"/elections/{election['id']}/ballots", leaver, json={"ranking": [[i] for i in ids]}), 201)
    nominations = ok(api("POST", "/elections", admin, json={
        "title": {"fr": "Conseil"}, "method": "schulze", "nominations_open_at": election["nominations_open_at"],
        "voting_opens_at": election["voting_closes_at"], "voting_closes_at": "2099-01-01T00:00:00.000Z"}), 201)
    ok(api("POST", f"/elections/{nominations['id']}/open", admin))
    ok(api("POST", f"/elections/{nominations['id']}/candidates", other_owner,
           json=nomination_body(theirs["id"], leaver.email, "Leaver Candidate")), 201)
    asked = ok(api("POST", "/polls", leaver, json={
        "question": {"fr": "Quelle date pour la fête ?"}, "options": [{"fr": "Samedi"}, {"fr": "Dimanche"}],
        "audience": "association", "association_id": shared["id"], "closes_at": "2099-01-01T00:00:00.000Z"}), 201)
    ok(api("POST", f"/polls/{asked['id']}/votes", leaver, json={"choices": ["o1"]}), 201)
    # What the mail capability would keep for a subscriber (its own keys; the export and erasure hooks read them).
    client, name = table(stack)
    from hromada.store.keys import subscriber_partition

    client.put_item(TableName=name, Item={"pk": {"S": subscriber_partition(leaver.email)}, "sk": {"S": "SUB"},
                                          "email": {"S": leaver.email}, "frequency": {"S": "weekly"}})
    return dict(leaver=leaver, poll=asked, co_editor=co_editor, waiting=waiting, moderator=moderator, shared=shared,
                alone=alone, own_event=own_event, full=full, election=election)


def test_the_export_holds_everything_about_me_and_no_ballot(api, world):
    leaver, election = world["leaver"], world["election"]
    response = api("GET", "/me/export", leaver)
    assert response.status_code == 200, response.text
    assert response.headers["Cache-Control"] == "private, no-store"
    data = response.json()
    assert data["profile"]["id"] == leaver.sub and data["profile"]["email"] == leaver.email
    assert {a["association_id"]: a["role"] for a in data["associations"]} == {
        world["shared"]["id"]: "owner", world["alone"]["id"]: "owner"}
    assert [(r["event_id"], r["status"]) for r in data["rsvps"]] == [(world["full"]["id"], "confirmed")]
    assert [(f["item"], f["reason"]) for f in data["flags"]] == [(f"event:{world['full']['id']}", "spam")]
    # Voted markers name a pseudonym of the address, listed under nobody: "my vote" answers per election.
    assert data["elections"] == []
    assert ok(api("GET", f"/elections/{election['id']}/my-vote", leaver))["voted"] is True
    assert [p["poll_id"] for p in data["polls"]] == [world["poll"]["id"]]
    assert [(n["name"], n["email"]) for n in data["nominations"]] == [("Leaver Candidate", leaver.email)]
    assert "nominated_by" not in data["nominations"][0]
    assert {"association.registered", "event.published"} & {a["action"] for a in data["audit"]}
    assert data["subscriptions"] == [{"email": leaver.email, "frequency": "weekly"}]
    text = json.dumps(data)
    assert "ranking" not in text and "tracker" not in text  # that I voted, never what


def test_the_export_is_only_mine(api, person):
    stranger = person(label="stranger")
    data = api("GET", "/me/export", stranger).json()
    assert data["rsvps"] == data["flags"] == data["elections"] == data["associations"] == []
    assert api("GET", "/me/export").status_code == 401


def test_my_registrations_are_listed_for_me_alone(api, world, person):
    response = api("GET", "/me/rsvps", world["leaver"])
    assert response.status_code == 200, response.text
    assert response.headers["Cache-Control"] == "private, no-store"
    assert [(r["event_id"], r["status"]) for r in response.json()["items"]] == [(world["full"]["id"], "confirmed")]
    assert api("GET", "/me/rsvps", person(label="nobody")).json() == {"items": []}
    assert api("GET", "/me/rsvps").status_code == 401


def test_erasure_leaves_nothing_of_me(api, world, stack, users):
    leaver = world["leaver"]
    client, name = table(stack)
    before = [i for i in scan_all(stack) if leaver.sub in json.dumps(i) or leaver.email in json.dumps(i)]
    assert len(before) > 10  # the scan below can see them
    flag_key = {"pk": {"S": f"FLAG#event:{world['full']['id']}"}, "sk": {"S": "REVIEW"}}
    flags_before = client.get_item(TableName=name, Key=flag_key)["Item"]["count"]["N"]

    refused = api("DELETE", "/me", leaver, json={"confirm": "someone.else@example.org"})
    assert refused.status_code == 422 and refused.json()["error"]["code"] == "erasure_not_confirmed"
    assert api("DELETE", "/me", leaver).status_code == 422  # no confirmation at all
    assert api("DELETE", "/me", leaver, json={"confirm": leaver.email.upper()}).status_code == 204

    left = [i for i in scan_all(stack) if leaver.sub in json.dumps(i) or leaver.email in json.dumps(i)]
    assert left == []
    with pytest.raises(users.cognito.exceptions.UserNotFoundException):
        users.cognito.admin_get_user(UserPoolId=users.pool, Username=leaver.email)
    # the seat went to the one waiting
    assert api("GET", f"/events/{world['full']['id']}/rsvp", world["waiting"]).json()["status"] == "confirmed"
    # the association with a co-editor is theirs now; the other one is frozen (and out of the directory)
    me = api("GET", "/me", world["co_editor"]).json()
    assert [(m["role"], m["association"]["id"]) for m in me["memberships"]] == [("owner", world["shared"]["id"])]
    assert api("GET", f"/associations/{world['shared']['id']}").status_code == 200
    assert api("GET", f"/associations/{world['alone']['id']}").status_code == 404
    frozen = client.get_item(TableName=name, Key={"pk": {"S": f"ASSOC#{world['alone']['id']}"},
                                                   "sk": {"S": "PROFILE"}})["Item"]
    assert frozen["status"]["S"] == "frozen"
    # the co-editor can still edit what the leaver posted
    edited = api("PATCH", f"/events/{world['own_event']['id']}", world["co_editor"],
                 json={"title": {"fr": "Repris"}})
    assert edited.status_code == 200, edited.text
    # flags keep counting, anonymously; the ballot and a voted marker stay, naming no one
    assert client.get_item(TableName=name, Key=flag_key)["Item"]["count"]["N"] == flags_before
    election_id = world["election"]["id"]
    markers = [i for i in scan_all(stack) if i["pk"]["S"].startswith(f"VOTED#{election_id}#")]
    ballots = [i for i in scan_all(stack, ballots=True)
               if i["pk"]["S"].startswith(f"BOX#{election_id}#") and i["sk"]["S"].startswith("B#")]
    assert len(markers) == len(ballots) == 1


def test_erasing_twice_is_harmless(api, person):
    someone = person(label="twice")
    assert api("DELETE", "/me", someone, json={"confirm": someone.email}).status_code == 204
    # the token is still valid until it expires; the account and the data are gone
    assert api("DELETE", "/me", someone, json={"confirm": someone.email}).status_code == 204
