"""SSRF through webhooks: each attack names a URL (and what its host resolves to); it must be refused at
registration and, for a name whose DNS answer changes afterwards, at delivery. Resolution is a fake resolver
injected into the pure check: no network."""

from __future__ import annotations

import pytest

from hromada.domain.webhook_rules import Refused, address_refusal, checked_addresses, destination
from tests.unit.webhook_fakes import resolver

PUBLIC = "93.184.215.14"

# (url, what its host resolves to) -> refused
ATTACKS = {
    "loopback literal": ("https://127.0.0.1/hook", {}),
    "loopback name": ("https://innocent.example.org/hook", {"innocent.example.org": ["127.0.0.1"]}),
    "metadata service": ("https://169.254.169.254/latest/meta-data/", {}),
    "metadata by name": ("https://meta.example.org/", {"meta.example.org": ["169.254.169.254"]}),
    "private 10/8": ("https://intranet.example.org/", {"intranet.example.org": ["10.0.0.5"]}),
    "private 192.168/16": ("https://192.168.1.1/", {}),
    "private 172.16/12": ("https://router.example.org/", {"router.example.org": ["172.20.0.1"]}),
    "shared 100.64/10": ("https://cgnat.example.org/", {"cgnat.example.org": ["100.64.0.1"]}),
    "unspecified": ("https://0.0.0.0/", {}),
    "multicast": ("https://mc.example.org/", {"mc.example.org": ["224.0.0.1"]}),
    "reserved": ("https://240.0.0.1/", {}),
    "broadcast": ("https://255.255.255.255/", {}),
    "ipv6 loopback": ("https://[::1]/hook", {}),
    "ipv6 unique local fd00::/8": ("https://[fd00::1]/", {}),
    "ipv6 link-local": ("https://ll.example.org/", {"ll.example.org": ["fe80::1"]}),
    "ipv6 unspecified": ("https://[::]/", {}),
    "ipv4-mapped ipv6 loopback": ("https://[::ffff:127.0.0.1]/", {}),
    "ipv4-mapped ipv6 metadata": ("https://mapped.example.org/", {"mapped.example.org": ["::ffff:169.254.169.254"]}),
    "6to4 of a private address": ("https://[2002:0a00:0001::1]/", {}),
    "nat64 of loopback": ("https://[64:ff9b::7f00:1]/", {}),
    "ipv4-compatible loopback": ("https://[::7f00:1]/", {}),
    "decimal notation": ("https://2130706433/", {"2130706433": ["127.0.0.1"]}),
    "octal notation": ("https://0177.0.0.1/", {"0177.0.0.1": ["127.0.0.1"]}),
    "hex notation": ("https://0x7f.1/", {"0x7f.1": ["127.0.0.1"]}),
    "short dotted": ("https://127.1/", {"127.1": ["127.0.0.1"]}),
    "localhost": ("https://localhost/", {"localhost": ["127.0.0.1"]}),
    "one bad address among good ones": ("https://mixed.example.org/",
                                        {"mixed.example.org": [PUBLIC, "10.1.2.3"]}),
    "plain http": ("http://hooks.example.org/", {"hooks.example.org": [PUBLIC]}),
    "http to 127.0.0.1 outside the local stack": ("http://127.0.0.1:8080/hook", {}),
    "another port": ("https://hooks.example.org:22/", {"hooks.example.org": [PUBLIC]}),
    "credentials": ("https://user:pass@hooks.example.org/", {"hooks.example.org": [PUBLIC]}),
    "credentials that hide the host": ("https://hooks.example.org@127.0.0.1/", {}),
    "ipv6 zone": ("https://[fe80::1%25eth0]/", {}),
    "unresolvable": ("https://nowhere.example.org/", {}),
    "file scheme": ("file:///etc/passwd", {}),
    "gopher scheme": ("gopher://hooks.example.org/", {"hooks.example.org": [PUBLIC]}),
    "fragment": ("https://hooks.example.org/#x", {"hooks.example.org": [PUBLIC]}),
    "line break": ("https://hooks.example.org/\r\nX-Injected: 1", {"hooks.example.org": [PUBLIC]}),
}


@pytest.mark.parametrize("attack", sorted(ATTACKS))
def test_each_ssrf_attack_is_refused(attack):
    url, dns = ATTACKS[attack]
    with pytest.raises(Refused):
        checked_addresses(destination(url), resolver(dns))


def test_a_public_https_url_passes_and_connects_to_the_checked_addresses():
    target = destination("https://hooks.example.org:8443/in?x=1")
    assert checked_addresses(target, resolver({"hooks.example.org": [PUBLIC, "2606:4700::1111"]})) == [
        PUBLIC, "2606:4700::1111"]
    assert (target.host, target.port, target.target) == ("hooks.example.org", 8443, "/in?x=1")


def test_the_local_receiver_is_allowed_only_when_the_local_stack_says_so():
    with pytest.raises(Refused):
        destination("http://127.0.0.1:3000/dev/webhooks/receive")
    local = destination("http://127.0.0.1:3000/dev/webhooks/receive", allow_local_http=True)
    assert local.local and checked_addresses(local, resolver({})) == ["127.0.0.1"]
    # Even there, nothing else private: not another loopback name, not the metadata service.
    for url in ("http://localhost:3000/", "http://169.254.169.254/", "https://10.0.0.1/"):
        with pytest.raises(Refused):
            checked_addresses(destination(url, allow_local_http=True), resolver({"localhost": ["127.0.0.1"]}))


def test_reasons_name_the_rule():
    import ipaddress

    assert address_refusal(ipaddress.ip_address("169.254.169.254")) == "link_local"
    assert address_refusal(ipaddress.ip_address("100.64.1.1")) == "shared"
    assert address_refusal(ipaddress.ip_address("::ffff:10.0.0.1")) == "private"
    assert address_refusal(ipaddress.ip_address(PUBLIC)) is None
