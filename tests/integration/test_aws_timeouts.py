"""DynamoDB not answering in time: 503 in the one JSON error shape (the client may retry), never a 500 or the
platform's bare "Internal Server Error", on a read as on a write (whose transaction carries the write quota)."""

from __future__ import annotations

from botocore.exceptions import EndpointConnectionError, ReadTimeoutError

from hromada.store.client import dynamodb
from hromada.store.events import DynamoEventStore


def _timed_out(*_args, **_kwargs):
    raise ReadTimeoutError(endpoint_url="https://dynamodb.eu-west-3.amazonaws.com/")


def _unreachable(*_args, **_kwargs):
    raise EndpointConnectionError(endpoint_url="https://dynamodb.eu-west-3.amazonaws.com/")


def assert_unavailable(response) -> None:
    assert response.status_code == 503, response.text
    assert response.json()["error"]["code"] == "unavailable"
    assert response.json()["error"]["message"]


def test_a_write_whose_transaction_times_out_is_a_503(api, person, new_event, monkeypatch) -> None:
    event, _ = new_event()
    member = person()
    monkeypatch.setattr(dynamodb(), "transact_write_items", _timed_out)
    assert_unavailable(api("POST", f"/events/{event['id']}/rsvp", member))
    monkeypatch.undo()
    assert api("POST", f"/events/{event['id']}/rsvp", member).status_code == 201  # the retry goes through


def test_a_read_that_cannot_reach_the_table_is_a_503(api, new_event, monkeypatch) -> None:
    event, _ = new_event()
    monkeypatch.setattr(DynamoEventStore, "get", _unreachable)
    assert_unavailable(api("GET", f"/events/{event['id']}", headers={"Accept-Language": "uk"}))


def test_a_bug_is_still_a_500(api, new_event, monkeypatch) -> None:
    event, _ = new_event()
    monkeypatch.setattr(DynamoEventStore, "get", lambda *_a, **_k: 1 / 0)
    response = api("GET", f"/events/{event['id']}")
    assert response.status_code == 500 and response.json()["error"]["code"] == "internal_error"
