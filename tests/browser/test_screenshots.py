"""docs/screenshots stays complete: every page of the tour at both widths, its index, and a tour that still runs."""

from __future__ import annotations

import struct
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import Browser

from infra.screenshots import DOCS, ROOT, TOUR, WIDTHS, index, take

if TYPE_CHECKING:
    from tests.browser.conftest import Site

pytestmark = pytest.mark.browser


def png_size(path: Path) -> tuple[int, int]:
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n", f"{path.name} is not a PNG"
    return struct.unpack(">II", header[16:24])


def expected_size(name: str) -> tuple[int, int]:
    viewport = WIDTHS[name.removesuffix(".png").rsplit("-", 1)[1]]
    return viewport["width"], viewport["height"]


def test_docs_hold_every_page_of_the_tour_at_both_widths() -> None:
    wanted = {name for shot in TOUR for name in shot.files()}
    present = {p.name for p in DOCS.glob("*.png")}
    assert wanted - present == set(), "run `make screenshots`"
    assert present - wanted == set(), "pictures of pages the tour no longer shows"
    for name in wanted:
        assert png_size(DOCS / name) == expected_size(name), name
    assert (DOCS / "README.md").read_text() == index(TOUR), "run `make screenshots`"
    assert "docs/screenshots/README.md" in (ROOT / "README.md").read_text()


def test_the_tour_runs_against_the_demo_data(browser: Browser, site: Site, tmp_path: Path) -> None:
    written = take(browser, site.url, TOUR, tmp_path)
    assert sorted(p.name for p in written) == sorted(name for shot in TOUR for name in shot.files())
    for path in written:
        assert png_size(path) == expected_size(path.name)
        assert path.stat().st_size > 10_000, f"{path.name} looks blank"
