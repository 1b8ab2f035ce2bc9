"""Recurring events over HTTP: a series, its dates as events of their own, one date cancelled or moved,
seats per date, registration for the whole series, and the series as iCalendar."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from tests.conftest import event_body
from tests.integration.mail import mails_to, wait_mails
from tests.integration.test_event_races import assert_consistent, race, stored

PARIS = ZoneInfo("Europe/Paris")


# Series start after the other modules' events (a month ahead), so their dates never fill the window a filtered
# listing reads before those events (the stack is shared by the whole session).
AHEAD = 40


def next_weekday(weekday: int, after_days: int = AHEAD) -> date:
    day = date.today() + timedelta(days=after_days)
    return day + timedelta(days=(weekday - day.weekday()) % 7)


def series_body(first: date, **recurrence) -> dict:
    rule = {"frequency": "weekly", "weekdays": ["TU"], "count": 6} | recurrence
    body = event_body(start=f"{first.isoformat()}T19:00:00", end=f"{first.isoformat()}T21:00:00")
    return body | {"recurrence": rule}


def forget(stack, series_id: str) -> None:
    """Take a series and every date of it out of the table: the stack is shared by the whole session, and other
    modules' filtered listings read a bounded window of the upcoming events."""
    from hromada.domain import recurrence
    from hromada.store.series import DynamoSeriesStore
    from tests.integration.test_races import table

    found = DynamoSeriesStore().get(series_id)
    if found is None:
        return
    series = found[0]
    duration = datetime.fromisoformat(series.end.replace("Z", "+00:00")) - datetime.fromisoformat(
        series.start.replace("Z", "+00:00"))
    dates = recurrence.slots(series.rrule or "", recurrence.wall_clock(series.start, series.timezone), duration,
                             series.timezone)
    client, name = table(stack)
    for event_id in [series_id, *(recurrence.occurrence_id(series_id, d.date) for d in dates)]:
        response = client.query(TableName=name, KeyConditionExpression="pk = :pk", ProjectionExpression="pk, sk",
                                ExpressionAttributeValues={":pk": {"S": f"EVENT#{event_id}"}})
        for item in response["Items"]:
            client.delete_item(TableName=name, Key={"pk": item["pk"], "sk": item["sk"]})


@pytest.fixture
def made(stack):
    """Series made by a test, forgotten after it."""
    ids: list[str] = []
    yield ids
    for series_id in ids:
        forget(stack, series_id)


@pytest.fixture
def new_series(api, new_association, made):
    def make(association=None, owner=None, first: date | None = None, capacity: int | None = None, **recurrence):
        if association is None:
            association, owner = new_association(verified=True)
        body = series_body(first or next_weekday(1), **recurrence)
        if capacity is not None:
            body |= {"capacity": capacity, "registration_required": True}
        created = api("POST", f"/associations/{association['id']}/events", owner, json=body)
        assert created.status_code == 201, created.text
        made.append(created.json()["id"])
        return created.json(), owner, association

    return make


def occurrences(api, series_id: str) -> list[dict]:
    response = api("GET", f"/events/{series_id}/occurrences")
    assert response.status_code == 200, response.text
    return response.json()["items"]


def error_of(response, status: int) -> dict:
    assert response.status_code == status, response.text
    return response.json()["error"]


def test_a_weekly_series_lists_each_date_as_an_event(api, new_series):
    series, _, association = new_series(weekdays=["TU", "TH"], count=6)
    assert series["recurrence"]["weekdays"] == ["TU", "TH"] and series["series_id"] is None
    dates = occurrences(api, series["id"])
    assert len(dates) == 6 and all(d["materialised"] for d in dates)
    assert [datetime.fromisoformat(d["start_local"]).strftime("%a %H:%M") for d in dates] == \
        ["Tue 19:00", "Thu 19:00"] * 3
    listed = api("GET", "/events", params={"association": association["id"], "limit": 50}).json()["items"]
    # The listing holds the dates, in order, not the series itself.
    assert [e["id"] for e in listed] == [d["event_id"] for d in dates]
    assert {e["series_id"] for e in listed} == {series["id"]}
    one = api("GET", f"/events/{dates[1]['event_id']}").json()
    assert one["occurrence"] == dates[1]["date"] and one["title"] == series["title"]
    assert one["seats"] == {"capacity": None, "confirmed": 0, "waitlisted": 0, "available": None}


def test_the_map_counts_each_date(api, new_series):
    before = api("GET", "/events/counts").json()["regions"]["76"]
    new_series(count=4)
    assert api("GET", "/events/counts").json()["regions"]["76"] == before + 4


def test_dates_beyond_the_horizon_are_listed_but_not_written_yet(api, new_series):
    series, _, _ = new_series(count=20)  # weekly: the last dates are past the 12 weeks
    dates = occurrences(api, series["id"])
    written = [d for d in dates if d["materialised"]]
    assert len(dates) == 20 and 5 <= len(written) <= 8  # those starting within the 12 weeks
    assert all(d["materialised"] for d in dates[:len(written)])  # the first ones
    unwritten = dates[len(written)]
    assert api("GET", f"/events/{unwritten['event_id']}").status_code == 404


@pytest.mark.parametrize(("rule", "field"), [
    ({"interval": 0}, "recurrence.interval"),
    ({"count": 0}, "recurrence.count"),
    ({"count": 201}, "recurrence.count"),
    ({"weekdays": ["XX"]}, "recurrence.weekdays.0"),
    ({"until": "2026-01-01", "count": None}, "recurrence.until"),
    ({"until": "2099-01-01", "count": None}, "recurrence.until"),
    ({"until": "2027-01-01"}, "recurrence"),  # both until and count
    ({"frequency": "monthly", "week": 2, "weekdays": None}, "recurrence"),
    ({"frequency": "monthly", "month_day": 32, "weekdays": None}, "recurrence.month_day"),
    ({"frequency": "monthly", "interval": 12, "weekdays": None, "count": 150}, "recurrence"),  # > two years
    ({"unknown": 1}, "recurrence.unknown"),
])
def test_bad_rules_are_refused_and_nothing_is_written(api, new_association, rule, field):
    association, owner = new_association(verified=True)
    body = series_body(next_weekday(1))
    body["recurrence"] = {k: v for k, v in (body["recurrence"] | rule).items() if v is not None}
    error = error_of(api("POST", f"/associations/{association['id']}/events", owner, json=body), 422)
    assert any(d["field"].startswith(field) for d in error["details"]), error
    assert api("GET", "/events", params={"association": association["id"]}).json()["items"] == []


def test_monthly_rules_by_weekday_and_by_date(api, new_series):
    series, _, _ = new_series(frequency="monthly", week=-1, weekdays=["FR"], count=3)
    days = [date.fromisoformat(d["date"]) for d in occurrences(api, series["id"])]
    assert all(d.weekday() == 4 and (d + timedelta(days=7)).month != d.month for d in days)
    series, _, _ = new_series(frequency="monthly", month_day=15, weekdays=None, count=3)
    assert {date.fromisoformat(d["date"]).day for d in occurrences(api, series["id"])} == {15}


def test_seats_race_per_date(api, new_series, person, stack):
    series, _, _ = new_series(capacity=3)
    first, second = occurrences(api, series["id"])[:2]
    members = [person(label=f"fan{i}") for i in range(10)]
    responses = race([lambda m=m: api("POST", f"/events/{first['event_id']}/rsvp", m) for m in members])
    assert Counter(r.json()["status"] for r in responses) == {"confirmed": 3, "waitlisted": 7}
    state = stored(stack, first["event_id"])
    assert (state["confirmed"], state["waiting"]) == (3, 7)
    assert_consistent(state)
    assert stored(stack, second["event_id"])["confirmed"] == 0  # each date its own seats
    assert error_of(api("POST", f"/events/{series['id']}/rsvp", members[0]), 409)["code"] == "register_for_a_date"


def test_cancelling_one_date_tells_only_its_attendees(api, new_series, person, stack):
    series, owner, _ = new_series()
    first, second = occurrences(api, series["id"])[:2]
    on_first, on_second = person(label="first"), person(label="second")
    assert api("POST", f"/events/{first['event_id']}/rsvp", on_first).status_code == 201
    assert api("POST", f"/events/{second['event_id']}/rsvp", on_second).status_code == 201
    path = f"/events/{series['id']}/occurrences/{first['date']}/cancel"
    done = api("POST", path, owner, json={"reason": "Salle prise ce jour-là"})
    assert done.status_code == 200 and done.json()["status"] == "cancelled"
    again = api("POST", path, owner, json={"reason": "Encore"})  # idempotent: nothing changes
    assert again.status_code == 200 and again.json()["cancel_reason"] == "Salle prise ce jour-là"
    [mail] = wait_mails(stack, on_first.email.lower())
    assert mail["subject"].startswith("Annulé") and "Salle prise ce jour-là" in mail["text"]
    assert mails_to(stack, on_second.email.lower()) == []
    dates = occurrences(api, series["id"])
    assert [d["status"] for d in dates[:2]] == ["cancelled", "scheduled"]
    assert error_of(api("POST", f"/events/{first['event_id']}/rsvp", person()), 409)["code"] == "event_cancelled"
    restored = api("POST", f"/events/{series['id']}/occurrences/{first['date']}/restore", owner)
    assert restored.status_code == 200 and restored.json()["status"] == "scheduled"


def test_moving_one_date(api, new_series, person):
    series, owner, _ = new_series()
    third = occurrences(api, series["id"])[2]
    day = date.fromisoformat(third["date"]) + timedelta(days=1)
    body = {"start": f"{day}T18:30:00", "end": f"{day}T20:30:00",
            "venue": {"name": "MJC", "address": "1 rue X", "city": "Toulouse", "postal_code": "31000",
                      "department": "31", "region": "76"}}
    moved = api("POST", f"/events/{series['id']}/occurrences/{third['date']}/move", owner, json=body)
    assert moved.status_code == 200, moved.text
    assert moved.json()["start_local"].startswith(f"{day}T18:30") and moved.json()["venue"]["name"] == "MJC"
    listed = occurrences(api, series["id"])[2]
    assert listed["moved"] and listed["start_local"].startswith(f"{day}T18:30")
    # Not a date of the rule, or a move the event rules refuse.
    assert error_of(api("POST", f"/events/{series['id']}/occurrences/2030-01-02/move", owner, json=body),
                    404)["code"] == "occurrence_not_found"
    backwards = body | {"end": f"{day}T17:00:00"}
    assert error_of(api("POST", f"/events/{series['id']}/occurrences/{third['date']}/move", owner,
                        json=backwards), 422)["details"][0]["field"] == "end"
    # Editing the series changes the other dates' time; the moved one keeps its own.
    edited = api("PATCH", f"/events/{series['id']}", owner, json={
        "title": {"fr": "Cours de chant"}, "start": series["start_local"][:11] + "19:30:00",
        "end": series["start_local"][:11] + "21:30:00"})
    assert edited.status_code == 200, edited.text
    after = occurrences(api, series["id"])
    assert [d["start_local"][11:16] for d in after] == ["19:30", "19:30", "18:30", "19:30", "19:30", "19:30"]
    titles = {api("GET", f"/events/{d['event_id']}").json()["title"]["fr"] for d in after}
    assert titles == {"Cours de chant"}
    assert error_of(api("PATCH", f"/events/{after[0]['event_id']}", owner, json={"title": {"fr": "x y z"}}),
                    409)["code"] == "occurrence_edit"
    back = api("POST", f"/events/{series['id']}/occurrences/{third['date']}/restore", owner)
    assert back.json()["start_local"][11:16] == "19:30" and back.json()["venue"]["name"] == "Salle Nougaro"


def test_only_the_association_s_editors_change_a_date(api, new_series, person):
    series, _, _ = new_series()
    first = occurrences(api, series["id"])[0]
    stranger = person(label="stranger")
    path = f"/events/{series['id']}/occurrences/{first['date']}"
    assert api("POST", f"{path}/cancel", stranger, json={"reason": "pirate"}).status_code == 403
    assert api("POST", f"{path}/cancel", None, json={"reason": "pirate"}).status_code == 401
    assert api("POST", f"{path}/restore", stranger).status_code == 403
    assert occurrences(api, series["id"])[0]["status"] == "scheduled"


def test_series_registration(api, new_series, person, stack):
    closed, _, _ = new_series()
    member = person(label="member")
    assert error_of(api("POST", f"/events/{closed['id']}/series-registration", member), 409)["code"] == \
        "series_registration_not_allowed"
    series, _, _ = new_series(capacity=1, series_registration=True, count=4)
    dates = occurrences(api, series["id"])
    early = person(label="early")
    assert api("POST", f"/events/{dates[0]['event_id']}/rsvp", early).status_code == 201
    regular = person(label="regular")
    joined = api("POST", f"/events/{series['id']}/series-registration", regular)
    assert joined.status_code == 201, joined.text
    places = joined.json()["occurrences"]
    assert places == {dates[0]["event_id"]: "waitlisted"} | {d["event_id"]: "confirmed" for d in dates[1:]}
    assert api("POST", f"/events/{series['id']}/series-registration", regular).status_code == 200
    assert api("GET", f"/events/{series['id']}/series-registration", regular).json()["registered"] is True
    assert api("DELETE", f"/events/{series['id']}/series-registration", regular).status_code == 204
    for d in dates:
        state = stored(stack, d["event_id"])
        assert_consistent(state)
        assert state["confirmed"] == (1 if d is dates[0] else 0) and state["waiting"] == 0
    assert api("GET", f"/events/{series['id']}/series-registration", regular).json() == {
        "series_id": series["id"], "registered": False, "occurrences": {}}
    assert api("DELETE", f"/events/{series['id']}/series-registration", regular).status_code == 404


def test_series_registrations_race_for_the_seats(api, new_series, person, stack):
    series, _, _ = new_series(capacity=2, series_registration=True, count=3)
    members = [person(label=f"reg{i}") for i in range(6)]
    responses = race([lambda m=m: api("POST", f"/events/{series['id']}/series-registration", m) for m in members])
    assert {r.status_code for r in responses} == {201}
    for d in occurrences(api, series["id"]):
        state = stored(stack, d["event_id"])
        assert (state["confirmed"], state["waiting"]) == (2, 4)
        assert_consistent(state)


def test_a_series_registration_joins_dates_written_later(api, new_series, person, stack):
    from hromada.bus import OutboxPublisher
    from hromada.domain.events import Events
    from hromada.domain.rsvps import Rsvps
    from hromada.domain.series import Series
    from hromada.store.associations import DynamoAssociationStore
    from hromada.store.events import DynamoEventStore
    from hromada.store.series import DynamoSeriesStore

    series, _, _ = new_series(series_registration=True, count=16)
    member = person(label="weekly")
    assert api("POST", f"/events/{series['id']}/series-registration", member).status_code == 201
    before = [d for d in occurrences(api, series["id"]) if d["materialised"]]
    later = datetime.now(UTC) + timedelta(weeks=4)  # a fake clock: the daily run, four weeks on
    clock = lambda: later  # noqa: E731
    publisher = OutboxPublisher()
    events = Events(DynamoEventStore(), DynamoAssociationStore(), publisher, now=clock)
    runner = Series(events, DynamoSeriesStore(), Rsvps(DynamoEventStore(), publisher, now=clock))
    written = runner.run()
    assert 3 <= written[series["id"]] <= 4 and runner.run().get(series["id"]) is None  # once only
    after = [d for d in occurrences(api, series["id"]) if d["materialised"]]
    assert len(after) == len(before) + written[series["id"]]
    for d in after[len(before):]:
        assert stored(stack, d["event_id"])["by_status"] == {"confirmed": 1}


def test_the_series_as_icalendar_across_a_clock_change(api, new_series):
    import icalendar
    import recurring_ical_events

    year = date.today().year + (1 if date.today() >= date(date.today().year, 3, 1) else 0)
    last_sunday = max(date(year, 3, d) for d in range(25, 32) if date(year, 3, d).weekday() == 6)
    first = last_sunday - timedelta(days=12)  # a Tuesday, two weeks before clocks go forward
    series, owner, _ = new_series(first=first, count=6)
    dates = occurrences(api, series["id"])
    cancelled, moved = dates[1], dates[3]
    assert api("POST", f"/events/{series['id']}/occurrences/{cancelled['date']}/cancel", owner,
               json={"reason": "Vacances"}).status_code == 200
    day = moved["date"]
    assert api("POST", f"/events/{series['id']}/occurrences/{day}/move", owner,
               json={"start": f"{day}T20:00:00", "end": f"{day}T22:00:00"}).status_code == 200
    dates = occurrences(api, series["id"])
    response = api("GET", f"/events/{series['id']}.ics")
    assert response.status_code == 200
    calendar = icalendar.Calendar.from_ical(response.content)
    vevents = [c for c in calendar.walk("VEVENT")]
    assert len({str(v["uid"]) for v in vevents}) == 1 and len(vevents) == 2  # the series and its moved date
    expanded = recurring_ical_events.of(calendar).between(first, first + timedelta(weeks=8))
    seen = sorted(e["DTSTART"].dt.astimezone(UTC) for e in expanded)
    expected = sorted(datetime.fromisoformat(d["start"].replace("Z", "+00:00")) for d in dates
                      if d["status"] == "scheduled")
    assert seen == expected and len(seen) == 5
    local = [e["DTSTART"].dt.astimezone(PARIS).strftime("%H:%M") for e in expanded]
    assert sorted(local) == ["19:00"] * 4 + ["20:00"]
    # The wall-clock time holds across the change: the UTC hour moves.
    assert {s.hour for s in seen if s.date() < last_sunday} == {18} and \
        {s.hour for s in seen if s.date() > last_sunday} - {18} == {17}


def test_listing_with_twenty_weekly_series_stays_one_query_per_page(api, new_association, made):
    from tests.integration.test_read_calls import calls_of

    association, owner = new_association(verified=True)
    for i in range(20):
        body = series_body(next_weekday(i % 7), weekdays=None, count=12)
        created = api("POST", f"/associations/{association['id']}/events", owner, json=body)
        assert created.status_code == 201
        made.append(created.json()["id"])
    path = f"/events?association={association['id']}&limit=50"
    assert calls_of(api, path) == ["Query"]
    page = api("GET", path).json()
    assert len(page["items"]) == 50 and page["next_cursor"]
    assert calls_of(api, path + f"&cursor={page['next_cursor']}") == ["Query"]
    assert calls_of(api, "/events/counts") == ["Query"]
    # A series' dates: the series, then its dates' events and seats in one batch.
    series_id = page["items"][0]["series_id"]
    assert calls_of(api, f"/events/{series_id}/occurrences") == ["Query", "BatchGetItem"]


def test_an_erased_member_is_not_enrolled_in_later_dates(api, new_series, person, stack):
    from hromada.bus import OutboxPublisher
    from hromada.domain.events import Events
    from hromada.domain.rsvps import Rsvps
    from hromada.domain.series import Series
    from hromada.store.associations import DynamoAssociationStore
    from hromada.store.events import DynamoEventStore
    from hromada.store.series import DynamoSeriesStore

    series, _, _ = new_series(series_registration=True, count=16)
    leaver = person(label="leaver")
    assert api("POST", f"/events/{series['id']}/series-registration", leaver).status_code == 201
    exported = api("GET", "/me/export", leaver).json()
    assert [r["series_id"] for r in exported["series_registrations"]] == [series["id"]]
    assert api("DELETE", "/me", leaver, json={"confirm": leaver.email}).status_code == 204
    later = datetime.now(UTC) + timedelta(weeks=4)
    publisher = OutboxPublisher()
    events = Events(DynamoEventStore(), DynamoAssociationStore(), publisher, now=lambda: later)
    runner = Series(events, DynamoSeriesStore(), Rsvps(DynamoEventStore(), publisher, now=lambda: later))
    assert runner.run().get(series["id"])  # dates were written...
    for d in occurrences(api, series["id"]):
        if d["materialised"]:  # ...and the erased member holds a place on none, old or new
            assert stored(stack, d["event_id"])["by_status"] == {}
    assert DynamoSeriesStore().registrations(series["id"]) == []


def test_overlapping_daily_runs_write_each_date_once(api, new_series, person, stack):
    from hromada.bus import OutboxPublisher
    from hromada.domain.events import Events
    from hromada.domain.rsvps import Rsvps
    from hromada.domain.series import Series
    from hromada.store.associations import DynamoAssociationStore
    from hromada.store.events import DynamoEventStore
    from hromada.store.series import DynamoSeriesStore

    series, _, _ = new_series(series_registration=True, capacity=5, count=18)
    member = person(label="regular")
    assert api("POST", f"/events/{series['id']}/series-registration", member).status_code == 201
    later = datetime.now(UTC) + timedelta(weeks=5)

    def runner():
        publisher = OutboxPublisher()
        events = Events(DynamoEventStore(), DynamoAssociationStore(), publisher, now=lambda: later)
        return Series(events, DynamoSeriesStore(), Rsvps(DynamoEventStore(), publisher, now=lambda: later)).run

    runs = race([runner() for _ in range(4)])
    assert sum(r.get(series["id"], 0) for r in runs) == 5  # five more weeks: five dates, each written by one run
    for d in occurrences(api, series["id"]):
        if d["materialised"]:
            state = stored(stack, d["event_id"])
            assert state["by_status"] == {"confirmed": 1}  # the member, once
            assert_consistent(state)


def test_cancelling_a_date_as_an_event_is_cancelling_it_in_its_series(api, new_series):
    series, owner, _ = new_series()
    first = occurrences(api, series["id"])[0]
    done = api("POST", f"/events/{first['event_id']}/cancel", owner, json={"reason": "Grève"})
    assert done.status_code == 200 and done.json()["status"] == "cancelled"
    assert error_of(api("POST", f"/events/{first['event_id']}/cancel", owner, json={"reason": "Encore"}),
                    409)["code"] == "event_already_cancelled"
    assert occurrences(api, series["id"])[0]["status"] == "cancelled"
    assert "EXDATE" in api("GET", f"/events/{series['id']}.ics").text
    assert error_of(api("DELETE", f"/events/{first['event_id']}", owner), 409)["code"] == "occurrence_edit"


def test_deleting_a_series_deletes_its_dates_unless_people_registered(api, new_series, person):
    series, owner, association = new_series(count=3)
    dates = occurrences(api, series["id"])
    member = person(label="member")
    assert api("POST", f"/events/{dates[2]['event_id']}/rsvp", member).status_code == 201
    assert error_of(api("DELETE", f"/events/{series['id']}", owner), 409)["code"] == "event_has_attendees"
    assert api("DELETE", f"/events/{series['id']}", person(label="stranger")).status_code == 403
    assert api("DELETE", f"/events/{dates[2]['event_id']}/rsvp", member).status_code == 204
    assert api("DELETE", f"/events/{series['id']}", owner).status_code == 204
    assert api("GET", f"/events/{series['id']}").status_code == 404
    assert all(api("GET", f"/events/{d['event_id']}").status_code == 404 for d in dates)
    assert api("GET", "/events", params={"association": association["id"]}).json()["items"] == []


def test_a_date_beyond_the_horizon_cancelled_or_moved_is_written_with_its_series_registrations(
        api, new_series, person, stack):
    series, owner, _ = new_series(series_registration=True, count=20)
    member = person(label="regular")
    assert api("POST", f"/events/{series['id']}/series-registration", member).status_code == 201
    far = occurrences(api, series["id"])[-1]
    assert not far["materialised"]
    day = far["date"]
    moved = api("POST", f"/events/{series['id']}/occurrences/{day}/move", owner,
                json={"start": f"{day}T20:00:00", "end": f"{day}T22:00:00"})
    assert moved.status_code == 200, moved.text
    assert stored(stack, far["event_id"])["by_status"] == {"confirmed": 1}


def test_a_moved_date_s_attendees_are_told_and_a_smaller_capacity_is_refused(api, new_series, person, stack):
    series, owner, _ = new_series(capacity=3)
    first, second = occurrences(api, series["id"])[:2]
    attendee, other = person(label="attendee"), person(label="other")
    assert api("POST", f"/events/{second['event_id']}/rsvp", attendee).status_code == 201
    assert api("POST", f"/events/{second['event_id']}/rsvp", other).status_code == 201
    day = second["date"]
    assert api("POST", f"/events/{series['id']}/occurrences/{day}/move", owner,
               json={"start": f"{day}T20:00:00", "end": f"{day}T22:00:00"}).status_code == 200
    [mail] = wait_mails(stack, attendee.email.lower())
    assert mail["subject"].startswith("Modifié")
    refused = api("PATCH", f"/events/{series['id']}", owner, json={"capacity": 1})
    assert error_of(refused, 422)["code"] == "capacity_below_confirmed"
    assert api("GET", f"/events/{first['event_id']}").json()["capacity"] == 3  # nothing written
    assert api("GET", f"/events/{series['id']}").json()["capacity"] == 3


def test_the_daily_function_runs_from_its_schedule(stack, new_series):
    series, _, _ = new_series(count=2)
    [result] = stack.schedules.run_now("EventSeriesFunction")
    assert series["id"] not in result["written"]  # its dates within the horizon were written when it was made
