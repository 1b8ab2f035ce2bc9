"""Signed, expiring tokens for the links in e-mails (confirm, manage, unsubscribe): HS256 JWTs.

The key comes from Secrets Manager (MAIL_SIGNING_KEY_ARN) and is read once per cold start. A token names
one subscription and one purpose; a token for one purpose is refused for another. It is also bound to the
subscription's generation (its creation time, claim `gen`): after an unsubscribe and a new subscription of
the same mailbox (the same id), a link from an older mail no longer works.
"""

from __future__ import annotations

import time
from functools import cache

from hromada import clients
from hromada.errors import BadRequest
from hromada.mail.claims import CONFIRM, LIFETIMES, MANAGE, TokenClaims
from hromada.settings import get_settings

__all__ = ["CONFIRM", "LIFETIMES", "MANAGE", "TokenClaims", "issue", "signing_key", "verify"]

_ALGORITHM = "HS256"
_ISSUER = "hromada-mail"


def signing_key() -> bytes:
    return _secret(get_settings().mail_signing_key_arn)


@cache
def _secret(arn: str) -> bytes:
    return clients.client("secretsmanager").get_secret_value(SecretId=arn)["SecretString"].encode()


def issue(subscription_id: str, purpose: str, now: float | None = None, key: bytes | None = None,
          generation: str | None = None) -> str:
    issued = int(now if now is not None else time.time())
    claims = {"sub": subscription_id, "pur": purpose, "iat": issued, "exp": issued + LIFETIMES[purpose],
              "iss": _ISSUER}
    if generation is not None:
        claims["gen"] = generation
    import jwt  # here, not at import: PyJWT loads cryptography (~40 ms), and most requests sign nothing

    return jwt.encode(claims, key or signing_key(), algorithm=_ALGORITHM)


def verify(token: str, purpose: str, now: float | None = None, key: bytes | None = None) -> TokenClaims:
    """The claims of a genuine, unexpired token for this purpose; 400 otherwise (tampered, expired, other use)."""
    import jwt

    try:
        claims = jwt.decode(token, key or signing_key(), algorithms=[_ALGORITHM], issuer=_ISSUER,
                            options={"require": ["sub", "pur", "exp", "iat"], "verify_exp": now is None,
                                     "verify_iat": now is None})
    except jwt.ExpiredSignatureError as error:
        raise BadRequest("token_expired") from error
    except jwt.PyJWTError as error:
        raise BadRequest("invalid_token") from error
    if now is not None and claims["exp"] <= now:
        raise BadRequest("token_expired")
    if claims["pur"] != purpose:
        raise BadRequest("invalid_token")
    generation = claims.get("gen")
    return TokenClaims(subscription_id=str(claims["sub"]), purpose=purpose, expires_at=int(claims["exp"]),
                       issued_at=int(claims["iat"]), generation=str(generation) if generation is not None else None)
