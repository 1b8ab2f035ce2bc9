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


TEST_PARAMETERS = {"WritesPerMinutePerIp": "100000", "WritesPerMinutePerUser": "100000"}


@pytest.fixture(scope="session")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    from infra.stack import LocalStack

    state = tmp_path_factory.mktemp("stack")
    # Every test talks from 127.0.0.1: the per-address write quota is lifted here and tested on its own.
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
    """A new Cognito user, signed in for real (InitiateAuth), with an ID token."""

    def make(*groups: str, verified: bool = True, label: str = "user") -> Person:
        email = f"{label}-{uuid.uuid4().hex[:10]}@example.org"
        users.ensure(Account(email, "Test-password-2026", label.title(), tuple(groups)), email_verified=verified)
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
