"""Where the running local stack leaves its state (local.json): shared by the stack that writes it and the
commands that read it (infra.schedules, scripts/auth_token.py, the benchmarks), none of which need the stack."""

from __future__ import annotations

import os
from pathlib import Path

from infra.template import ROOT


def state_dir() -> Path:
    """`.hromada/` in the project, or HROMADA_STATE_DIR. A relative HROMADA_STATE_DIR is taken from the project's
    root, so every command (scripts/run.py, scripts/auth_token.py, infra.schedules) finds the same stack from
    whatever directory it is run."""
    moved = os.environ.get("HROMADA_STATE_DIR")
    return (ROOT / moved).resolve() if moved else ROOT / ".hromada"


STATE_DIR = state_dir()
