"""An EventBridge outage must not lose a notice. Domain events are written in the transaction of the
change they report (the outbox) and relayed from the table stream: a failed PutEvents is retried until
the bus takes it, the attendee is told once, and a write that fails leaves no event behind."""

from __future__ import annotations

import threading
from typing import Any

import boto3
import pytest
from botocore.exceptions import ClientError

from tests.integration.mail import mails_to, wait_for, wait_mails


class FlakyBus:
    """The relay's EventBridge client: the first `failures` PutEvents calls about `needle` fail, as in an
    outage (other tests' events pass)."""

    def __init__(self, real: Any, failures: int, needle: str = ""):
        self.real, self.failures, self.needle, self.calls, self.failed = real, failures, needle, [], 0
        self.lock = threading.Lock()

    def put_events(self, **kwargs: Any) -> dict[str, Any]:
        with self.lock:
            self.calls.append(kwargs["Entries"])
            failing = self.failed < self.failures and any(self.needle in e["Detail"] for e in kwargs["Entries"])
            self.failed += failing
        if failing:
            raise ClientError({"Error": {"Code": "InternalException", "Message": "outage"}}, "PutEvents")
        return self.real.put_events(**kwargs)


@pytest.fixture
def table(stack):
    return boto3.client("dynamodb", endpoint_url=stack.moto_url, region_name="eu-west-3",
                        aws_access_key_id="local", aws_secret_access_key="local"), stack.template.physical["Table"]


def outbox_items(table, needle: str) -> list[dict[str, Any]]:
    client, name = table
    found, request = [], {"TableName": name, "FilterExpression": "begins_with(pk, :p)",
                          "ExpressionAttributeValues": {":p": {"S": "OUTBOX#"}}}
    while True:
        page = client.scan(**request)
        found += [i for i in page["Items"] if needle in i["detail"]["S"]]
        if "LastEvaluatedKey" not in page:
            return found
        request["ExclusiveStartKey"] = page["LastEvaluatedKey"]


def cancelled_mails(stack, email: str) -> list[dict[str, Any]]:
    return [m for m in mails_to(stack, email) if "Intempéries" in (m["text"] or "")]


def test_a_notice_survives_an_eventbridge_outage_and_is_sent_once(api, stack, new_event, person, table,
                                                                  monkeypatch):
    from hromada import bus

    event, owner = new_event()
    attendee = person(label="attendee")
    assert api("POST", f"/events/{event['id']}/rsvp", attendee).status_code == 201
    # The event's publication and the RSVP go on the bus too (for the figures): relayed before the outage.
    assert wait_for(lambda: outbox_items(table, event["id"]) == [], timeout=30) is True
    flaky = FlakyBus(bus.eventbridge(), failures=3, needle=event["id"])
    monkeypatch.setattr(bus, "eventbridge", lambda: flaky)

    cancelled = api("POST", f"/events/{event['id']}/cancel", owner, json={"reason": "Intempéries"})
    assert cancelled.status_code == 200, cancelled.text  # the bus being down never fails the request

    mails = wait_for(lambda: cancelled_mails(stack, attendee.email.lower()), timeout=60)
    assert len(mails) == 1, mails
    kinds = [entry["DetailType"] for entries in flaky.calls for entry in entries if event["id"] in entry["Detail"]]
    assert kinds == ["EventCancelled"] * 4  # three refused, then relayed
    assert wait_for(lambda: outbox_items(table, event["id"]) == [], timeout=10) is True  # deleted once relayed
    wait_mails(stack, attendee.email.lower(), count=2, timeout=3)
    assert len(cancelled_mails(stack, attendee.email.lower())) == 1


def test_a_relay_that_fails_after_putting_does_not_tell_twice(api, stack, new_event, person, table, monkeypatch):
    """PutEvents succeeded, deleting the outbox item did not: the retried record puts the event again, and
    the notifier recognises its outbox id."""
    from hromada import bus
    from hromada.store.outbox_relay import DynamoOutbox

    event, owner = new_event()
    attendee = person(label="attendee")
    assert api("POST", f"/events/{event['id']}/rsvp", attendee).status_code == 201
    # The event's publication and the RSVP go on the bus too (for the figures): relayed before the outage.
    assert wait_for(lambda: outbox_items(table, event["id"]) == [], timeout=30) is True
    flaky = FlakyBus(bus.eventbridge(), failures=0)
    monkeypatch.setattr(bus, "eventbridge", lambda: flaky)
    deletes = []
    real_delete = DynamoOutbox.delete
    client, name = table

    def delete_fails_once(self, outbox_id: str) -> None:
        item = client.get_item(TableName=name, Key={"pk": {"S": f"OUTBOX#{outbox_id}"}, "sk": {"S": "OUTBOX"}})
        if event["id"] in item.get("Item", {}).get("detail", {}).get("S", ""):  # this test's event only
            deletes.append(outbox_id)
            if len(deletes) == 1:
                raise ClientError({"Error": {"Code": "InternalServerError", "Message": "lost"}}, "DeleteItem")
        real_delete(self, outbox_id)

    monkeypatch.setattr(DynamoOutbox, "delete", delete_fails_once)
    assert api("POST", f"/events/{event['id']}/cancel", owner, json={"reason": "Intempéries"}).status_code == 200

    assert wait_for(lambda: len(deletes) >= 2 and outbox_items(table, event["id"]) == [], timeout=60)
    kinds = [entry["DetailType"] for entries in flaky.calls for entry in entries if event["id"] in entry["Detail"]]
    assert kinds == ["EventCancelled", "EventCancelled"]  # on the bus twice...
    assert wait_mails(stack, attendee.email.lower(), count=1, timeout=30)
    wait_mails(stack, attendee.email.lower(), count=2, timeout=5)
    assert len(cancelled_mails(stack, attendee.email.lower())) == 1  # ...told once


def test_a_failed_write_leaves_no_event_and_a_successful_one_writes_it_with_the_change(stack, new_event, table):
    from hromada.bus import OutboxPublisher
    from hromada.domain.event_ports import DomainEvent
    from hromada.domain.ports import ConditionFailed
    from hromada.store.events import DynamoEventStore
    from hromada.store.outbox import OutboxNotWritten

    created, _ = new_event()
    store = DynamoEventStore()
    event, _ = store.get(created["id"])
    renamed = event.model_copy(update={"sequence": event.sequence + 1})
    marker = f"atomic-{event.id}"
    with pytest.raises(ConditionFailed), OutboxPublisher().staged([DomainEvent("EventChanged", {"marker": marker})]):
        store.save(renamed, expected_sequence=event.sequence + 7, editor_email=None)  # a stale version
    assert outbox_items(table, marker) == []
    assert store.get(event.id)[0].sequence == event.sequence

    stack.streams.paused.set()  # to read the outbox item before the relay deletes it
    try:
        with OutboxPublisher().staged([DomainEvent("EventChanged", {"marker": marker})]):
            store.save(renamed, expected_sequence=event.sequence, editor_email=None)
        [item] = outbox_items(table, marker)
        assert item["kind"]["S"] == "EventChanged" and store.get(event.id)[0].sequence == event.sequence + 1
    finally:
        stack.streams.paused.clear()
    assert wait_for(lambda: outbox_items(table, marker) == [], timeout=20) is True

    with pytest.raises(OutboxNotWritten), OutboxPublisher().staged([DomainEvent("EventChanged", {"marker": marker})]):
        store.get(event.id)  # no transaction inside: the event would be lost, so it is an error
