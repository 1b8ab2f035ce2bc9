"""scripts/bench runs end to end and reports what it promises. Benchmarks, not timed tests: the
goals (cold start, warm overhead, calls per read) are reported by the bench, never asserted here."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from infra.template import Template

ROOT = Path(__file__).resolve().parents[2]
BENCH = ROOT / "scripts" / "bench"
SECTIONS = ("## Cold start", "## Warm overhead", "## DynamoDB calls per request", "## Elections")
TALLY = re.compile(r"Tally of 1,000,000 ranked ballots over 10 candidates \(Schulze, [^)]+\): \d+\.\d\d s\.")
PER_BALLOT = re.compile(r"TransactWriteItems per ballot: \d+\.\d\d\.")
RATIO = re.compile(r"\b\d+\.\d\d×")
PEERS = ("bare boto3 handler", "Chalice", "FastAPI + Mangum")


def section(report: str, title: str) -> str:
    """The text of one `## ` section (up to the next one)."""
    start = report.index(title)
    following = report.find("\n## ", start + len(title))
    return report[start:following if following != -1 else None]


def problems(report: str, route_keys: list[str], functions: list[str]) -> list[str]:
    """Everything the report must contain; an empty list means it is complete."""
    found = [f"missing section {s!r}" for s in SECTIONS if s not in report]
    if found:
        return found
    cold, warm, calls, elections = (section(report, s) for s in SECTIONS)
    for name in [*functions, *PEERS]:
        row = next((line for line in cold.splitlines() if line.startswith(f"| {name}")), None)
        if row is None:
            found.append(f"no cold-start row for {name}")
        elif len(RATIO.findall(row)) < 2 or not re.search(r"\| \d+\.\d \|", row):
            found.append(f"cold-start row for {name} has no numbers: {row}")
    if not re.search(r"Goal: warm overhead .*: \d+\.\d\d× → (PASS|\*\*MISS\*\*)", warm):
        found.append("warm section has no goal verdict with a ratio")
    if len(RATIO.findall(warm)) < 2:
        found.append("warm section has no ratios")
    if not re.search(r"Framework-only overhead .*: -?\d+ µs", warm):
        found.append("warm section has no framework-only overhead in µs")
    rows = [line for line in calls.splitlines() if line.startswith("| `")]
    for key in route_keys:
        mine = [r for r in rows if r.startswith(f"| `{key}` |")]
        if not mine:
            found.append(f"no calls-per-route row for {key}")
        for row in mine:
            cells = [c.strip() for c in row.strip("|").split("|")]
            if not cells[5].isdigit():
                found.append(f"no call count for {key}: {row}")
            if "(unexpected)" in cells[4]:
                found.append(f"unexpected status for {key}: {row}")
            if "Scan" in cells[6] or "SCAN" in cells[7]:
                found.append(f"Scan on {key}: {row}")
    if "Scans: none." not in calls:
        found.append("the report does not say that no request did a Scan")
    if not TALLY.search(elections):
        found.append("no tally time for 1,000,000 ranked ballots")
    if not PER_BALLOT.search(elections):
        found.append("no DynamoDB calls per ballot")
    return found


@pytest.fixture(scope="module")
def template() -> Template:
    return Template()


@pytest.fixture(scope="module")
def bench() -> subprocess.CompletedProcess[str]:
    # Started as a user would (the shebang's python3 re-executes itself with the project's venv).
    return subprocess.run([str(BENCH), "--quick"], capture_output=True, text=True, timeout=240, cwd=ROOT)


def test_bench_runs_and_reports_every_measure(bench: subprocess.CompletedProcess[str], template: Template) -> None:
    assert bench.returncode == 0, bench.stderr[-4000:]
    keys = [route.key for route in template.routes()]
    functions = list(template.of_type("AWS::Serverless::Function"))
    assert keys and functions
    assert problems(bench.stdout, keys, functions) == []


def test_report_check_catches_what_is_missing(bench: subprocess.CompletedProcess[str], template: Template) -> None:
    """The check above can fail: a report without a route's row, a ratio or with a Scan is refused."""
    report = bench.stdout
    keys = [route.key for route in template.routes()]
    functions = list(template.of_type("AWS::Serverless::Function"))
    victim = keys[-1]
    without_row = "\n".join(line for line in report.splitlines() if not line.startswith(f"| `{victim}` |"))
    assert f"no calls-per-route row for {victim}" in problems(without_row, keys, functions)
    assert "no calls-per-route row for GET /imaginary" in problems(report, [*keys, "GET /imaginary"], functions)
    no_ratios = RATIO.sub("n/a", report)
    assert any("has no numbers" in p for p in problems(no_ratios, keys, functions))
    scanned = report.replace("| Query |", "| Scan |", 1)
    assert any(p.startswith("Scan on ") for p in problems(scanned, keys, functions))
    summary = report.replace("Scans: none.", "**Scan on: GET /associations.**")
    assert "the report does not say that no request did a Scan" in problems(summary, keys, functions)
    assert problems(report.replace("## Warm overhead", "## Warm"), keys, functions)
    untimed = TALLY.sub("Tally: later.", report)
    assert "no tally time for 1,000,000 ranked ballots" in problems(untimed, keys, functions)
    uncounted = PER_BALLOT.sub("", report)
    assert "no DynamoDB calls per ballot" in problems(uncounted, keys, functions)


def test_bench_rejects_unknown_options() -> None:
    done = subprocess.run([str(BENCH), "--no-such-option"], capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert done.returncode != 0
    assert "usage" in done.stderr
