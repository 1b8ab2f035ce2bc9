"""Erasure under concurrency: the seats an erased person held stay counted right while others register."""

from __future__ import annotations

from collections import Counter

from tests.integration.test_races import race, table


def test_erasing_while_others_register_keeps_the_seats_exact(api, new_event, person, stack):
    event, _ = new_event(capacity=2, registration_required=True)
    path = f"/events/{event['id']}/rsvp"
    leaver, first = person(label="leaver"), person(label="first")
    assert api("POST", path, leaver).json()["status"] == "confirmed"
    assert api("POST", path, first).json()["status"] == "confirmed"
    others = [person(label="racer") for _ in range(6)]
    calls = [lambda: api("DELETE", "/me", leaver, json={"confirm": leaver.email})]
    calls += [lambda who=who: api("POST", path, who) for who in others]
    responses = race(calls)
    assert responses[0].status_code == 204, responses[0].text
    assert all(r.status_code == 201 for r in responses[1:]), [r.text for r in responses[1:]]
    client, name = table(stack)
    items = client.query(TableName=name, KeyConditionExpression="pk = :pk",
                         ExpressionAttributeValues={":pk": {"S": f"EVENT#{event['id']}"}})["Items"]
    seats = next(i for i in items if i["sk"]["S"] == "EVENT#SEATS")
    rsvps = Counter(i["status"]["S"] for i in items if i["sk"]["S"].startswith("RSVP#"))
    slots = [i for i in items if i["sk"]["S"].startswith("WAIT#")]
    assert rsvps["confirmed"] == int(seats["confirmed"]["N"]) == 2  # the leaver's seat went to someone
    assert rsvps["waitlisted"] == int(seats["waiting"]["N"]) == len(slots) == 5
    assert not any(leaver.sub in str(i) or leaver.email in str(i) for i in items)
