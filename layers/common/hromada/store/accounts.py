"""The user pool: Cognito users are addressed by `sub` (ListUsers' filter), never by an e-mail a token claims."""

from __future__ import annotations

from typing import Any

from hromada import clients


class CognitoDirectory:
    """Reading the user pool by `sub` (ListUsers only: what a moderator's function may do)."""

    def __init__(self, pool_id: str, client: Any | None = None):
        self.pool_id = pool_id
        self._client = client

    @property
    def client(self) -> Any:
        if self._client is None:
            self._client = clients.client("cognito-idp")
        return self._client

    def username_of(self, user_id: str) -> str | None:
        """Cognito users are addressed by `sub`, never by an e-mail a token claims."""
        users = self._by_sub(user_id)
        return users[0]["Username"] if users else None

    def _by_sub(self, user_id: str) -> list[dict[str, Any]]:
        return self.client.list_users(UserPoolId=self.pool_id, Filter=f'sub = "{_quoted(user_id)}"',
                                      Limit=1)["Users"]

    def verified_email_of(self, user_id: str) -> str | None:
        """The account's address if Cognito verified it (a suspension names the person behind it)."""
        users = self._by_sub(user_id)
        if not users:
            return None
        attributes = {a["Name"]: a["Value"] for a in users[0].get("Attributes", [])}
        if attributes.get("email_verified") != "true":
            return None
        return attributes.get("email", "").lower() or None


def _quoted(value: str) -> str:
    return value.replace("\\", "").replace('"', "")
