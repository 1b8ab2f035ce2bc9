"""Abuse limits on every write route: per person and per address, 429 with Retry-After, race-proof."""

from __future__ import annotations

import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import pytest

from hromada.domain.rate_limits import quotas_for
from tests.conftest import association_body


@pytest.fixture
def limits(stack):
    def set_limits(per_user: int, per_ip: int) -> None:
        # As an operator would: the functions' environment changes, their next invocations start with it.
        stack.configure(WRITES_PER_MINUTE_PER_USER=str(per_user), WRITES_PER_MINUTE_PER_IP=str(per_ip))
        # Stay inside one window: the quotas are per calendar minute.
        if time.time() % 60 > 50:
            time.sleep(61 - time.time() % 60)

    yield set_limits
    stack.configure(WRITES_PER_MINUTE_PER_USER=None, WRITES_PER_MINUTE_PER_IP=None)


def ip_hits_this_window(stack) -> int:
    """Every test talks from 127.0.0.1, so the address's counter already holds this minute's writes."""
    import boto3

    from hromada.store import keys

    info = stack.info()
    client = boto3.client("dynamodb", endpoint_url=info["aws_endpoint"], region_name=info["region"],
                          aws_access_key_id="local", aws_secret_access_key="local")
    subject = quotas_for(None, "127.0.0.1", per_user=0, per_ip=1)[0].subject
    key = keys.quota(subject, int(time.time()) // 60 * 60)
    item = client.get_item(TableName=info["table_name"], Key={k: {"S": v} for k, v in key.items()}).get("Item")
    return int(item["hits"]["N"]) if item else 0


def test_per_person_quota_holds_under_a_race(api, person, limits):
    """Twenty registrations at once: the quota rides in each write's transaction, so exactly the allowance
    passes. Distinct items, so no write loses to another for its own reasons (a cancelled write spends
    nothing)."""
    limits(per_user=5, per_ip=100000)
    owner = person(label="racer")
    with ThreadPoolExecutor(max_workers=20) as pool:
        responses = list(pool.map(lambda _: api("POST", "/associations", owner, json=association_body()), range(20)))
    statuses = Counter(r.status_code for r in responses)
    assert statuses == {201: 5, 429: 15}, statuses
    assert len(api("GET", "/me", owner).json()["memberships"]) == 5
    refused = next(r for r in responses if r.status_code == 429)
    assert 1 <= int(refused.headers["Retry-After"]) <= 60
    assert refused.json()["error"]["code"] == "too_many_requests"
    assert str(refused.headers["Retry-After"]) in refused.json()["error"]["message"]


def test_a_write_that_loses_spends_no_quota(api, new_association, limits):
    """Refused for its own reasons (here a 404), a write counts nothing: its transaction was cancelled."""
    limits(per_user=2, per_ip=100000)
    association, owner = new_association()  # the first write of the window
    for _ in range(5):
        assert api("PATCH", "/associations/as_00000000000000000000", owner, json={"city": "Lyon"}).status_code == 404
    assert api("PATCH", f"/associations/{association['id']}", owner, json={"city": "Lyon"}).status_code == 200
    assert api("PATCH", f"/associations/{association['id']}", owner, json={"city": "Nice"}).status_code == 429


def test_reads_are_not_counted_and_others_are_not_affected(api, person, new_association, limits):
    limits(per_user=3, per_ip=100000)
    association, owner = new_association()
    other = person(label="other")
    for _ in range(2):
        assert api("PATCH", f"/associations/{association['id']}", owner, json={"city": "Toulouse"}).status_code == 200
    assert api("PATCH", f"/associations/{association['id']}", owner, json={"city": "Toulouse"}).status_code == 429
    assert api("GET", "/me", owner).status_code == 200
    assert api("GET", "/associations").status_code == 200
    assert api("POST", "/associations", other, json=association_body()).status_code == 201


def test_per_address_quota_spans_people(api, person, limits, stack):
    limits(per_user=100000, per_ip=100000)
    people = [person(label=f"neighbour{i}") for i in range(4)]
    for _ in range(3):  # on a loaded machine the four writes may straddle a minute: the counter starts again
        limits(per_user=100000, per_ip=ip_hits_this_window(stack) + 3)
        window = int(time.time()) // 60
        statuses = [api("POST", "/associations", p, json=association_body()).status_code for p in people]
        if int(time.time()) // 60 == window:
            break
    assert statuses == [201, 201, 201, 429]


def test_refused_writes_change_nothing(api, person, limits):
    newcomer = person(label="newcomer")
    limits(per_user=1, per_ip=100000)
    assert api("POST", "/associations", newcomer, json=association_body()).status_code == 201
    assert api("POST", "/associations", newcomer, json=association_body()).status_code == 429
    assert len(api("GET", "/me", newcomer).json()["memberships"]) == 1
