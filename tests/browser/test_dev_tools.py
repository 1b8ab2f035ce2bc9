"""The local developer tools against the running stack: a mail's confirm button, clicked in the dev mailbox, works
and its pages lead back to the site; scripts/auth_token.py finds a stack that HROMADA_STATE_DIR moved."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import uuid
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
import requests
from playwright.sync_api import Browser, expect

from tests.browser.people import person

if TYPE_CHECKING:
    from tests.browser.conftest import Site

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]


def test_the_confirm_button_of_a_mail_works_from_the_dev_mailbox(browser: Browser, site: Site) -> None:
    email = f"mailbox-{uuid.uuid4().hex[:8]}@example.org"
    assert requests.post(f"{site.url}/subscriptions", json={"email": email}, timeout=30).status_code == 202
    deadline = time.monotonic() + 30
    while not [m for m in requests.get(f"{site.url}/dev/mailbox.json", timeout=30).json() if m["to"] == email]:
        assert time.monotonic() < deadline, f"no mail to {email}"
        time.sleep(0.5)

    with person(browser, site.url, "dev_mailbox_confirm") as page:
        page.goto("/dev/mailbox")
        entry = page.locator("details", has=page.locator("summary", has_text=email))
        entry.locator("summary").click()
        link = entry.frame_locator("iframe").get_by_role("link", name="Confirmer mon abonnement")
        expect(link).to_be_visible()  # the mail's frame laid out in the opened entry before the click
        with page.context.expect_page() as opened:
            link.click()
        tab = opened.value
        expect(tab.locator("h1")).to_have_text("Confirmer l'abonnement")
        tab.get_by_role("button", name="Confirmer mon abonnement").click()  # a form: it posts
        expect(tab.locator("h1")).to_have_text("Abonnement confirmé")
        tab.get_by_role("link", name="Aller sur le site Hromada").click()  # not a dead end
        expect(tab.locator("main h1")).to_have_text("Près de chez vous")


def test_auth_token_finds_a_stack_moved_by_hromada_state_dir_from_any_directory(site: Site, tmp_path: Path) -> None:
    # The stack was started with HROMADA_STATE_DIR; the same value, relative to the project, from elsewhere
    relative = os.path.relpath(site.state_dir, ROOT)
    env = os.environ | {"HROMADA_STATE_DIR": relative}
    done = subprocess.run([sys.executable, str(ROOT / "scripts/auth_token.py"), "member@hromada.test"], cwd=tmp_path,
                          env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    token = done.stdout.strip()
    assert requests.get(f"{site.url}/me", headers={"Authorization": f"Bearer {token}"}, timeout=30).status_code == 200
    # and the commands the stack prints say which state directory to use
    assert f"HROMADA_STATE_DIR={site.state_dir} .venv/bin/python scripts/auth_token.py" in site.log.read_text()
