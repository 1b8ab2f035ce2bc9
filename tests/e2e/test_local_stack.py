"""A newcomer's first minutes: `make run`, the demo data, signing in, the docs, one journey."""

from __future__ import annotations

import pytest

from tests.conftest import association_body
from tests.e2e.conftest import call

pytestmark = pytest.mark.e2e


def test_local_json_describes_the_stack(running):
    assert set(running) >= {"api_url", "cognito_endpoint", "region", "user_pool_id", "user_pool_client_id"}
    assert running["region"] == "eu-west-3"


def test_demo_data_is_there(running):
    from infra.demo import ASSOCIATIONS

    listed = {a["name"]: a for a in call(running, "GET", "/associations", params={"limit": 100}).json()["items"]}
    verified = {row[0] for row in ASSOCIATIONS if row[-1] == "verified"}
    pending = {row[0] for row in ASSOCIATIONS if row[-1] == "pending"}
    assert len(verified) == 10 and len(pending) == 2
    assert verified <= set(listed) and not pending & set(listed)
    assert len({listed[name]["region"] for name in verified}) >= 6
    assert call(running, "GET", "/associations/maison-ukrainienne-de-toulouse").status_code == 200


def test_demo_accounts_sign_in_with_their_roles(running, tokens):
    roles = {role: call(running, "GET", "/me", token).json()["roles"] for role, token in tokens.items()}
    assert roles == {"admin": ["member", "moderator", "admin"], "moderator": ["member", "moderator"],
                     "owner": ["member"], "member": ["member"]}
    from infra.demo import ASSOCIATIONS

    owned = {m["association"]["name"]: m["role"] for m in call(running, "GET", "/me", tokens["owner"]).json()[
        "memberships"]}
    assert {row[0]: "owner" for row in ASSOCIATIONS}.items() <= owned.items()


def test_docs_and_openapi(running):
    doc = call(running, "GET", "/openapi.json").json()
    assert doc["info"]["title"] == "Hromada API"
    assert "/associations/{id}" in doc["paths"] and "/me" in doc["paths"]
    assert doc["components"]["securitySchemes"]["cognito"]["scheme"] == "bearer"
    page = call(running, "GET", "/docs")
    assert page.status_code == 200 and "swagger-ui" in page.text
    assert call(running, "GET", "/docs/swagger-ui-bundle.js").status_code == 200
    assert call(running, "GET", "/docs/../../pyproject.toml").status_code == 404


def test_web_client_is_served(running):
    page = call(running, "GET", "/")
    assert page.status_code == 200 and page.headers["Content-Type"].startswith("text/html")


def test_register_verify_and_find_journey(running, tokens):
    created = call(running, "POST", "/associations", tokens["member"],
                   json=association_body(name="Громада Тулузи", region="76", department="31"))
    assert created.status_code == 201
    association = created.json()
    queue = call(running, "GET", "/moderation/associations", tokens["moderator"], params={"limit": 100}).json()
    assert association["id"] in {a["id"] for a in queue["items"]}
    assert call(running, "POST", f"/associations/{association['id']}/verify", tokens["moderator"],
                json={"note": "RNA vérifié"}).status_code == 200
    found = call(running, "GET", "/associations", params={"q": "громада тулузи"}).json()["items"]
    assert [a["id"] for a in found] == [association["id"]]
