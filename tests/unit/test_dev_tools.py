"""The local developer tools: the stack's state directory as every command finds it, the dev mailbox's frame."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from infra import dev, state

ROOT = Path(__file__).resolve().parents[2]


def test_a_relative_state_dir_is_the_projects_wherever_a_command_runs(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HROMADA_STATE_DIR", ".hromada-other")
    assert state.state_dir() == ROOT / ".hromada-other"
    monkeypatch.setenv("HROMADA_STATE_DIR", str(tmp_path / "elsewhere"))
    assert state.state_dir() == tmp_path / "elsewhere"
    monkeypatch.delenv("HROMADA_STATE_DIR")
    assert state.state_dir() == ROOT / ".hromada"


def test_auth_token_looks_where_hromada_state_dir_says_and_says_so(tmp_path):
    env = os.environ | {"HROMADA_STATE_DIR": str(tmp_path / "moved")}
    done = subprocess.run([sys.executable, str(ROOT / "scripts/auth_token.py"), "member@hromada.test"],
                          cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 1
    assert f"HROMADA_STATE_DIR={tmp_path / 'moved'}" in done.stderr


def test_a_mails_links_open_in_a_new_tab_outside_the_sandbox():
    html = '<!doctype html><html lang="fr"><head><meta charset="utf-8"></head><body><a href="x">x</a></body></html>'
    shown = dev.in_new_tab(html)
    assert '<head><base target="_blank"><meta charset="utf-8">' in shown
    assert dev.in_new_tab("<p>no head</p>") == '<base target="_blank"><p>no head</p>'
    assert set(dev.FRAME_SANDBOX.split()) == {"allow-popups", "allow-popups-to-escape-sandbox", "allow-forms"}
    assert "allow-scripts" not in dev.FRAME_SANDBOX  # a mail never runs script, as in a mail client
