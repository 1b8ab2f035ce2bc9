"""Schemathesis fuzzes every operation of /openapi.json: no 5xx, responses match the schema."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from infra.template import Template
from tests.conftest import association_body
from tests.e2e.conftest import call

pytestmark = pytest.mark.e2e
HERE = Path(__file__).parent


@pytest.mark.parametrize("role", ["admin", "member", None])
def test_fuzz_every_operation(running, tokens, role, tmp_path):
    owner_token = tokens["admin"]
    target = call(running, "POST", "/associations", owner_token, json=association_body()).json()
    command = [sys.executable, "-m", "schemathesis.cli", "--config-file", str(HERE / "schemathesis.toml"), "run",
               f"{running['api_url']}/openapi.json", "--url", running["api_url"],
               "--max-examples", os.environ.get("FUZZ_EXAMPLES", "30"), "--workers", "1",
               "--report", "junit", "--report-dir", str(tmp_path), "--seed", "20261126"]
    if role:
        command += ["-H", f"Authorization: Bearer {tokens[role]}"]
    env = os.environ | {"HROMADA_FUZZ_ASSOCIATION": target["id"], "NO_COLOR": "1"}
    result = subprocess.run(command, capture_output=True, text=True, env=env, timeout=900, check=False)
    out = result.stdout
    failures = out[out.find("FAILURES"):out.find("SUMMARY")] if "FAILURES" in out else ""
    tail = failures[:6000] + "\n".join(out.splitlines()[-30:])
    assert result.returncode == 0, tail
    operations = len(Template().routes())  # every route of the template is one operation of /openapi.json
    assert f"Tested: {operations}" in out or f"{operations}/{operations}" in out, tail
