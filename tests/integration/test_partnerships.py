"""Partnerships through the gateway: real Cognito tokens, real handlers, moto DynamoDB."""

from __future__ import annotations

import pytest

from tests.integration.twinning import all_pages, proposal_body


@pytest.fixture(scope="module")
def moderator(person):
    return person("moderators", label="moderator")


def propose(api, association, owner, **overrides):
    response = api("POST", f"/associations/{association['id']}/partnerships", owner, json=proposal_body(**overrides))
    assert response.status_code == 201, response.text
    return response.json()


def test_propose_confirm_sign_activate_end(api, new_association, moderator):
    mine, me = new_association(verified=True)
    theirs, them = new_association(verified=True)
    created = api("POST", f"/associations/{mine['id']}/partnerships", me,
                  json=proposal_body(partner={"association_id": theirs["id"]}, bodies=[{"name": "Région Occitanie"}]))
    assert created.status_code == 201, created.text
    p = created.json()
    assert created.headers["Location"] == f"/partnerships/{p['id']}"
    assert p["status"] == "proposed" and p["french"]["level"] == "commune" and p["ukrainian"]["level"] == "hromada"
    assert [(x["role"], x["name"]) for x in p["parties"]] == [
        ("proposer", mine["name"]), ("partner", theirs["name"]), ("participant", "Région Occitanie")]

    path = f"/partnerships/{p['id']}"
    refused = api("POST", f"{path}/confirm", me, json={})
    assert refused.status_code == 403 and refused.json()["error"]["code"] == "not_the_other_side"
    confirmed = api("POST", f"{path}/confirm", them, json={"note": "D'accord"})
    assert confirmed.status_code == 200 and confirmed.json()["status"] == "in_discussion"
    assert confirmed.json()["confirmed_at"]
    too_early = api("POST", f"{path}/status", me, json={"status": "active"})
    assert too_early.status_code == 409 and too_early.json()["error"]["code"] == "transition_not_allowed"
    assert "in_discussion" in too_early.json()["error"]["message"]
    for who, status in ((me, "signed"), (moderator, "active"), (them, "ended")):
        moved = api("POST", f"{path}/status", who, json={"status": status})
        assert moved.status_code == 200 and moved.json()["status"] == status, moved.text
    assert api("POST", f"{path}/status", me, json={"status": "active"}).status_code == 409
    assert api("GET", path).json()["status"] == "ended"


def test_contact_emails_are_shown_to_parties_only(api, new_association, person, moderator):
    mine, me = new_association(verified=True)
    p = propose(api, mine, me)
    public = api("GET", f"/partnerships/{p['id']}")
    assert public.status_code == 200 and public.headers["Cache-Control"] == "public, max-age=60"
    assert public.json()["contacts"] == [{"name": "Oksana Koval", "role": "Coordinatrice", "organisation": None,
                                          "email": None}]
    assert "oksana@example.org" not in api("GET", "/partnerships", params={"region": "76", "limit": 100}).text
    for party in (me, moderator):
        contacts = api("GET", f"/partnerships/{p['id']}/contacts", party)
        assert contacts.status_code == 200 and contacts.json()[0]["email"] == "oksana@example.org"
    assert api("GET", f"/partnerships/{p['id']}/contacts", person(label="stranger")).status_code == 403
    assert p["contacts"][0]["email"] == "oksana@example.org"  # the proposer's own answer


def test_public_view_never_shows_internal_fields(api, new_association):
    mine, me = new_association(verified=True)
    p = api("GET", f"/partnerships/{propose(api, mine, me)['id']}").json()
    assert not {"version", "proposed_by", "pk", "sk", "gsi1pk", "region", "oblast"} & set(p)
    assert p["hidden_reason"] is None


def test_directory_filters_by_region_oblast_domain_and_status(api, new_association, moderator):
    mine, me = new_association(verified=True)
    lviv = propose(api, mine, me)
    odesa = propose(api, mine, me, ukrainian={"oblast": "UA-51"}, domains=["health"])
    bordeaux = propose(api, mine, me, french={"region": "75", "department": "33"}, domains=["business"])
    api("POST", f"/partnerships/{odesa['id']}/confirm", moderator, json={})

    def ids(**query):
        return {p["id"] for p in all_pages(api, "/partnerships", limit=100, **query)}

    mine_ids = {lviv["id"], odesa["id"], bordeaux["id"]}
    assert ids() >= mine_ids
    assert ids(region="76") & mine_ids == {lviv["id"], odesa["id"]}
    assert ids(oblast="UA-51") & mine_ids == {odesa["id"]}
    assert ids(region="76", oblast="UA-46") & mine_ids == {lviv["id"]}
    assert ids(domain="business") & mine_ids == {bordeaux["id"]}
    assert ids(status="in_discussion") & mine_ids == {odesa["id"]}
    assert ids(region="76", status="proposed", domain="agriculture") & mine_ids == {lviv["id"]}


def test_directory_pages_with_cursors_and_orders_by_status(api, new_association, moderator):
    mine, me = new_association(verified=True)
    created = [propose(api, mine, me, french={"region": "94"}, ukrainian={"oblast": "UA-43"}) for _ in range(5)]
    api("POST", f"/partnerships/{created[-1]['id']}/confirm", moderator, json={})
    listed = all_pages(api, "/partnerships", region="94", oblast="UA-43", limit=2)
    listed_ids = [p["id"] for p in listed]
    assert len(listed_ids) == len(set(listed_ids)) and {p["id"] for p in created} <= set(listed_ids)
    ranks = ["active", "signed", "in_discussion", "proposed", "ended"]
    assert [ranks.index(p["status"]) for p in listed] == sorted(ranks.index(p["status"]) for p in listed)
    other = api("GET", "/partnerships", params={"region": "94", "limit": 2}).json()["next_cursor"]
    assert other
    refused = api("GET", "/partnerships", params={"region": "75", "cursor": other})
    assert refused.status_code == 400 and refused.json()["error"]["code"] == "invalid_cursor"
    mismatched = api("GET", "/partnerships", params={"region": "94", "status": "active", "cursor": other})
    assert mismatched.status_code == 400


def test_match_finds_partners_for_a_region_in_a_domain(api, new_association, moderator):
    mine, me = new_association(verified=True)
    here = propose(api, mine, me, domains=["energy"])
    near = propose(api, mine, me, domains=["energy"], french={"region": "75"})
    far = propose(api, mine, me, domains=["energy"], french={"region": "53"})
    for step in ("confirm", "status"):
        api("POST", f"/partnerships/{near['id']}/{step}", moderator, json={"status": "signed"} if step == "status"
            else {})
    offer = api("POST", f"/associations/{mine['id']}/initiatives", me, json={
        "kind": "offer", "title": "Panneaux solaires pour une hromada", "description": {"fr": "Offre"},
        "domain": "energy", "region": "76"}).json()
    response = api("GET", "/partnerships/match", params={"region": "76", "domain": "energy", "limit": 100})
    assert response.status_code == 200, response.text
    body = response.json()
    found = {m["id"]: m for m in body["items"]}
    assert {here["id"], near["id"], offer["id"]} <= set(found) and far["id"] not in found
    assert found[here["id"]]["reasons"] == ["same_domain", "same_region", "seeking_partners"]
    assert found[near["id"]]["reasons"] == ["same_domain", "neighbouring_region", "established_link"]
    assert found[offer["id"]]["kind"] == "offer" and found[offer["id"]]["href"] == f"/initiatives/{offer['id']}"
    scores = [m["score"] for m in body["items"]]
    assert scores == sorted(scores, reverse=True)
    assert all(m["score"] == sum(body["points"][r] for r in m["reasons"]) for m in body["items"])
    ended = api("POST", f"/partnerships/{here['id']}/status", moderator, json={"status": "ended"})
    assert ended.status_code == 200
    again = api("GET", "/partnerships/match", params={"region": "76", "domain": "energy", "limit": 100}).json()
    assert here["id"] not in {m["id"] for m in again["items"]}  # an ended partnership seeks nobody


def test_match_needs_a_known_domain(api):
    assert api("GET", "/partnerships/match", params={"region": "76"}).status_code == 422
    assert api("GET", "/partnerships/match", params={"domain": "knitting"}).status_code == 422


def test_hidden_partnerships_leave_the_directory_and_the_search(api, new_association, moderator):
    mine, me = new_association(verified=True)
    p = propose(api, mine, me, domains=["sport"])
    hidden = api("POST", f"/partnerships/{p['id']}/hide", moderator, json={"reason": "Contenu trompeur"})
    assert hidden.status_code == 200 and hidden.json()["hidden"] is True
    assert api("GET", f"/partnerships/{p['id']}").status_code == 404
    assert p["id"] not in {x["id"] for x in all_pages(api, "/partnerships", domain="sport", limit=100)}
    assert p["id"] not in api("GET", "/partnerships/match", params={"domain": "sport", "limit": 100}).text
    assert api("GET", f"/partnerships/{p['id']}/contacts", me).status_code == 200  # parties still reach it
    assert api("POST", f"/partnerships/{p['id']}/hide", moderator, json={"reason": "encore"}).status_code == 409
    assert api("POST", f"/partnerships/{p['id']}/restore", moderator, json={}).status_code == 200
    assert api("GET", f"/partnerships/{p['id']}").status_code == 200
    assert p["id"] in api("GET", "/partnerships/match", params={"domain": "sport", "limit": 100}).text


def test_editing_keeps_what_is_not_sent(api, new_association):
    mine, me = new_association(verified=True)
    p = propose(api, mine, me)
    edited = api("PATCH", f"/partnerships/{p['id']}", me, json={
        "milestones": [{"date": "2026-03-01", "title": "Visite à Lviv", "done": True},
                       {"date": "2026-09-15", "title": "Signature", "done": True}]})
    assert edited.status_code == 200, edited.text
    assert [m["done"] for m in edited.json()["milestones"]] == [True, True]
    assert edited.json()["title"] == p["title"] and edited.json()["documents"] == p["documents"]


def test_directory_lists_the_partnerships_an_association_takes_part_in(api, new_association):
    mine, me = new_association(verified=True)
    partner, _them = new_association(verified=True)
    outsider, stranger = new_association(verified=True)
    with_body = propose(api, mine, me)
    with_partner = propose(api, mine, me, partner={"association_id": partner["id"]})
    elsewhere = propose(api, outsider, stranger)

    def ids(association):
        return {p["id"] for p in all_pages(api, "/partnerships", association=association, limit=100)}

    assert ids(mine["id"]) == {with_body["id"], with_partner["id"]}
    assert ids(partner["id"]) == {with_partner["id"]}
    assert elsewhere["id"] not in ids(mine["id"]) | ids(partner["id"])
