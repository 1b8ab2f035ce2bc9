"""scripts/recount recounts from the published ballot box alone and reproduces the official result;
a box with a ballot changed, added or removed does not."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import association_body
from tests.integration.voting import in_voting, ok, publish

RECOUNT = Path(__file__).resolve().parents[2] / "scripts" / "recount"


def recount(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(RECOUNT), *args], capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="module")
def box(api, stack, person, tmp_path_factory):
    admin, owner = person("admins", label="admin"), person(label="owner")
    association = ok(api("POST", "/associations", owner, json=association_body()), 201)
    ok(api("POST", f"/associations/{association['id']}/verify", person("moderators", label="moderator"), json={}))
    election, (a, b, c) = in_voting(api, admin, owner, association, person(label="candidate"), method="schulze")
    # a and b tie head to head (2 to 2) and both beat c: only the lot separates them.
    for ranking in ([[a], [b], [c]], [[b], [a], [c]], [[c]], [[a, b]], [[a], [b]], [[b], [a]]):
        ok(api("POST", f"/elections/{election['id']}/ballots", person(label="voter"), json={"ranking": ranking}),
           201)
    official = publish(api, stack, admin, election["id"])
    path = tmp_path_factory.mktemp("recount") / "box.json"
    fetched = recount("fetch", stack.api_url, election["id"], "-o", str(path))
    assert fetched.returncode == 0, fetched.stderr
    return path, official


def test_the_published_box_reproduces_the_official_result(box):
    path, official = box
    done = recount(str(path))
    assert done.returncode == 0, done.stdout + done.stderr
    assert "the official result is reproduced" in done.stdout
    assert official["result"]["winner"] in done.stdout and "by lot" in done.stdout
    document = json.loads(path.read_text())
    assert len(document["ballots"]) == 6 and document["official"]["result"] == official["result"]


def tampered(path: Path, change) -> Path:
    document = json.loads(path.read_text())
    change(document)
    out = path.with_name(f"tampered-{change.__name__}.json")
    out.write_text(json.dumps(document))
    return out


def changed_ballot(document):
    ballot = next(b for b in document["ballots"] if len(b["ranking"]) == 3)
    ballot["ranking"] = list(reversed(ballot["ranking"]))


def removed_ballot(document):
    document["ballots"].pop()


def added_ballot(document):
    document["ballots"].append(dict(document["ballots"][0], tracker="AAAA-AAAA-AAAA-AAAA-AAAA"))


def forged_result(document):
    candidates = [c["id"] for c in document["candidates"]]
    document["official"]["result"]["winner"] = next(c for c in candidates if c != document["official"]["result"]
                                                    ["winner"])


@pytest.mark.parametrize("change", [changed_ballot, removed_ballot, added_ballot, forged_result])
def test_an_altered_box_or_result_is_not_reproduced(box, change):
    path, _ = box
    done = recount(str(tampered(path, change)))
    assert done.returncode == 1, done.stdout + done.stderr
    assert "MISMATCH" in done.stdout


def test_unusable_input(tmp_path):
    (tmp_path / "x.json").write_text('{"format": "something else"}')
    assert recount(str(tmp_path / "x.json")).returncode == 2
    assert recount(str(tmp_path / "missing.json")).returncode == 2
