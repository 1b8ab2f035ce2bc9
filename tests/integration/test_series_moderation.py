"""Moderation of a recurring series over HTTP: hiding the series hides every date of it, those written later
too, everywhere a hidden event is hidden; restoring it shows them again, but not a date hidden on its own."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest

from tests.integration.test_atom_feeds import feed_of
from tests.integration.test_crawlable_pages import every_url
from tests.integration.test_event_races import race
from tests.integration.test_moderation import THRESHOLD, flag, reported_by, review
from tests.integration.test_races import table
from tests.integration.test_recurring_events import made, next_weekday, occurrences, series_body  # noqa: F401


@pytest.fixture(scope="module")
def moderator(person):
    return person("moderators", label="moderator")


@pytest.fixture
def tagged_series(api, new_association, made):  # noqa: F811 - the fixture imported above
    """A series whose title carries a tag of its own (for the feed's search), with its association and owner."""

    def make(**recurrence):
        association, owner = new_association(verified=True)
        tag = uuid.uuid4().hex[:8]
        body = series_body(next_weekday(1), **recurrence) | {"title": {"fr": f"Cours {tag}", "uk": "Курс"}}
        created = api("POST", f"/associations/{association['id']}/events", owner, json=body)
        assert created.status_code == 201, created.text
        made.append(created.json()["id"])
        return created.json(), owner, association, tag

    return make


def decide(api, moderator, ref: str, action: str) -> dict:
    if action == "hide" and api("GET", f"/moderation/flags/{ref}", moderator).status_code == 404:
        assert flag(api, moderator, *ref.split(":", 1)).status_code == 201  # a decision needs a review
    entry = review(api, moderator, ref)
    decided = api("POST", f"/moderation/flags/{ref}/decisions", moderator,
                  json={"action": action, "version": entry["version"]})
    assert decided.status_code == 200, decided.text
    return decided.json()


def written(api, series_id: str) -> list[str]:
    return [d["event_id"] for d in occurrences(api, series_id) if d["materialised"]]


def stored_hidden(stack, event_id: str) -> bool:
    client, name = table(stack)
    item = client.get_item(TableName=name, Key={"pk": {"S": f"EVENT#{event_id}"}, "sk": {"S": "EVENT"}},
                           ConsistentRead=True)["Item"]
    return item.get("hidden", {}).get("BOOL", False)


def runner_at(later: datetime):
    """The daily materialiser on a fake clock."""
    from hromada.bus import OutboxPublisher
    from hromada.domain.events import Events
    from hromada.domain.rsvps import Rsvps
    from hromada.domain.series import Series
    from hromada.store.associations import DynamoAssociationStore
    from hromada.store.events import DynamoEventStore
    from hromada.store.series import DynamoSeriesStore

    clock = lambda: later  # noqa: E731
    publisher = OutboxPublisher()
    events = Events(DynamoEventStore(), DynamoAssociationStore(), publisher, now=clock)
    return Series(events, DynamoSeriesStore(), Rsvps(DynamoEventStore(), publisher, now=clock))


def visible_ids(api, association_id: str) -> set[str]:
    listed = api("GET", "/events", params={"association": association_id, "limit": 100})
    assert listed.status_code == 200, listed.text
    return {e["id"] for e in listed.json()["items"]}


def refusal(response) -> tuple[int, str]:
    return response.status_code, response.json()["error"]["code"]


def test_a_hidden_series_hides_each_date_wherever_a_hidden_event_is_hidden(api, tagged_series, new_event, person,
                                                                          moderator, stack):
    series, owner, association, tag = tagged_series(count=5)
    dates = written(api, series["id"])
    assert len(dates) == 5 and visible_ids(api, association["id"]) == set(dates)
    member = person(label="member")
    # What a hidden single event answers, to compare with
    single, _ = new_event(association=association, owner=owner)
    decide(api, moderator, f"event:{single['id']}", "hide")
    hidden_read = refusal(api("GET", f"/events/{single['id']}", member))
    hidden_rsvp = refusal(api("POST", f"/events/{single['id']}/rsvp", member))
    assert hidden_read == hidden_rsvp == (404, "event_not_found")
    counted = api("GET", "/events/counts").json()["regions"]["76"]
    assert len(feed_of(api, f"/events.atom?q={tag}")[0].entries) == 5
    in_sitemap = every_url(api, "events")
    assert all(f"{stack.api_url}/pages/events/{d}" in in_sitemap for d in dates)

    decide(api, moderator, f"event:{series['id']}", "hide")

    assert visible_ids(api, association["id"]) == set()
    assert api("GET", "/events/counts").json()["regions"]["76"] == counted - 5
    assert feed_of(api, f"/events.atom?q={tag}")[0].entries == []
    in_sitemap = every_url(api, "events")
    assert not any(f"{stack.api_url}/pages/events/{d}" in in_sitemap for d in dates)
    for date_id in dates:
        assert refusal(api("GET", f"/events/{date_id}", member)) == hidden_read
        assert refusal(api("POST", f"/events/{date_id}/rsvp", member)) == hidden_rsvp
        assert api("GET", f"/pages/events/{date_id}").status_code == 404
    assert api("GET", f"/events/{series['id']}/occurrences").status_code == 404

    decide(api, moderator, f"event:{series['id']}", "restore")
    assert visible_ids(api, association["id"]) == set(dates)
    assert api("GET", "/events/counts").json()["regions"]["76"] == counted
    assert len(feed_of(api, f"/events.atom?q={tag}")[0].entries) == 5
    assert api("POST", f"/events/{dates[0]}/rsvp", member).status_code == 201


def test_reports_hide_a_series_and_dates_written_later_inherit_it(api, tagged_series, person, moderator, stack):
    series, _, association, _ = tagged_series(count=16)  # weekly: the last dates are past the 12 weeks
    before = written(api, series["id"])
    reported_by(api, person, "event", series["id"], THRESHOLD)  # the threshold hides it
    assert visible_ids(api, association["id"]) == set()
    assert all(stored_hidden(stack, d) for d in before)

    assert api("GET", f"/events/{series['id']}/occurrences").status_code == 404
    runner = runner_at(datetime.now(UTC) + timedelta(weeks=4))  # the daily run, four weeks on
    assert runner.run().get(series["id"])
    from hromada.domain import series as series_rules
    from hromada.store.series import DynamoSeriesStore

    stored = DynamoSeriesStore().get_many(series_rules.date_ids(DynamoSeriesStore().get(series["id"])[0]))
    later = [i for i in stored if i not in before]
    assert 3 <= len(later) <= 4
    assert all(stored[i][0].hidden for i in later)
    assert visible_ids(api, association["id"]) == set()
    for date_id in later:
        assert api("GET", f"/events/{date_id}", person()).status_code == 404

    entry = review(api, moderator, f"event:{series['id']}")
    restored = api("POST", f"/moderation/flags/event:{series['id']}/decisions", moderator,
                   json={"action": "restore", "version": entry["version"]})
    assert restored.status_code == 200, restored.text
    assert set(written(api, series["id"])) == set(before) | set(later)
    for date_id in later:
        assert api("GET", f"/events/{date_id}").status_code == 200


def test_a_date_hidden_on_its_own_stays_hidden_when_its_series_is_restored(api, tagged_series, person, moderator):
    series, _, association, _ = tagged_series(count=4)
    dates = written(api, series["id"])
    reported_by(api, person, "event", dates[1])  # this date alone, by reports
    decide(api, moderator, f"event:{series['id']}", "hide")
    decide(api, moderator, f"event:{series['id']}", "restore")
    assert visible_ids(api, association["id"]) == {dates[0], dates[2], dates[3]}
    assert api("GET", f"/events/{dates[1]}").status_code == 404
    # and the other way round: a date restored on its own while its series is hidden stays hidden
    decide(api, moderator, f"event:{series['id']}", "hide")
    decide(api, moderator, f"event:{dates[1]}", "restore")
    assert api("GET", f"/events/{dates[1]}").status_code == 404
    decide(api, moderator, f"event:{series['id']}", "restore")
    assert visible_ids(api, association["id"]) == set(dates)


def test_a_date_written_while_the_series_is_being_hidden_is_hidden(api, tagged_series, moderator, stack):
    """The race: the daily run writes new dates while a moderator hides the series. Whatever the order, every
    date ends hidden (the run's write is conditioned on the series' state; the decision follows up)."""
    for _ in range(3):
        series, _, association, _ = tagged_series(count=16)
        ref = f"event:{series['id']}"
        before = written(api, series["id"])
        assert flag(api, moderator, "event", series["id"]).status_code == 201
        version = review(api, moderator, ref)["version"]
        runner = runner_at(datetime.now(UTC) + timedelta(weeks=4))
        body = {"action": "hide", "version": version}
        decided, _ = race([
            lambda path=f"/moderation/flags/{ref}/decisions", body=body: api("POST", path, moderator, json=body),
            runner.run,
        ])
        assert decided.status_code == 200, decided.text
        from hromada.domain import series as series_rules
        from hromada.store.series import DynamoSeriesStore

        store = DynamoSeriesStore()
        stored = store.get_many(series_rules.date_ids(store.get(series["id"])[0]))
        assert len(stored) > len(before) and all(event.hidden for event, _ in stored.values())
        assert visible_ids(api, association["id"]) == set()


def test_a_series_with_more_dates_than_a_transaction_holds(api, tagged_series, moderator, stack):
    """Every day for months: more dates written than ride in the decision's transaction; the rest follow."""
    series, _, _, _ = tagged_series(weekdays=["MO", "TU", "WE", "TH", "FR", "SA", "SU"], count=120)
    runner_at(datetime.now(UTC) + timedelta(weeks=6)).run()
    from hromada.domain import series as series_rules
    from hromada.store.moderation import MAX_DATES_WITH_DECISION
    from hromada.store.series import DynamoSeriesStore

    store = DynamoSeriesStore()
    ids = series_rules.date_ids(store.get(series["id"])[0])
    assert len(store.get_many(ids)) > MAX_DATES_WITH_DECISION
    decide(api, moderator, f"event:{series['id']}", "hide")
    assert all(event.hidden for event, _ in store.get_many(ids).values())
    decide(api, moderator, f"event:{series['id']}", "restore")
    assert not any(event.hidden for event, _ in store.get_many(ids).values())


def test_the_daily_run_brings_back_in_line_a_date_the_follow_up_missed(api, tagged_series, moderator, stack):
    """Should the pass after a decision fail half-way, a date of a hidden series could stay visible: the daily run
    hides it again (and, after a restore, shows it again)."""
    series, _, association, _ = tagged_series(count=5)
    dates = written(api, series["id"])
    decide(api, moderator, f"event:{series['id']}", "hide")
    client, name = table(stack)
    client.update_item(TableName=name, Key={"pk": {"S": f"EVENT#{dates[2]}"}, "sk": {"S": "EVENT"}},
                       UpdateExpression="SET #h = :false REMOVE hidden_with_series",  # as if the follow-up failed
                       ExpressionAttributeNames={"#h": "hidden"},
                       ExpressionAttributeValues={":false": {"BOOL": False}})
    assert visible_ids(api, association["id"]) == {dates[2]}
    runner_at(datetime.now(UTC)).run()
    assert visible_ids(api, association["id"]) == set()
    decide(api, moderator, f"event:{series['id']}", "restore")
    assert visible_ids(api, association["id"]) == set(dates)


def test_a_series_and_its_dates_are_hidden_in_one_transaction(api, tagged_series, moderator):
    """The decision, the series and each of its dates are one TransactWriteItems: no moment where the series is
    hidden and a date still shows; the pass after it only reads (nothing left to follow)."""
    from tests.integration.test_read_calls import dynamodb_calls

    series, _, association, _ = tagged_series(count=6)
    ref = f"event:{series['id']}"
    assert flag(api, moderator, "event", series["id"]).status_code == 201
    version = review(api, moderator, ref)["version"]
    with dynamodb_calls() as calls:
        decided = api("POST", f"/moderation/flags/{ref}/decisions", moderator,
                      json={"action": "hide", "version": version})
    assert decided.status_code == 200, decided.text
    assert calls.count("TransactWriteItems") == 1, calls
    assert visible_ids(api, association["id"]) == set()


def test_an_rsvp_that_read_a_date_before_its_series_was_hidden_loses(api, tagged_series, moderator):
    """The RSVP's write is conditioned on the event not being hidden: a member whose request read the date just
    before moderation hid its series gets no seat on it."""
    from hromada.domain.ports import ConditionFailed
    from hromada.models.event import Rsvp, RsvpStatus
    from hromada.store.events import DynamoEventStore

    series, _, _, _ = tagged_series(count=3)
    date_id = written(api, series["id"])[0]
    decide(api, moderator, f"event:{series['id']}", "hide")
    store = DynamoEventStore()
    stale = Rsvp(event_id=date_id, member_id="us_stale", email="stale@example.org", name=None,
                 status=RsvpStatus.CONFIRMED, joined_at="2026-01-01T00:00:00Z", attempt="0" * 16)
    with pytest.raises(ConditionFailed) as failed:
        store.confirm(stale)  # a free seat: only the event being hidden refuses it
    assert failed.value.which == "hidden"
    assert store.get_with_rsvp(date_id, "us_stale")[2] is None
