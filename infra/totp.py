"""TOTP codes (RFC 6238: HMAC-SHA1, 30-second steps, 6 digits), as an authenticator app computes them.

    .venv/bin/python -m infra.totp ASDFASDFASDF      # the current code for a base32 secret
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import struct
import sys
import time

STEP = 30
DIGITS = 6


def code(secret: str, at: float | None = None) -> str:
    """The code of `secret` (base32, as Cognito's AssociateSoftwareToken gives it) at time `at`."""
    clean = secret.strip().replace(" ", "").upper()
    key = base64.b32decode(clean + "=" * (-len(clean) % 8))
    counter = int((time.time() if at is None else at) // STEP)
    digest = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset:offset + 4])[0] & 0x7FFFFFFF
    return str(value % 10**DIGITS).zfill(DIGITS)


def otpauth_uri(secret: str, account: str, issuer: str = "Hromada") -> str:
    from urllib.parse import quote

    return f"otpauth://totp/{quote(issuer)}:{quote(account)}?secret={secret}&issuer={quote(issuer)}"


if __name__ == "__main__":
    print(code(sys.argv[1]))
