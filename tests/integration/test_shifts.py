"""Volunteer shifts over HTTP: places, the waitlist, promotion, editing and cancelling, bad input."""

from __future__ import annotations

import pytest

from tests.integration.shifts import new_project, new_shift, project_body, shift_body
from tests.integration.test_bad_input import error_of


@pytest.fixture
def project(api, new_association):
    return new_project(api, new_association)


def test_places_waitlist_and_promotion(api, person, project):
    _, owner, post = project
    shift = new_shift(api, owner, post, people=2)
    path = f"/announcements/{post['id']}/shifts/{shift['id']}"
    people = [person(label=f"v{i}") for i in range(4)]
    answers = [api("POST", f"{path}/signup", p).json() for p in people]
    assert [(a["status"], a["position"]) for a in answers] == [
        ("confirmed", None), ("confirmed", None), ("waitlisted", 1), ("waitlisted", 2)]
    again = api("POST", f"{path}/signup", people[2])
    assert again.status_code == 200 and again.json() == answers[2]  # idempotent
    listed = {s["id"]: s for s in api("GET", f"/announcements/{post['id']}/shifts").json()}
    assert (listed[shift["id"]]["places_left"], listed[shift["id"]]["waitlisted"]) == (0, 2)

    assert api("DELETE", f"{path}/signup", people[0]).status_code == 204
    assert api("GET", f"{path}/signup", people[2]).json()["status"] == "confirmed"  # the first who waited
    assert api("GET", f"{path}/signup", people[3]).json()["position"] == 1
    assert api("GET", f"{path}/signup", people[0]).json() == {
        "shift_id": shift["id"], "status": None, "position": None, "joined_at": None}
    assert error_of(api("DELETE", f"{path}/signup", people[0]), 404)["code"] == "signup_not_found"

    volunteers = api("GET", f"{path}/volunteers", owner).json()
    assert (volunteers["confirmed"], volunteers["waitlisted"]) == (2, 1)
    assert [(v["name"], v["status"], v["position"]) for v in volunteers["items"]] == [
        ("V1", "confirmed", None), ("V2", "confirmed", None), ("V3", "waitlisted", 1)]
    assert "@" not in str(volunteers)  # names only, never addresses


def test_people_below_confirmed_is_refused_and_more_places_move_the_waitlist(api, person, project):
    _, owner, post = project
    shift = new_shift(api, owner, post, people=1)
    path = f"/announcements/{post['id']}/shifts/{shift['id']}"
    people = [person(label=f"w{i}") for i in range(3)]
    for p in people:
        api("POST", f"{path}/signup", p)
    assert api("PATCH", path, owner, json={"people": 3}).json()["confirmed"] == 3
    assert [api("GET", f"{path}/signup", p).json()["status"] for p in people] == ["confirmed"] * 3
    refused = error_of(api("PATCH", path, owner, json={"people": 2}), 409)
    assert refused["code"] == "people_below_confirmed"
    assert api("GET", f"/announcements/{post['id']}/shifts").json()[-1]["people"] >= 1
    assert {s["id"]: s["people"] for s in api("GET", f"/announcements/{post['id']}/shifts").json()}[shift["id"]] == 3


def test_cancelled_shift_takes_no_signup(api, person, project):
    _, owner, post = project
    shift = new_shift(api, owner, post)
    path = f"/announcements/{post['id']}/shifts/{shift['id']}"
    assert api("POST", f"{path}/cancel", owner).json()["status"] == "cancelled"
    assert error_of(api("POST", f"{path}/signup", person(label="late")), 409)["code"] == "shift_cancelled"
    assert error_of(api("PATCH", path, owner, json={"people": 9}), 409)["code"] == "shift_cancelled"


def test_online_shift_and_patch_switching_place(api, project):
    _, owner, post = project
    shift = new_shift(api, owner, post, place=None, online_url="https://meet.example.org/abc")
    assert shift["place"] is None and shift["online_url"] == "https://meet.example.org/abc"
    path = f"/announcements/{post['id']}/shifts/{shift['id']}"
    moved = api("PATCH", path, owner, json={"place": {"address": "1 place du Capitole", "region": "76",
                                                      "department": "31"}})
    assert moved.status_code == 200, moved.text
    assert moved.json()["online_url"] is None and moved.json()["place"]["department"] == "31"


@pytest.mark.parametrize("overrides, field", [
    ({"end_time": "08:00"}, "end_time"),
    ({"people": 0}, "people"),
    ({"people": 501}, "people"),
    ({"place": None, "online_url": "http://meet.example.org"}, "online_url"),
    ({"place": None, "online_url": "not a url"}, "online_url"),
    ({"place": {"address": "x", "region": "76", "department": "75"}}, "place"),
    ({"task": {}}, "task"),
    ({"time_zone": "Mars/Olympus"}, "time_zone"),
    ({"extra": 1}, "extra"),
])
def test_bad_shifts_are_refused(api, project, overrides, field):
    _, owner, post = project
    response = api("POST", f"/announcements/{post['id']}/shifts", owner, json=shift_body(**overrides))
    assert response.status_code == 422, response.text
    error_of(response, 422)


def test_past_unknown_and_non_project(api, project):
    association, owner, post = project
    past = api("POST", f"/announcements/{post['id']}/shifts", owner, json=shift_body(days=-2))
    assert error_of(past, 422)["code"] == "shift_in_the_past"
    unknown = api("POST", "/announcements/an_0123456789abcdef0123/shifts", owner, json=shift_body())
    assert error_of(unknown, 404)["code"] == "announcement_not_found"
    assert error_of(api("GET", "/announcements/an_0123456789abcdef0123/shifts"), 404)
    news = api("POST", f"/associations/{association['id']}/announcements", owner,
               json=project_body(type="news", needs=[])).json()
    refused = api("POST", f"/announcements/{news['id']}/shifts", owner, json=shift_body())
    assert error_of(refused, 409)["code"] == "shifts_need_volunteers"
    assert error_of(api("GET", f"/announcements/{post['id']}/shifts/sh_0123456789abcdef0123/signup",
                        owner), 404)["code"] == "shift_not_found"
    assert error_of(api("GET", f"/announcements/{post['id']}/shifts/bad-id/signup", owner), 422)


def test_a_shift_of_another_announcement_is_not_reached_through_mine(api, new_association, project):
    """The shift id is looked up within the announcement of the path: another association's shift is 404."""
    _, owner, post = project
    _, other_owner, other_post = new_project(api, new_association)
    theirs = new_shift(api, other_owner, other_post)
    path = f"/announcements/{post['id']}/shifts/{theirs['id']}"
    assert error_of(api("GET", f"{path}/volunteers", owner), 404)["code"] == "shift_not_found"
    assert error_of(api("PATCH", path, owner, json={"people": 9}), 404)["code"] == "shift_not_found"
