"""The command line: parse the options, run every measure against one stack, print (and write) the report,
and say with the exit status whether the run is valid."""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any

from . import monthly
from .calls import goal_counts, measure_calls, report_calls, request_cost
from .cold import COLD_GOAL, COLD_RUNS, COLD_RUNS_QUICK, GOAL_PEER, cold_goal, import_profile, measure_cold, report_cold
from .common import REPORT, ROOT, BenchError, log, verdict
from .cost import total
from .elections import TALLY_GOAL_SECONDS, measure_elections, report_elections, tally_goal
from .mail import PLANNER_COPIES, digest_cost, measure_mail, report_mail
from .report import header, report_goals
from .stack import start_stack
from .warm import WARM_REQUESTS, WARM_REQUESTS_QUICK, measure_warm, report_warm
from .web import first_page_gzip_bytes, report_web


def main(argv: list[str] | None = None, description: str | None = None) -> int:
    try:
        return run(argv, description)
    except BenchError as error:
        log(f"ERROR: {error}")
        return 2


def run(argv: list[str] | None, description: str | None) -> int:
    parser = argparse.ArgumentParser(description=description, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="fewer repetitions (for tests)")
    parser.add_argument("--write", action="store_true", help=f"also write {REPORT.relative_to(ROOT)}")
    parser.add_argument("--runs", type=int, help="cold-start runs per handler")
    parser.add_argument("--requests", type=int, help="warm requests per handler")
    args = parser.parse_args(argv)
    runs = args.runs or (COLD_RUNS_QUICK if args.quick else COLD_RUNS)
    requests = args.requests or (WARM_REQUESTS_QUICK if args.quick else WARM_REQUESTS)

    sys.path[:0] = [str(ROOT)]
    from infra.state import STATE_DIR

    STATE_DIR.mkdir(parents=True, exist_ok=True)
    # Handlers log (Powertools Logger, EMF metrics) to stdout: keep it for the report only.
    report_out = os.fdopen(os.dup(1), "w", encoding="utf-8")
    noise = STATE_DIR / "bench.log"
    with open(noise, "w") as sink:
        os.dup2(sink.fileno(), 1)
    import warnings

    warnings.filterwarnings("ignore", message="No application metrics to publish")

    load_start = os.getloadavg()[0]
    if load_start > (os.cpu_count() or 1):
        log(f"load average {load_start:.1f} on {os.cpu_count()} CPUs: timings will be noisy")
    log(f"starting moto and seeding the demo data (handler output goes to {noise})")
    stack = start_stack(STATE_DIR)
    try:
        targets = measure_cold(stack, runs)
        profile = import_profile(targets)
        warm = measure_warm(stack, requests)
        voting = measure_elections(stack, args.quick)
        exercised = measure_calls(stack)
        mail = measure_mail(stack, args.quick)
    finally:
        stack.moto.stop()
    month = monthly.compute(stack, request_cost(exercised, read=True), request_cost(exercised, read=False),
                            voting["ballot_cost"], mail, first_page_gzip_bytes() / 1024)

    load = (load_start, os.getloadavg()[0])
    goals = collect_goals(targets, exercised, voting, mail, month)
    text = "\n\n".join([header(args, runs, requests, load), report_goals(goals), report_cold(targets, profile, runs),
                        report_warm(warm), report_calls(stack, exercised), report_elections(voting),
                        report_mail(mail), report_web(), monthly.report_monthly(month)]) + "\n"
    report_out.write(text)
    report_out.flush()
    if args.write:
        REPORT.parent.mkdir(parents=True, exist_ok=True)
        REPORT.write_text(text, encoding="utf-8")
        log(f"wrote {REPORT.relative_to(ROOT)}")
    if stack.calls.scans:
        log(f"FAIL: Scan on a request path: {', '.join(sorted(set(stack.calls.scans)))}")
        return 1
    wrong = [e for e in exercised if not e.ok]
    if wrong:
        for e in wrong:
            expected = "2xx-4xx" if e.generic else e.expected
            log(f"FAIL: {e.key} ({e.variant}) answered {e.status}, expected {expected}")
        return 2
    return 0


def collect_goals(targets: list[Any], exercised: list[Any], voting: dict[str, Any], mail: dict[str, Any],
                  month: dict[str, Any]) -> list[tuple[str, str, str]]:
    ok, within, count, worst = cold_goal(targets)
    reads, one = goal_counts(exercised, read=True)
    writes, two = goal_counts(exercised, read=False)
    goals = [
        (f"Cold start: every API function's import + first request ≤ {COLD_GOAL:g}× bare and < {GOAL_PEER}",
         f"{within} of {count} functions; slowest {worst[0]} {worst[1]:.2f}× bare", verdict(ok)),
        ("Writes in two round trips (≤ 1 read + 1 TransactWriteItems)", f"{two} of {writes} write requests",
         verdict(two == writes)),
        ("Reads at one DynamoDB call", f"{one} of {reads} read requests", verdict(one == reads)),
    ]
    for method, name in (("schulze", "Schulze"), ("irv", "IRV")):
        fast, slowest, added = tally_goal(voting, method)
        goals.append((f"Tally: {name}, 1,000,000 ballots < {TALLY_GOAL_SECONDS:g} s on one core",
                      f"{slowest:.2f} s (slowest profile), counting's peak +{added:.0f} MB", verdict(fast)))
    scaling = mail["scaling"]
    goals.append(("Digest planner stays O(groups)",
                  f"own work {mail['seconds'] - mail['dynamodb_seconds']:.2f} s for {mail['subscribers']:,} "
                  f"subscribers; {scaling['ratio']:.2f}× for {PLANNER_COPIES}× the subscribers in the same groups",
                  verdict(scaling["ok"])))
    digest = digest_cost(mail)
    goals.append(("Digest cost per 100,000 recipients", f"${total(digest):.2f}", "—"))
    goals.append(("Monthly cost of the stack (expected use)",
                  f"${month['total']:,.2f} (${month['after_free']:,.2f} after free tiers)", "—"))
    return goals
