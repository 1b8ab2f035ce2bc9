"""Domain events reach the EventBridge bus of template.yaml through the outbox (written with the change,
relayed from the table stream): a rule routes them to a queue."""

from __future__ import annotations

import json
import time
import uuid

import boto3
import pytest


@pytest.fixture
def listen(stack):
    """A queue that receives, through a rule on the bus, the domain events of one association."""
    info = stack.info()
    kwargs = {"endpoint_url": info["aws_endpoint"], "region_name": info["region"],
              "aws_access_key_id": "local", "aws_secret_access_key": "local"}
    events, sqs = boto3.client("events", **kwargs), boto3.client("sqs", **kwargs)
    bus = info["event_bus_name"]

    def start(association_id: str):
        name = f"watch-{uuid.uuid4().hex[:8]}"
        queue = sqs.create_queue(QueueName=name)["QueueUrl"]
        arn = sqs.get_queue_attributes(QueueUrl=queue, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
        events.put_rule(Name=name, EventBusName=bus, EventPattern=json.dumps(
            {"source": ["hromada.events"], "detail": {"association_id": [association_id]}}))
        events.put_targets(Rule=name, EventBusName=bus, Targets=[{"Id": "queue", "Arn": arn}])

        def received(expected: int = 0, quiet: float = 1.5, wait: float = 15) -> list[dict]:
            """What arrived: at least `expected` messages (the relay is asynchronous), then nothing more
            for `quiet` seconds."""
            messages: list[dict] = []
            deadline, last = time.monotonic() + wait, time.monotonic()
            while time.monotonic() < deadline:
                batch = sqs.receive_message(QueueUrl=queue, MaxNumberOfMessages=10).get("Messages", [])
                if batch:
                    # The association's review and the event's publication (before listening) may still be on
                    # their way: not news here.
                    messages += [body for body in map(json.loads, (m["Body"] for m in batch))
                                 if body["detail-type"] not in ("AssociationReviewed", "EventPublished")]
                    for m in batch:
                        sqs.delete_message(QueueUrl=queue, ReceiptHandle=m["ReceiptHandle"])
                    last = time.monotonic()
                elif len(messages) >= expected and time.monotonic() - last >= quiet:
                    break
                else:
                    time.sleep(0.1)
            return messages

        return received

    return start


def test_changes_cancellations_and_promotions_are_announced(api, new_event, person, listen):
    event, owner = new_event(capacity=1)
    received = listen(event["association"]["id"])
    path = f"/events/{event['id']}"
    first, second = person(label="first"), person(label="second")
    api("POST", f"{path}/rsvp", first)
    api("POST", f"{path}/rsvp", second)
    # RSVPs are news for the association's figures only: which event, never who.
    rsvps = received(2)
    assert [m["detail-type"] for m in rsvps] == ["RsvpConfirmed", "RsvpWaitlisted"]
    assert {k for m in rsvps for k in m["detail"]} == {"event_id", "association_id", "start", "status", "outbox_id"}

    assert api("PATCH", path, owner, json={"title": {"fr": "Nouveau titre"}, "capacity": 1}).status_code == 200
    api("DELETE", f"{path}/rsvp", first)
    api("POST", f"{path}/cancel", owner, json={"reason": "Intempéries"})
    messages = [m for m in received(4) if m["detail-type"] != "RsvpWithdrawn"]  # the figures' (see above)
    assert sorted(m["detail-type"] for m in messages) == ["EventCancelled", "EventChanged", "WaitlistPromoted"]
    assert {m["source"] for m in messages} == {"hromada.events"}
    outbox_ids = [m["detail"].pop("outbox_id") for m in messages]
    assert len(set(outbox_ids)) == 3  # each event carries its own: consumers tell a repeat by it
    by_kind = {m["detail-type"]: m["detail"] for m in messages}
    changed, promoted, cancelled = by_kind["EventChanged"], by_kind["WaitlistPromoted"], by_kind["EventCancelled"]
    assert changed["event_id"] == event["id"] and changed["changed"] == ["title"] and changed["sequence"] == 1
    assert promoted == {"event_id": event["id"], "association_id": event["association"]["id"], "promoted": 1,
                        "start": event["start"]}
    assert cancelled["sequence"] == 2 and cancelled["reason"] == "Intempéries"
    text = json.dumps(messages)
    for who in (first, second, owner):
        assert who.email not in text and who.sub not in text  # no personal data on the bus


def test_refused_writes_announce_nothing(api, new_event, person, listen):
    event, owner = new_event()
    received = listen(event["association"]["id"])
    stranger = person(label="stranger")
    api("PATCH", f"/events/{event['id']}", stranger, json={"title": {"fr": "Pirate"}})
    api("PATCH", f"/events/{event['id']}", owner, json={"end": "2020-01-01T00:00:00"})
    api("PATCH", f"/events/{event['id']}", owner, json={"title": event["title"]})  # no change
    api("POST", f"/events/{event['id']}/cancel", stranger, json={"reason": "Pirate"})
    assert received() == []
