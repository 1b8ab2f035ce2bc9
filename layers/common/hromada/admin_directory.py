"""The admins, as Cognito knows them (the `admins` group): their verified address and language (`locale`)."""

from __future__ import annotations

from typing import Any

from hromada import clients
from hromada.auth import ADMINS
from hromada.mail.twinning_weekly import Admin
from hromada.settings import get_settings


class CognitoAdminDirectory:
    def __init__(self, client: Any | None = None):
        self._client = client

    def admins(self) -> list[Admin]:
        client = self._client or clients.client("cognito-idp")
        found: list[Admin] = []
        token = None
        while True:
            page = client.list_users_in_group(UserPoolId=get_settings().user_pool_id, GroupName=ADMINS,
                                              **({"NextToken": token} if token else {}))
            for user in page.get("Users", []):
                attributes = {a["Name"]: a["Value"] for a in user.get("Attributes", [])}
                if user.get("Enabled", True) and attributes.get("email_verified") == "true" and "email" in attributes:
                    found.append(Admin(attributes["email"].lower(), (attributes.get("locale") or "fr")[:2]))
            token = page.get("NextToken")
            if not token:
                return found
