"""Cognito users on the local stack: create them (admin API) and sign in (InitiateAuth)."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from typing import Any

import boto3


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

    def ensure(self, account: Account, email_verified: bool = True) -> None:
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

    def sign_in(self, email: str, password: str) -> dict[str, Any]:
        result = self.cognito.initiate_auth(ClientId=self.client_id, AuthFlow="USER_PASSWORD_AUTH",
                                            AuthParameters={"USERNAME": email, "PASSWORD": password})
        return result["AuthenticationResult"]

    def id_token(self, email: str, password: str) -> str:
        return self.sign_in(email, password)["IdToken"]
