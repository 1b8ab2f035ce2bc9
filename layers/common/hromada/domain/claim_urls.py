"""The one spelling of a URL that spreads a claim, so that the same page is recognised however it is linked.

Lower-case scheme and host, the host in IDNA (ASCII) form, no default port, no fragment, no tracking
parameters (utm_*, fbclid, gclid), no trailing slash except the root path. Pure: urllib and the stdlib's
IDNA codec; nothing is fetched.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, quote, urlencode, urlsplit, urlunsplit

SCHEMES = {"http": 80, "https": 443}
TRACKING = frozenset({"fbclid", "gclid"})
MAX_LENGTH = 2000
# What a path or query may keep unescaped: RFC 3986's unreserved and sub-delimiters, and "%" so an escape
# already there is not escaped twice (normalising twice changes nothing).
_PATH_SAFE = "/%:@!$&'()*+,;=-._~"
# Query values are decoded then encoded again: nothing that decoding changes ("%", "+", "&", "=") stays bare.
_QUERY_SAFE = "/:@!$'()*,;-._~"
_HOST = re.compile(r"^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*\.?$")


class BadUrl(ValueError):
    """Not a web address that can spread a claim (the message says why, in a few words)."""


def _tracking(name: str) -> bool:
    lowered = name.lower()
    return lowered.startswith("utm_") or lowered in TRACKING


def _host(raw: str) -> str:
    host = raw.rstrip(".").lower()
    if not host:
        raise BadUrl("no host")
    try:
        ascii_host = host.encode("idna").decode("ascii")
    except UnicodeError as error:
        raise BadUrl("the host is not a valid domain name") from error
    ascii_host = ascii_host.lower()
    if not _HOST.match(ascii_host):
        raise BadUrl("the host is not a valid domain name")
    return ascii_host


def normalise(url: str) -> str:
    """The normalised URL; BadUrl for anything that is not an absolute http(s) address of a named host."""
    if not isinstance(url, str) or not url.strip():
        raise BadUrl("empty")
    if any(ord(ch) < 0x20 or ord(ch) == 0x7F for ch in url):
        raise BadUrl("control characters")
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError as error:
        raise BadUrl("malformed") from error
    scheme = parts.scheme.lower()
    if scheme not in SCHEMES:
        raise BadUrl("only http and https addresses")
    if parts.username is not None or parts.password is not None:
        raise BadUrl("no credentials in the address")
    host = _host(parts.hostname or "")
    netloc = host if port in (None, SCHEMES[scheme]) else f"{host}:{port}"
    # spaces ending the path are a copy-and-paste artefact, wherever the query and fragment start
    path = quote(parts.path.rstrip() or "/", safe=_PATH_SAFE)
    if len(path) > 1:
        path = path.rstrip("/") or "/"
    kept = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _tracking(k)]
    query = urlencode(kept, quote_via=quote, safe=_QUERY_SAFE)
    normalised = urlunsplit((scheme, netloc, path, query, ""))
    if len(normalised) > MAX_LENGTH:
        raise BadUrl("too long")
    return normalised
