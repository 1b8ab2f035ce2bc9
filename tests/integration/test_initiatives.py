"""Needs and offers through the gateway: publish, find, match, follow."""

from __future__ import annotations

import pytest

from tests.integration.twinning import all_pages, initiative_body


@pytest.fixture(scope="module")
def moderator(person):
    return person("moderators", label="moderator")


def publish(api, association, owner, **overrides):
    response = api("POST", f"/associations/{association['id']}/initiatives", owner,
                   json=initiative_body(**overrides))
    assert response.status_code == 201, response.text
    return response.json()


def test_a_need_finds_its_offers_and_the_offer_its_needs(api, new_association):
    mine, me = new_association(verified=True)
    firm, boss = new_association(verified=True, name="Eau Pure Occitanie")
    need = publish(api, mine, me, domain="environment", region="76")
    offer = publish(api, firm, boss, kind="offer", title="Unités de potabilisation", domain="environment",
                    region="76", oblast=None, hromada=None)
    far = publish(api, firm, boss, kind="offer", domain="environment", region="53", oblast="UA-63", hromada=None)
    other_domain = publish(api, firm, boss, kind="offer", domain="education", region="76")
    assert need["association"] == {"id": mine["id"], "name": mine["name"]}
    assert need["status"] == "open"

    matches = api("GET", f"/initiatives/{need['id']}/matches", params={"limit": 100})
    assert matches.status_code == 200, matches.text
    found = {m["id"]: m for m in matches.json()["items"]}
    assert offer["id"] in found and not {far["id"], other_domain["id"], need["id"]} & set(found)
    assert found[offer["id"]]["reasons"] == ["same_domain", "same_region", "any_oblast", "seeking_partners"]
    back = api("GET", f"/initiatives/{offer['id']}/matches", params={"limit": 100}).json()["items"]
    assert need["id"] in {m["id"] for m in back} and all(m["kind"] == "need" for m in back)


def test_matched_and_closed_initiatives_leave_the_matches(api, new_association, moderator):
    mine, me = new_association(verified=True)
    need = publish(api, mine, me, domain="youth")
    offer = publish(api, mine, me, kind="offer", domain="youth")
    path = f"/initiatives/{offer['id']}/status"
    assert api("POST", path, me, json={"status": "matched", "note": "Trouvé"}).json()["status"] == "matched"
    assert offer["id"] not in api("GET", f"/initiatives/{need['id']}/matches").text
    assert api("POST", path, moderator, json={"status": "open"}).status_code == 200
    assert offer["id"] in api("GET", f"/initiatives/{need['id']}/matches").text
    assert api("POST", path, me, json={"status": "closed"}).status_code == 200
    final = api("POST", path, me, json={"status": "open"})
    assert final.status_code == 409 and final.json()["error"]["code"] == "transition_not_allowed"


def test_the_directory_filters_by_kind_place_domain_and_status(api, new_association):
    mine, me = new_association(verified=True)
    need = publish(api, mine, me, domain="health", region="84")
    offer = publish(api, mine, me, kind="offer", domain="health", region="84", oblast=None, hromada=None)
    kharkiv = publish(api, mine, me, domain="sport", oblast="UA-63", hromada=None)
    api("POST", f"/initiatives/{kharkiv['id']}/status", me, json={"status": "closed"})
    mine_ids = {need["id"], offer["id"], kharkiv["id"]}

    def ids(**query):
        return {i["id"] for i in all_pages(api, "/initiatives", limit=100, **query)} & mine_ids

    assert ids() == mine_ids
    assert ids(region="84") == {need["id"], offer["id"]}
    assert ids(region="84", kind="offer") == {offer["id"]}
    assert ids(oblast="UA-48", domain="health") == {need["id"]}
    assert ids(oblast="UA-63") == {kharkiv["id"]}
    assert ids(status="closed") == {kharkiv["id"]}
    assert ids(status="open", kind="need", region="84", oblast="UA-48") == {need["id"]}
    listed = all_pages(api, "/initiatives", region="84", limit=1)
    assert len({i["id"] for i in listed}) == len(listed)


def test_contact_goes_through_the_association(api, new_association):
    mine, me = new_association(verified=True, contact_email="secret@example.org")
    body = api("GET", f"/initiatives/{publish(api, mine, me)['id']}").json()
    assert "secret@example.org" not in str(body) and "email" not in body
    assert not {"version", "association_id", "pk", "gsi2pk"} & set(body)


def test_hidden_initiatives_are_gone_until_restored(api, new_association, moderator):
    mine, me = new_association(verified=True)
    need = publish(api, mine, me, domain="other")
    hidden = api("POST", f"/initiatives/{need['id']}/hide", moderator, json={"reason": "Arnaque signalée"})
    assert hidden.status_code == 200 and hidden.json()["hidden_reason"] == "Arnaque signalée"
    assert api("GET", f"/initiatives/{need['id']}").status_code == 404
    assert api("GET", f"/initiatives/{need['id']}/matches").status_code == 404
    assert need["id"] not in {i["id"] for i in all_pages(api, "/initiatives", domain="other", limit=100)}
    assert api("POST", f"/initiatives/{need['id']}/restore", moderator, json={}).status_code == 200
    assert api("GET", f"/initiatives/{need['id']}").json()["hidden"] is False
    again = api("POST", f"/initiatives/{need['id']}/restore", moderator, json={}, headers={"Accept-Language": "uk"})
    assert again.status_code == 409 and again.json()["error"] == {"code": "not_hidden", "message": "Це не приховано.",
                                                                   "details": []}


def test_editing_is_checked_as_a_whole(api, new_association):
    mine, me = new_association(verified=True)
    need = publish(api, mine, me)
    edited = api("PATCH", f"/initiatives/{need['id']}", me, json={"title": "Station d'épuration mobile"})
    assert edited.status_code == 200 and edited.json()["oblast"] == "UA-48"
    placeless = api("PATCH", f"/initiatives/{need['id']}", me, json={"oblast": None, "hromada": None})
    assert placeless.status_code == 422
    assert api("GET", f"/initiatives/{need['id']}").json()["title"] == "Station d'épuration mobile"


def test_the_directory_lists_one_association_s_needs_and_offers(api, new_association):
    mine, me = new_association(verified=True)
    theirs, them = new_association(verified=True)
    need = publish(api, mine, me, region="84")
    offer = publish(api, mine, me, kind="offer", region="84", oblast=None, hromada=None)
    other = publish(api, theirs, them, region="84")
    listed = {i["id"] for i in all_pages(api, "/initiatives", association=mine["id"], limit=100)}
    assert listed == {need["id"], offer["id"]} and other["id"] not in listed
    assert {i["id"] for i in all_pages(api, "/initiatives", association=mine["id"], kind="offer")} == {offer["id"]}
    assert api("GET", "/initiatives", params={"association": "not an id"}).status_code == 422
