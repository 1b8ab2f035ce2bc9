"""The local stack runs template.yaml's schedules itself (moto never fires them)."""

from __future__ import annotations

import threading
import time

import pytest

from infra.schedules import Timers, interval_of, schedules
from infra.template import Template

TEMPLATE = """
AWSTemplateFormatVersion: "2010-09-09"
Transform: AWS::Serverless-2016-10-31
Resources:
  TickFunction:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: functions/tick/
      Handler: app.lambda_handler
      Runtime: python3.12
      Events:
        Often:
          Type: ScheduleV2
          Properties: { ScheduleExpression: rate(1 minute), Input: '{"job": "often"}' }
        Nightly:
          Type: ScheduleV2
          Properties: { ScheduleExpression: "cron(0 3 * * ? *)" }
        Legacy:
          Type: Schedule
          Properties: { Schedule: rate(2 hours) }
        Off:
          Type: ScheduleV2
          Properties: { ScheduleExpression: rate(1 minute), State: DISABLED }
  Hourly:
    Type: AWS::Scheduler::Schedule
    Properties:
      ScheduleExpression: rate(1 hour)
      FlexibleTimeWindow: { Mode: "OFF" }
      Target: { Arn: !GetAtt TickFunction.Arn, RoleArn: arn:aws:iam::123456789012:role/x, Input: '{"job": "hourly"}' }
"""


@pytest.fixture
def template(tmp_path) -> Template:
    path = tmp_path / "template.yaml"
    path.write_text(TEMPLATE)
    return Template(path=path)


@pytest.mark.parametrize(("expression", "seconds"), [
    ("rate(1 minute)", 60), ("rate(5 minutes)", 300), ("rate(1 hour)", 3600), ("rate(2 days)", 172800),
    ("cron(0 3 * * ? *)", None), ("at(2026-01-01T00:00:00)", None), ("rate(minute)", None),
])
def test_rate_expressions(expression, seconds):
    assert interval_of(expression) == seconds


def test_every_kind_of_schedule_is_read_and_disabled_ones_are_not(template):
    found = {s.name: s for s in schedules(template)}
    assert set(found) == {"TickFunction.Often", "TickFunction.Nightly", "TickFunction.Legacy", "Hourly"}
    assert {s.function for s in found.values()} == {"TickFunction"}
    assert found["TickFunction.Often"].event() == {"job": "often"}
    assert found["Hourly"].event() == {"job": "hourly"}
    assert found["TickFunction.Legacy"].event()["detail-type"] == "Scheduled Event"
    assert found["TickFunction.Nightly"].interval is None


def test_the_project_template_runs_the_voting_clock_every_minute():
    clock = [s for s in schedules(Template()) if s.function == "VotingClockFunction"]
    assert [(s.expression, s.interval) for s in clock] == [("rate(1 minute)", 60)]


def test_timers_invoke_the_target_on_their_rhythm_until_stopped(template):
    calls: list[tuple[str, dict]] = []
    lock = threading.Lock()

    def invoke(function, event):
        with lock:
            calls.append((function, event))

    timers = Timers(template, invoke, time_scale=0.002).start()  # a minute lasts 0.12 s
    time.sleep(0.6)
    timers.stop()
    often = [e for f, e in calls if e == {"job": "often"}]
    assert 3 <= len(often) <= 6
    assert not any(e.get("detail-type") for _, e in calls)  # every 2 hours: 14 s here, not yet
    settled = len(calls)
    time.sleep(0.3)
    assert len(calls) == settled  # stopped means stopped


def test_run_now_runs_a_schedule_or_every_schedule_of_a_function(template):
    seen = []
    timers = Timers(template, lambda function, event: seen.append(event) or "done")
    assert timers.run_now("Hourly") == ["done"]
    assert seen == [{"job": "hourly"}]
    assert len(timers.run_now("TickFunction")) == 4
    with pytest.raises(KeyError):
        timers.run_now("NoSuchFunction")
