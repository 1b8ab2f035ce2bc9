"""Deciding on accounts (erasure, handing an association over): the calls only the person's own function makes.

Kept apart from `accounts` so that a function that only reads the pool is not granted AdminDeleteUser.
"""

from __future__ import annotations

from hromada.auth import Principal
from hromada.store.accounts import CognitoDirectory


class CognitoAccounts(CognitoDirectory):
    """The user pool side of erasure: who an e-mail belongs to, and deleting the account."""

    def user_id_of(self, email: str) -> str | None:
        """The account whose verified address this is (an unverified claim to it makes nobody its owner)."""
        try:
            user = self.client.admin_get_user(UserPoolId=self.pool_id, Username=email)
        except self.client.exceptions.UserNotFoundException:
            return None
        attributes = {a["Name"]: a["Value"] for a in user.get("UserAttributes", [])}
        if attributes.get("email", "").lower() != email.lower() or attributes.get("email_verified") != "true":
            return None
        return attributes.get("sub")

    def delete(self, principal: Principal) -> None:
        username = self.username_of(principal.user_id)
        if username is None:
            return  # already gone: erasure is idempotent
        try:
            self.client.admin_delete_user(UserPoolId=self.pool_id, Username=username)
        except self.client.exceptions.UserNotFoundException:
            return
