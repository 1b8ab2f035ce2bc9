"""An association's figures over time: counters moved by the domain events on the bus (through the figures queue
and its consumer), each event counted once however often it is delivered; read by its owner with one Query."""

from __future__ import annotations

import json
import threading
import time
import uuid
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from tests.integration.test_read_calls import calls_of

PARIS = ZoneInfo("Europe/Paris")


def _figures(api, association_id, who, until=lambda body: True, wait: float = 20) -> dict:
    """GET …/figures, again until `until` holds (the counters follow the bus asynchronously)."""
    deadline = time.monotonic() + wait
    while True:
        response = api("GET", f"/associations/{association_id}/figures", who)
        assert response.status_code == 200, response.text
        body = response.json()
        if until(body) or time.monotonic() > deadline:
            return body
        time.sleep(0.2)


def _sum(body: dict, name: str) -> int:
    return sum(m[name] for m in body["months"])


def _sqs_event(kind: str, detail: dict, outbox_id: str) -> dict:
    envelope = {"version": "0", "id": str(uuid.uuid4()), "detail-type": kind, "source": "hromada.events",
                "detail": detail | {"outbox_id": outbox_id}}
    return {"Records": [{"messageId": str(uuid.uuid4()), "receiptHandle": "r", "body": json.dumps(envelope),
                         "attributes": {}, "messageAttributes": {}, "md5OfBody": "", "eventSource": "aws:sqs",
                         "eventSourceARN": "arn:aws:sqs:eu-west-3:123456789012:figures", "awsRegion": "eu-west-3"}]}


def test_events_and_registrations_reach_the_owner_s_figures(api, new_event, person):
    event, owner = new_event(days=1, capacity=1)
    association_id = event["association"]["id"]
    path = f"/events/{event['id']}/rsvp"
    first, second, third = person(label="first"), person(label="second"), person(label="third")
    for who in (first, second, third):
        assert api("POST", path, who).status_code == 201
    api("DELETE", path, first)  # the seat passes to the second; the third still waits

    body = _figures(api, association_id, owner,
                    until=lambda b: _sum(b, "registrations") + b["upcoming_registrations"] == 2
                    and _sum(b, "confirmed") >= 1)
    month = datetime.fromisoformat(event["start"].replace("Z", "+00:00")).strftime("%Y-%m")
    row = next(m for m in body["months"] if m["month"] == month)
    assert (row["events"], row["registrations"], row["confirmed"]) == (1, 2, 1)
    assert row["attendance"] is None  # the current month is not over
    assert len(body["months"]) == 12 and body["months"][-1]["month"] == datetime.now(UTC).strftime("%Y-%m")


def test_a_redelivered_event_is_counted_once(stack, api, new_association):
    association, _ = new_association(verified=True)
    detail = {"event_id": "ev_" + "1" * 20, "association_id": association["id"], "start": "2026-06-15T17:00:00.000Z"}
    outbox_id = "ob_" + uuid.uuid4().hex[:20]
    for _ in range(3):  # the bus and the queue may each deliver twice
        result = stack.invoke("FiguresFunction", _sqs_event("RsvpConfirmed", detail, outbox_id))
        assert result == {"batchItemFailures": []}
    stack.invoke("FiguresFunction", _sqs_event("RsvpConfirmed", detail, "ob_" + uuid.uuid4().hex[:20]))
    from hromada.store.figures import DynamoFigures

    _, _, months = DynamoFigures().read(association["id"], None, "2026-06", "2026-06")
    assert months == {"2026-06": {"events": 0, "registrations": 2, "confirmed": 2, "reached": 0, "followers": 0}}


def test_simultaneous_deliveries_of_one_event_count_once(stack, new_association):
    from hromada.domain.figures import Change
    from hromada.store.figures import DynamoFigures

    association, _ = new_association(verified=True)
    figures, outbox_id = DynamoFigures(), "ob_" + uuid.uuid4().hex[:20]
    change = [Change(association["id"], "2026-05", {"events": 1})]
    results: list[bool] = []
    start = threading.Barrier(8)

    def deliver() -> None:
        start.wait()
        try:
            results.append(figures.count(outbox_id, change))
        except Exception as error:  # a transaction conflict is retried by SQS: it must not count either
            results.append(type(error).__name__)  # type: ignore[arg-type]

    threads = [threading.Thread(target=deliver) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results.count(True) == 1, results
    _, _, months = figures.read(association["id"], None, "2026-05", "2026-05")
    assert months["2026-05"]["events"] == 1


def test_an_event_of_another_kind_or_without_its_association_counts_nothing(stack, new_association):
    association, _ = new_association(verified=True)
    detail = {"event_id": "ev_" + "2" * 20, "start": "2026-07-01T10:00:00.000Z"}
    stack.invoke("FiguresFunction", _sqs_event("RsvpConfirmed", detail, "ob_" + uuid.uuid4().hex[:20]))
    stack.invoke("FiguresFunction", _sqs_event("EventChanged", detail | {"association_id": association["id"]},
                                                 "ob_" + uuid.uuid4().hex[:20]))
    from hromada.store.figures import DynamoFigures

    assert DynamoFigures().read(association["id"], None, "2026-07", "2026-07")[2] == {}


def test_the_figures_are_one_query(api, new_event, person):
    event, owner = new_event()
    association_id = event["association"]["id"]
    assert calls_of(api, f"/associations/{association_id}/figures", owner) == ["Query"]
    admin = person("admins", label="admin")
    assert calls_of(api, f"/associations/{association_id}/figures", admin) == ["Query"]
    stranger = person(label="stranger")
    assert calls_of(api, f"/associations/{association_id}/figures", stranger, status=403) == ["Query"]
    assert calls_of(api, "/associations/as_" + "0" * 20 + "/figures", admin, status=404) == ["Query"]


def test_an_editor_of_another_association_cannot_read_by_naming_it(api, new_association):
    mine, me = new_association(verified=True)
    theirs, _ = new_association(verified=True)
    response = api("GET", f"/associations/{theirs['id']}/figures", me)
    assert response.status_code == 403
    assert api("GET", f"/associations/{mine['slug']}/figures", me).status_code == 422  # ids only, never a slug


def test_digest_recipients_reached_are_counted_once_per_period(stack, api, new_event, person):
    from hromada.mail.digests import MAX_EVENTS
    from tests.integration.mail import MAIL_QUEUES, confirmed_subscriber, drained

    event, owner = new_event()  # in Toulouse (region 76)
    association_id = event["association"]["id"]
    crowd, crowd_owner = new_event(days=2)  # a region's digest is full before our event: it must not matter
    for _ in range(MAX_EVENTS):
        new_event(crowd["association"], crowd_owner, days=2)
    # Followers of this association whose region and topic no other test publishes in: a digest carries at most
    # MAX_EVENTS events, and on a shared stack other tests' events may come first.
    readers = [confirmed_subscriber(api, person, regions=["02"], categories=["sport"], associations=[association_id])
               for _ in range(2)]
    assert readers
    [summary] = stack.schedules.run_now("MailPlannerFunction.WeeklyDigest")
    assert summary["associations_reached"] >= 1
    stack.schedules.run_now("MailPlannerFunction.WeeklyDigest")  # a re-run of the same week counts nothing more
    assert drained(stack, *MAIL_QUEUES)
    current = _figures(api, association_id, owner)["months"][-1]
    assert current["month"] == datetime.now(PARIS).strftime("%Y-%m")
    # Both followers got it, each counted once.
    assert current["reached"] == 2
    again = current["reached"]
    assert stack.schedules.run_now("MailPlannerFunction.WeeklyDigest")[0]["associations_reached"] == 0
    assert _figures(api, association_id, owner)["months"][-1]["reached"] == again


def test_new_followers_are_counted_in_the_month_they_follow(api, new_association, person):
    association, owner = new_association(verified=True)
    for _ in range(2):
        member = person(label="follower")
        body = {"regions": [], "associations": [association["id"]], "language": "fr", "frequency": "weekly"}
        assert api("PUT", "/me/subscription", member, json=body).status_code == 200
        assert api("PUT", "/me/subscription", member, json=body).status_code == 200  # no new follow
    current = _figures(api, association["id"], owner, until=lambda b: b["months"][-1]["followers"] >= 2)["months"][-1]
    assert current["followers"] == 2 and current["month"] == datetime.now(PARIS).strftime("%Y-%m")
