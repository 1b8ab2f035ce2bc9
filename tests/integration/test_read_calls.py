"""DynamoDB calls per read route: the ones brought down to one call (or to the fewest their data allows) stay
there. Counted with a botocore before-call handler on the functions' client, for the gateway's request threads
only (queue pollers and schedules run beside them)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

from hromada.store.client import dynamodb


@contextmanager
def dynamodb_calls() -> Iterator[list[str]]:
    calls: list[str] = []

    def record(model=None, **_) -> None:
        if "process_request" in threading.current_thread().name:
            calls.append(model.name)

    client = dynamodb()
    client.meta.events.register("before-call.dynamodb.*", record)
    try:
        yield calls
    finally:
        client.meta.events.unregister("before-call.dynamodb.*", record)


def calls_of(api, path: str, who=None, status: int = 200) -> list[str]:
    with dynamodb_calls() as calls:
        response = api("GET", path, who)
    assert response.status_code == status, response.text
    return calls


def test_the_maps_numbers_are_one_query(api):
    assert calls_of(api, "/events/counts") == ["Query"]


def test_my_rsvp_and_my_rsvps_are_one_call_unless_waitlisted(api, person, new_event):
    event, _ = new_event(capacity=1)
    path = f"/events/{event['id']}/rsvp"
    seated, waiting = person(label="seated"), person(label="waiting")
    assert api("POST", path, seated).status_code == 201 and api("POST", path, waiting).status_code == 201
    assert calls_of(api, path, person(label="visitor")) == ["BatchGetItem"]
    assert calls_of(api, path, seated) == ["BatchGetItem"]
    assert calls_of(api, path, waiting) == ["BatchGetItem", "Query"]  # the place is counted
    assert calls_of(api, "/me/rsvps", seated) == ["Query"]


def test_moderation_reads(api, person, new_event):
    event, owner = new_event()
    moderator = person("moderators", label="moderator")
    flagged = api("POST", "/flags", person(label="reporter"), json={"kind": "event", "id": event["id"],
                                                                   "reason": "spam"})
    assert flagged.status_code == 201, flagged.text
    assert calls_of(api, f"/moderation/flags/event:{event['id']}", moderator) == ["Query", "GetItem"]
    association_id = event["association"]["id"]
    assert calls_of(api, f"/associations/{association_id}/notices", owner) == ["Query", "Query"]
    assert calls_of(api, f"/associations/{association_id}/numbers", owner) == ["Query", "BatchGetItem", "Query"]
