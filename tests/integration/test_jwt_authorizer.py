"""The local gateway verifies Cognito JWTs the way API Gateway's JWT authorizer does."""

from __future__ import annotations

import time

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa


@pytest.fixture(scope="module")
def member(person):
    return person(label="member")


def test_id_token_is_accepted(api, member):
    assert api("GET", "/me", member).status_code == 200


def test_bearer_prefix_is_optional(api, member):
    assert api("GET", "/me", headers={"Authorization": member.token}).status_code == 200


def test_access_token_is_accepted_by_client_id(api, users, member):
    access = users.sign_in(member.email, "Test-password-2026")["AccessToken"]
    assert jwt.decode(access, options={"verify_signature": False})["client_id"] == users.client_id
    assert api("GET", "/me", headers={"Authorization": f"Bearer {access}"}).status_code == 200


@pytest.mark.parametrize("header", ["", "Bearer", "Bearer not.a.jwt", "Basic dXNlcjpwYXNz"])
def test_missing_or_malformed_tokens_are_401(api, header):
    response = api("GET", "/me", headers={"Authorization": header} if header else {})
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "unauthorized"
    assert response.headers["WWW-Authenticate"].startswith("Bearer")


def _forge(claims: dict, kid: str = "dummy") -> str:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return jwt.encode(claims, key, algorithm="RS256", headers={"kid": kid})


def test_token_signed_by_another_key_is_401(api, member):
    claims = jwt.decode(member.token, options={"verify_signature": False})
    assert api("GET", "/me", headers={"Authorization": f"Bearer {_forge(claims)}"}).status_code == 401


def test_tampered_payload_is_401(api, member):
    header, _, signature = member.token.split(".")
    claims = jwt.decode(member.token, options={"verify_signature": False})
    claims["cognito:groups"] = ["admins"]
    forged_payload = jwt.utils.base64url_encode(jwt.api_jws.json.dumps(claims).encode()).decode()
    tampered = f"{header}.{forged_payload}.{signature}"
    assert api("GET", "/moderation/associations", headers={"Authorization": f"Bearer {tampered}"}).status_code == 401


def test_alg_none_is_401(api, member):
    claims = jwt.decode(member.token, options={"verify_signature": False})
    unsigned = jwt.encode(claims, key=None, algorithm="none")
    assert api("GET", "/me", headers={"Authorization": f"Bearer {unsigned}"}).status_code == 401


def test_expired_token_is_401(stack, member):
    from infra.gateway import JwtVerifier

    verifier = next(iter(stack.gateway.verifiers.values()))
    assert verifier.claims(member.token)["sub"] == member.sub
    claims = jwt.decode(member.token, options={"verify_signature": False})
    assert claims["exp"] > time.time()
    # A verifier whose clock is past expiry refuses the same token.
    late = JwtVerifier(verifier.authorizer, verifier.jwks.uri)
    original = jwt.api_jwt.datetime

    class _Later(original):  # type: ignore[misc, valid-type]
        @classmethod
        def now(cls, tz=None):
            return original.fromtimestamp(claims["exp"] + 5, tz=tz)

    jwt.api_jwt.datetime = _Later
    try:
        assert late.claims(member.token) is None
    finally:
        jwt.api_jwt.datetime = original


def test_token_for_another_app_client_is_401(api, users, member):
    other = users.cognito.create_user_pool_client(UserPoolId=users.pool, ClientName="other",
                                                  ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH",
                                                                     "ALLOW_REFRESH_TOKEN_AUTH"])
    token = users.cognito.initiate_auth(
        ClientId=other["UserPoolClient"]["ClientId"], AuthFlow="USER_PASSWORD_AUTH",
        AuthParameters={"USERNAME": member.email, "PASSWORD": "Test-password-2026"})["AuthenticationResult"]["IdToken"]
    assert api("GET", "/me", headers={"Authorization": f"Bearer {token}"}).status_code == 401


def test_public_routes_ignore_tokens_entirely(api):
    assert api("GET", "/associations", headers={"Authorization": "Bearer garbage"}).status_code == 200


def test_cors_any_origin_without_credentials(api):
    # Any origin, never credentials (tests/integration/test_widget_cors.py says why that is safe).
    allowed = api("OPTIONS", "/associations", headers={"Origin": "http://localhost:3000",
                                                       "Access-Control-Request-Method": "POST"})
    assert allowed.status_code == 204
    assert allowed.headers["Access-Control-Allow-Origin"] == "*"
    assert "POST" in allowed.headers["Access-Control-Allow-Methods"]
    elsewhere = api("GET", "/associations", headers={"Origin": "https://evil.example"})
    assert elsewhere.headers["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in elsewhere.headers
