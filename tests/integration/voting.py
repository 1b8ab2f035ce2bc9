"""Helpers for the elections and polls tests: schedules relative to now, elections brought to a phase."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

CLOCK = "VotingClockFunction"


def at(seconds: float) -> str:
    return (datetime.now(UTC) + timedelta(seconds=seconds)).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def election_body(**overrides: Any) -> dict[str, Any]:
    body = {"title": {"fr": f"Élection test {uuid.uuid4().hex[:6]}", "uk": "Тестові вибори"},
            "method": "schulze", "electorate": "members", "nominations_per_association": 3,
            "nominations_open_at": at(-60), "voting_opens_at": at(3600), "voting_closes_at": at(7200)}
    return body | overrides


def nomination_body(association_id: str, email: str, name: str = "Olena Kovalenko") -> dict[str, Any]:
    return {"association_id": association_id, "name": name, "email": email,
            "statement": {"uk": "Програма кандидатки", "fr": "Programme de la candidate"},
            "bio": {"fr": "Étudiante à Toulouse"}, "photo_url": "https://example.org/photo.jpg"}


def ok(response, status: int = 200) -> Any:
    assert response.status_code == status, f"{response.request.method} {response.request.url}: {response.text}"
    return response.json() if response.content else None


def draft(api, admin, **overrides: Any) -> dict[str, Any]:
    return ok(api("POST", "/elections", admin, json=election_body(**overrides)), 201)


def in_nominations(api, admin, **overrides: Any) -> dict[str, Any]:
    election = draft(api, admin, **overrides)
    return ok(api("POST", f"/elections/{election['id']}/open", admin))


def approved_candidate(api, election: dict, owner, association: dict, candidate, admin, name: str) -> dict:
    nominated = ok(api("POST", f"/elections/{election['id']}/candidates", owner,
                       json=nomination_body(association["id"], candidate.email, name)), 201)
    path = f"/elections/{election['id']}/candidates/{nominated['id']}"
    ok(api("POST", f"{path}/consent", candidate))
    return ok(api("POST", f"{path}/approve", admin))


def in_voting(api, admin, owner, association: dict, candidate, names=("Olena", "Taras", "Iryna"),
              **overrides: Any) -> tuple[dict[str, Any], list[str]]:
    """An election open for voting with approved candidates; returns it and the candidate ids."""
    election = in_nominations(api, admin, **overrides)
    ids = [approved_candidate(api, election, owner, association, candidate, admin, name)["id"] for name in names]
    opened = ok(api("POST", f"/elections/{election['id']}/open", admin))
    assert {c["id"] for c in opened["ballot"]} == set(ids)
    return opened, ids


def publish(api, stack, admin, election_id: str, reason: str = "Fin anticipée du scrutin de test") -> dict:
    ok(api("POST", f"/elections/{election_id}/close", admin, json={"reason": reason}))
    stack.schedules.run_now(CLOCK)
    return ok(api("GET", f"/elections/{election_id}/results"))


def all_ballots(api, election_id: str) -> list[dict[str, Any]]:
    ballots, cursor = [], None
    while True:
        page = ok(api("GET", f"/elections/{election_id}/ballots", params={"cursor": cursor} if cursor else {}))
        ballots += page["items"]
        cursor = page["next_cursor"]
        if not cursor:
            return ballots


def dynamo_access(stack) -> tuple[Any, str, str, bytes]:
    """(client, main table, ballot table, pseudonym key) of the local stack, to look at what is stored."""
    import boto3

    info = stack.info()
    options = {"endpoint_url": info["aws_endpoint"], "region_name": info["region"],
               "aws_access_key_id": "local", "aws_secret_access_key": "local"}
    key = boto3.client("secretsmanager", **options).get_secret_value(
        SecretId=stack.template.physical["PseudonymKey"])["SecretString"].encode()
    return boto3.client("dynamodb", **options), info["table_name"], info["ballot_table_name"], key


def voter_key(dynamo, box: str, email: str) -> str:
    """The key of a person's marker in a box, as the platform computes it (domain.ballots.person_voter)."""
    from hromada.pseudonyms import pseudonym

    return f"person:{pseudonym(email, f'voter:{box}', key=dynamo[3])}"
