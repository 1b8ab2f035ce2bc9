"""The open-data export on the local stack: only public facts, files that match their index, CSV cells a
spreadsheet cannot run, and a second run of the same day that changes nothing."""

from __future__ import annotations

import csv
import hashlib
import io
import json

import boto3
import pytest

from tests.conftest import association_body, event_body
from tests.integration.voting import in_voting, ok, publish

EXPORT = "OpenDataFunction"


def _table(stack):
    return boto3.client("dynamodb", endpoint_url=stack.moto_url, region_name="eu-west-3",
                        aws_access_key_id="local", aws_secret_access_key="local"), stack.template.physical["Table"]


def _hide(stack, pk: str, sk: str) -> None:
    """What a moderator's `hide` decision leaves on the item (tested on its own in test_moderation.py)."""
    client, table = _table(stack)
    client.update_item(TableName=table, Key={"pk": {"S": pk}, "sk": {"S": sk}},
                       UpdateExpression="SET #hidden = :t", ExpressionAttributeNames={"#hidden": "hidden"},
                       ExpressionAttributeValues={":t": {"BOOL": True}})


@pytest.fixture(scope="module")
def world(api, stack, person):
    owner, moderator, admin = person(label="owner"), person("moderators", label="moderator"), person("admins")
    candidate, voter = person(label="candidate"), person(label="voter")

    def register(verified: bool, **fields):
        created = ok(api("POST", "/associations", owner, json=association_body(**fields)), 201)
        if verified:
            ok(api("POST", f"/associations/{created['id']}/verify", moderator, json={}))
        return created

    public = register(True, name="=HYPERLINK(\"https://evil.example\") Hromada",
                      description={"fr": "+33 1 23 45 67 89, @bandoura", "uk": "-Культура"})
    pending = register(False)
    suspended = register(True)
    shown = ok(api("POST", f"/associations/{public['id']}/events", owner,
                   json=event_body(title={"fr": "@SUM(1+1) concert", "uk": "Концерт"})), 201)
    hidden = ok(api("POST", f"/associations/{public['id']}/events", owner, json=event_body()), 201)
    of_suspended = ok(api("POST", f"/associations/{suspended['id']}/events", owner, json=event_body()), 201)
    _hide(stack, f"EVENT#{hidden['id']}", "EVENT")
    _hide(stack, f"ASSOC#{suspended['id']}", "PROFILE")

    published, ids = in_voting(api, admin, owner, public, candidate)
    ok(api("POST", f"/elections/{published['id']}/ballots", voter, json={"ranking": [[ids[1]], [ids[0]], [ids[2]]]}),
       201)
    result = publish(api, stack, admin, published["id"])
    still_open, _ = in_voting(api, admin, owner, public, candidate, names=("Ostap", "Mariia", "Petro"))
    ok(api("POST", f"/elections/{still_open['id']}/ballots", voter, json={"ranking": [[_[0]]]}), 201)

    [run] = stack.schedules.run_now(EXPORT)
    index = ok(api("GET", "/open-data/datapackage.json"))
    files = {}
    for resource in index["resources"]:
        response = api("GET", f"/open-data/{resource['path']}")
        assert response.status_code == 200, resource["path"]
        files[resource["name"]] = response.content
    return {"run": run, "index": index, "files": files, "public": public, "pending": pending,
            "suspended": suspended, "shown": shown, "hidden": hidden, "of_suspended": of_suspended,
            "published": published, "result": result, "still_open": still_open,
            "people": [owner, moderator, admin, candidate, voter]}


def _json(world, name):
    return json.loads(world["files"][f"{name}-json"])


def _csv(world, name):
    return list(csv.DictReader(io.StringIO(world["files"][f"{name}-csv"].decode("utf-8"), newline="")))


def test_every_file_matches_its_index(world):
    index = world["index"]
    assert index["licenses"] == [{"name": "etalab-2.0", "title": "Licence Ouverte / Open Licence 2.0 (Etalab)",
                                  "path": "https://www.etalab.gouv.fr/licence-ouverte-open-licence/"}]
    datasets = ("associations", "events", "election_results")
    assert {r["name"] for r in index["resources"]} == {f"{d}-{f}" for d in datasets for f in ("json", "csv")}
    for resource in index["resources"]:
        body = world["files"][resource["name"]]
        assert resource["bytes"] == len(body)
        assert resource["hash"] == "sha256:" + hashlib.sha256(body).hexdigest()
        fields = [f["name"] for f in resource["schema"]["fields"]]
        assert all(f["description"] and f["type"] for f in resource["schema"]["fields"])
        if resource["format"] == "csv":
            assert body.decode("utf-8").split("\r\n", 1)[0] == ",".join(fields)
            assert resource["mediatype"] == "text/csv"
        else:
            rows = json.loads(body)
            assert all(list(row) == fields for row in rows)
            assert resource["mediatype"] == "application/json"


def test_only_public_facts_are_exported(world):
    associations = {a["id"] for a in _json(world, "associations")}
    assert world["public"]["id"] in associations
    assert world["pending"]["id"] not in associations and world["suspended"]["id"] not in associations
    events = {e["id"] for e in _json(world, "events")}
    assert world["shown"]["id"] in events
    assert world["hidden"]["id"] not in events and world["of_suspended"]["id"] not in events
    assert {a["id"] for a in _csv(world, "associations")} == associations


def test_no_personal_data_in_any_file(world):
    everything = b"".join(world["files"].values()).decode("utf-8").lower()
    for person in world["people"]:
        assert person.email.lower() not in everything and person.sub not in everything
    assert "@example.org" not in everything  # no address of anyone (contacts, editors, voters)


def test_only_published_results_are_exported(world):
    rows = [r for r in _json(world, "election_results") if r["election_id"] == world["published"]["id"]]
    ranking = world["result"]["result"]["ranking"]
    assert [r["candidate_id"] for r in rows] == ranking and [r["rank"] for r in rows] == [1, 2, 3]
    assert [r["elected"] for r in rows] == [True, False, False] and rows[0]["ballots"] == 1
    assert world["still_open"]["id"] not in json.dumps(_json(world, "election_results"))
    text = b"".join(world["files"].values()).decode()
    assert "tracker" not in text and "ballot_sha" not in text


def test_csv_cells_that_a_spreadsheet_would_run_are_neutralised(world):
    [row] = [r for r in _csv(world, "associations") if r["id"] == world["public"]["id"]]
    assert row["name"] == "'=HYPERLINK(\"https://evil.example\") Hromada"
    assert row["description_fr"] == "'+33 1 23 45 67 89, @bandoura" and row["description_uk"] == "'-Культура"
    [event] = [r for r in _csv(world, "events") if r["id"] == world["shown"]["id"]]
    assert event["title_fr"] == "'@SUM(1+1) concert"
    formula = ("=", "+", "-", "@")
    for name in ("associations", "events", "election_results"):
        for r in _csv(world, name):
            assert not any(v.startswith(formula) for v in r.values()), r
    # JSON keeps the text as it is: only spreadsheets run formulas.
    [same] = [a for a in _json(world, "associations") if a["id"] == world["public"]["id"]]
    assert same["name"].startswith("=HYPERLINK")


def test_a_second_run_the_same_day_changes_nothing_and_new_data_goes_beside(world, stack, api):
    first = world["run"]
    [again] = stack.schedules.run_now(EXPORT)
    assert again["prefix"] == first["prefix"] and again["written"] is False
    assert ok(api("GET", "/open-data/datapackage.json"))["resources"] == world["index"]["resources"]

    owner = world["people"][0]
    ok(api("POST", f"/associations/{world['public']['id']}/events", owner, json=event_body(days=40)), 201)
    [changed] = stack.schedules.run_now(EXPORT)
    assert changed["written"] is True and changed["prefix"] != first["prefix"]
    assert changed["prefix"][:10] == first["prefix"][:10]  # the same day
    # The files readers of the previous index are downloading are still there, unchanged.
    for resource in world["index"]["resources"]:
        assert api("GET", f"/open-data/{resource['path']}").content == world["files"][resource["name"]]
    assert api("GET", "/open-data/LICENCE").text.startswith("Licence Ouverte / Open Licence 2.0")
