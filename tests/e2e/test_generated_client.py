"""A typed client generated from the served /openapi.json by openapi-python-client, used for a real journey:
register an association, have it verified, publish an event, RSVP, vote in the demo election. The
clients raise on any status the document does not list, so a document a generator cannot use, or one
that does not say what the API answers, fails here."""

from __future__ import annotations

import importlib
import json
import os
import re
import subprocess
import sys
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from infra.users import Account, Users
from tests.e2e.conftest import call

pytestmark = pytest.mark.e2e
PACKAGE = "hromada_client"


@pytest.fixture(scope="module")
def document(running) -> dict[str, Any]:
    return call(running, "GET", "/openapi.json").json()


@pytest.fixture(scope="module")
def generated(document, tmp_path_factory) -> Iterator[Path]:
    """Generate the client into a temporary folder (never committed) and make it importable."""
    folder = tmp_path_factory.mktemp("client")
    (folder / "openapi.json").write_text(json.dumps(document))
    # Feeds and sitemaps are XML documents: the client hands them over as text (it reads only JSON and text/*).
    (folder / "config.json").write_text(json.dumps({"content_type_overrides": {
        "application/atom+xml": "text/plain", "application/xml": "text/plain"}}))
    tools = Path(sys.executable).parent  # openapi-python-client, and the ruff its post-hooks run
    result = subprocess.run(
        [str(tools / "openapi-python-client"), "generate", "--path", str(folder / "openapi.json"),
         "--config", str(folder / "config.json"), "--output-path", str(folder / PACKAGE), "--meta", "none",
         "--fail-on-warning"],
        capture_output=True, text=True, timeout=300, check=False,
        env=os.environ | {"PATH": f"{tools}{os.pathsep}{os.environ.get('PATH', '')}"})
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
    sys.path.insert(0, str(folder))
    importlib.invalidate_caches()
    yield folder / PACKAGE
    sys.path.remove(str(folder))
    for name in [m for m in sys.modules if m == PACKAGE or m.startswith(PACKAGE + ".")]:
        del sys.modules[name]


def api(module: str) -> Any:
    """One generated operation module, e.g. api("associations.register_association")."""
    return importlib.import_module(f"{PACKAGE}.api.{module}")


def models() -> Any:
    return importlib.import_module(f"{PACKAGE}.models")


def client(running, token: str | None = None, language: str = "en") -> Any:
    package = importlib.import_module(PACKAGE)
    options = {"base_url": running["api_url"], "raise_on_unexpected_status": True, "timeout": 30,
               "headers": {"Accept-Language": language}}
    return package.AuthenticatedClient(token=token, **options) if token else package.Client(**options)


def newcomer(running, name: str) -> str:
    """A new member (e-mail verified), signed in: nobody has voted or registered with it yet."""
    account = Account(email=f"client-{name}-{uuid.uuid4().hex[:8]}@example.org", password="Client-journey-2026",
                      name=f"Client {name}")
    users = Users.from_info(running)
    users.ensure(account)
    return users.id_token(account.email, account.password)


def example(document: dict[str, Any], path: str, method: str) -> dict[str, Any]:
    """The first request example the document gives for an operation."""
    examples = document["paths"][path][method]["requestBody"]["content"]["application/json"]["examples"]
    return json.loads(json.dumps(next(iter(examples.values()))["value"]))


def test_the_served_document_is_valid_openapi_3_1(running, document):
    from openapi_spec_validator import validate
    from openapi_spec_validator.validation import OpenAPIV31SpecValidator

    validate(document, cls=OpenAPIV31SpecValidator)
    assert document["servers"] == [{"url": running["api_url"]}]


def test_the_generated_client_has_a_method_per_operation(document, generated):
    for methods in document["paths"].values():
        for operation in methods.values():
            name = re.sub(r"(?<!^)([A-Z])", r"_\1", operation["operationId"]).lower()
            tag = operation["tags"][0].replace(" ", "_")
            assert (generated / "api" / tag / f"{name}.py").is_file(), (tag, name)
    assert hasattr(api("events.list_events"), "sync_detailed")


def test_register_publish_rsvp_and_vote_with_the_generated_client(running, tokens, document, generated):
    m = models()
    owner = client(running, newcomer(running, "owner"))
    # Register an association from the document's own example (a fresh name: slugs are unique).
    body = example(document, "/associations", "post") | {"name": f"Громада {uuid.uuid4().hex[:6]}"}
    registered = api("associations.register_association").sync_detailed(
        client=owner, body=m.AssociationCreate.from_dict(body))
    assert registered.status_code == 201, registered.content
    association = registered.parsed
    assert isinstance(association, m.AssociationOut) and association.status == m.Status.PENDING

    # A moderator verifies it (through the suite's accounts: however staff sign in, `tokens` knows).
    verified = api("moderation.verify_association").sync_detailed(
        association.id, client=client(running, tokens["moderator"]), body=m.VerifyDecision(note="RNA vérifié"))
    assert verified.status_code == 200, verified.content
    assert verified.parsed.status == m.Status.VERIFIED

    # Publish the document's example event, a month from now.
    start = (datetime.now(UTC) + timedelta(days=30)).replace(hour=17, minute=0, second=0, microsecond=0)
    event_body = example(document, "/associations/{id}/events", "post") | {
        "start": start.isoformat(), "end": (start + timedelta(hours=2)).isoformat(), "capacity": 1}
    published = api("events.create_event").sync_detailed(
        association.id, client=owner, body=m.EventCreate.from_dict(event_body))
    assert published.status_code == 201, published.content
    event = published.parsed
    assert isinstance(event, m.EventOut) and event.association.id == association.id

    # Two members RSVP: the one seat, then the waitlist.
    attendee, waiting = client(running, newcomer(running, "attendee")), client(running, newcomer(running, "waiting"))
    first = api("events.rsvp_to_event").sync_detailed(event.id, client=attendee)
    second = api("events.rsvp_to_event").sync_detailed(event.id, client=waiting)
    assert (first.status_code, second.status_code) == (201, 201), (first.content, second.content)
    assert first.parsed.status == m.RsvpStatus.CONFIRMED and second.parsed.status == m.RsvpStatus.WAITLISTED
    mine = api("events.get_my_rsvp").sync(event.id, client=waiting)
    assert mine.status == m.RsvpState.WAITLISTED and mine.position == 1
    seen = api("events.get_event").sync(event.id, client=client(running))
    assert seen.id == event.id

    # Vote in the demo election (Schulze): rank its candidates.
    election = demo_election(running)
    ranking = [[candidate.id] for candidate in election.ballot]
    cast = api("voting.cast_ballot").sync_detailed(election.id, client=attendee, body=m.BallotIn(ranking=ranking))
    assert cast.status_code == 201, cast.content
    assert re.fullmatch(r"[A-Z2-7]{4}(-[A-Z2-7]{4}){4}", cast.parsed.tracker)
    status = api("voting.get_my_vote").sync(election.id, client=attendee)
    assert status.eligible is True and status.voted is True
    again = api("voting.cast_ballot").sync_detailed(election.id, client=attendee, body=m.BallotIn(ranking=ranking))
    assert again.status_code == 409 and again.parsed.error.code == "already_voted"


def demo_election(running) -> Any:
    """The demo's election, followed through the pages (the fuzzer may have added many)."""
    listing = api("elections.list_elections")
    cursor = None
    while True:
        page = listing.sync(client=client(running), limit=100, **({"cursor": cursor} if cursor else {}))
        for election in page.items:
            if election.title.additional_properties.get("en") == "Head of the Youth Council of France":
                return election
        cursor = page.next_cursor
        assert cursor, "the demo election is not listed"


def test_errors_come_back_typed_in_the_one_error_shape(running, document, generated):
    m = models()
    anonymous = client(running, language="uk")
    unknown = api("associations.get_association").sync_detailed("no-such-association", client=anonymous)
    assert unknown.status_code == 404 and isinstance(unknown.parsed, m.ErrorBody)
    assert unknown.parsed.error.code and unknown.parsed.error.message
    body = m.AssociationCreate.from_dict(example(document, "/associations", "post"))
    refused = api("associations.register_association").sync_detailed(client=anonymous, body=body)
    assert refused.status_code == 401 and isinstance(refused.parsed, m.ErrorBody)
    invalid = api("events.list_events").sync_detailed(client=anonymous, limit=1000)
    assert invalid.status_code == 422 and invalid.parsed.error.details[0].field == "limit"
    health = api("meta.get_health").sync_detailed(client=anonymous)
    assert health.status_code == 200
