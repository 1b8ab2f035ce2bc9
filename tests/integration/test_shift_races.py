"""Shifts under concurrency, over HTTP with real tokens: places, waitlist and messages stay exact."""

from __future__ import annotations

import uuid
from collections import Counter

from tests.integration.mail import MAIL_QUEUES, drained, mails_to
from tests.integration.shifts import new_project, new_shift
from tests.integration.test_event_races import race
from tests.integration.test_races import partition, table


def stored(stack, announcement_id: str, shift_id: str) -> dict:
    """What the table holds: the shift's counters, signups by status, waitlist slots in order."""
    client, name = table(stack)
    shift = client.get_item(TableName=name, ConsistentRead=True,
                            Key={"pk": {"S": f"ANN#{announcement_id}"}, "sk": {"S": f"SHIFT#{shift_id}"}})["Item"]
    items = partition(stack, f"SHIFT#{shift_id}")
    signups = [i for i in items if i["sk"]["S"].startswith("VOL#")]
    return {"confirmed": int(shift["confirmed"]["N"]), "waiting": int(shift["waiting"]["N"]),
            "people": int(shift["people"]["N"]), "by_status": Counter(i["status"]["S"] for i in signups),
            "queue": [i["member_id"]["S"] for i in items if i["sk"]["S"].startswith("WAIT#")]}


def assert_consistent(state: dict) -> None:
    assert state["confirmed"] == state["by_status"]["confirmed"] <= state["people"]
    assert state["waiting"] == state["by_status"]["waitlisted"] == len(state["queue"])


def test_thirty_volunteers_for_five_places(api, new_association, person, stack):
    _, owner, post = new_project(api, new_association)
    shift = new_shift(api, owner, post, people=5)
    path = f"/announcements/{post['id']}/shifts/{shift['id']}"
    members = [person(label=f"vol{i}") for i in range(30)]
    responses = race([lambda m=m: api("POST", f"{path}/signup", m) for m in members])
    assert Counter(r.status_code for r in responses) == {201: 30}
    assert Counter(r.json()["status"] for r in responses) == {"confirmed": 5, "waitlisted": 25}
    state = stored(stack, post["id"], shift["id"])
    assert (state["confirmed"], state["waiting"]) == (5, 25)
    assert_consistent(state)

    listing = api("GET", f"{path}/volunteers", owner).json()
    waiting = [v for v in listing["items"] if v["status"] == "waitlisted"]
    assert [v["position"] for v in waiting] == list(range(1, 26))
    by_sub = {m.sub: m for m in members}
    first = by_sub[state["queue"][0]]  # slots sort by arrival: the first slot is the first who waited
    leaving = next(m for m, r in zip(members, responses, strict=True) if r.json()["status"] == "confirmed")
    assert api("DELETE", f"{path}/signup", leaving).status_code == 204
    assert api("GET", f"{path}/signup", first).json()["status"] == "confirmed"
    after = stored(stack, post["id"], shift["id"])
    assert (after["confirmed"], after["waiting"]) == (5, 24)
    assert_consistent(after)


def test_cancellations_and_signups_at_once(api, new_association, person, stack):
    _, owner, post = new_project(api, new_association)
    shift = new_shift(api, owner, post, people=4)
    path = f"/announcements/{post['id']}/shifts/{shift['id']}"
    early = [person(label=f"early{i}") for i in range(8)]
    for m in early:  # 4 confirmed, 4 waiting
        assert api("POST", f"{path}/signup", m).status_code == 201
    late = [person(label=f"late{i}") for i in range(6)]
    calls = [lambda m=m: api("DELETE", f"{path}/signup", m) for m in early[:4]]
    calls += [lambda m=m: api("POST", f"{path}/signup", m) for m in late]
    responses = race(calls)
    assert [r.status_code for r in responses] == [204] * 4 + [201] * 6
    state = stored(stack, post["id"], shift["id"])
    assert_consistent(state)
    assert state["confirmed"] == 4 and state["waiting"] == 6
    # The four who waited before the race got the four places freed; nobody who came later went ahead.
    assert [api("GET", f"{path}/signup", m).json()["status"] for m in early[4:]] == ["confirmed"] * 4
    assert all(api("GET", f"{path}/signup", m).json()["status"] == "waitlisted" for m in late)


def test_one_member_signing_up_many_times_at_once_holds_one_place(api, new_association, person, stack):
    _, owner, post = new_project(api, new_association)
    shift = new_shift(api, owner, post, people=2)
    path = f"/announcements/{post['id']}/shifts/{shift['id']}"
    member = person(label="eager")
    responses = race([lambda: api("POST", f"{path}/signup", member) for _ in range(8)])
    assert sorted(r.status_code for r in responses) == [200] * 7 + [201]
    state = stored(stack, post["id"], shift["id"])
    assert (state["confirmed"], state["waiting"]) == (1, 0)
    assert_consistent(state)


def test_a_message_id_is_sent_once_whatever_the_retries(api, new_association, person, stack):
    _, owner, post = new_project(api, new_association, contact_email="benevoles@example.org",
                                 show_contact_email=True)
    shift = new_shift(api, owner, post, people=3)
    path = f"/announcements/{post['id']}/shifts/{shift['id']}"
    volunteers = [person(label=f"msg{i}") for i in range(2)]
    for v in volunteers:
        api("POST", f"{path}/signup", v)
    body = {"id": uuid.uuid4().hex, "text": "Apportez des gants, merci !"}
    responses = race([lambda: api("POST", f"{path}/messages", owner, json=body) for _ in range(6)])
    assert sorted(r.status_code for r in responses) == [200] * 5 + [202]
    assert drained(stack, *MAIL_QUEUES)
    for v in volunteers:
        messages = [m for m in mails_to(stack, v.email) if "Apportez des gants" in (m["text"] or "")]
        assert len(messages) == 1
        assert messages[0]["headers"]["Reply-To"] == "benevoles@example.org"
        assert owner.email not in str(messages[0]) and volunteers[0 if v is volunteers[1] else 1].email not in \
            str(messages[0])


def test_the_shifts_list_is_one_query_and_my_signup_one_call_unless_waitlisted(api, new_association, person):
    from tests.integration.test_read_calls import calls_of

    _, owner, post = new_project(api, new_association)
    for _ in range(3):
        shift = new_shift(api, owner, post, people=1)
    assert calls_of(api, f"/announcements/{post['id']}/shifts") == ["Query"]
    path = f"/announcements/{post['id']}/shifts/{shift['id']}/signup"
    seated, waiting = person(label="seated"), person(label="waiting")
    assert api("POST", path, seated).status_code == 201 and api("POST", path, waiting).status_code == 201
    assert calls_of(api, path, seated) == ["BatchGetItem"]
    assert calls_of(api, path, waiting) == ["BatchGetItem", "Query"]  # the place is counted


def test_fewer_places_racing_signups_never_leave_more_confirmed_than_places(api, new_association, person, stack):
    _, owner, post = new_project(api, new_association)
    shift = new_shift(api, owner, post, people=5)
    path = f"/announcements/{post['id']}/shifts/{shift['id']}"
    for m in [person(label=f"in{i}") for i in range(2)]:
        assert api("POST", f"{path}/signup", m).status_code == 201
    late = [person(label=f"racer{i}") for i in range(5)]
    calls = [lambda: api("PATCH", path, owner, json={"people": 3})]
    calls += [lambda m=m: api("POST", f"{path}/signup", m) for m in late]
    responses = race(calls)
    assert responses[0].status_code in (200, 409), responses[0].text  # refused if the signups came first
    assert all(r.status_code == 201 for r in responses[1:])
    state = stored(stack, post["id"], shift["id"])
    assert_consistent(state)
    assert state["people"] == (3 if responses[0].status_code == 200 else 5)
    assert state["confirmed"] + state["waiting"] == 7
