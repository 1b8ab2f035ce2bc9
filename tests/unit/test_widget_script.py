"""The embeddable events widget (web/widget/hromada-events.js): small enough to add to any page, and it never
parses API data as HTML."""

from __future__ import annotations

import gzip
import re
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / "web" / "widget" / "hromada-events.js"
RAW_BUDGET = 12 * 1024
GZIP_BUDGET = 6 * 1024  # what a visitor downloads (CloudFront compresses it)


def test_the_widget_keeps_to_its_size_budget() -> None:
    raw = SCRIPT.read_bytes()
    packed = gzip.compress(raw, compresslevel=9)
    print(f"hromada-events.js: {len(raw)} bytes, {len(packed)} gzip")
    assert len(raw) <= RAW_BUDGET
    assert len(packed) <= GZIP_BUDGET


def test_the_widget_is_one_module_with_no_dependency_and_no_html_parsing() -> None:
    source = SCRIPT.read_text()
    assert not re.search(r"^\s*import\s", source, re.MULTILINE)  # one file, nothing else to fetch or trust
    for parsing in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function"):
        assert parsing not in source, parsing
    assert 'attachShadow({ mode: "open" })' in source
    assert 'credentials: "omit"' in source
