"""What the web client needs from the local stack besides the API: its /config.json, and Cognito.

In AWS the page reads a config.json deployed next to it (the API's URL, the region, the user pool client,
`https://cognito-idp.<region>.amazonaws.com/`) and calls Cognito's public JSON API directly
(`X-Amz-Target: AWSCognitoIdentityProviderService.InitiateAuth`, `SignUp`, `ConfirmSignUp`...).
Locally the page cannot call moto across origins, so the gateway forwards the same requests from the
same origin (`/cognito/`) to moto's endpoint: only the operations a browser may call without AWS
credentials, never the administrative ones.

One difference is bridged here: confirming a sign-up with the code Cognito e-mailed verifies the e-mail
address (`email_verified`), which moto does not do; the proxy marks it after a successful ConfirmSignUp.
moto accepts any confirmation code (it sends no e-mail).
"""

from __future__ import annotations

import json
import os
import urllib.error
import urllib.request
from typing import Any

from werkzeug.wrappers import Request, Response

SERVICE = "AWSCognitoIdentityProviderService"
# The unauthenticated (or token-authenticated) operations of the Cognito user pools API.
PUBLIC_OPERATIONS = frozenset({
    "InitiateAuth", "SignUp", "ConfirmSignUp", "ResendConfirmationCode", "ForgotPassword",
    "ConfirmForgotPassword", "GetUser", "RevokeToken", "GlobalSignOut", "ChangePassword",
    # the TOTP second factor: answering its sign-in challenge, adding an authenticator app
    "RespondToAuthChallenge", "AssociateSoftwareToken", "VerifySoftwareToken", "SetUserMFAPreference",
})
MAX_BODY = 16 * 1024


def config(info: dict[str, str]) -> dict[str, Any]:
    """The client's settings: same-origin API and Cognito proxy locally. No map tiles unless
    HROMADA_MAP_TILES_URL names a tile server (`https://tile.example.org/{z}/{x}/{y}.png`): offline by default, the
    event page then shows the venue's address and a link to OpenStreetMap instead of a map."""
    return {"api_url": "", "region": info["region"], "user_pool_client_id": info["user_pool_client_id"],
            "cognito_endpoint": "/cognito/", "map_tiles_url": os.environ.get("HROMADA_MAP_TILES_URL", ""),
            "map_tiles_attribution": os.environ.get("HROMADA_MAP_TILES_ATTRIBUTION", "")}


def config_response(info: dict[str, str]) -> Response:
    return Response(json.dumps(config(info)), content_type="application/json",
                    headers={"Cache-Control": "no-cache"})


def _refusal(kind: str, message: str, status: int = 400) -> Response:
    return Response(json.dumps({"__type": kind, "message": message}), status=status,
                    content_type="application/x-amz-json-1.1")


class CognitoProxy:
    def __init__(self, endpoint: str, region: str, user_pool_id: str):
        self.endpoint = endpoint.rstrip("/") + "/"
        self.region = region
        self.user_pool_id = user_pool_id

    def __call__(self, request: Request) -> Response:
        if request.method != "POST":
            return _refusal("InvalidRequest", "POST only", 405)
        target = request.headers.get("X-Amz-Target", "")
        service, _, operation = target.partition(".")
        if service != SERVICE or operation not in PUBLIC_OPERATIONS:
            return _refusal("InvalidAction", "Operation not available to the web client")
        body = request.get_data(cache=False)
        if len(body) > MAX_BODY:
            return _refusal("InvalidParameterException", "Request too large", 413)
        forwarded = urllib.request.Request(  # noqa: S310 - the local moto endpoint, never a user URL
            self.endpoint, data=body, method="POST",
            headers={"Content-Type": "application/x-amz-json-1.1", "X-Amz-Target": target,
                     # Unsigned, as from a browser; moto reads the region from a credential scope only, and
                     # some operations (GlobalSignOut) look in that region's pool alone.
                     "Authorization": f"AWS4-HMAC-SHA256 Credential=browser/20260101/{self.region}/cognito-idp/"
                                      "aws4_request, SignedHeaders=host, Signature=unsigned"})
        try:
            with urllib.request.urlopen(forwarded, timeout=30) as answer:  # noqa: S310
                status, payload = answer.status, answer.read()
        except urllib.error.HTTPError as error:
            status, payload = error.code, error.read()
        except OSError:
            return _refusal("ServiceUnavailable", "Cognito is not reachable", 503)
        if operation == "ConfirmSignUp" and status == 200:
            self._mark_email_verified(body)
        return Response(payload, status=status, content_type="application/x-amz-json-1.1")

    def _mark_email_verified(self, body: bytes) -> None:
        import boto3

        try:
            username = json.loads(body)["Username"]
        except (ValueError, KeyError, TypeError):
            return
        client = boto3.client("cognito-idp", endpoint_url=self.endpoint, region_name=self.region,
                              aws_access_key_id="local", aws_secret_access_key="local")
        client.admin_update_user_attributes(UserPoolId=self.user_pool_id, Username=username,
                                            UserAttributes=[{"Name": "email_verified", "Value": "true"}])
