"""The web client's files as the local gateway serves them: compressed when asked, as CloudFront serves them."""

from __future__ import annotations

import gzip
from pathlib import Path

import requests

WEB = Path(__file__).resolve().parents[2] / "web"


def test_scripts_come_gzip_compressed_when_the_browser_accepts_it(stack) -> None:
    url = f"{stack.api_url}/js/i18n.js"
    compressed = requests.get(url, headers={"Accept-Encoding": "gzip, br"}, timeout=30, stream=True)
    raw = compressed.raw.read()
    assert compressed.headers["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in compressed.headers["Vary"]
    assert gzip.decompress(raw) == (WEB / "js" / "i18n.js").read_bytes()
    assert len(raw) < len(gzip.decompress(raw)) / 2

    plain = requests.get(url, headers={"Accept-Encoding": "identity"}, timeout=30)
    assert "Content-Encoding" not in plain.headers
    assert plain.content == (WEB / "js" / "i18n.js").read_bytes()


def test_outside_the_web_folder_nothing_is_served(stack) -> None:
    response = requests.get(f"{stack.api_url}/../pyproject.toml", timeout=30)
    assert response.status_code == 404 or b"[project]" not in response.content
    response = requests.get(f"{stack.api_url}/%2e%2e/pyproject.toml", timeout=30)
    assert b"[project]" not in response.content
