"""Opt-in match notices: a need and an offer that fit are told to both sides (once per pair, without
contacts), each side confirms or declines, contacts are shared only once both confirmed; declining ends
the pair, closing an initiative cancels it; attacks by a third association; races on the once-only steps."""

from __future__ import annotations

import uuid
from collections import Counter

import pytest

from hromada.auth import Principal
from hromada.domain.possible_matches import Answer, PossibleMatches
from hromada.store.initiatives import DynamoInitiativeStore
from hromada.store.matches import DynamoMatchIndex
from hromada.store.possible_matches import DynamoPossibleMatches
from tests.integration.mail import wait_for, wait_mails
from tests.integration.test_races import race, table
from tests.integration.twinning import initiative_body

RACERS = 8


@pytest.fixture
def sides(api, new_association, person):
    """A need and an offer that fit (same domain, same oblast, both open), by two associations; a third one."""
    need_side, need_owner = new_association(verified=True)
    offer_side, offer_owner = new_association(verified=True)
    _, stranger = new_association(verified=True)
    title = uuid.uuid4().hex[:6]
    offer = api("POST", f"/associations/{offer_side['id']}/initiatives", offer_owner,
                json=initiative_body(kind="offer", title=f"Pompes {title}", domain="energy", oblast="UA-63")).json()
    need = api("POST", f"/associations/{need_side['id']}/initiatives", need_owner,
               json=initiative_body(title=f"Besoin de pompes {title}", domain="energy", oblast="UA-63")).json()
    paired(api, need["id"], offer["id"], need_owner)
    return {"need": need, "offer": offer, "need_owner": need_owner, "offer_owner": offer_owner,
            "stranger": stranger, "moderator": person("moderators", label="moderator")}


def paired(api, initiative_id: str, other_id: str, who) -> None:
    """Once the publication's follow-up (outbox, bus, notifier) has recorded this pair."""
    assert wait_for(lambda: any(p["other"]["id"] == other_id for p in api(
        "GET", f"/initiatives/{initiative_id}/possible-matches", who).json()))


def pair_of(api, initiative_id: str, other_id: str, who) -> dict:
    response = api("GET", f"/initiatives/{initiative_id}/possible-matches", who)
    assert response.status_code == 200, response.text
    found = [p for p in response.json() if p["other"]["id"] == other_id]
    assert len(found) == 1, response.json()
    return found[0]


def test_both_sides_are_told_and_contacts_wait_for_both_confirmations(api, sides, stack):
    need, offer = sides["need"], sides["offer"]
    need_owner, offer_owner = sides["need_owner"], sides["offer_owner"]
    seen_by_need = pair_of(api, need["id"], offer["id"], need_owner)
    assert seen_by_need["status"] == "pending" and seen_by_need["contacts"] == []
    assert seen_by_need["other"]["kind"] == "offer" and seen_by_need["score"] >= 8
    assert pair_of(api, offer["id"], need["id"], offer_owner)["other"]["kind"] == "need"
    # Both owners hear of it, neither learns the other's address.
    for owner, other, mine in ((need_owner, offer_owner, need), (offer_owner, need_owner, offer)):
        told = [m for m in wait_mails(stack, owner.email, count=2) if "correspondance" in m["subject"]]
        assert [m["subject"] for m in told] == [f"Une correspondance possible pour « {mine['title']} »"]
        assert other.email not in str(told) and "#/initiatives/" + mine["id"] in told[0]["text"]

    confirm = f"/initiatives/{need['id']}/possible-matches/{offer['id']}/confirm"
    first = api("POST", confirm, need_owner, json={})
    assert first.status_code == 200, first.text
    assert first.json()["my_answer"] == "confirmed" and first.json()["contacts"] == []
    half = api("GET", f"/initiatives/{offer['id']}/possible-matches", offer_owner)
    assert need_owner.email not in half.text and half.json()[0]["their_answer"] == "confirmed"
    assert api("POST", confirm, need_owner, json={}).status_code == 409  # once per side

    both = api("POST", f"/initiatives/{offer['id']}/possible-matches/{need['id']}/confirm", offer_owner, json={})
    assert both.status_code == 200, both.text
    assert both.json()["status"] == "confirmed"
    shared = {e for c in both.json()["contacts"] for e in c["emails"]}
    assert {need_owner.email, offer_owner.email} <= shared
    assert offer_owner.email in str(pair_of(api, need["id"], offer["id"], need_owner)["contacts"])
    contacts_mail = wait_mails(stack, need_owner.email, count=3)[0]  # newest first
    assert contacts_mail["subject"].startswith("Mise en relation") and offer_owner.email in contacts_mail["text"]


def test_a_third_association_cannot_confirm_for_a_side_nor_read_the_pairs(api, sides):
    need, offer, stranger = sides["need"], sides["offer"], sides["stranger"]
    path = f"/initiatives/{need['id']}/possible-matches"
    for who in (stranger, sides["offer_owner"]):  # the other side cannot answer for this one either
        refused = api("POST", f"{path}/{offer['id']}/confirm", who, json={})
        assert refused.status_code == 403, refused.text
        assert set(refused.json()["error"]) == {"code", "message", "details"}
    assert api("GET", path, stranger).status_code == 403
    # Staff read the pairs, but do not answer on an association's behalf.
    assert api("GET", path, sides["moderator"]).status_code == 200
    assert api("POST", f"{path}/{offer['id']}/confirm", sides["moderator"], json={}).status_code == 403
    assert pair_of(api, need["id"], offer["id"], sides["need_owner"])["my_answer"] is None


def test_bad_input_is_a_clear_4xx(api, sides):
    need, owner = sides["need"], sides["need_owner"]
    for path, status in ((f"/initiatives/{need['id']}/possible-matches/not-an-id/confirm", 422),
                         (f"/initiatives/{need['id']}/possible-matches/in_{'0' * 20}/confirm", 404),
                         (f"/initiatives/in_{'0' * 20}/possible-matches", 404)):
        method = "GET" if path.endswith("matches") else "POST"
        response = api(method, path, owner, json={} if method == "POST" else None)
        assert response.status_code == status, (path, response.text)
        assert set(response.json()["error"]) == {"code", "message", "details"}


def test_declining_ends_the_pair(api, sides):
    need, offer = sides["need"], sides["offer"]
    declined = api("POST", f"/initiatives/{offer['id']}/possible-matches/{need['id']}/decline", sides["offer_owner"],
                   json={})
    assert declined.status_code == 200 and declined.json()["status"] == "declined"
    late = api("POST", f"/initiatives/{need['id']}/possible-matches/{offer['id']}/confirm", sides["need_owner"],
               json={})
    assert late.status_code == 409
    # Published again (a retried notice): the pair exists, nobody is told of it again. (Offers of other tests
    # on the shared stack may fit this need too, and its follow-up may still be pairing them: only ours counts.)
    mail = Recorder()
    told = matches(mail).notice(DynamoInitiativeStore().get(need["id"]))
    assert [p for p in told if p.offer.initiative_id == offer["id"]] == []
    assert (need["id"], offer["id"]) not in mail.told


def test_closing_an_initiative_cancels_its_pending_pairs(api, sides):
    need, offer = sides["need"], sides["offer"]
    closed = api("POST", f"/initiatives/{need['id']}/status", sides["need_owner"], json={"status": "closed"})
    assert closed.status_code == 200, closed.text
    # The closing's follow-up cancels the pair (outbox, bus, notifier).
    assert wait_for(lambda: pair_of(api, offer["id"], need["id"], sides["offer_owner"])["status"] == "cancelled")
    late = api("POST", f"/initiatives/{offer['id']}/possible-matches/{need['id']}/confirm", sides["offer_owner"],
               json={})
    assert late.status_code == 409


class Recorder:
    def __init__(self):
        self.told: list[tuple[str, str]] = []
        self.shared: list[tuple[str, str]] = []

    def possible_match(self, pair) -> None:
        self.told.append((pair.need.initiative_id, pair.offer.initiative_id))

    def contacts_shared(self, pair, contacts) -> None:
        self.shared.append((pair.need.initiative_id, pair.offer.initiative_id))


def matches(mail: Recorder) -> PossibleMatches:
    return PossibleMatches(DynamoPossibleMatches(), DynamoInitiativeStore(), DynamoMatchIndex(), mail, threshold=8)


def test_a_pair_is_told_once_however_many_notices_race(api, new_association, stack):
    mine, me = new_association(verified=True)
    theirs, them = new_association(verified=True)
    offer = api("POST", f"/associations/{theirs['id']}/initiatives", them,
                json=initiative_body(kind="offer", domain="sport", oblast="UA-07")).json()
    need = api("POST", f"/associations/{mine['id']}/initiatives", me,
               json=initiative_body(domain="sport", oblast="UA-07")).json()
    paired(api, need["id"], offer["id"], me)
    published = DynamoInitiativeStore().get(need["id"])
    again = Recorder()  # told already, at publication (other tests' fitting offers aside)
    matches(again).notice(published)
    assert (need["id"], offer["id"]) not in again.told
    client, name = table(stack)  # forget the pair, so the racing notices all find it new
    client.delete_item(TableName=name, Key={"pk": {"S": f"POSSIBLE_MATCH#{need['id']}"},
                                            "sk": {"S": f"OFFER#{offer['id']}"}})
    mail = Recorder()
    race([lambda: matches(mail).notice(published)] * RACERS)
    assert mail.told.count((need["id"], offer["id"])) == 1


def test_both_sides_confirming_at_once_share_the_contacts_once(api, new_association):
    mine, me = new_association(verified=True)
    theirs, them = new_association(verified=True)
    offer = api("POST", f"/associations/{theirs['id']}/initiatives", them,
                json=initiative_body(kind="offer", domain="health", oblast="UA-09")).json()
    need = api("POST", f"/associations/{mine['id']}/initiatives", me,
               json=initiative_body(domain="health", oblast="UA-09")).json()
    paired(api, need["id"], offer["id"], me)
    store = DynamoInitiativeStore()
    mail = Recorder()
    calls = []
    for _ in range(RACERS // 2):
        for who, mine_id, other_id in ((me, need["id"], offer["id"]), (them, offer["id"], need["id"])):
            principal = Principal(who.sub, who.email, True, frozenset())
            calls.append(lambda p=principal, i=mine_id, o=other_id: _try(
                lambda: matches(mail).answer(p, store.get(i), o, Answer.CONFIRMED)))
    outcomes = Counter(race(calls))
    assert outcomes["ok"] == 2  # one confirmation per side
    assert mail.shared == [(need["id"], offer["id"])]  # the contacts, once


def _try(act) -> str:
    from hromada.errors import Conflict

    try:
        act()
    except Conflict:
        return "conflict"
    return "ok"
