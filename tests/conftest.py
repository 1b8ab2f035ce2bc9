"""Shared fixtures: an in-process local stack (moto + gateway from template.yaml) and signed-in people."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
import requests

from infra.users import Account, Users


@dataclass
class Person:
    email: str
    token: str
    headers: dict[str, str]
    sub: str


@dataclass
class Api:
    url: str
    session: requests.Session

    def __call__(self, method: str, path: str, who: Person | None = None, **kwargs: Any) -> requests.Response:
        headers = dict(kwargs.pop("headers", {}) or {})
        if who is not None:
            headers.update(who.headers)
        return self.session.request(method, self.url + path, headers=headers, timeout=30, **kwargs)


# Under `pytest -n 2` (make test) a scope runs whole on one worker: each e2e, browser and bench suite shares the one
# stack or run it starts, and a module shares its module-scoped fixtures. Scopes are handed out in collection order,
# so the long suites (bench, browser, e2e) start at once and the short modules fill the gaps. (A scheduler of our
# own: pytest-xdist's `loadgroup` renames items through an attribute pytest 9 no longer reads.)
SHARED_STACK_SUITES = ("e2e", "browser", "bench")


def scope_of(nodeid: str) -> str:
    path = nodeid.split("::")[0]
    parts = path.split("/")
    return "/".join(parts[:2]) if len(parts) > 2 and parts[1] in SHARED_STACK_SUITES else path


def pytest_xdist_make_scheduler(config: pytest.Config, log: Any) -> Any:
    from xdist.scheduler import LoadScopeScheduling

    class SuiteScheduling(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return scope_of(nodeid)

    return SuiteScheduling(config, log)


TEST_PARAMETERS = {"WritesPerMinutePerIp": "100000", "WritesPerMinutePerUser": "100000",
                   "FormMailsPerDomainPerHour": "100000",
                   "MailRetryBaseSeconds": "0"}


@pytest.fixture(scope="session")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    from infra.stack import LocalStack

    state = tmp_path_factory.mktemp("stack")
    # Every test talks from 127.0.0.1 and mails example.org: the per-address write quota and the per-domain
    # form-mail cap are lifted here and tested on their own.
    local = LocalStack(port=0, state_dir=state, parameters=TEST_PARAMETERS).start()
    yield local
    local.stop()


@pytest.fixture(scope="session")
def users(stack: Any) -> Users:
    return Users.from_info(stack.info())


@pytest.fixture(scope="session")
def api(stack: Any) -> Api:
    return Api(stack.api_url, requests.Session())


@pytest.fixture(scope="session")
def person(users: Users) -> Callable[..., Person]:
    """A new Cognito user, signed in for real (InitiateAuth, and the TOTP challenge for staff), with an ID token."""

    def make(*groups: str, verified: bool = True, label: str = "user", mfa: bool | None = None) -> Person:
        """Staff (moderators, admins) are enrolled in TOTP unless `mfa=False`."""
        email = f"{label}-{uuid.uuid4().hex[:10]}@example.org"
        users.ensure(Account(email, "Test-password-2026", label.title(), tuple(groups)), email_verified=verified,
                     mfa=mfa)
        token = users.id_token(email, "Test-password-2026")
        attrs = users.cognito.admin_get_user(UserPoolId=users.pool, Username=email)["UserAttributes"]
        sub = next(a["Value"] for a in attrs if a["Name"] == "sub")
        return Person(email, token, {"Authorization": f"Bearer {token}"}, sub)

    return make


def association_body(**overrides: Any) -> dict[str, Any]:
    """A valid registration; names are unique so tests never collide on slugs."""
    tag = uuid.uuid4().hex[:8]
    body = {
        "name": f"Association test {tag}",
        "description": {"fr": "Culture ukrainienne à Toulouse.", "uk": "Українська культура в Тулузі."},
        "categories": ["culture"],
        "languages": ["uk", "fr"],
        "region": "76",
        "department": "31",
        "city": "Toulouse",
        "postal_code": "31000",
        "website": "https://example.org",
        "rna": "W313000123",
    }
    body.update(overrides)
    return body


def make_cast(person: Callable[..., Person], api: Api, *, verified: bool = True
              ) -> tuple[dict[str, Person], dict[str, Any], dict[str, Any]]:
    """The authorization matrices' cast: a member; an association with its owner and a co-editor; another
    association's editor; a moderator and an admin. Both associations are verified unless `verified=False`.
    Returns the people, the association and the other association."""
    people = {"member": person(label="member"), "other_editor": person(label="other"),
              "owner": person(label="owner"), "editor": person(label="editor"),
              "moderator": person("moderators", label="moderator"), "admin": person("admins", label="admin")}
    made = [api("POST", "/associations", people[who], json=association_body()) for who in ("owner", "other_editor")]
    assert all(r.status_code == 201 for r in made), [r.text for r in made]
    association, other = (r.json() for r in made)
    assert association["id"] != other["id"]
    for each in (association, other) if verified else ():
        decided = api("POST", f"/associations/{each['id']}/verify", people["moderator"], json={})
        assert decided.status_code == 200, decided.text
    added = api("POST", f"/associations/{association['id']}/editors", people["owner"],
                json={"email": people["editor"].email})
    assert added.status_code == 201, added.text
    return people, association, other


@pytest.fixture
def new_association(api: Api, person: Callable[..., Person]) -> Callable[..., tuple[dict[str, Any], Person]]:
    """Register an association (pending) and return it with its owner; verify it on request."""
    moderator = None

    def make(owner: Person | None = None, verified: bool = False, **overrides: Any):
        nonlocal moderator
        owner = owner or person(label="owner")
        created = api("POST", "/associations", owner, json=association_body(**overrides))
        assert created.status_code == 201, created.text
        association = created.json()
        if verified:
            moderator = moderator or person("moderators", label="moderator")
            decided = api("POST", f"/associations/{association['id']}/verify", moderator, json={})
            assert decided.status_code == 200, decided.text
            association = decided.json()
        return association, owner

    return make


def event_body(days: int = 30, **overrides: Any) -> dict[str, Any]:
    """A valid event `days` from now, 19:00-21:00 Paris time, at a venue in Toulouse."""
    from datetime import date, timedelta

    day = (date.today() + timedelta(days=days)).isoformat()
    body = {
        "title": {"fr": f"Concert {uuid.uuid4().hex[:6]}", "uk": "Концерт"},
        "description": {"fr": "Un **concert** de bandoura."},
        "start": f"{day}T19:00:00",
        "end": f"{day}T21:00:00",
        "venue": {"name": "Salle Nougaro", "address": "20 chemin de Garric", "city": "Toulouse",
                  "postal_code": "31200", "department": "31", "region": "76"},
        "categories": ["concert"],
        "languages": ["uk", "fr"],
    }
    body.update(overrides)
    return body


@pytest.fixture
def new_event(api: Api, new_association: Callable[..., Any]) -> Callable[..., tuple[dict[str, Any], Person]]:
    """Publish an event for a (new, verified) association and return it with the association's owner."""

    def make(association: dict[str, Any] | None = None, owner: Person | None = None, **overrides: Any):
        if association is None:
            association, owner = new_association(verified=True)
        created = api("POST", f"/associations/{association['id']}/events", owner, json=event_body(**overrides))
        assert created.status_code == 201, created.text
        return created.json(), owner

    return make

