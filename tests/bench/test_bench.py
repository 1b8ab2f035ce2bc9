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
SECTIONS = ("## Cold start", "## Warm overhead", "## DynamoDB calls per request", "## Elections", "## Goals",
            "## Mail: the weekly digest", "## Monthly cost")
TALLY = re.compile(r"Tally of 1,000,000 ranked ballots over 10 candidates \(Schulze, [^)]+\): \d+\.\d\d s\.")
PER_BALLOT = re.compile(r"TransactWriteItems per ballot: \d+\.\d\d\.")
RATIO = re.compile(r"\b\d+\.\d\d×")
PEERS = ("bare boto3 handler", "Chalice", "FastAPI + Mangum")
VERDICT = r"(PASS|\*\*MISS\*\*)"
WRITES_LINE = re.compile(r"Write requests within one read \+ one TransactWriteItems: \d+ of \d+\.")
COLD_GOAL_LINE = re.compile(r"Cold-start goal: \d+ of \d+ API functions within \(import \+ first request ≤ 1\.3× "
                            r"bare and < Chalice\); slowest \w+ at \d+\.\d\d× bare → " + VERDICT)
TALLY_GOAL = re.compile(r"Goal: (Schulze|IRV) counts 1,000,000 ballots in < 2 s on one core: slowest profile "
                        r"\d+\.\d\d s, counting's peak memory \+\d+ MB → " + VERDICT)
DISTINCT_ROW = re.compile(r"^\| all distinct \| [\d,]+ \| (schulze|irv) \| 1,000,000 \| \d+\.\d\d \| [^|]+ \| "
                          r"\d+ \| \d+ \| " + VERDICT + r" \|$", re.M)
REACH = re.compile(r"Digest reach: 100,000 subscribers \([\d,]+ mails.*: \d+ mails in \d+ h \d\d min at [\d.]+/s")
DIGEST_COST = re.compile(r"Digest cost per 100,000 recipients: \$\d+\.\d\d \((?=.*Lambda \$\d+\.\d\d)"
                         r"(?=.*SQS \$\d+\.\d\d)(?=.*DynamoDB \$\d+\.\d\d)(?=.*SES \$\d+\.\d\d)[^)]*\)\.")
MONTHLY = re.compile(r"Monthly cost: \$[\d,]+\.\d\d at list prices, \$[\d,]+\.\d\d after the always-free tiers "
                     r"\(main terms, after free tiers: \w[^$]* \$[\d,]+\.\d\d.*\)\.")
PRICE_ROW = re.compile(r"^\| [^|]+ \| \$[\d.]+[^|]* \| [^|]+ \| https?://[^|]+ \| 20\d\d-\d\d-\d\d[^|]* \|", re.M)
GOALS = ("Cold start:", "Writes in two round trips", "Reads at one DynamoDB call", "Tally: Schulze", "Tally: IRV",
         "Digest planner stays O(groups)", "Digest cost per 100,000 recipients", "Monthly cost of the stack")


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
    cold, warm, calls, elections, goals, mail, monthly = (section(report, s) for s in SECTIONS)
    if report.index("## Goals") > report.index("## Cold start"):
        found.append("the Goals section is not at the top")
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
            if not re.match(r"(PASS|\*\*MISS\*\* \(.+\))", cells[7]):
                found.append(f"no goal verdict for {key}: {row}")
    if "Scans: none." not in calls:
        found.append("the report does not say that no request did a Scan")
    if not WRITES_LINE.search(calls):
        found.append("no count of writes within one read + one TransactWriteItems")
    if not COLD_GOAL_LINE.search(cold):
        found.append("no cold-start goal verdict (≤ 1.3× bare and < Chalice)")
    if {m.group(1) for m in TALLY_GOAL.finditer(elections)} != {"Schulze", "IRV"}:
        found.append("no tally goal verdict for Schulze and IRV")
    if {m.group(1) for m in DISTINCT_ROW.finditer(elections)} != {"schulze", "irv"}:
        found.append("no timed 'all distinct' count with peak memory for Schulze and IRV")
    if not REACH.search(mail):
        found.append("no digest reach time at the production quota")
    if not DIGEST_COST.search(mail):
        found.append("no digest cost per 100,000 recipients split by service")
    if not MONTHLY.search(monthly):
        found.append("no monthly cost")
    if len(PRICE_ROW.findall(monthly)) < 10:
        found.append("the price list has no prices with their source and date")
    for goal in GOALS:
        row = next((line for line in goals.splitlines() if line.startswith(f"| {goal}")), None)
        if row is None or not re.search(r"\d", row.split("|")[2]):
            found.append(f"no goal row with a figure for {goal!r}")
        elif not re.search(r"\| (PASS|\*\*MISS\*\*|—) \|$", row):
            found.append(f"no verdict for goal {goal!r}: {row}")
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
    # Started as a user would (the shebang's python3 re-executes itself with the project's venv). Four counts of a
    # million ballots in fresh processes and the digest take minutes on a shared machine.
    return subprocess.run([str(BENCH), "--quick"], capture_output=True, text=True, timeout=1500, cwd=ROOT)


@pytest.mark.timeout(1800)
def test_bench_runs_and_reports_every_measure(bench: subprocess.CompletedProcess[str], template: Template) -> None:
    assert bench.returncode == 0, bench.stderr[-4000:]
    keys = [route.key for route in template.routes()]
    functions = list(template.of_type("AWS::Serverless::Function"))
    assert keys and functions
    assert problems(bench.stdout, keys, functions) == []


@pytest.mark.timeout(1800)
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
    no_writes = WRITES_LINE.sub("", report)
    assert "no count of writes within one read + one TransactWriteItems" in problems(no_writes, keys, functions)
    unjudged = re.sub(r"\| (PASS|\*\*MISS\*\* \([^)]*\))( — refused \d+)? \| ([\d.]+ / [\d.]+) \|", r"| ? | \3 |",
                      report, count=1)
    assert any(p.startswith("no goal verdict for ") for p in problems(unjudged, keys, functions))
    assert "no cold-start goal verdict (≤ 1.3× bare and < Chalice)" in problems(
        COLD_GOAL_LINE.sub("", report), keys, functions)
    assert "no tally goal verdict for Schulze and IRV" in problems(TALLY_GOAL.sub("", report, count=1), keys,
                                                                   functions)
    assert "no timed 'all distinct' count with peak memory for Schulze and IRV" in problems(
        DISTINCT_ROW.sub("", report), keys, functions)
    assert "no digest reach time at the production quota" in problems(REACH.sub("", report), keys, functions)
    assert "no digest cost per 100,000 recipients split by service" in problems(
        report.replace("Digest cost per 100,000 recipients: $", "Digest cost: $"), keys, functions)
    assert "no monthly cost" in problems(MONTHLY.sub("Monthly cost: later.", report), keys, functions)
    assert "the price list has no prices with their source and date" in problems(
        PRICE_ROW.sub("| price |", report), keys, functions)
    no_figure = re.sub(r"^(\| Tally: IRV[^|]*\|)[^|]*\|", r"\1 fast |", report, flags=re.M)
    assert "no goal row with a figure for 'Tally: IRV'" in problems(no_figure, keys, functions)
    moved = report.replace("## Goals", "## Later goals")
    assert problems(moved, keys, functions)


def test_bench_rejects_unknown_options() -> None:
    done = subprocess.run([str(BENCH), "--no-such-option"], capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert done.returncode != 0
    assert "usage" in done.stderr
