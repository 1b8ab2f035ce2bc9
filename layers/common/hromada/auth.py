"""The caller's identity, as API Gateway's JWT authorizer hands it over (claims already verified).

Only what Cognito verified counts: a person can set their own `email` attribute with their access token, and
the next ID token carries that address with `email_verified: false`. So the address is read here, once, and
kept only when verified; everything else in the code sees `Principal.email == ""` for an unverified claim and
uses `verified_email` where an address is needed (403 `email_not_verified` otherwise)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
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
    # Staff powers need a TOTP second factor: a bool, or how to find out (asked only of staff, once).
    # Unset means none: a principal built without knowing is never staff.
    second_factor: bool | Callable[[], bool] = field(default=False, compare=False, repr=False)

    @cached_property
    def has_mfa(self) -> bool:
        return bool(self.second_factor() if callable(self.second_factor) else self.second_factor)

    @property
    def claims_staff(self) -> bool:
        """In a staff group, whether or not the second factor is there."""
        return ADMINS in self.groups or MODERATORS in self.groups

    @property
    def is_admin(self) -> bool:
        return ADMINS in self.groups and self.has_mfa

    @property
    def is_moderator(self) -> bool:
        return self.claims_staff and self.has_mfa

    @property
    def roles(self) -> list[str]:
        roles = ["member"]
        if self.is_moderator:
            roles.append("moderator")
        if self.is_admin:
            roles.append("admin")
        return roles

    @property
    def lacks_mfa(self) -> bool:
        """Staff by group whose powers are withheld for want of a second factor."""
        return self.claims_staff and not self.has_mfa

    def require_moderator(self) -> None:
        if not self.is_moderator:
            raise Forbidden("mfa_required" if self.claims_staff else None)

    def require_admin(self) -> None:
        if not self.is_admin:
            raise Forbidden("mfa_required" if ADMINS in self.groups else None)

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


def principal_from_event(event: dict[str, Any],
                         second_factor: Callable[[str], bool] | None = None) -> Principal | None:
    """The caller; `second_factor(sub)` says whether staff have TOTP (hromada.api wires Cognito in).
    Without it the caller is never staff."""
    claims = (((event.get("requestContext") or {}).get("authorizer") or {}).get("jwt") or {}).get("claims")
    if not claims or not claims.get("sub"):
        return None
    sub = str(claims["sub"])
    verified = str(claims.get("email_verified", "false")).lower() == "true"
    return Principal(
        user_id=sub,
        email=str(claims.get("email") or "").strip().lower() if verified else "",
        email_verified=verified,
        groups=parse_groups(claims.get("cognito:groups")),
        name=claims.get("name"),
        second_factor=(lambda: second_factor(sub)) if second_factor else False,
    )


def require_principal(event: dict[str, Any], second_factor: Callable[[str], bool] | None = None) -> Principal:
    principal = principal_from_event(event, second_factor)
    if principal is None:
        raise Unauthorized()
    return principal
