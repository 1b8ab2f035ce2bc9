"""Cognito users on the local stack: create them (admin API) and sign in (InitiateAuth).

Moderators and admins act only with a TOTP second factor, so staff accounts are enrolled when created
(AssociateSoftwareToken, VerifySoftwareToken, SetUserMFAPreference, as the web client does) and sign in
by answering the SOFTWARE_TOKEN_MFA challenge with a code computed by infra.totp.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from typing import Any

import boto3

from infra import totp

# moto answers every AssociateSoftwareToken with this one secret (in AWS each enrolment gets its own).
LOCAL_TOTP_SECRET = "ASDFASDFASDF"
STAFF_GROUPS = frozenset({"admins", "moderators"})


@dataclass(frozen=True)
class Account:
    email: str
    password: str
    name: str
    groups: tuple[str, ...] = ()


class Users:
    def __init__(self, endpoint: str, region: str, user_pool_id: str, client_id: str):
        self.pool = user_pool_id
        self.client_id = client_id
        self.cognito = boto3.client("cognito-idp", endpoint_url=endpoint, region_name=region,
                                    aws_access_key_id="local", aws_secret_access_key="local")

    @classmethod
    def from_info(cls, info: dict[str, str]) -> Users:
        return cls(info["cognito_endpoint"], info["region"], info["user_pool_id"], info["user_pool_client_id"])

    def ensure(self, account: Account, email_verified: bool = True, mfa: bool | None = None) -> None:
        """Create (or update) the account; staff are enrolled in TOTP unless `mfa=False`."""
        with contextlib.suppress(self.cognito.exceptions.UsernameExistsException):
            self.cognito.admin_create_user(
                UserPoolId=self.pool, Username=account.email, MessageAction="SUPPRESS",
                UserAttributes=[{"Name": "email", "Value": account.email},
                                {"Name": "email_verified", "Value": str(email_verified).lower()},
                                {"Name": "name", "Value": account.name}])
        self.cognito.admin_set_user_password(UserPoolId=self.pool, Username=account.email,
                                             Password=account.password, Permanent=True)
        for group in account.groups:
            self.cognito.admin_add_user_to_group(UserPoolId=self.pool, Username=account.email, GroupName=group)
        if mfa if mfa is not None else bool(STAFF_GROUPS & set(account.groups)):
            self.enrol_totp(account.email, account.password)

    def has_totp(self, email: str) -> bool:
        user = self.cognito.admin_get_user(UserPoolId=self.pool, Username=email)
        return "SOFTWARE_TOKEN_MFA" in (user.get("UserMFASettingList") or [])

    def enrol_totp(self, email: str, password: str) -> str:
        """Add an authenticator (idempotent); returns its base32 secret."""
        if self.has_totp(email):
            return LOCAL_TOTP_SECRET
        access = self.sign_in(email, password)["AccessToken"]
        secret = self.cognito.associate_software_token(AccessToken=access)["SecretCode"]
        self._with_code(secret, lambda code: self.cognito.verify_software_token(
            AccessToken=access, UserCode=code, FriendlyDeviceName="authenticator"))
        self.cognito.set_user_mfa_preference(AccessToken=access, SoftwareTokenMfaSettings={
            "Enabled": True, "PreferredMfa": True})
        return secret

    def sign_in(self, email: str, password: str, totp_secret: str = LOCAL_TOTP_SECRET) -> dict[str, Any]:
        """Tokens for the account, answering the TOTP challenge when it has a second factor."""
        result = self.cognito.initiate_auth(ClientId=self.client_id, AuthFlow="USER_PASSWORD_AUTH",
                                            AuthParameters={"USERNAME": email, "PASSWORD": password})
        if result.get("ChallengeName") == "SOFTWARE_TOKEN_MFA":
            session = result["Session"]
            result = self._with_code(totp_secret, lambda code: self.cognito.respond_to_auth_challenge(
                ClientId=self.client_id, ChallengeName="SOFTWARE_TOKEN_MFA", Session=session,
                ChallengeResponses={"USERNAME": email, "SOFTWARE_TOKEN_MFA_CODE": code}))
        return result["AuthenticationResult"]

    def _with_code(self, secret: str, call: Any) -> Any:
        # A code computed at the very end of its 30-second step may reach Cognito in the next: retry once.
        try:
            return call(totp.code(secret))
        except self.cognito.exceptions.CodeMismatchException:
            return call(totp.code(secret))

    def id_token(self, email: str, password: str) -> str:
        return self.sign_in(email, password)["IdToken"]
