"""A newcomer runs the weekly digest from the dev mailbox and reads the letters, links and headers included."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

from tests.e2e.conftest import call

pytestmark = pytest.mark.e2e
ROOT = Path(__file__).resolve().parents[2]


def mailbox(running: dict) -> list[dict]:
    return call(running, "GET", "/dev/mailbox.json").json()


def wait_for_mail(running: dict, to: str, subject_start: str, timeout: float = 60) -> dict:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = [m for m in mailbox(running) if m["to"] == to and m["subject"].startswith(subject_start)]
        if found:
            return found[0]
        time.sleep(0.5)
    raise AssertionError(f"no mail {subject_start!r} to {to}")


def test_the_dev_mailbox_runs_the_weekly_digest_and_shows_it(running):
    page = call(running, "GET", "/dev/mailbox")
    assert page.status_code == 200 and "MailPlannerFunction.WeeklyDigest" in page.text
    ran = call(running, "POST", "/dev/schedules/MailPlannerFunction.WeeklyDigest")
    assert ran.status_code == 200 and ran.json()[0]["recipients"] >= 2
    french = wait_for_mail(running, "lecteur@hromada.test", "Votre semaine ukrainienne")
    ukrainian = wait_for_mail(running, "chytach@hromada.test", "Ваш український тиждень")
    assert french["headers"]["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "/#/events/" in french["text"] or "/#/announcements/" in french["text"]  # cards link to the client
    assert ukrainian["html"] and "<html lang=\"uk\">" in ukrainian["html"]
    assert french["subject"] in call(running, "GET", "/dev/mailbox").text


def test_subscribe_confirm_and_unsubscribe_through_the_mailbox(running):
    email = f"newcomer-{time.time_ns()}@example.org"
    assert call(running, "POST", "/subscriptions", json={"email": email, "regions": ["76"]}).status_code == 202
    confirmation = wait_for_mail(running, email, "Confirmez")
    link = next(word for word in confirmation["text"].split() if "/subscriptions/confirm?token=" in word)
    assert requests.post(link, timeout=30).status_code == 200
    subscribe_again = call(running, "POST", "/subscriptions", json={"email": email})
    assert subscribe_again.status_code == 202


def test_a_schedule_runs_from_the_command_line(running):
    state = Path(running["log"]).parent
    env = os.environ | {"HROMADA_STATE_DIR": str(state)}
    done = subprocess.run([sys.executable, "-m", "infra.schedules", "run", "MailPlannerFunction.Reminders"],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert '"events"' in done.stdout
