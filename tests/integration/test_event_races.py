"""Seats and waitlists under concurrency, over HTTP with real tokens: the counters never drift."""

from __future__ import annotations

import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

from tests.integration.test_races import partition


def race(calls, workers: int | None = None):
    """Run every call at once (a barrier releases them together)."""
    gate = threading.Barrier(len(calls))

    def run(call):
        gate.wait()
        return call()

    with ThreadPoolExecutor(max_workers=workers or len(calls)) as pool:
        return list(pool.map(run, calls))


def stored(stack, event_id: str) -> dict:
    """What the table holds for an event: its seats item, RSVPs by status, waitlist slots in order."""
    items = partition(stack, f"EVENT#{event_id}")
    seats = next(i for i in items if i["sk"]["S"] == "EVENT#SEATS")
    rsvps = [i for i in items if i["sk"]["S"].startswith("RSVP#")]
    return {"confirmed": int(seats["confirmed"]["N"]), "waiting": int(seats["waiting"]["N"]),
            "capacity": int(seats["capacity"]["N"]) if "capacity" in seats else None,
            "by_status": Counter(i["status"]["S"] for i in rsvps),
            "queue": [i["member_id"]["S"] for i in items if i["sk"]["S"].startswith("WAIT#")]}


def assert_consistent(state: dict) -> None:
    assert state["confirmed"] == state["by_status"]["confirmed"]
    assert state["waiting"] == state["by_status"]["waitlisted"] == len(state["queue"])
    assert state["capacity"] is None or state["confirmed"] <= state["capacity"]


def test_fifty_rsvps_at_ten_seats(api, new_event, person, stack):
    event, owner = new_event(capacity=10)
    path = f"/events/{event['id']}"
    members = [person(label=f"fan{i}") for i in range(50)]
    responses = race([lambda m=m: api("POST", f"{path}/rsvp", m) for m in members])
    assert Counter(r.status_code for r in responses) == {201: 50}
    assert Counter(r.json()["status"] for r in responses) == {"confirmed": 10, "waitlisted": 40}
    state = stored(stack, event["id"])
    assert (state["confirmed"], state["waiting"]) == (10, 40)
    assert_consistent(state)

    listing = api("GET", f"{path}/attendees", owner).json()
    waitlist = [a for a in listing["items"] if a["status"] == "waitlisted"]
    assert [a["position"] for a in waitlist] == list(range(1, 41))
    assert [a["joined_at"] for a in waitlist] == sorted(a["joined_at"] for a in waitlist)  # order of arrival
    assert api("GET", path).json()["seats"] == {"capacity": 10, "confirmed": 10, "waitlisted": 40, "available": 0}

    by_email = {m.email: m for m in members}
    first, second = by_email[waitlist[0]["email"]], by_email[waitlist[1]["email"]]
    leaving = by_email[next(a["email"] for a in listing["items"] if a["status"] == "confirmed")]
    assert api("DELETE", f"{path}/rsvp", leaving).status_code == 204
    after = stored(stack, event["id"])
    assert (after["confirmed"], after["waiting"]) == (10, 39)
    assert_consistent(after)
    assert api("GET", f"{path}/rsvp", first).json()["status"] == "confirmed"  # exactly the first one
    assert api("GET", f"{path}/rsvp", second).json() | {"joined_at": None} == {
        "event_id": event["id"], "status": "waitlisted", "position": 1, "joined_at": None, "promoted_at": None}
    promoted = [a for a in api("GET", f"{path}/attendees", owner).json()["items"] if a["promoted_at"]]
    assert [a["email"] for a in promoted] == [first.email]


def test_simultaneous_cancellations_each_promote_one_in_order(api, new_event, person, stack):
    event, _ = new_event(capacity=5)
    path = f"/events/{event['id']}"
    members = [person(label=f"m{i}") for i in range(12)]
    for m in members:  # one at a time: confirmed are the first 5, the waitlist is the other 7 in this order
        assert api("POST", f"{path}/rsvp", m).status_code == 201
    newcomers = [person(label=f"new{i}") for i in range(3)]
    calls = [lambda m=m: api("DELETE", f"{path}/rsvp", m) for m in members[:5]]
    calls += [lambda m=m: api("POST", f"{path}/rsvp", m) for m in newcomers]
    responses = race(calls)
    assert [r.status_code for r in responses[:5]] == [204] * 5
    assert all(r.status_code == 201 and r.json()["status"] == "waitlisted" for r in responses[5:])
    state = stored(stack, event["id"])
    assert (state["confirmed"], state["waiting"]) == (5, 5)
    assert_consistent(state)
    statuses = [api("GET", f"{path}/rsvp", m).json()["status"] for m in members[5:]]
    assert statuses == ["confirmed"] * 5 + ["waitlisted"] * 2  # the first five waiting, nobody else
    assert state["queue"][:2] == [members[10].sub, members[11].sub]  # they keep their place before newcomers


def test_capacity_cut_racing_rsvps_never_overbooks(api, new_event, person, stack):
    event, owner = new_event(capacity=10)
    path = f"/events/{event['id']}"
    members = [person(label=f"r{i}") for i in range(12)]
    calls = [lambda m=m: api("POST", f"{path}/rsvp", m) for m in members]
    calls += [lambda: api("PATCH", path, owner, json={"capacity": 3})] * 3
    responses = race(calls)
    assert all(r.status_code == 201 for r in responses[:12])
    assert {r.status_code for r in responses[12:]} <= {200, 409, 422}
    state = stored(stack, event["id"])
    assert_consistent(state)
    assert state["confirmed"] + state["waiting"] == 12
    if any(r.status_code == 200 for r in responses[12:]):
        assert (state["capacity"] == 3 and state["confirmed"] <= 3) or state["capacity"] == 10


def test_one_member_clicking_many_times_gets_one_seat(api, new_event, person, stack):
    event, _ = new_event(capacity=5)
    member = person(label="clicker")
    responses = race([lambda: api("POST", f"/events/{event['id']}/rsvp", member)] * 10)
    assert sorted(r.status_code for r in responses) == [200] * 9 + [201]
    state = stored(stack, event["id"])
    assert (state["confirmed"], state["waiting"]) == (1, 0)
    assert_consistent(state)


def test_concurrent_edits_are_serialised_by_the_sequence(api, new_event, stack):
    event, owner = new_event()
    responses = race([lambda i=i: api("PATCH", f"/events/{event['id']}", owner,
                                      json={"title": {"fr": f"Titre {i}"}}) for i in range(10)])
    statuses = Counter(r.status_code for r in responses)
    assert set(statuses) <= {200, 409} and statuses[200] >= 1
    assert all(r.json()["error"]["code"] == "concurrent_event_update" for r in responses if r.status_code == 409)
    assert api("GET", f"/events/{event['id']}").json()["sequence"] == statuses[200]
