"""The e2e suite runs the stack exactly as `make run` does: a separate process, talked to over HTTP."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from infra.stack import free_port
from infra.users import Users
from tests.conftest import TEST_PARAMETERS

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def running(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict]:
    state = tmp_path_factory.mktemp("e2e-stack")
    overrides = " ".join(f"{k}={v}" for k, v in TEST_PARAMETERS.items())  # fuzzing writes a lot from one address
    env = os.environ | {"PORT": str(free_port()), "MOTO_PORT": str(free_port()), "HROMADA_STATE_DIR": str(state),
                        "PARAMETER_OVERRIDES": overrides}
    for inherited in ("AWS_ENDPOINT_URL", "TABLE_NAME"):  # nothing leaks in from other suites
        env.pop(inherited, None)
    log = (state / "run.log").open("w")
    process = subprocess.Popen([sys.executable, str(ROOT / "scripts/run.py")], cwd=ROOT, env=env,
                               stdout=log, stderr=subprocess.STDOUT)
    info_file = state / "local.json"
    deadline = time.monotonic() + 90
    while not info_file.exists():
        assert process.poll() is None, (state / "run.log").read_text()
        assert time.monotonic() < deadline, "the local stack did not start in 90 s"
        time.sleep(0.2)
    info = json.loads(info_file.read_text())
    while "demo associations loaded" not in (state / "run.log").read_text():
        assert time.monotonic() < deadline and process.poll() is None, (state / "run.log").read_text()
        time.sleep(0.2)
    yield info | {"log": str(state / "run.log")}
    process.send_signal(signal.SIGINT)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.send_signal(signal.SIGUSR1)  # scripts/run.py dumps every thread's stack into its log
        time.sleep(2)
        process.kill()
        pytest.fail("the stack did not stop within 20 s:\n" + (state / "run.log").read_text()[-8000:])
    finally:
        log.close()
    assert process.returncode == 0, "Ctrl-C must stop the stack cleanly"
    assert not info_file.exists(), "a clean stop removes local.json"


@pytest.fixture(scope="session")
def tokens(running: dict) -> dict[str, str]:
    from infra.demo import ACCOUNTS

    users = Users.from_info(running)
    return {role: users.id_token(a.email, a.password) for role, a in ACCOUNTS.items()}


def call(running: dict, method: str, path: str, token: str | None = None, **kwargs) -> requests.Response:
    headers = kwargs.pop("headers", {}) | ({"Authorization": f"Bearer {token}"} if token else {})
    return requests.request(method, running["api_url"] + path, headers=headers, timeout=30, **kwargs)
