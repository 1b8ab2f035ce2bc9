"""The template's schedules, run locally (moto stores schedules but never fires them).

Reads every schedule template.yaml declares, function events of type ScheduleV2 or Schedule and
AWS::Scheduler::Schedule resources targeting a function, and invokes the target in-process on a timer,
as EventBridge Scheduler would invoke the Lambda function. rate(...) expressions run; cron(...) and
at(...) ones are listed but not run locally.

    python -m infra.schedules                     list the schedules
    python -m infra.schedules run <name>          run one now against the running `make run` stack
                                                  (<name>: Function.Event, Schedule resource or function)
"""

from __future__ import annotations

import json
import logging
import re
import sys
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, ClassVar

from infra.template import Template
from infra.threads import BackgroundThreads

log = logging.getLogger("hromada.schedules")
_RATE = re.compile(r"^rate\((\d+)\s+(minute|minutes|hour|hours|day|days)\)$")
_SECONDS = {"minute": 60, "hour": 3600, "day": 86400}


def interval_of(expression: str) -> float | None:
    """Seconds between runs for rate(...); None for what the local timers do not run (cron, at)."""
    match = _RATE.match(expression.strip())
    if not match:
        return None
    return int(match.group(1)) * _SECONDS[match.group(2).rstrip("s")]


@dataclass(frozen=True)
class Schedule:
    name: str
    function: str  # logical id of the target function
    expression: str
    payload_input: str | None = None
    kind: str = "ScheduleV2"  # ScheduleV2 and Scheduler targets get Input; Schedule gets the Scheduled Event

    @property
    def interval(self) -> float | None:
        return interval_of(self.expression)

    def event(self) -> dict[str, Any]:
        if self.kind != "Schedule":
            return json.loads(self.payload_input) if self.payload_input else {}
        if self.payload_input:
            return json.loads(self.payload_input)
        return {"version": "0", "id": str(uuid.uuid4()), "detail-type": "Scheduled Event", "source": "aws.events",
                "account": "123456789012", "time": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
                "region": "eu-west-3", "resources": [f"arn:aws:events:eu-west-3:123456789012:rule/{self.name}"],
                "detail": {}}


def _enabled(props: dict[str, Any]) -> bool:
    return props.get("Enabled", True) is not False and str(props.get("State", "ENABLED")).upper() == "ENABLED"


def _target_function(arn: Any) -> str | None:
    """A Scheduler target written !GetAtt Fn.Arn (or its alias !Ref Fn.Alias) names the function."""
    if isinstance(arn, dict) and "Fn::GetAtt" in arn:
        value = arn["Fn::GetAtt"]
        return (value if isinstance(value, list) else value.split(".", 1))[0]
    return None


def schedules(template: Template) -> list[Schedule]:
    found = []
    for name, function in template.of_type("AWS::Serverless::Function").items():
        for event_name, event in (function.get("Properties", {}).get("Events") or {}).items():
            kind = event.get("Type")
            props = event.get("Properties") or {}
            if kind in ("Schedule", "ScheduleV2") and _enabled(props):
                expression = props.get("ScheduleExpression") or props.get("Schedule") or ""
                found.append(Schedule(f"{name}.{event_name}", name, str(expression), props.get("Input"), kind))
    functions = set(template.of_type("AWS::Serverless::Function"))
    for name, resource in template.of_type("AWS::Scheduler::Schedule").items():
        props = resource.get("Properties") or {}
        target = props.get("Target") or {}
        function = _target_function(target.get("Arn"))
        if function in functions and _enabled(props):
            found.append(Schedule(name, function, str(props.get("ScheduleExpression", "")), target.get("Input")))
    return found


@dataclass
class Timers(BackgroundThreads):
    """One timer thread per runnable schedule; each run invokes the function as Lambda would."""

    template: Template
    invoke: Callable[[str, dict[str, Any]], Any]
    time_scale: float = 1.0  # tests shrink the intervals (0.01: a minute lasts 0.6 s)
    join_timeout: ClassVar[float] = 30
    runs: dict[str, int] = field(default_factory=dict)

    @property
    def schedules(self) -> list[Schedule]:
        return schedules(self.template)

    def start(self) -> Timers:
        for schedule in self.schedules:
            if schedule.interval is None:
                log.warning("schedule %s (%s) is not run locally", schedule.name, schedule.expression)
                continue
            self.spawn(self._loop, schedule, name=f"schedule {schedule.name}")
        return self

    def run_now(self, name: str) -> list[Any]:
        """Run now every schedule called `name` or targeting the function `name`; their results."""
        chosen = [s for s in self.schedules if name in (s.name, s.function)]
        if not chosen:
            raise KeyError(f"no schedule or scheduled function {name!r} in the template")
        return [self._fire(s) for s in chosen]

    def _loop(self, schedule: Schedule) -> None:
        while not self.stopping.wait((schedule.interval or 0) * self.time_scale):
            try:
                self._fire(schedule)
            except Exception:  # a failed run is logged; the schedule keeps its rhythm, as in AWS
                log.exception("schedule %s failed", schedule.name)

    def _fire(self, schedule: Schedule) -> Any:
        self.runs[schedule.name] = self.runs.get(schedule.name, 0) + 1
        return self.invoke(schedule.function, schedule.event())


def _run_against_running_stack(name: str) -> Any:
    """For `make run`: ask the running stack (its address is in .hromada/local.json) to run it now."""
    import requests

    from infra.state import state_dir

    info = json.loads((state_dir() / "local.json").read_text())
    response = requests.post(f"{info['api_url']}/dev/schedules/{name}", timeout=600)
    if response.status_code == 404:
        raise SystemExit(f"no schedule or scheduled function {name!r} in the template")
    response.raise_for_status()
    return response.json()


def main(argv: list[str]) -> int:
    if argv[:1] == ["run"] and len(argv) == 2:
        print(json.dumps(_run_against_running_stack(argv[1]), indent=2, default=str))
        return 0
    if argv:
        print(__doc__, file=sys.stderr)
        return 2
    for schedule in schedules(Template()):
        runs = "runs locally" if schedule.interval else "not run locally"
        print(f"{schedule.name:<40} {schedule.expression:<20} -> {schedule.function} ({runs})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
