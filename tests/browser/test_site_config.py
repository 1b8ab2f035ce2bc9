"""What the local stack gives the web client besides the API: /config.json and a same-origin Cognito that
forwards only the operations a browser may call."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
import requests

if TYPE_CHECKING:
    from tests.browser.conftest import Site

pytestmark = pytest.mark.browser
TARGET = "AWSCognitoIdentityProviderService."


def cognito(site: Site, operation: str, body: dict) -> requests.Response:
    return requests.post(f"{site.url}/cognito/", json=body, timeout=30,
                         headers={"X-Amz-Target": TARGET + operation, "Content-Type": "application/x-amz-json-1.1"})


def test_config_names_the_api_and_the_user_pool_client(site: Site) -> None:
    config = requests.get(f"{site.url}/config.json", timeout=30).json()
    assert config == {"api_url": "", "region": site.info["region"],
                      "user_pool_client_id": site.info["user_pool_client_id"], "cognito_endpoint": "/cognito/",
                      "map_tiles_url": "", "map_tiles_attribution": ""}


def test_the_cognito_proxy_signs_in_and_refuses_administration(site: Site) -> None:
    client = site.info["user_pool_client_id"]
    signed = cognito(site, "InitiateAuth", {"ClientId": client, "AuthFlow": "USER_PASSWORD_AUTH",
                                            "AuthParameters": {"USERNAME": "member@hromada.test",
                                                               "PASSWORD": "Member-demo-2026"}})
    assert signed.status_code == 200
    assert signed.json()["AuthenticationResult"]["IdToken"].count(".") == 2

    wrong = cognito(site, "InitiateAuth", {"ClientId": client, "AuthFlow": "USER_PASSWORD_AUTH",
                                           "AuthParameters": {"USERNAME": "member@hromada.test", "PASSWORD": "nope"}})
    assert wrong.status_code == 400
    assert wrong.json()["__type"].endswith("NotAuthorizedException")

    for operation in ("AdminCreateUser", "AdminAddUserToGroup", "ListUsers", "AdminSetUserPassword"):
        refused = cognito(site, operation, {"UserPoolId": site.info["user_pool_id"], "Username": "x@example.org"})
        assert refused.status_code == 400, operation
        assert refused.json()["__type"] == "InvalidAction"
    other = requests.post(f"{site.url}/cognito/", json={}, timeout=30,
                          headers={"X-Amz-Target": "DynamoDB_20120810.ListTables"})
    assert other.status_code == 400
    assert requests.get(f"{site.url}/cognito/", timeout=30).status_code == 404
