"""Publishing domain events: the EventBridge entries, batches of ten, and failures that never fail a request."""

from __future__ import annotations

import json

import boto3
from botocore.stub import Stubber

from hromada import bus
from hromada.bus import EventBridgePublisher
from hromada.domain.event_ports import DomainEvent


def client():
    return boto3.client("events", region_name="eu-west-3", aws_access_key_id="x", aws_secret_access_key="x")


def test_entries_name_the_bus_the_source_and_the_kind():
    events = client()
    with Stubber(events) as stub:
        stub.add_response("put_events", {"FailedEntryCount": 0, "Entries": [{"EventId": "1"}]}, {"Entries": [{
            "Source": "hromada.events", "DetailType": "EventCancelled", "EventBusName": "bus",
            "Detail": json.dumps({"event_id": "ev_1", "reason": "Pluie"}, separators=(",", ":"))}]})
        EventBridgePublisher("bus", events).publish([DomainEvent("EventCancelled", {"event_id": "ev_1",
                                                                                    "reason": "Pluie"})])
        stub.assert_no_pending_responses()


def test_more_than_ten_go_in_several_calls():
    events = client()
    with Stubber(events) as stub:
        for size in (10, 2):
            stub.add_response("put_events", {"FailedEntryCount": 0, "Entries": [{"EventId": "x"}] * size})
        EventBridgePublisher("bus", events).publish([DomainEvent("EventChanged", {"n": n}) for n in range(12)])
        stub.assert_no_pending_responses()


def test_a_failure_to_publish_does_not_fail_the_request(monkeypatch):
    logged, counted = [], []
    monkeypatch.setattr(bus.logger, "exception", lambda message, **_: logged.append(message))
    monkeypatch.setattr(bus.metrics, "add_metric", lambda **metric: counted.append(metric))
    events = client()
    with Stubber(events) as stub:
        stub.add_client_error("put_events", service_error_code="InternalException", http_status_code=500)
        stub.add_response("put_events", {"FailedEntryCount": 1, "Entries": [{"ErrorCode": "x"}]})
        publisher = EventBridgePublisher("bus", events)
        publisher.publish([DomainEvent("EventChanged", {"event_id": "ev_1"})])
        publisher.publish([DomainEvent("EventChanged", {"event_id": "ev_2"})])
        stub.assert_no_pending_responses()
    assert logged == ["domain events not published"]
    assert counted == [{"name": "DomainEventsNotPublished", "unit": "Count", "value": 1}] * 2
