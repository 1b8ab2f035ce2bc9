"""What every measure shares: paths, the log, statistics and Markdown formatting."""

from __future__ import annotations

import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PEERS = ROOT / "tests" / "bench" / "peers"
REPORT = ROOT / "docs" / "benchmarks.md"
REGION = "eu-west-3"
# The peers' route; the AssociationsFunction cold start and the warm comparison use it too.
GET_ONE = "GET /associations/{id}"


class BenchError(Exception):
    """The run is not valid (a measurement would be meaningless)."""


def log(message: str) -> None:
    print(f"bench: {message}", file=sys.stderr, flush=True)


# ---------------------------------------------------------------- statistics and formatting
def median(values: list[float]) -> float:
    return statistics.median(values)


def p90(values: list[float]) -> float:
    return statistics.quantiles(values, n=10)[-1] if len(values) >= 2 else values[0]


def ratio(value: float, base: float) -> str:
    return f"{value / base:.2f}×"


def verdict(ok: bool) -> str:
    return "PASS" if ok else "**MISS**"


def table(headers: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)
