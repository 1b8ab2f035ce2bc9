"""Possible matches follow the initiative's write through the outbox (the write stages InitiativeMatchesChanged in
its own transaction; relay, bus, notifications queue, notifier): a request dying right after its write still gets
its pairs recorded and both sides mailed once; a redelivered follow-up mails nobody twice; the follow-up reads the
initiative as it is then, so one edited away before it runs tells nobody; an edit that makes one match tells both;
publishing no longer pairs in the request (fewer DynamoDB calls)."""

from __future__ import annotations

import json

import boto3
import pytest

from hromada.domain.possible_matches import MatchFollowUp, PossibleMatches
from hromada.store.initiatives import DynamoInitiativeStore
from hromada.store.matches import DynamoMatchIndex
from hromada.store.possible_matches import DynamoPossibleMatches
from tests.integration.mail import MAIL_QUEUES, drained, mails_to, wait_for, wait_mails
from tests.integration.test_possible_matches import Recorder, pair_of
from tests.integration.test_races import race, table
from tests.integration.test_read_calls import dynamodb_calls
from tests.integration.twinning import initiative_body

TOLD = "Une correspondance possible"


def settle(stack) -> None:
    assert drained(stack, "NotificationsQueue", *MAIL_QUEUES)


def told(stack, who) -> list[dict]:
    return [m for m in mails_to(stack, who.email.lower()) if m["subject"].startswith(TOLD)]


def publish(api, association: dict, owner, **fields) -> dict:
    response = api("POST", f"/associations/{association['id']}/initiatives", owner, json=initiative_body(**fields))
    assert response.status_code == 201, response.text
    return response.json()


def pairs_of(api, initiative_id: str, who) -> list[dict]:
    response = api("GET", f"/initiatives/{initiative_id}/possible-matches", who)
    assert response.status_code == 200, response.text
    return response.json()


def an_offer(api, new_association, stack, domain: str, oblast: str):
    side, owner = new_association(verified=True)
    offer = publish(api, side, owner, kind="offer", domain=domain, oblast=oblast)
    settle(stack)
    return offer, owner


def deliver_again(stack, initiative_id: str, copies: int) -> None:
    """The follow-up put on the notifications queue again, as a retried relay or a duplicate delivery would: each
    copy with an outbox id of its own, so the notifier's own once-only check does not stop it."""
    sqs = boto3.client("sqs", endpoint_url=stack.moto_url, region_name="eu-west-3",
                       aws_access_key_id="local", aws_secret_access_key="local")
    url = stack.template.attributes["NotificationsQueue"]["QueueUrl"]
    for n in range(copies):
        detail = {"initiative_id": initiative_id, "outbox_id": f"ob_again{n}{initiative_id[-8:]}"}
        sqs.send_message(QueueUrl=url, MessageBody=json.dumps({
            "source": "hromada.events", "detail-type": "InitiativeMatchesChanged", "detail": detail}))


def test_a_request_dying_after_its_write_still_pairs_and_tells_both_sides_once(
        api, new_association, stack, monkeypatch):
    offer, offer_owner = an_offer(api, new_association, stack, "youth", "UA-77")
    need_side, need_owner = new_association(verified=True)
    written = DynamoInitiativeStore.create

    def dies_after_the_write(self, *args, **kwargs):
        written(self, *args, **kwargs)
        raise RuntimeError("the function stopped here")  # a timeout, a crash: nothing after the write runs

    monkeypatch.setattr(DynamoInitiativeStore, "create", dies_after_the_write)
    died = api("POST", f"/associations/{need_side['id']}/initiatives", need_owner,
               json=initiative_body(domain="youth", oblast="UA-77"))
    monkeypatch.undo()
    assert died.status_code == 500, died.text

    listed = api("GET", f"/initiatives?association={need_side['id']}").json()["items"]
    [need] = [i for i in listed if i["kind"] == "need"]  # the write itself was done
    assert wait_for(lambda: told(stack, need_owner) and told(stack, offer_owner))
    settle(stack)
    assert pair_of(api, need["id"], offer["id"], need_owner)["status"] == "pending"
    assert len(told(stack, need_owner)) == 1 and len(told(stack, offer_owner)) == 1

    # Redelivered (three deliveries in all): the pair exists, nobody is told again.
    deliver_again(stack, need["id"], copies=2)
    settle(stack)
    assert len(told(stack, need_owner)) == 1 and len(told(stack, offer_owner)) == 1
    assert [p["other"]["id"] for p in pairs_of(api, need["id"], need_owner)] == [offer["id"]]


def test_an_initiative_edited_away_before_its_follow_up_runs_tells_nobody(api, new_association, stack):
    offer, offer_owner = an_offer(api, new_association, stack, "environment", "UA-65")
    need_side, need_owner = new_association(verified=True)
    stack.streams.paused.set()  # the follow-up waits: the edit lands before it runs
    try:
        need = publish(api, need_side, need_owner, domain="environment", oblast="UA-65")
        edited = api("PATCH", f"/initiatives/{need['id']}", need_owner, json={"domain": "sport", "oblast": "UA-61"})
        assert edited.status_code == 200, edited.text
    finally:
        stack.streams.paused.clear()
    # A pair published after both follow-ups: once it is told, the earlier follow-ups have run.
    _, late_owner = an_offer(api, new_association, stack, "environment", "UA-53")
    late_side, late_need_owner = new_association(verified=True)
    publish(api, late_side, late_need_owner, domain="environment", oblast="UA-53")
    assert wait_mails(stack, late_owner.email.lower())
    settle(stack)

    assert pairs_of(api, need["id"], need_owner) == [] and pairs_of(api, offer["id"], offer_owner) == []
    assert told(stack, need_owner) == [] and told(stack, offer_owner) == []


def test_an_edit_that_makes_an_initiative_match_tells_both_sides(api, new_association, stack):
    offer, offer_owner = an_offer(api, new_association, stack, "education", "UA-59")
    need_side, need_owner = new_association(verified=True)
    need = publish(api, need_side, need_owner, domain="education", oblast="UA-71")  # scores 5: not told
    settle(stack)
    assert pairs_of(api, need["id"], need_owner) == []
    edited = api("PATCH", f"/initiatives/{need['id']}", need_owner, json={"oblast": "UA-59"})
    assert edited.status_code == 200, edited.text
    assert wait_for(lambda: told(stack, need_owner) and told(stack, offer_owner))
    settle(stack)
    assert pair_of(api, need["id"], offer["id"], need_owner)["status"] == "pending"
    assert len(told(stack, need_owner)) == 1 and len(told(stack, offer_owner)) == 1


def test_publishing_no_longer_pairs_in_the_request(api, new_association, stack):
    """One read (the publisher's association and editor item) and one transaction, however many pairs it makes."""
    for _ in range(3):
        an_offer(api, new_association, stack, "agriculture", "UA-68")
    need_side, need_owner = new_association(verified=True)
    with dynamodb_calls() as calls:
        publish(api, need_side, need_owner, domain="agriculture", oblast="UA-68")
    # Was 22 with these three pairs (4 with none): the candidates' Query, and per pair GetItem (the other side),
    # PutItem (the pair), GetItem and Query (each side's owners), besides one SQS call.
    assert calls == ["BatchGetItem", "TransactWriteItems"]
    assert wait_for(lambda: len(told(stack, need_owner)) == 3)  # the three pairs, told afterwards


def test_a_pair_left_untold_by_a_dying_follow_up_is_told_once_by_the_next(api, new_association, stack):
    offer, _ = an_offer(api, new_association, stack, "culture", "UA-56")
    need_side, need_owner = new_association(verified=True)
    need = publish(api, need_side, need_owner, domain="culture", oblast="UA-56")
    assert wait_for(lambda: pairs_of(api, need["id"], need_owner))
    client, name = table(stack)  # as if its follow-up had not run yet
    client.delete_item(TableName=name, Key={"pk": {"S": f"POSSIBLE_MATCH#{need['id']}"},
                                            "sk": {"S": f"OFFER#{offer['id']}"}})
    clock = ["2026-12-07T10:00:00.000Z"]
    mail = Recorder()
    follow_up = MatchFollowUp(lambda: PossibleMatches(DynamoPossibleMatches(), DynamoInitiativeStore(),
                                                      DynamoMatchIndex(), mail, 8, now=lambda: clock[0]),
                              DynamoInitiativeStore().get)

    class Died(DynamoPossibleMatches):  # recorded, then the function stopped: not told, not forgotten
        def told(self, pair):
            raise RuntimeError("stopped")

    dying = MatchFollowUp(lambda: PossibleMatches(Died(), DynamoInitiativeStore(), DynamoMatchIndex(), mail, 8,
                                                  now=lambda: clock[0]), DynamoInitiativeStore().get)
    with pytest.raises(RuntimeError):
        dying.handle(need["id"])
    mail.told.clear()  # its mail never left
    assert follow_up.handle(need["id"]) == []  # at once: another delivery may still be at work
    clock[0] = "2026-12-07T10:03:00.000Z"  # the queue delivers it again after its visibility timeout
    race([lambda: follow_up.handle(need["id"])] * 4)
    assert mail.told == [(need["id"], offer["id"])]
    assert follow_up.handle(need["id"]) == [] and len(mail.told) == 1
