"""The network side of webhook deliveries: resolving a host name, and one POST to an address already checked
(hromada.domain.webhook_rules). The connection goes to that address while the request names the host (Host
header, TLS SNI and certificate check), so a DNS answer changed between the check and the connection (DNS
rebinding) cannot send it elsewhere. No redirect is followed (http.client never does), no header comes from
the association, at most a few KB of the answer are read and only a short excerpt is kept."""

from __future__ import annotations

import http.client
import socket
import ssl
import time

from hromada.domain.webhook_ports import Response
from hromada.domain.webhook_rules import Destination

CONNECT_TIMEOUT = 3.0
TOTAL_TIMEOUT = 5.0
READ_AT_MOST = 4096


def resolve(host: str, port: int) -> list[str]:
    """Every address the name resolves to (IPv4 and IPv6), as the connection would use them."""
    return [info[4][0] for info in socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)]


class _Pinned(http.client.HTTPSConnection):
    def __init__(self, target: Destination, address: str, deadline: float):
        super().__init__(target.host, target.port, timeout=CONNECT_TIMEOUT, context=ssl.create_default_context())
        self._address = address
        self._deadline = deadline
        self._tls = target.scheme == "https"

    def connect(self) -> None:
        sock = socket.create_connection((self._address, self.port), timeout=CONNECT_TIMEOUT)
        sock.settimeout(max(0.1, self._deadline - time.monotonic()))
        # server_hostname: SNI and the certificate are checked for the name, not the address
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host) if self._tls else sock


class PinnedTransport:
    def __init__(self) -> None:
        self._monotonic = time.monotonic

    def post(self, target: Destination, addresses: list[str], body: bytes, headers: dict[str, str]) -> Response:
        started = self._monotonic()
        deadline = started + TOTAL_TIMEOUT
        error = "connection"
        for address in addresses:
            connection = _Pinned(target, address, deadline)
            try:
                connection.request("POST", target.target, body=body, headers=headers)
                answer = connection.getresponse()
                if connection.sock is not None:  # what is left of the whole attempt's time, for the body too
                    connection.sock.settimeout(max(0.1, deadline - self._monotonic()))
                excerpt = answer.read(READ_AT_MOST).decode("utf-8", errors="replace")
                return Response(answer.status, excerpt=excerpt, duration_ms=self._elapsed(started))
            except TimeoutError:
                return Response(None, error="timeout", duration_ms=self._elapsed(started))
            except (ssl.SSLError, ssl.CertificateError):
                return Response(None, error="tls", duration_ms=self._elapsed(started))
            except http.client.HTTPException:
                return Response(None, error="protocol", duration_ms=self._elapsed(started))
            except OSError:
                error = "connection"  # refused or unreachable: the next address may answer
            finally:
                connection.close()
            if self._monotonic() >= deadline:
                error = "timeout"
                break
        return Response(None, error=error, duration_ms=self._elapsed(started))

    def _elapsed(self, started: float) -> int:
        return round((self._monotonic() - started) * 1000)
