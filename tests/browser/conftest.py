"""Browser tests: the whole local stack in a subprocess (as `make run` starts it) and headless Debian Chromium.

Playwright's sync API is used directly (no pytest-playwright); Chromium is the system one, never downloaded.
Each test gets a fresh browser context (so a fresh localStorage) and leaves a screenshot in
test-artifacts/screenshots/.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import requests
from playwright.sync_api import Browser, Page, expect, sync_playwright

from infra.browser import CHROMIUM_ARGS

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
READY_LINE = "Press Ctrl-C to stop."  # printed by scripts/run.py once the demo data is loaded
START_TIMEOUT = 180
# Assertions wait up to 10 s (Playwright's default is 5): on a busy shared machine an API answer can be slow.
expect.set_options(timeout=10_000)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Site:
    url: str
    state_dir: Path
    log: Path

    @property
    def info(self) -> dict[str, str]:
        return json.loads((self.state_dir / "local.json").read_text())


def _log_tail(log: Path, lines: int = 40) -> str:
    with contextlib.suppress(OSError):
        return "\n".join(log.read_text(errors="replace").splitlines()[-lines:])
    return "(no log)"


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is not None:
        return
    process.send_signal(signal.SIGINT)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """`scripts/run.py` on free ports with its own state directory; ready once /health answers and demo data is in."""
    state = tmp_path_factory.mktemp("browser-stack")
    port, moto_port = free_port(), free_port()
    python = ROOT / ".venv" / "bin" / "python"
    env = {**os.environ, "PORT": str(port), "MOTO_PORT": str(moto_port), "HROMADA_STATE_DIR": str(state),
           "PYTHONUNBUFFERED": "1", "HROMADA_MAP_TILES_URL": ""}
    log = state / "run.log"
    with log.open("wb") as out:
        process = subprocess.Popen([str(python if python.exists() else sys.executable), "scripts/run.py"],
                                   cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            if process.poll() is not None:
                pytest.fail(f"scripts/run.py exited with {process.returncode}:\n{_log_tail(log)}")
            if time.monotonic() > deadline:
                pytest.fail(f"the local stack was not ready after {START_TIMEOUT}s:\n{_log_tail(log)}")
            if (state / "local.json").exists() and READY_LINE in log.read_text(errors="replace"):
                with contextlib.suppress(requests.RequestException):
                    if requests.get(f"{url}/health", timeout=5).status_code == 200:
                        break
            time.sleep(0.25)
        yield Site(url, state, log)
    finally:
        _stop(process)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    executable = shutil.which("chromium")
    if not executable:
        pytest.fail("Chromium is not installed: the browser tests need Debian's chromium on PATH "
                    "(`sudo apt-get install -y chromium`, or `make chromium`).", pytrace=False)
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@dataclass
class Problems:
    """What went wrong inside the page: uncaught exceptions fail the test."""

    page_errors: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)


@pytest.fixture
def page(browser: Browser, site: Site, request: pytest.FixtureRequest) -> Iterator[Page]:
    context = browser.new_context(base_url=site.url, viewport={"width": 1280, "height": 900}, locale="fr-FR")
    context.set_default_timeout(15_000)
    tab = context.new_page()
    problems = Problems()
    tab.on("pageerror", lambda error: problems.page_errors.append(str(error)))
    tab.on("console", lambda message: message.type == "error" and problems.console_errors.append(message.text))
    tab.problems = problems  # type: ignore[attr-defined]
    try:
        yield tab
    finally:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        name = re.sub(r"[^A-Za-z0-9_.-]+", "_", request.node.name)
        with contextlib.suppress(Exception):
            tab.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)
        context.close()
    assert not problems.page_errors, f"uncaught errors in the page: {problems.page_errors}"


@pytest.fixture(scope="session")
def demo() -> dict[str, Any]:
    """The demo associations as scripts/run.py seeds them (infra/demo.py is the single source)."""
    from infra.demo import ASSOCIATIONS

    return {"verified": [a[0] for a in ASSOCIATIONS if a[-1] == "verified"],
            "pending": [a[0] for a in ASSOCIATIONS if a[-1] != "verified"],
            "by_name": {a[0]: a for a in ASSOCIATIONS}}
