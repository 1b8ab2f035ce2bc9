"""Normalising the addresses that spread a claim: examples, then properties over generated URLs."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hromada.domain.claim_urls import BadUrl, normalise

LABEL = st.from_regex(r"[a-z0-9]([a-z0-9-]{0,10}[a-z0-9])?", fullmatch=True)
HOSTS = st.lists(LABEL, min_size=1, max_size=3).map(lambda labels: ".".join([*labels, "org"]))
SEGMENT = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=8).filter(
    lambda s: "/" not in s and "?" not in s and "#" not in s)
# A path never ends in white space: a link's trailing space is not part of its address (it is trimmed).
PATHS = st.lists(SEGMENT, max_size=3).map(lambda parts: "/" + "/".join(parts)).filter(lambda p: p == p.rstrip())
PARAMS = st.lists(st.tuples(st.from_regex(r"[a-z]{1,6}", fullmatch=True), st.from_regex(r"[a-z0-9]{0,6}",
                                                                                         fullmatch=True)),
                  max_size=3)


@st.composite
def urls(draw):
    scheme = draw(st.sampled_from(["http", "https"]))
    query = "&".join(f"{k}={v}" for k, v in draw(PARAMS))
    return f"{scheme}://{draw(HOSTS)}{draw(PATHS)}" + (f"?{query}" if query else "")


@pytest.mark.parametrize(("given_url", "expected"), [
    ("HTTPS://Example.ORG:443/a/b/?utm_source=x&b=1&fbclid=2&gclid=3#part", "https://example.org/a/b?b=1"),
    ("http://example.org:80", "http://example.org/"),
    ("http://example.org:8080/", "http://example.org:8080/"),
    ("https://пример.рф/новини/", "https://xn--e1afmkfd.xn--p1ai/%D0%BD%D0%BE%D0%B2%D0%B8%D0%BD%D0%B8"),
    ("https://example.org/?UTM_Medium=mail", "https://example.org/"),
    ("  https://example.org/x  ", "https://example.org/x"),
])
def test_examples(given_url, expected):
    assert normalise(given_url) == expected


@pytest.mark.parametrize("bad", [
    "", "   ", "javascript:alert(1)", "JAVASCRIPT://example.org/%0aalert(1)", "data:text/html,<b>", "ftp://example.org/",
    "https://", "https://user:pw@example.org/", "https://exa mple.org/", "https://example.org:99999/",
    "//example.org/", "example.org", "https://example.org/\nnext", "https://[::1]/", "https://-bad-.org/",
    "https://example.org/" + "a" * 2100,
])
def test_what_is_not_a_web_address_is_refused(bad):
    with pytest.raises(BadUrl):
        normalise(bad)


@given(urls())
@settings(max_examples=200, deadline=None)
def test_normalising_twice_changes_nothing(url):
    once = normalise(url)
    assert normalise(once) == once


@given(urls(), st.sampled_from(["utm_source", "UTM_campaign", "fbclid", "gclid"]), st.text("abc", max_size=4),
       st.text("xyz", max_size=5))
@settings(max_examples=200, deadline=None)
def test_the_same_page_however_it_is_linked(url, tracker, value, fragment):
    """Upper-case host and scheme, a default port, a fragment, a trailing slash, tracking parameters: the same."""
    parts = urlsplit(url)
    port = ":443" if parts.scheme == "https" else ":80"
    path = parts.path if parts.path.endswith("/") else parts.path + "/"
    sep = "&" if parts.query else ""
    variant = (f"{parts.scheme.upper()}://{parts.hostname.upper()}{port}{path}?{parts.query}{sep}{tracker}={value}"
               f"#{fragment}")
    assert normalise(variant) == normalise(url)


@given(urls())
@settings(max_examples=200, deadline=None)
def test_the_result_is_clean(url):
    result = urlsplit(normalise(url))
    assert result.scheme in ("http", "https") and result.fragment == ""
    assert result.hostname == result.hostname.lower() and result.port is None
    assert not any(p.split("=")[0].lower().startswith("utm_") for p in result.query.split("&"))
    assert result.path == "/" or not result.path.endswith("/")
    assert result.netloc.isascii()
