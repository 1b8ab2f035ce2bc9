"""Schemathesis fuzzes every operation of /openapi.json: no 5xx, responses match the schema."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import association_body, event_body
from tests.e2e.conftest import call

pytestmark = pytest.mark.e2e
HERE = Path(__file__).parent


def targets(running, tokens) -> dict[str, str]:
    """Things for the fuzzer to act on: a pending association, and a verified one with an event (a member
    registered) and an announcement. New ones for each run: a run may cancel or delete them."""
    admin = tokens["admin"]
    pending = call(running, "POST", "/associations", admin, json=association_body()).json()
    publisher = call(running, "POST", "/associations", admin, json=association_body()).json()
    call(running, "POST", f"/associations/{publisher['id']}/verify", admin, json={})
    event = call(running, "POST", f"/associations/{publisher['id']}/events", admin,
                 json=event_body(capacity=5)).json()
    call(running, "POST", f"/events/{event['id']}/rsvp", tokens["member"])
    post = call(running, "POST", f"/associations/{publisher['id']}/announcements", admin,
                json={"type": "news", "title": {"fr": "Annonce"}, "body": {"fr": "Texte"}, "categories": ["culture"]})
    flagged = call(running, "POST", "/flags", tokens["member"],
                   json={"kind": "announcement", "id": post.json()["id"], "reason": "other"})
    assert flagged.status_code == 201, flagged.text
    return {"HROMADA_FUZZ_ASSOCIATION": pending["id"], "HROMADA_FUZZ_PUBLISHER": publisher["id"],
            "HROMADA_FUZZ_EVENT": event["id"], "HROMADA_FUZZ_ANNOUNCEMENT": post.json()["id"],
            "HROMADA_FUZZ_FLAGGED": flagged.json()["item"], **twinning_targets(running, admin, publisher["id"])}


def twinning_targets(running, token: str, association_id: str) -> dict[str, str]:
    """A partnership proposed and an initiative published by the association (fresh for each run)."""
    from tests.integration.twinning import initiative_body, proposal_body

    partnership = call(running, "POST", f"/associations/{association_id}/partnerships", token, json=proposal_body())
    initiative = call(running, "POST", f"/associations/{association_id}/initiatives", token, json=initiative_body())
    assert partnership.status_code == initiative.status_code == 201, (partnership.text, initiative.text)
    return {"HROMADA_FUZZ_PARTNERSHIP": partnership.json()["id"], "HROMADA_FUZZ_INITIATIVE": initiative.json()["id"]}


def voting_targets(running, tokens) -> dict[str, str]:
    """An election open for voting with one approved candidate, and a poll: fresh for each fuzzing run."""
    from tests.integration.voting import at, election_body, nomination_body

    admin, owner, member = tokens["admin"], tokens["owner"], tokens["member"]
    election = call(running, "POST", "/elections", admin, json=election_body(method="plurality")).json()
    path = f"/elections/{election['id']}"
    assert call(running, "POST", f"{path}/open", admin).status_code == 200
    owned = [m["association"] for m in call(running, "GET", "/me", owner).json()["memberships"]
             if m["role"] == "owner" and m["association"]["status"] == "verified"]
    member_email = call(running, "GET", "/me", member).json()["email"]
    candidate = call(running, "POST", f"{path}/candidates", owner,
                     json=nomination_body(owned[0]["id"], member_email)).json()
    assert call(running, "POST", f"{path}/candidates/{candidate['id']}/consent", member).status_code == 200
    assert call(running, "POST", f"{path}/candidates/{candidate['id']}/approve", admin).status_code == 200
    assert call(running, "POST", f"{path}/open", admin).json()["status"] == "voting"
    poll = call(running, "POST", "/polls", tokens["moderator"], json={
        "question": {"fr": "Cible du fuzzing"}, "options": [{"fr": "Oui"}, {"fr": "Non"}], "max_choices": 2,
        "results": "live", "closes_at": at(86400)}).json()
    return {"HROMADA_FUZZ_ELECTION": election["id"], "HROMADA_FUZZ_CANDIDATE": candidate["id"],
            "HROMADA_FUZZ_POLL": poll["id"]}


ROLES = ("admin", "member", None)  # signed in with the widest rights, as a plain member, and anonymous


def fuzz_command(running, token: str | None, report_dir: Path) -> list[str]:
    command = [sys.executable, "-m", "schemathesis.cli", "--config-file", str(HERE / "schemathesis.toml"), "run",
               f"{running['api_url']}/openapi.json", "--url", running["api_url"],
               "--max-examples", os.environ.get("FUZZ_EXAMPLES", "10"), "--workers", "1",
               "--report", "junit", "--report-dir", str(report_dir), "--seed", "20261126"]
    return command + (["-H", f"Authorization: Bearer {token}"] if token else [])


# 483-685 s in full CI runs beside the other tests (two workers on two cores), over 900 s once with 150+ operations;
# `make fuzz` runs many more examples.
@pytest.mark.timeout(1500)
def test_fuzz_every_operation_in_every_role_at_once(running, tokens, tmp_path):
    """The three roles fuzz concurrently (each against its own fresh targets): the stack also meets concurrent
    callers, and the run takes the time of the slowest role, not the sum."""
    runs = {}
    for role in ROLES:
        env = os.environ | targets(running, tokens) | voting_targets(running, tokens) | {"NO_COLOR": "1"}
        out = (tmp_path / f"{role or 'anonymous'}.out").open("w+")
        command = fuzz_command(running, tokens[role] if role else None, tmp_path / (role or "anonymous"))
        runs[role or "anonymous"] = (subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, text=True,
                                                      env=env), out)
    operations = sum(len(ops) for ops in call(running, "GET", "/openapi.json").json()["paths"].values())
    assert operations >= 39  # every route of template.yaml is in the document (test_local_stack checks which)
    failed = {}
    for role, (process, out) in runs.items():
        returncode = process.wait(timeout=1480)
        out.seek(0)
        text = out.read()
        out.close()
        failures = text[text.find("FAILURES"):text.find("SUMMARY")] if "FAILURES" in text else ""
        tail = failures[:6000] + "\n".join(text.splitlines()[-30:])
        if returncode != 0 or not (f"Tested: {operations}" in text or f"{operations}/{operations}" in text):
            failed[role] = f"exit {returncode}\n{tail}"
    assert not failed, "\n\n".join(f"--- fuzzing as {role}:\n{detail}" for role, detail in failed.items())
