"""The caller's identity, as API Gateway's JWT authorizer hands it over (claims already verified)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from hromada.errors import Forbidden, Unauthorized

ADMINS = "admins"
MODERATORS = "moderators"


@dataclass(frozen=True)
class Principal:
    user_id: str
    email: str
    email_verified: bool
    groups: frozenset[str]
    name: str | None = None

    @property
    def is_admin(self) -> bool:
        return ADMINS in self.groups

    @property
    def is_moderator(self) -> bool:
        return MODERATORS in self.groups or self.is_admin

    @property
    def roles(self) -> list[str]:
        roles = ["member"]
        if self.is_moderator:
            roles.append("moderator")
        if self.is_admin:
            roles.append("admin")
        return roles

    def require_moderator(self) -> None:
        if not self.is_moderator:
            raise Forbidden()

    def require_verified_email(self) -> None:
        if not self.email_verified:
            raise Forbidden("email_not_verified")


def parse_groups(value: Any) -> frozenset[str]:
    """HTTP API flattens array claims to a string such as "[admins moderators]"."""
    if value is None:
        return frozenset()
    if isinstance(value, list):
        return frozenset(str(v) for v in value)
    text = str(value).strip()
    if text.startswith("[") and text.endswith("]"):
        text = text[1:-1]
    return frozenset(part for part in text.replace(",", " ").split() if part)


def principal_from_event(event: dict[str, Any]) -> Principal | None:
    claims = (((event.get("requestContext") or {}).get("authorizer") or {}).get("jwt") or {}).get("claims")
    if not claims or not claims.get("sub"):
        return None
    return Principal(
        user_id=str(claims["sub"]),
        email=str(claims.get("email") or "").strip().lower(),
        email_verified=str(claims.get("email_verified", "false")).lower() == "true",
        groups=parse_groups(claims.get("cognito:groups")),
        name=claims.get("name"),
    )


def require_principal(event: dict[str, Any]) -> Principal:
    principal = principal_from_event(event)
    if principal is None:
        raise Unauthorized()
    return principal
