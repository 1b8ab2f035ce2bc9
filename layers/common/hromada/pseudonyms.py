"""One person, one pseudonym: a keyed HMAC of their normalised, verified e-mail address.

Markers that must outlive an account (voted, suspended) and traces kept after erasure (delivery records,
follower lists, mail throttles) name a person only by this pseudonym. It is keyed (PSEUDONYM_KEY_ARN, a
secret read once per cold start), so nobody holding the table can re-identify it by hashing candidate
addresses, and it is the same for every account that person ever opens with that address.

Normalisation (the same mailbox is the same person): lower case, surrounding space removed, a `+tag`
removed from the local part on every domain (sub-addressing is how one mailbox poses as many), and for
Gmail the dots of the local part and the googlemail.com alias. Other providers' aliases are not guessed.
"""

from __future__ import annotations

import hashlib
import hmac
from functools import cache

from hromada import clients
from hromada.settings import get_settings

_GMAIL = {"gmail.com", "googlemail.com"}


def normalise_address(email: str) -> str:
    """The mailbox an address delivers to, as far as we can tell without asking the provider."""
    address = (email or "").strip().lower()
    local, at, domain = address.rpartition("@")
    if not at or not local:
        return address
    local = local.split("+", 1)[0] or local
    if domain in _GMAIL:
        local, domain = local.replace(".", ""), "gmail.com"
    return f"{local}@{domain}"


def mailbox_domain(email: str) -> str:
    return normalise_address(email).rpartition("@")[2]


def pseudonym_key() -> bytes:
    return _secret(get_settings().pseudonym_key_arn)


@cache
def _secret(arn: str) -> bytes:
    return clients.client("secretsmanager").get_secret_value(SecretId=arn)["SecretString"].encode()


def pseudonym(email: str, purpose: str = "person", key: bytes | None = None) -> str:
    """32 hex characters naming the mailbox of `email` for one purpose (purposes do not link to each other)."""
    message = f"{purpose}\x00{normalise_address(email)}".encode()
    return hmac.new(key or pseudonym_key(), message, hashlib.sha256).hexdigest()[:32]
