"""Relaying domain events to EventBridge: the entries, batches of ten, each event's outbox id, and a
failure that leaves the outbox item for a retry instead of losing the event."""

from __future__ import annotations

import json

import boto3
import pytest
from botocore.stub import Stubber

from hromada.bus import EventBridgePublisher, OutboxRelay, PublishFailed
from hromada.domain.event_ports import DomainEvent


def client():
    return boto3.client("events", region_name="eu-west-3", aws_access_key_id="x", aws_secret_access_key="x")


class MemoryOutbox:
    def __init__(self, *ids: str):
        self.items = set(ids)

    def pending(self, outbox_id: str) -> bool:
        return outbox_id in self.items

    def delete(self, outbox_id: str) -> None:
        self.items.discard(outbox_id)


def test_entries_name_the_bus_the_source_the_kind_and_the_outbox_id():
    events = client()
    with Stubber(events) as stub:
        stub.add_response("put_events", {"FailedEntryCount": 0, "Entries": [{"EventId": "1"}]}, {"Entries": [{
            "Source": "hromada.events", "DetailType": "EventCancelled", "EventBusName": "bus",
            "Detail": json.dumps({"event_id": "ev_1", "reason": "Pluie", "outbox_id": "ob_1"},
                                 separators=(",", ":"))}]})
        accepted = EventBridgePublisher("bus", events).put(
            [("ob_1", DomainEvent("EventCancelled", {"event_id": "ev_1", "reason": "Pluie"}))])
        stub.assert_no_pending_responses()
    assert accepted == ["ob_1"]


def test_more_than_ten_go_in_several_calls_and_refused_entries_are_not_accepted():
    events = client()
    sizes: list[int] = []  # PutEvents takes at most ten entries a call: 12 go as 10 + 2
    events.meta.events.register("provide-client-params.events.PutEvents",
                                lambda params, **_: sizes.append(len(params["Entries"])))
    with Stubber(events) as stub:
        stub.add_response("put_events", {"FailedEntryCount": 1, "Entries": [{"EventId": "x"}] * 9 + [
            {"ErrorCode": "InternalFailure", "ErrorMessage": "try again"}]})
        stub.add_response("put_events", {"FailedEntryCount": 0, "Entries": [{"EventId": "x"}] * 2})
        accepted = EventBridgePublisher("bus", events).put(
            [(f"ob_{n}", DomainEvent("EventChanged", {"n": n})) for n in range(12)])
        stub.assert_no_pending_responses()
    assert accepted == [f"ob_{n}" for n in range(12) if n != 9]
    assert sizes == [10, 2]


def test_a_failed_put_keeps_the_outbox_item_and_the_retry_relays_it_once():
    events, outbox = client(), MemoryOutbox("ob_1")
    relay = OutboxRelay(outbox, EventBridgePublisher("bus", events))
    event = DomainEvent("EventChanged", {"event_id": "ev_1"})
    with Stubber(events) as stub:
        stub.add_client_error("put_events", service_error_code="InternalException", http_status_code=500)
        stub.add_response("put_events", {"FailedEntryCount": 1, "Entries": [{"ErrorCode": "ThrottlingException"}]})
        stub.add_response("put_events", {"FailedEntryCount": 0, "Entries": [{"EventId": "1"}]})
        for _ in range(2):
            with pytest.raises(PublishFailed):
                relay.relay("ob_1", event)
            assert outbox.items == {"ob_1"}  # still there: the stream retries the record
        relay.relay("ob_1", event)
        assert outbox.items == set()
        relay.relay("ob_1", event)  # the record again (a batch retried from an earlier record): not re-put
        stub.assert_no_pending_responses()
