"""Creating a recurring series never leaves it half-written, and a retry with the same Idempotency-Key creates
nothing twice: failures injected in the middle of creation, then the repair (the daily run, or the retry)."""

from __future__ import annotations

import threading
import uuid
from collections import Counter
from datetime import UTC, datetime

import pytest
from botocore.exceptions import ClientError

from tests.integration.test_event_races import race
from tests.integration.test_read_calls import dynamodb_calls
from tests.integration.test_recurring_events import forget, next_weekday, occurrences, series_body

EVERY_DAY = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]


@pytest.fixture
def made(stack):
    """Events made by a test (series or single), taken out of the shared stack after it."""
    from hromada.store.series import DynamoSeriesStore
    from tests.integration.test_races import table

    ids: list[str] = []
    yield ids
    client, name = table(stack)
    for event_id in ids:
        found = DynamoSeriesStore().get(event_id)
        if found is not None and found[0].recurrence is None:  # a single event: its partition only
            for item in client.query(TableName=name, KeyConditionExpression="pk = :pk", ProjectionExpression="pk, sk",
                                     ExpressionAttributeValues={":pk": {"S": f"EVENT#{event_id}"}})["Items"]:
                client.delete_item(TableName=name, Key={"pk": item["pk"], "sk": item["sk"]})
        else:
            forget(stack, event_id)


def key() -> dict[str, str]:
    return {"Idempotency-Key": uuid.uuid4().hex}


def create(api, association, owner, body, headers=None):
    return api("POST", f"/associations/{association['id']}/events", owner, json=body, headers=headers)


def listed(api, association) -> list[dict]:
    """Every event of the association the listing shows (its dates), following the cursor."""
    found, cursor = [], None
    while True:
        params = {"association": association["id"], "limit": 100} | ({"cursor": cursor} if cursor else {})
        page = api("GET", "/events", params=params).json()
        found += page["items"]
        cursor = page["next_cursor"]
        if not cursor:
            return found


def due(series_id: str) -> list[str]:
    """The ids of the series' dates within the horizon, in order, from its stored rule."""
    from hromada.domain import recurrence
    from hromada.reference import times
    from hromada.store.series import DynamoSeriesStore

    series = DynamoSeriesStore().get(series_id)[0]
    duration = times.parse_iso(series.end) - times.parse_iso(series.start)
    slots = recurrence.slots(series.rrule or "", recurrence.wall_clock(series.start, series.timezone), duration,
                             series.timezone)
    return [recurrence.occurrence_id(series_id, s.date) for s in recurrence.within(slots, datetime.now(UTC))]


def assert_whole(api, association, series_id: str) -> list[str]:
    """What the listing shows of the series is its first dates within the horizon, none missing in between, each
    once, and nothing else; the dates (YYYY-MM-DD) shown."""
    shown = listed(api, association)  # by start time
    assert {e["series_id"] for e in shown} == {series_id}
    ids = [e["id"] for e in shown]
    assert ids and ids == due(series_id)[:len(ids)]
    return [e["occurrence"] for e in shown]


def throttled(operation: str, **kwargs):
    """DynamoDB throttling the call, as the store's call() reports it (503)."""
    from hromada.store.errors import call

    def refuse(**_):
        raise ClientError({"Error": {"Code": "ThrottlingException", "Message": "Rate exceeded"}}, operation)

    return call(refuse, **kwargs)


def runner():
    from hromada.bus import OutboxPublisher
    from hromada.domain.events import Events
    from hromada.domain.rsvps import Rsvps
    from hromada.domain.series import Series
    from hromada.store.associations import DynamoAssociationStore
    from hromada.store.events import DynamoEventStore
    from hromada.store.series import DynamoSeriesStore

    publisher = OutboxPublisher()
    events = Events(DynamoEventStore(), DynamoAssociationStore(), publisher)
    return Series(events, DynamoSeriesStore(), Rsvps(DynamoEventStore(), publisher))


def daily_run() -> dict[str, int]:
    return runner().run()


def test_a_weekly_series_of_twelve_dates_is_written_in_one_transaction(api, new_association, made):
    association, owner = new_association(verified=True)
    body = series_body(next_weekday(1, after_days=1), weekdays=None, count=12)
    with dynamodb_calls() as calls:
        created = create(api, association, owner, body)
    assert created.status_code == 201, created.text
    made.append(created.json()["id"])
    writes = [c for c in calls if c not in ("GetItem", "Query", "BatchGetItem")]
    assert writes == ["TransactWriteItems"], calls  # was one per date besides the series' own: 13
    assert len(created.json()["dates_written"]) == 12
    assert assert_whole(api, association, created.json()["id"]) == created.json()["dates_written"]


def test_a_failed_creation_leaves_nothing_and_its_retry_creates_the_series_once(
        api, new_association, made, monkeypatch):
    from hromada.store.events import DynamoEventStore

    association, owner = new_association(verified=True)
    counts_before = api("GET", "/events/counts").json()["total"]
    body, headers = series_body(next_weekday(2, after_days=1), weekdays=None, count=12), key()
    real = DynamoEventStore.create

    def throttled_create(self, *args, **kwargs):
        throttled("TransactWriteItems")

    monkeypatch.setattr(DynamoEventStore, "create", throttled_create)
    failed = create(api, association, owner, body, headers)
    assert failed.status_code == 503, failed.text
    assert listed(api, association) == [] and api("GET", "/events/counts").json()["total"] == counts_before
    monkeypatch.setattr(DynamoEventStore, "create", real)
    retried = create(api, association, owner, body, headers)
    assert retried.status_code == 201, retried.text
    made.append(retried.json()["id"])
    assert len(assert_whole(api, association, retried.json()["id"])) == 12


def test_a_retry_after_a_lost_answer_gets_the_same_series(api, new_association, made, monkeypatch):
    """The series is written, then the function dies (a timeout) before answering: the client retries."""
    from hromada.domain.series import Series

    association, owner = new_association(verified=True)
    body, headers = series_body(next_weekday(3, after_days=1), weekdays=None, count=12), key()
    real = Series._write_dates

    def dies_after_writing(self, series, slots):
        real(self, series, slots)
        raise TimeoutError("Task timed out after 10.00 seconds")

    monkeypatch.setattr(Series, "_write_dates", dies_after_writing)
    lost = create(api, association, owner, body, headers)
    assert lost.status_code >= 500
    monkeypatch.setattr(Series, "_write_dates", real)
    [written] = {e["series_id"] for e in listed(api, association)}
    made.append(written)
    again = create(api, association, owner, body, headers)
    assert again.status_code == 200, again.text
    assert again.json()["id"] == written and len(again.json()["dates_written"]) == 12
    assert len(assert_whole(api, association, written)) == 12  # nothing written twice


@pytest.mark.parametrize("repair", ["daily run", "retry"])
def test_a_creation_failing_after_its_first_dates_is_completed(api, new_association, made, monkeypatch, repair):
    """A series of every day: its first dates ride in its transaction, the others follow, as many to a
    transaction. The write of those others fails: the dates written are still the first ones, then the repair
    completes them."""
    from hromada.domain.series import DATES_PER_TRANSACTION
    from hromada.store.series import DynamoSeriesStore

    association, owner = new_association(verified=True)
    body, headers = series_body(next_weekday(0, after_days=3), weekdays=EVERY_DAY, count=100), key()
    real = DynamoSeriesStore.materialise_many

    def throttled_many(self, dated):
        throttled("TransactWriteItems")

    monkeypatch.setattr(DynamoSeriesStore, "materialise_many", throttled_many)
    failed = create(api, association, owner, body, headers)
    assert failed.status_code == 503, failed.text
    monkeypatch.setattr(DynamoSeriesStore, "materialise_many", real)
    [series_id] = {e["series_id"] for e in listed(api, association)}
    made.append(series_id)
    assert len(assert_whole(api, association, series_id)) == DATES_PER_TRANSACTION  # a prefix, no gap
    if repair == "daily run":
        assert daily_run()[series_id] == len(due(series_id)) - DATES_PER_TRANSACTION
    else:
        with dynamodb_calls() as calls:
            again = create(api, association, owner, body, headers)
        assert again.status_code == 200 and again.json()["id"] == series_id
        assert calls.count("TransactWriteItems") == 2  # the refused creation, then the missing dates together
    shown = assert_whole(api, association, series_id)
    assert len(shown) == len(due(series_id)) > 70  # every day to the horizon
    if repair == "retry":
        assert again.json()["dates_written"] == shown
    assert daily_run().get(series_id) is None  # complete: nothing left to write


def test_concurrent_retries_create_one_series(api, new_association, made):
    association, owner = new_association(verified=True)
    body, headers = series_body(next_weekday(4, after_days=1), weekdays=None, count=12), key()
    responses = race([lambda: create(api, association, owner, body, headers) for _ in range(6)])
    assert Counter(r.status_code for r in responses) == {201: 1, 200: 5}, [r.text for r in responses]
    ids = {r.json()["id"] for r in responses}
    made.extend(ids)
    assert len(ids) == 1
    assert len(assert_whole(api, association, ids.pop())) == 12


def test_a_key_reused_for_another_event_is_refused(api, new_association, made):
    association, owner = new_association(verified=True)
    headers = key()
    first = create(api, association, owner, series_body(next_weekday(5), count=3), headers)
    assert first.status_code == 201
    made.append(first.json()["id"])
    other = series_body(next_weekday(5), count=4)
    reused = create(api, association, owner, other, headers)
    assert reused.status_code == 409 and reused.json()["error"]["code"] == "idempotency_key_reused"
    assert len(assert_whole(api, association, first.json()["id"])) == 3  # untouched
    # A single event with a key: the same rule holds.
    single = {k: v for k, v in other.items() if k != "recurrence"}
    one, two = key(), key()
    published = create(api, association, owner, single, one)
    assert published.status_code == 201
    replayed = create(api, association, owner, single, one)
    assert replayed.status_code == 200 and replayed.json()["id"] == published.json()["id"]
    assert replayed.json()["dates_written"] is None
    another = create(api, association, owner, single, two)
    assert another.status_code == 201 and another.json()["id"] != published.json()["id"]  # another key
    made.extend([published.json()["id"], another.json()["id"]])


def test_attack_another_caller_replaying_a_key_gets_nothing_of_the_first_caller(
        api, new_association, person, made):
    """An attacker who learnt a key (a shared log, a proxy) replays it: a co-editor gets an event of their own,
    a stranger a 403; neither gets the first caller's event or changes it."""
    association, owner = new_association(verified=True)
    body, headers = series_body(next_weekday(6), count=2), key()
    first = create(api, association, owner, body, headers)
    assert first.status_code == 201
    made.append(first.json()["id"])
    stranger = person(label="stranger")
    refused = create(api, association, stranger, body, headers)
    assert refused.status_code == 403 and first.json()["id"] not in refused.text
    coeditor = person(label="coeditor")
    added = api("POST", f"/associations/{association['id']}/editors", owner, json={"email": coeditor.email})
    assert added.status_code == 201, added.text
    theirs = create(api, association, coeditor, body, headers)
    assert theirs.status_code == 201 and theirs.json()["id"] != first.json()["id"]
    made.append(theirs.json()["id"])
    assert [d["materialised"] for d in occurrences(api, first.json()["id"])] == [True, True]
    assert len(listed(api, association)) == 4  # each caller's two dates, once


@pytest.mark.parametrize("value", ["short", "x" * 101, "has space in it", "émoji-🙂-key"])
def test_a_malformed_key_is_a_clear_422(api, new_association, value):
    association, owner = new_association(verified=True)
    body = series_body(next_weekday(1), count=2)
    refused = create(api, association, owner, body, {"Idempotency-Key": value.encode().decode("latin-1")})
    assert refused.status_code == 422, refused.text
    assert refused.json()["error"]["details"][0]["field"].lower().endswith("idempotency-key")
    assert listed(api, association) == []


def test_the_first_dates_fit_one_transaction_with_the_write_guard(api, new_association, made):
    """The fullest creation transaction (DATES_PER_TRANSACTION dates, the outbox, the request's write guard
    riding in it) stays within DynamoDB's 100 items, and the guard is not spent apart."""
    from hromada.domain.series import DATES_PER_TRANSACTION
    from hromada.store.client import dynamodb

    association, owner = new_association(verified=True)
    body = series_body(next_weekday(0, after_days=3), weekdays=EVERY_DAY, count=60)
    sizes: list[int] = []

    def record(params, **_) -> None:
        if "process_request" in threading.current_thread().name:  # the request's, not the pollers'
            sizes.append(len(params["TransactItems"]))

    client = dynamodb()
    client.meta.events.register("provide-client-params.dynamodb.TransactWriteItems", record)
    try:
        created = create(api, association, owner, body, key())
    finally:
        client.meta.events.unregister("provide-client-params.dynamodb.TransactWriteItems", record)
    assert created.status_code == 201, created.text
    made.append(created.json()["id"])
    assert len(created.json()["dates_written"]) == 60
    first = max(sizes)
    assert 2 * DATES_PER_TRANSACTION + 5 < first <= 100  # the series, its first dates, checks, outbox, and the guard
    assert sizes == [first, 2 * (60 - DATES_PER_TRANSACTION) + 1]  # then the rest together; nothing spent apart


def test_the_daily_run_reads_a_complete_series_once_and_writes_nothing(api, new_association, made):
    """It used to try each date within the horizon, one refused transaction per date written already."""
    from hromada.store.client import dynamodb
    from hromada.store.series import DynamoSeriesStore

    association, owner = new_association(verified=True)
    created = create(api, association, owner, series_body(next_weekday(1, after_days=1), weekdays=None, count=12))
    assert created.status_code == 201, created.text
    made.append(created.json()["id"])
    series = DynamoSeriesStore().get(created.json()["id"])[0]
    me, calls = threading.get_ident(), []

    def record(model=None, **_) -> None:
        if threading.get_ident() == me:
            calls.append(model.name)

    client = dynamodb()
    client.meta.events.register("before-call.dynamodb.*", record)
    try:
        written = runner().materialise(series)
    finally:
        client.meta.events.unregister("before-call.dynamodb.*", record)
    assert written == [] and calls == ["BatchGetItem"]


def test_attack_replaying_a_key_in_a_loop_spends_the_write_quota(api, new_association, stack, made):
    """A replay writes nothing, but it is a write request: past the per-person quota it is refused (429)."""
    import time

    association, owner = new_association(verified=True)
    stack.configure(WRITES_PER_MINUTE_PER_USER="3")
    try:
        if time.time() % 60 > 50:  # the quotas are per calendar minute: stay inside one
            time.sleep(61 - time.time() % 60)
        body, headers = series_body(next_weekday(1), count=2), key()
        statuses = [create(api, association, owner, body, headers) for _ in range(5)]
    finally:
        stack.configure(WRITES_PER_MINUTE_PER_USER=None)
    made.append(statuses[0].json()["id"])
    codes = [r.status_code for r in statuses]  # (the association's registration counted too, in this minute)
    assert codes[0] == 201 and set(codes[1:]) <= {200, 429} and codes == sorted(codes, key=[201, 200, 429].index)
    assert codes.count(429) >= 2  # three writes a minute at most
