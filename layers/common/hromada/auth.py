"""The caller's identity, as API Gateway's JWT authorizer hands it over (claims already verified).

Only what Cognito verified counts: a person can set their own `email` attribute with their access token, and
the next ID token carries that address with `email_verified: false`. So the address is read here, once, and
kept only when verified; everything else in the code sees `Principal.email == ""` for an unverified claim and
uses `verified_email` where an address is needed (403 `email_not_verified` otherwise)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from hromada.errors import Forbidden, Unauthorized

ADMINS = "admins"
MODERATORS = "moderators"


@dataclass(frozen=True)
class Principal:
    user_id: str
    email: str  # the verified address, lower case; "" when the token's address is not verified (or absent)
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

    def __post_init__(self) -> None:
        if not self.email_verified and self.email:
            object.__setattr__(self, "email", "")  # an unverified claim is never anyone's address

    @property
    def verified_email(self) -> str:
        """The caller's address, for anything that reads or changes what is held under it."""
        if not self.email_verified or not self.email:
            raise Forbidden("email_not_verified")
        return self.email

    def require_verified_email(self) -> None:
        _ = self.verified_email


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
    verified = str(claims.get("email_verified", "false")).lower() == "true"
    return Principal(
        user_id=str(claims["sub"]),
        email=str(claims.get("email") or "").strip().lower() if verified else "",
        email_verified=verified,
        groups=parse_groups(claims.get("cognito:groups")),
        name=claims.get("name"),
    )


def require_principal(event: dict[str, Any]) -> Principal:
    principal = principal_from_event(event)
    if principal is None:
        raise Unauthorized()
    return principal
