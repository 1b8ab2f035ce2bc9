"""Webhooks on the local stack: bad input is 422 in the error shape, the limit holds under a race, secrets are
shown once, SSRF targets are refused at registration, and a published event reaches the dev receiver signed
(outbox -> bus -> dispatcher -> delivery queue -> worker -> POST)."""

from __future__ import annotations

import threading
import time

import pytest

from tests.conftest import event_body


def error_of(response, status: int) -> dict:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message", "details"}
    return body["error"]


@pytest.fixture
def owned(new_association):
    association, owner = new_association(verified=True)
    return association, owner, f"/associations/{association['id']}/webhooks"


@pytest.fixture
def receiver(stack):
    return f"{stack.api_url}/dev/webhooks/receive"


@pytest.mark.parametrize(("url", "kinds", "field"), [
    ("http://hooks.example.org/in", ["event.changed"], "url"),  # not https
    ("https://user:pass@hooks.example.org/in", ["event.changed"], "url"),  # credentials
    ("https://hooks.example.org/" + "a" * 2000, ["event.changed"], "url"),  # too long
    ("https://169.254.169.254/latest/meta-data/", ["event.changed"], "url"),  # the metadata service
    ("https://[::ffff:127.0.0.1]/", ["event.changed"], "url"),
    ("https://2130706433/", ["event.changed"], "url"),
    ("https://10.0.0.1/", ["event.changed"], "url"),
    ("https://hooks.example.org:22/", ["event.changed"], "url"),
    ("https://hooks.example.org/in", ["event.exploded"], "kinds.0"),  # unknown kind
    ("https://hooks.example.org/in", [], "kinds"),
])
def test_bad_input_is_422_in_the_error_shape_and_nothing_is_written(api, owned, url, kinds, field):
    _, owner, base = owned
    error = error_of(api("POST", base, owner, json={"url": url, "kinds": kinds}), 422)
    assert field in {d["field"] for d in error["details"]}, error
    assert api("GET", base, owner).json()["items"] == []


def test_unknown_fields_are_refused(api, owned, receiver):
    _, owner, base = owned
    error_of(api("POST", base, owner, json={"url": receiver, "kinds": ["event.changed"], "secret": "mine"}), 422)


def test_the_limit_holds_when_creations_race(api, owned, receiver):
    _, owner, base = owned
    statuses: list[int] = []
    barrier = threading.Barrier(12)

    def create(n: int) -> None:
        barrier.wait()
        statuses.append(api("POST", base, owner, json={"url": f"{receiver}?n={n}", "kinds": ["event.changed"]})
                        .status_code)

    threads = [threading.Thread(target=create, args=(n,)) for n in range(12)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(statuses) == [201] * 5 + [409] * 7
    listed = api("GET", base, owner).json()
    assert len(listed["items"]) == 5 and listed["limit"] == 5
    # A deletion frees a place, and only one.
    api("DELETE", f"{base}/{listed['items'][0]['id']}", owner)
    assert api("POST", base, owner, json={"url": receiver, "kinds": ["event.changed"]}).status_code == 201
    assert api("POST", base, owner, json={"url": receiver, "kinds": ["event.changed"]}).status_code == 409


def test_the_secret_is_shown_once_and_rotation_replaces_it(api, owned, receiver):
    _, owner, base = owned
    created = api("POST", base, owner, json={"url": receiver, "kinds": ["event.changed"]})
    hook = created.json()
    assert hook["secret"].startswith("whsec_") and created.headers.get("Cache-Control") == "no-store"
    for read in (api("GET", base, owner), api("GET", f"{base}/{hook['id']}/deliveries", owner),
                 api("PATCH", f"{base}/{hook['id']}", owner, json={"kinds": ["event.cancelled"]})):
        assert read.status_code == 200 and hook["secret"] not in read.text and '"secret"' not in read.text
    rotated = api("POST", f"{base}/{hook['id']}/secret", owner).json()
    assert rotated["secret"].startswith("whsec_") and rotated["secret"] != hook["secret"]


def wait_for(check, seconds: float = 30.0):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        found = check()
        if found:
            return found
        time.sleep(0.2)  # waiting on the stack's pollers (other threads), not on the code under test
    raise AssertionError("nothing arrived")


def test_a_published_event_reaches_the_receiver_signed_and_logged(api, stack, owned, receiver):
    association, owner, base = owned
    hook = api("POST", base, owner, json={"url": receiver, "kinds": ["event.published", "event.changed"]}).json()
    created = api("POST", f"/associations/{association['id']}/events", owner, json=event_body())
    assert created.status_code == 201, created.text
    event_id = created.json()["id"]

    def arrived():
        return [r for r in stack.webhook_receiver.received
                if r["event"].get("type") == "event.published" and r["event"]["data"].get("event_id") == event_id]

    [delivery] = wait_for(arrived)
    assert delivery["verified"] and delivery["headers"]["Hromada-Webhook-Id"] == hook["id"]
    assert delivery["headers"]["Hromada-Event-Id"] == delivery["event"]["id"]
    log = wait_for(lambda: api("GET", f"{base}/{hook['id']}/deliveries", owner).json()["items"])
    assert log[0]["outcome"] == "delivered" and log[0]["status"] == 200 and log[0]["event_type"] == "event.published"


def test_a_ping_goes_through_the_queue_and_is_tried_once(api, stack, owned, receiver):
    _, owner, base = owned
    hook = api("POST", base, owner, json={"url": receiver, "kinds": ["event.changed"]}).json()
    stack.webhook_receiver.answer = 500
    try:
        ping = api("POST", f"{base}/{hook['id']}/ping", owner)
        assert ping.status_code == 202
        event_id = ping.json()["event_id"]
        wait_for(lambda: [r for r in stack.webhook_receiver.received
                          if r["headers"].get("Hromada-Event-Id") == event_id])
    finally:
        stack.webhook_receiver.answer = 200
    listed = wait_for(lambda: [h for h in api("GET", base, owner).json()["items"] if h["status"] == "failing"])
    assert listed[0]["consecutive_failures"] == 1
    [entry] = api("GET", f"{base}/{hook['id']}/deliveries", owner).json()["items"]
    assert (entry["outcome"], entry["status"], entry["attempt"]) == ("failed", 500, 1)


def test_an_editor_cannot_reach_another_associations_webhook_by_its_id(api, new_association, receiver):
    """Webhook ids are not secrets: named under one's own association, another's webhook does not exist there."""
    mine, me = new_association()
    theirs, them = new_association()
    hook = api("POST", f"/associations/{theirs['id']}/webhooks", them,
               json={"url": receiver, "kinds": ["event.changed"]}).json()
    under_mine = f"/associations/{mine['id']}/webhooks/{hook['id']}"
    assert api("PATCH", under_mine, me, json={"url": receiver + "?stolen=1"}).status_code == 404
    assert api("POST", f"{under_mine}/secret", me).status_code == 404
    assert api("GET", f"{under_mine}/deliveries", me).status_code == 404
    assert api("DELETE", under_mine, me).status_code == 404
    under_theirs = f"/associations/{theirs['id']}/webhooks/{hook['id']}"
    assert api("PATCH", under_theirs, me, json={"url": receiver + "?stolen=1"}).status_code == 403
    [kept] = api("GET", f"/associations/{theirs['id']}/webhooks", them).json()["items"]
    assert kept["url"] == receiver and kept["updated_at"] == hook["updated_at"]
