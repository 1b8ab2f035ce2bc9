"""Figures that follow their event: moved to another month (the whole event, or one date of a series), cancelled,
deleted; each move counted once however often it is delivered, and RSVPs racing a move counted in the month the
event ends up in. The counters are read raw (DynamoFigures.read, not clamped at zero) once the bus has delivered."""

from __future__ import annotations

import time
import uuid
from datetime import date, timedelta

from tests.integration.test_event_races import race
from tests.integration.test_figures import _sqs_event
from tests.integration.test_recurring_events import made, next_weekday, occurrences, series_body  # noqa: F401

NOTHING = {"events": 0, "registrations": 0, "confirmed": 0}


def month_after(day: date) -> date:
    return (day.replace(day=1) + timedelta(days=32)).replace(day=15)


def dates() -> tuple[date, date]:
    """Tomorrow (this month, unless today is the last day: then next month) and a day of the month after it."""
    first = date.today() + timedelta(days=1)
    return first, month_after(first)


def raw(association_id: str, *months: str) -> dict[str, dict[str, int]]:
    from hromada.store.figures import DynamoFigures

    found = DynamoFigures().read(association_id, None, min(months), max(months))[2]
    return {m: {k: found.get(m, {}).get(k, 0) for k in NOTHING} for m in months}


def settled(association_id: str, expected: dict[str, dict[str, int]], wait: float = 30) -> dict:
    """The raw counters once they equal `expected` (the bus and the figures queue are asynchronous), or as they
    are when the wait is over."""
    deadline = time.monotonic() + wait
    while True:
        found = raw(association_id, *expected)
        if found == expected or time.monotonic() > deadline:
            return found
        time.sleep(0.25)


def with_three(api, new_event, person, day: date):
    """An event on `day` with two seats taken and one person waiting."""
    event, owner = new_event(days=(day - date.today()).days, capacity=2)
    for label in ("first", "second", "third"):
        assert api("POST", f"/events/{event['id']}/rsvp", person(label=label)).status_code == 201
    return event, owner


def move(api, event_id: str, owner, day: date) -> dict:
    response = api("PATCH", f"/events/{event_id}", owner,
                   json={"start": f"{day.isoformat()}T19:00:00", "end": f"{day.isoformat()}T21:00:00"})
    assert response.status_code == 200, response.text
    return response.json()


def test_an_event_moved_to_next_month_takes_its_registrations_along(api, new_event, person):
    here, there = dates()
    event, owner = with_three(api, new_event, person, here)
    association_id, old, new = event["association"]["id"], here.strftime("%Y-%m"), there.strftime("%Y-%m")
    held = {"events": 1, "registrations": 3, "confirmed": 2}
    assert settled(association_id, {old: held, new: NOTHING}) == {old: held, new: NOTHING}

    move(api, event["id"], owner, there)
    assert settled(association_id, {old: NOTHING, new: held}) == {old: NOTHING, new: held}
    move(api, event["id"], owner, there + timedelta(days=1))  # within the month: nothing moves
    assert api("POST", f"/events/{event['id']}/rsvp", person(label="late")).status_code == 201  # after the move
    later = held | {"registrations": 4}
    assert settled(association_id, {old: NOTHING, new: later}) == {old: NOTHING, new: later}


def test_a_redelivered_move_counts_once(stack, new_association):
    association, _ = new_association(verified=True)
    detail = {"event_id": "ev_" + "3" * 20, "association_id": association["id"], "sequence": 1,
              "changed": ["end", "start"], "start": "2027-02-10T18:00:00.000Z", "end": "2027-02-10T20:00:00.000Z",
              "status": "scheduled", "previous_start": "2027-01-10T18:00:00.000Z", "previous_status": "scheduled",
              "confirmed": 2, "waiting": 1}
    outbox_id = "ob_" + uuid.uuid4().hex[:20]
    for _ in range(3):  # the bus and the queue may each deliver it more than once
        assert stack.invoke("FiguresFunction", _sqs_event("EventChanged", detail, outbox_id)) == {
            "batchItemFailures": []}
    assert raw(association["id"], "2027-01", "2027-02") == {
        "2027-01": {"events": -1, "registrations": -3, "confirmed": -2},  # raw: nothing was published there
        "2027-02": {"events": 1, "registrations": 3, "confirmed": 2}}


def test_a_cancelled_event_no_longer_counts_and_neither_does_leaving_or_deleting_it(api, new_event, person, stack):
    from tests.integration.mail import drained

    here, _ = dates()
    event, owner = new_event(days=(here - date.today()).days, capacity=2)
    members = [person(label=f"member{i}") for i in range(3)]
    for member in members:
        assert api("POST", f"/events/{event['id']}/rsvp", member).status_code == 201
    association_id, month = event["association"]["id"], here.strftime("%Y-%m")
    held = {"events": 1, "registrations": 3, "confirmed": 2}
    assert settled(association_id, {month: held}) == {month: held}

    assert api("POST", f"/events/{event['id']}/cancel", owner, json={"reason": "Salle indisponible"}).status_code \
        == 200
    assert settled(association_id, {month: NOTHING}) == {month: NOTHING}
    assert api("DELETE", f"/events/{event['id']}/rsvp", members[0]).status_code == 204
    assert api("DELETE", f"/events/{event['id']}", owner).status_code == 204
    # Once a later event of the same month is counted and the queue is quiet, the leave and the deletion were too.
    new_event(event["association"], owner, days=(here - date.today()).days)
    assert settled(association_id, {month: NOTHING | {"events": 1}}) == {month: NOTHING | {"events": 1}}
    assert drained(stack, "FiguresQueue")
    assert raw(association_id, month) == {month: NOTHING | {"events": 1}}  # never below zero


def test_a_deleted_event_no_longer_counts(api, new_event):
    here, _ = dates()
    event, owner = new_event(days=(here - date.today()).days)
    association_id, month = event["association"]["id"], here.strftime("%Y-%m")
    one = NOTHING | {"events": 1}
    assert settled(association_id, {month: one}) == {month: one}
    assert api("DELETE", f"/events/{event['id']}", owner).status_code == 204
    assert settled(association_id, {month: NOTHING}) == {month: NOTHING}


def test_rsvps_racing_moves_end_up_in_the_month_the_event_is_in(api, new_event, person, stack):
    here, there = dates()
    event, owner = new_event(days=(here - date.today()).days, capacity=3)
    association_id, old, new = event["association"]["id"], here.strftime("%Y-%m"), there.strftime("%Y-%m")
    members = [person(label=f"racer{i}") for i in range(6)]
    calls = [lambda m=m: api("POST", f"/events/{event['id']}/rsvp", m) for m in members]
    calls += [lambda d=d: api("PATCH", f"/events/{event['id']}", owner, json={
        "start": f"{d.isoformat()}T19:00:00", "end": f"{d.isoformat()}T21:00:00"})
        for d in (there, here, there)]
    answers = race(calls)
    assert [r.status_code for r in answers[:6]] == [201] * 6
    # Two moves at once: one may lose on the event's version (409), never on the seats the RSVPs change.
    assert {r.status_code for r in answers[6:]} <= {200, 409} and 200 in {r.status_code for r in answers[6:]}
    assert all(r.json()["error"]["code"] == "concurrent_event_update" for r in answers[6:] if r.status_code == 409)
    final = api("GET", f"/events/{event['id']}").json()
    final_month = final["start_local"][:7]
    seats = final["seats"]
    held = {"events": 1, "registrations": seats["confirmed"] + seats["waitlisted"], "confirmed": seats["confirmed"]}
    assert held["registrations"] == 6 and held["confirmed"] == 3
    other = old if final_month == new else new
    expected = {final_month: held, other: NOTHING}
    assert settled(association_id, expected) == expected


def test_a_date_of_a_series_moved_to_next_month_takes_its_registrations_along(
        api, new_association, person, made):  # noqa: F811 - the fixture imported above
    first = next_weekday(1, after_days=1)
    association, owner = new_association(verified=True)
    created = api("POST", f"/associations/{association['id']}/events", owner,
                  json=series_body(first, count=2) | {"capacity": 5, "registration_required": True})
    assert created.status_code == 201, created.text
    series = created.json()
    made.append(series["id"])
    day = occurrences(api, series["id"])[0]
    for label in ("one", "two"):
        assert api("POST", f"/events/{day['event_id']}/rsvp", person(label=label)).status_code == 201
    old, target = first.strftime("%Y-%m"), month_after(first)
    new = target.strftime("%Y-%m")
    series_month = {"events": 1}  # the series counts once, in the month of its first date
    before = {old: series_month | {"registrations": 2, "confirmed": 2}, new: NOTHING}
    assert settled(association["id"], before) == before
    moved = api("POST", f"/events/{series['id']}/occurrences/{day['date']}/move", owner,
                json={"start": f"{target.isoformat()}T19:00:00", "end": f"{target.isoformat()}T21:00:00"})
    assert moved.status_code == 200, moved.text
    after = {old: NOTHING | series_month, new: {"events": 0, "registrations": 2, "confirmed": 2}}
    assert settled(association["id"], after) == after
    restored = api("POST", f"/events/{series['id']}/occurrences/{day['date']}/restore", owner)
    assert restored.status_code == 200, restored.text
    assert settled(association["id"], before) == before
