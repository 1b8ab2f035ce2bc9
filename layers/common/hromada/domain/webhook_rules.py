"""The rules of outgoing webhooks, pure: which URLs and addresses a delivery may reach (SSRF), how a delivery
is signed and checked, and when a failed one is tried again.

Where a delivery may go. The URL is https on port 443 or 8443, with a host name (or a canonical public IP
literal), no credentials, no fragment. Every address the name resolves to must be globally routable: loopback,
private, link-local (169.254.169.254, the cloud's metadata service), shared (100.64/10), multicast, reserved and
unspecified addresses are refused, in IPv4 and IPv6, and so are IPv6 addresses carrying one of those IPv4
addresses (IPv4-mapped ::ffff:a.b.c.d, 6to4, Teredo, NAT64). Odd notations of an address (2130706433,
0177.0.0.1, 0x7f.1) are refused as such: a resolver would read them as 127.0.0.1. The check runs at
registration and again at each delivery, on the addresses the delivery then connects to.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from urllib.parse import SplitResult, urlsplit

KINDS = ("event.published", "event.changed", "event.cancelled", "event.rsvp_counts", "announcement.published")
PING = "webhook.ping"
MAX_PER_ASSOCIATION = 5
MAX_URL_LENGTH = 2000
PORTS = frozenset({443, 8443})
SIGNATURE_VERSION = "v1"
TOLERANCE_SECONDS = 300  # receivers refuse a timestamp older than this: a replayed delivery is refused

# A dotted name whose last label starts with a letter: a DNS name, not a number in disguise.
_HOST_NAME = re.compile(r"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,62}$")
_NUMERIC_HOST = re.compile(r"^[0-9a-fx.]+$")

# Networks Python's is_global does not cover (or covers only in later versions) that embed or reach addresses
# refused here.
_NAT64 = (ipaddress.ip_network("64:ff9b::/96"), ipaddress.ip_network("64:ff9b:1::/48"))


class Refused(ValueError):
    """The URL or an address it leads to may not receive deliveries; `reason` says which rule."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Destination:
    url: str
    scheme: str
    host: str  # lower case, without brackets
    port: int
    target: str  # path and query, as sent in the request line
    local: bool = False  # the local stack's dev receiver (http://127.0.0.1), never in AWS


Resolver = Callable[[str, int], Iterable[str]]


def destination(url: str, *, allow_local_http: bool = False) -> Destination:
    """The parsed URL, or Refused. Addresses are not checked here (see `checked_addresses`)."""
    if len(url) > MAX_URL_LENGTH:
        raise Refused("too_long")
    if any(c.isspace() or ord(c) < 0x20 or ord(c) == 0x7F for c in url):
        raise Refused("malformed")
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        raise Refused("malformed") from None
    host = (parts.hostname or "").lower()
    if parts.username is not None or parts.password is not None or "@" in parts.netloc:
        raise Refused("credentials")
    if parts.fragment or url.endswith("#"):
        raise Refused("fragment")
    if not host:
        raise Refused("malformed")
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    if allow_local_http and parts.scheme == "http" and host == "127.0.0.1":
        return Destination(url, "http", host, port or 80, target, local=True)
    if parts.scheme != "https":
        raise Refused("not_https")
    port = 443 if port is None else port
    if port not in PORTS:
        raise Refused("port")
    _check_host(host, parts)
    return Destination(url, "https", host, port, target)


def _check_host(host: str, parts: SplitResult) -> None:
    literal = _ip_literal(host)
    if literal is not None:
        refused = address_refusal(literal)
        if refused:
            raise Refused(refused)
        return
    if _NUMERIC_HOST.match(host) or not _HOST_NAME.match(host):
        raise Refused("ip_notation" if _NUMERIC_HOST.match(host) else "host")
    if host == "localhost" or host.endswith((".localhost", ".local", ".internal", ".arpa")):
        raise Refused("host")


def _ip_literal(host: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    """A canonical IP literal (1.2.3.4, [2001:db8::1]); anything else that parses is not canonical."""
    try:
        address = ipaddress.ip_address(host.split("%")[0] if ":" in host else host)
    except ValueError:
        return None
    if "%" in host:  # an IPv6 zone (fe80::1%eth0) names an interface of the sender's own machine
        raise Refused("host")
    return address


def address_refusal(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str | None:
    """Why a delivery may not go to this address (None: it may)."""
    if isinstance(address, ipaddress.IPv6Address):
        for embedded in _embedded_ipv4(address):
            refused = address_refusal(embedded)
            if refused:
                return refused
    if address.is_loopback:
        return "loopback"
    if address.is_link_local:
        return "link_local"
    if address.is_multicast:
        return "multicast"
    if address.is_unspecified:
        return "unspecified"
    if address.is_reserved:
        return "reserved"
    if isinstance(address, ipaddress.IPv4Address) and address in ipaddress.ip_network("100.64.0.0/10"):
        return "shared"
    if address.is_private or not address.is_global:
        return "private"
    return None


def _embedded_ipv4(address: ipaddress.IPv6Address) -> list[ipaddress.IPv4Address]:
    found = [a for a in (address.ipv4_mapped, address.sixtofour) if a is not None]
    if address.teredo:
        found += list(address.teredo)
    if any(address in network for network in _NAT64):
        found.append(ipaddress.IPv4Address(int(address) & 0xFFFFFFFF))
    # IPv4-compatible ::a.b.c.d (deprecated, but some stacks still route it as IPv4)
    if int(address) >> 32 == 0 and int(address) > 1:
        found.append(ipaddress.IPv4Address(int(address) & 0xFFFFFFFF))
    return found


def checked_addresses(target: Destination, resolve: Resolver) -> list[str]:
    """Every address the host resolves to, each allowed; Refused otherwise (one bad address is enough: a
    client could pick it). The local dev receiver is 127.0.0.1 itself, nothing resolved."""
    if target.local:
        return ["127.0.0.1"]
    try:
        found = list(dict.fromkeys(resolve(target.host, target.port)))
    except OSError:
        raise Refused("unresolvable") from None
    if not found:
        raise Refused("unresolvable")
    for raw in found:
        try:
            address = ipaddress.ip_address(raw.split("%")[0])
        except ValueError:
            raise Refused("unresolvable") from None
        refused = address_refusal(address)
        if refused:
            raise Refused(refused)
    return found


# ------------------------------------------------------------------ signatures
def signature(secret: str, timestamp: int, body: bytes) -> str:
    """`v1=<hex HMAC-SHA256 of "<timestamp>.<raw body>">`: the timestamp is signed with the body, so an old
    delivery cannot be replayed with a fresh timestamp."""
    signed = f"{timestamp}.".encode() + body
    return f"{SIGNATURE_VERSION}=" + hmac.new(secret.encode(), signed, hashlib.sha256).hexdigest()


def verify(secret: str, headers: Mapping[str, str], body: bytes, now: float,
           tolerance: int = TOLERANCE_SECONDS) -> bool:
    """What a receiver does (README "Webhooks"): the timestamp is recent and the signature matches."""
    lowered = {k.lower(): v for k, v in headers.items()}
    try:
        timestamp = int(lowered.get("hromada-timestamp", ""))
    except ValueError:
        return False
    if abs(now - timestamp) > tolerance:
        return False
    given = [part.strip() for part in lowered.get("hromada-signature", "").split(",")]
    expected = signature(secret, timestamp, body)
    return any(hmac.compare_digest(expected, g) for g in given)


# ------------------------------------------------------------------ retries
MAX_ATTEMPTS = 8
# Waits after attempts 1..7: about 22 hours in all, so a receiver down for most of a day still gets it.
BACKOFF_SECONDS = (60, 300, 900, 3600, 3 * 3600, 6 * 3600, 12 * 3600)
JITTER = 0.1  # ±10 %: receivers coming back are not hit by every retry at once
DISABLE_AFTER = 3  # deliveries in a row dead-lettered (every attempt failed): the webhook is switched off


def retry_delay(attempt: int, draw: Callable[[float, float], float]) -> int | None:
    """Seconds to wait after failed attempt `attempt` (1-based), jittered; None: no attempt is left."""
    if attempt >= MAX_ATTEMPTS:
        return None
    base = BACKOFF_SECONDS[min(attempt, len(BACKOFF_SECONDS)) - 1]
    return max(1, round(base * (1 + draw(-JITTER, JITTER))))


def succeeded(status: int | None) -> bool:
    """2xx only: a redirect is never followed, so it is a failure too."""
    return status is not None and 200 <= status < 300
