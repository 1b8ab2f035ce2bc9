"""Attack: pair a voter with their ballot from what the platform stores and streams.

An operator (or anyone holding a backup, the table stream or a restored table) reads every item of every
table and every change record the local stack can see, after several people voted in an election and a
poll. Nothing may let a "has voted" marker be paired with a ballot or a poll's counters: not the same
change record, not one timestamp, not neighbouring sequence numbers, not a tracker or a choice stored
next to a voter."""

from __future__ import annotations

import re
from typing import Any

import boto3
import pytest

from tests.conftest import association_body
from tests.integration.voting import dynamo_access, in_voting, ok, voter_key

BOX_PREFIX, MARKER_PREFIX = "BOX#", "VOTED#"
TIME = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d")


@pytest.fixture(scope="module")
def aws(stack):
    info = stack.info()
    options = {"endpoint_url": info["aws_endpoint"], "region_name": info["region"],
               "aws_access_key_id": "local", "aws_secret_access_key": "local"}
    return boto3.client("dynamodb", **options), boto3.client("dynamodbstreams", **options)


def every_item(client) -> dict[str, list[dict[str, Any]]]:
    found: dict[str, list[dict[str, Any]]] = {}
    for table in client.list_tables()["TableNames"]:
        items, start = [], None
        while True:
            page = client.scan(TableName=table, **({"ExclusiveStartKey": start} if start else {}))
            items += page["Items"]
            start = page.get("LastEvaluatedKey")
            if not start:
                break
        found[table] = items
    return found


def every_change_record(client, streams) -> list[tuple[str, int, dict[str, Any]]]:
    """(table, position in its stream, record) for every record of every table's stream."""
    found = []
    for table in client.list_tables()["TableNames"]:
        arn = client.describe_table(TableName=table)["Table"].get("LatestStreamArn")
        if not arn:
            continue
        position = 0
        for shard in streams.describe_stream(StreamArn=arn)["StreamDescription"]["Shards"]:
            iterator = streams.get_shard_iterator(StreamArn=arn, ShardId=shard["ShardId"],
                                                  ShardIteratorType="TRIM_HORIZON")["ShardIterator"]
            while iterator:
                page = streams.get_records(ShardIterator=iterator, Limit=1000)
                for record in page["Records"]:
                    found.append((table, position, record))
                    position += 1
                if not page["Records"]:
                    break
                iterator = page.get("NextShardIterator")
    return found


def strings(value: Any) -> list[str]:
    """Every string inside a DynamoDB-typed value (keys and values, nested maps and lists)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in (*strings(k), *strings(v))]
    if isinstance(value, list):
        return [s for v in value for s in strings(v)]
    return []


def pk_of(record: dict[str, Any]) -> str:
    return record["dynamodb"].get("Keys", {}).get("pk", {}).get("S", "")


@pytest.fixture(scope="module")
def votes(api, person, stack):
    """Three members vote in an election and two answer a poll; returns what an attacker would look for."""
    admin, owner, moderator = person("admins", label="admin"), person(label="owner"), person("moderators",
                                                                                              label="moderator")
    association = ok(api("POST", "/associations", owner, json=association_body()), 201)
    ok(api("POST", f"/associations/{association['id']}/verify", moderator, json={}))
    election, ids = in_voting(api, admin, owner, association, person(label="candidate"), method="plurality")
    voters = [person(label="voter") for _ in range(3)]
    trackers = [ok(api("POST", f"/elections/{election['id']}/ballots", v, json={"choice": ids[i]}), 201)["tracker"]
                for i, v in enumerate(voters)]
    poll = ok(api("POST", "/polls", moderator, json={
        "question": {"uk": "Яку подію організувати?"}, "options": [{"uk": "Концерт"}, {"uk": "Виставка"}],
        "max_choices": 1, "results": "live", "closes_at": "2099-01-01T00:00:00Z"}), 201)
    for i, voter in enumerate(voters[:2]):
        ok(api("POST", f"/polls/{poll['id']}/votes", voter, json={"choices": [f"o{i + 1}"]}), 201)
    dynamo = dynamo_access(stack)
    pseudonyms = {voter_key(dynamo, box, v.email).partition(":")[2] for v in voters
                  for box in (election["id"], poll["id"])}
    voter_ids = {s for v in voters for s in (v.sub, v.email)} | pseudonyms
    return {"election": election, "poll": poll, "trackers": trackers, "choices": ids, "voter_ids": voter_ids}


def test_no_item_holds_a_tracker_or_a_choice_next_to_a_voter(aws, votes):
    client, _ = aws
    items = every_item(client)
    every = [(t, i) for t, rows in items.items() for i in rows]
    # Not vacuous: every ballot was read back, and every marker.
    held = {s for _, i in every for s in strings(i)}
    assert all(any(t in s for s in held) for t in votes["trackers"]), "the ballots were not found"
    markers = [i for _, i in every if i["pk"]["S"].startswith(MARKER_PREFIX)
               and votes["election"]["id"] in i["pk"]["S"]]
    assert len(markers) == 3
    secrets = set(votes["trackers"]) | set(votes["choices"])
    for table, item in every:
        text = strings(item)
        if any(any(secret in s for s in text) for secret in secrets):
            assert not item["pk"]["S"].startswith(MARKER_PREFIX), f"{table}: a marker holds a ballot: {item}"
            assert not any(v in s for v in votes["voter_ids"] for s in text), f"{table}: voter next to ballot {item}"
        if item["pk"]["S"].startswith(MARKER_PREFIX):
            assert not any(TIME.match(s) for s in text), f"{table}: a marker holds a time: {item}"
        if item["pk"]["S"].startswith(BOX_PREFIX):
            assert not any(TIME.match(s) for s in text), f"{table}: a ballot holds a time: {item}"


def test_no_change_record_pairs_a_marker_with_a_ballot(aws, votes):
    client, streams = aws
    records = every_change_record(client, streams)
    markers = [(t, n, r) for t, n, r in records if pk_of(r).startswith(MARKER_PREFIX)]
    box = [(t, n, r) for t, n, r in records if pk_of(r).startswith(BOX_PREFIX)]
    paired = []
    for table, n, marker in markers:
        when = marker["dynamodb"].get("ApproximateCreationDateTime")
        for other_table, m, record in box:
            same_time = when is not None and record["dynamodb"].get("ApproximateCreationDateTime") == when
            neighbours = other_table == table and abs(m - n) <= 3
            if same_time or neighbours:
                paired.append((pk_of(marker), pk_of(record), record["dynamodb"].get("Keys", {}).get("sk")))
    assert not paired, f"{len(paired)} marker/ballot pairs in the change records, e.g. {paired[:3]}"
    # The ballot box is in no stream at all (a stream's order alone lines ballots up with voters).
    assert not box, f"{len(box)} ballot box change records are streamed"
    for _, _, record in records:
        text = strings(record["dynamodb"])
        if any(t in s for t in votes["trackers"] for s in text):
            assert not any(v in s for v in votes["voter_ids"] for s in text)
