"""What the web client needs from the local stack besides the API: its /config.json, and Cognito.

In AWS the page reads a config.json deployed next to it (the API's URL, the region, the user pool client,
`https://cognito-idp.<region>.amazonaws.com/`) and calls Cognito's public JSON API directly
(`X-Amz-Target: AWSCognitoIdentityProviderService.InitiateAuth`, `SignUp`, `ConfirmSignUp`...).
Locally the page cannot call moto across origins, so the gateway forwards the same requests from the
same origin (`/cognito/`) to moto's endpoint: only the operations a browser may call without AWS
credentials, never the administrative ones.

Differences bridged here:
- confirming a sign-up with the code Cognito e-mailed verifies the e-mail address (`email_verified`), which moto
  does not do; the proxy marks it after a successful ConfirmSignUp. moto accepts any sign-up code (it sends no
  e-mail).
- "forgot password": Cognito e-mails a code (through SES, from MailFrom); moto only returns it in a header of
  its own. The proxy mails it through the local SES, so it arrives in the dev mailbox, and has moto check the
  code typed back (moto checks only codes carrying its prefix; a wrong one is AWS's CodeMismatchException) and
  the new password against the pool's policy, as Cognito does.
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


MOTO_CODE_PREFIX = "moto-confirmation-code:"
MOTO_CODE_HEADER = "x-moto-forgot-password-confirmation-code"
RESET_SUBJECT = {"fr": "Votre code pour changer de mot de passe", "uk": "Ваш код для зміни пароля",
                 "en": "Your code to change your password"}
RESET_TEXT = {"fr": "Votre code de vérification est {code}. Saisissez-le sur Hromada pour choisir un nouveau mot de "
                    "passe. Si vous n’avez rien demandé, ignorez ce message.",
              "uk": "Ваш код підтвердження: {code}. Введіть його на Hromada, щоб вибрати новий пароль. Якщо ви нічого "
                    "не запитували, просто проігноруйте цей лист.",
              "en": "Your verification code is {code}. Enter it on Hromada to choose a new password. If you did not "
                    "ask for it, ignore this message."}


class CognitoProxy:
    def __init__(self, endpoint: str, region: str, user_pool_id: str,
                 mail_from: str = "Hromada <nouvelles@hromada.example>"):
        self.endpoint = endpoint.rstrip("/") + "/"
        self.region = region
        self.user_pool_id = user_pool_id
        self.mail_from = mail_from

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
        if operation == "ConfirmForgotPassword":
            body, refusal = self._strict_reset(body)
            if refusal is not None:
                return refusal
        forwarded = urllib.request.Request(  # noqa: S310 - the local moto endpoint, never a user URL
            self.endpoint, data=body, method="POST",
            headers={"Content-Type": "application/x-amz-json-1.1", "X-Amz-Target": target,
                     # Unsigned, as from a browser; moto reads the region from a credential scope only, and
                     # some operations (GlobalSignOut) look in that region's pool alone.
                     "Authorization": f"AWS4-HMAC-SHA256 Credential=browser/20260101/{self.region}/cognito-idp/"
                                      "aws4_request, SignedHeaders=host, Signature=unsigned"})
        headers: Any = {}
        try:
            with urllib.request.urlopen(forwarded, timeout=30) as answer:  # noqa: S310
                status, payload, headers = answer.status, answer.read(), answer.headers
        except urllib.error.HTTPError as error:
            status, payload = error.code, error.read()
        except OSError:
            return _refusal("ServiceUnavailable", "Cognito is not reachable", 503)
        if operation == "ConfirmSignUp" and status == 200:
            self._mark_email_verified(body)
        if operation == "ForgotPassword" and status == 200:
            self._mail_reset_code(body, headers.get(MOTO_CODE_HEADER) or "",
                                  request.headers.get("Accept-Language", ""))
        if operation == "ConfirmForgotPassword" and status == 400 and b"ExpiredCodeException" in payload:
            return _refusal("CodeMismatchException", "Invalid verification code provided, please try again.")
        return Response(payload, status=status, content_type="application/x-amz-json-1.1")

    def _client(self, service: str) -> Any:
        import boto3

        return boto3.client(service, endpoint_url=self.endpoint, region_name=self.region,
                            aws_access_key_id="local", aws_secret_access_key="local")

    def _mail_reset_code(self, body: bytes, moto_code: str, accept_language: str) -> None:
        """The code Cognito would e-mail, sent through the local SES (so the dev mailbox shows it)."""
        from email.message import EmailMessage

        from hromada.i18n import negotiate

        if not moto_code.startswith(MOTO_CODE_PREFIX):
            return  # no such user: Cognito sends nothing (and says nothing, PreventUserExistenceErrors)
        try:
            username = json.loads(body)["Username"]
            attributes = self._client("cognito-idp").admin_get_user(
                UserPoolId=self.user_pool_id, Username=username)["UserAttributes"]
        except Exception:  # no mail, as Cognito for an address it cannot reach
            return
        address = next((a["Value"] for a in attributes if a["Name"] == "email"), None)
        if not address:
            return
        lang = next((a["Value"][:2] for a in attributes if a["Name"] == "locale"), None) or negotiate(accept_language)
        lang = lang if lang in RESET_TEXT else "fr"
        message = EmailMessage()
        message["From"], message["To"], message["Subject"] = self.mail_from, address, RESET_SUBJECT[lang]
        message.set_content(RESET_TEXT[lang].format(code=moto_code.removeprefix(MOTO_CODE_PREFIX)))
        self._client("sesv2").send_email(
            FromEmailAddress=self.mail_from, Destination={"ToAddresses": [address]},
            Content={"Raw": {"Data": message.as_bytes()}})

    def _strict_reset(self, body: bytes) -> tuple[bytes, Response | None]:
        """The code checked by moto (its prefix added) and the new password checked against the pool's policy."""
        try:
            request = json.loads(body)
            code, password = str(request["ConfirmationCode"]), str(request["Password"])
        except (ValueError, KeyError, TypeError):
            return body, None
        try:
            from moto.cognitoidp.exceptions import InvalidPasswordException
            from moto.cognitoidp.models import cognitoidp_backends

            for account in list(cognitoidp_backends.keys()):
                backend = cognitoidp_backends[account][self.region]
                if self.user_pool_id in backend.user_pools:
                    backend._validate_password(self.user_pool_id, password)
        except InvalidPasswordException as error:
            return body, _refusal("InvalidPasswordException", error.message or "Password does not conform to policy")
        except Exception:  # noqa: S110 - moto elsewhere: its own (lax) check only
            pass
        if not code.startswith(MOTO_CODE_PREFIX):
            request["ConfirmationCode"] = MOTO_CODE_PREFIX + code.strip()
        return json.dumps(request).encode(), None

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
