"""f. The web client: the first page's bytes, gzip, and the browser test's time to interactive."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from pathlib import Path

from .common import ROOT, table

# ---------------------------------------------------------------- web client
WEB = ROOT / "web"
WEB_BUDGET_KB = 100
_IMPORT = re.compile(r"""(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+["'](\.[^"']+)["']""")


def first_page_files() -> list[Path]:
    """What the home page loads: index.html's stylesheet and scripts, their static imports, and the home view
    (the only view imported on that route; the others load when their page is opened)."""
    html = (WEB / "index.html").read_text(encoding="utf-8")
    start = [WEB / m for m in re.findall(r'(?:href|src)="([^"]+\.(?:js|css))"', html)] + [WEB / "js/views/home.js"]
    seen: list[Path] = []
    todo = list(start)
    while todo:
        path = todo.pop().resolve()
        if path in seen:
            continue
        seen.append(path)
        if path.suffix == ".js":
            todo += [path.parent / m for m in _IMPORT.findall(path.read_text(encoding="utf-8"))]
    return sorted(seen)


def first_page_gzip_bytes() -> int:
    """The first page's JavaScript and CSS, gzip level 6 (what CloudFront sends)."""
    import gzip

    return sum(len(gzip.compress(path.read_bytes(), compresslevel=6)) for path in first_page_files())


def report_web() -> str:
    import gzip

    rows, raw, packed = [], 0, 0
    for path in first_page_files():
        body = path.read_bytes()
        size = len(gzip.compress(body, compresslevel=6))
        raw, packed = raw + len(body), packed + size
        rows.append([f"`{path.relative_to(WEB)}`", f"{len(body):,}", f"{size:,}"])
    rows.append(["**total**", f"**{raw:,}**", f"**{packed:,}** ({packed / 1024:.1f} KB)"])
    measured = ROOT / "test-artifacts" / "web-performance.json"
    if measured.exists():
        data = json.loads(measured.read_text())
        when = datetime.fromtimestamp(measured.stat().st_mtime, UTC).strftime("%Y-%m-%d %H:%M UTC")
        tti = (f"Time to interactive of the home page (map and the region's events on screen, main thread idle; "
               f"median of cold loads in headless Chromium against the local stack, measured by "
               f"`tests/browser/test_performance.py` on {when}): **{data['tti_ms_median']} ms** unthrottled, "
               f"**{data['tti_slow_4g_ms_median']} ms** on an emulated slow 4G link (1.6 Mbit/s, 150 ms RTT; "
               f"the local gateway sends the files uncompressed, so this is pessimistic). HTML: "
               f"{data['html_gzip_bytes']:,} bytes gzip.")
    else:
        tti = ("Time to interactive: run `pytest tests/browser/test_performance.py` "
               "(it writes test-artifacts/web-performance.json).")
    verdict = "within" if packed < WEB_BUDGET_KB * 1024 else "OVER"
    return "\n\n".join([
        "## Web client",
        "The static client (`web/`, plain ES modules, no build step). The first page's JavaScript and CSS, "
        "gzip level 6 as a CDN compresses them (CloudFront does; the local gateway does not): "
        f"{packed / 1024:.1f} KB, {verdict} the {WEB_BUDGET_KB} KB budget. Other pages load their own module "
        "when opened.",
        table(["File", "Bytes", "Gzip bytes"], rows),
        tti,
    ])
