"""Elections and polls open and close on time by themselves: the template's schedule runs the voting
clock (here run now, as the local timer would a minute later); its moves are idempotent.

The stack runs in this process, so its clock is moved forward instead of the test sleeping to real instants."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

import pytest

from tests.conftest import association_body
from tests.integration.voting import CLOCK, approved_candidate, at, draft, in_voting, ok


@pytest.fixture
def wait_until(monkeypatch: pytest.MonkeyPatch) -> Callable[[str], None]:
    """Move the domain's clock (every handler reads the time through hromada.domain.clock) just past an instant."""
    from hromada.domain import clock

    real = clock.datetime
    ahead = [timedelta(0)]

    class Shifted(real):  # type: ignore[misc, valid-type]
        @classmethod
        def now(cls, tz=None):
            return real.now(tz) + ahead[0]

    monkeypatch.setattr(clock, "datetime", Shifted)

    def move_past(instant: str) -> None:
        target = datetime.fromisoformat(instant.replace("Z", "+00:00")) + timedelta(milliseconds=50)
        ahead[0] = max(ahead[0], target - real.now(UTC))

    return move_past


@pytest.fixture(scope="module")
def cast(person, api):
    admin, owner = person("admins", label="admin"), person(label="owner")
    association = ok(api("POST", "/associations", owner, json=association_body()), 201)
    ok(api("POST", f"/associations/{association['id']}/verify", person("moderators", label="moderator"), json={}))
    return {"admin": admin, "owner": owner, "association": association, "candidate": person(label="candidate")}


def test_the_calendar_alone_moves_an_election_to_its_published_result(api, stack, person, cast, wait_until):
    admin = cast["admin"]
    opens, closes = at(300), at(600)  # far ahead: only the moved clock (not the minute timer) reaches them
    election = draft(api, admin, nominations_open_at=at(-1), voting_opens_at=opens, voting_closes_at=closes,
                     method="plurality")
    path = f"/elections/{election['id']}"
    stack.schedules.run_now(CLOCK)
    assert ok(api("GET", path))["status"] == "nominations"
    candidate = approved_candidate(api, election, cast["owner"], cast["association"], cast["candidate"], admin,
                                   "Olena")
    voter = person(label="voter")
    early = api("POST", f"{path}/ballots", voter, json={"choice": candidate["id"]})
    assert early.status_code == 409 and early.json()["error"]["code"] == "voting_not_open"

    wait_until(opens)
    stack.schedules.run_now(CLOCK)
    voting = ok(api("GET", path))
    assert voting["status"] == "voting" and [c["id"] for c in voting["ballot"]] == [candidate["id"]]
    ok(api("POST", f"{path}/ballots", voter, json={"choice": candidate["id"]}), 201)

    wait_until(closes)
    late = api("POST", f"{path}/ballots", person(label="late"), json={"choice": candidate["id"]})
    assert late.status_code == 409 and late.json()["error"]["code"] == "voting_closed"
    stack.schedules.run_now(CLOCK)
    assert ok(api("GET", path))["status"] == "published"
    assert ok(api("GET", f"{path}/results"))["result"]["counts"] == {candidate["id"]: 1}
    audit = ok(api("GET", f"{path}/audit", admin))
    by_clock = [e["action"] for e in audit if e["actor_id"] == "scheduler"]
    assert by_clock == ["election.nominations_opened", "election.voting_opened", "election.closed",
                        "election.published"]


def test_clocks_running_at_once_move_each_election_once(api, stack, person, cast, wait_until):
    election, ids = in_voting(api, cast["admin"], cast["owner"], cast["association"], cast["candidate"],
                              voting_opens_at=at(300), voting_closes_at=at(600), names=("Olena",),
                              method="plurality")
    ok(api("POST", f"/elections/{election['id']}/ballots", person(label="voter"), json={"choice": ids[0]}), 201)
    wait_until(election["voting_closes_at"])
    with ThreadPoolExecutor(max_workers=6) as pool:
        list(pool.map(lambda _: stack.schedules.run_now(CLOCK), range(6)))
    audit = [e["action"] for e in ok(api("GET", f"/elections/{election['id']}/audit", cast["admin"]))]
    assert audit.count("election.closed") == 1 and audit.count("election.published") == 1
    assert ok(api("GET", f"/elections/{election['id']}/results"))["result"]["ballots"] == 1


def test_a_poll_opens_and_closes_on_time(api, stack, person, wait_until):
    moderator = person("moderators", label="moderator")
    opens, closes = at(300), at(600)
    poll = ok(api("POST", "/polls", moderator, json={
        "question": {"fr": "Quel atelier cet automne ?"}, "options": [{"fr": "Broderie"}, {"fr": "Bandoura"}],
        "opens_at": opens, "closes_at": closes, "results": "after_close"}), 201)
    assert poll["status"] == "scheduled"
    member = person(label="member")
    assert api("POST", f"/polls/{poll['id']}/votes", member, json={"choices": ["o1"]}).status_code == 409
    wait_until(opens)
    stack.schedules.run_now(CLOCK)
    assert ok(api("GET", f"/polls/{poll['id']}", member))["status"] == "open"
    ok(api("POST", f"/polls/{poll['id']}/votes", member, json={"choices": ["o2"]}), 201)
    assert ok(api("GET", f"/polls/{poll['id']}", member))["counts"] is None  # results after the close
    wait_until(closes)
    stack.schedules.run_now(CLOCK)
    closed = ok(api("GET", f"/polls/{poll['id']}", member))
    assert closed["status"] == "closed" and closed["counts"] == {"o1": 0, "o2": 1} and closed["voters"] == 1


def test_the_local_stack_runs_the_template_schedules_on_timers(stack):
    assert {s.name for s in stack.schedules.schedules} == {
        "VotingClockFunction.EveryMinute", "MailPlannerFunction.Reminders",
        "MailPlannerFunction.WeeklyDigest", "MailPlannerFunction.DailyDigest",
        "MailPlannerFunction.WeeklyTwinningHealth", "EventSeriesFunction.Daily", "OpenDataFunction.Daily"}
    # rate(...) schedules run on timers; the digests' cron(...) ones run when asked (dev mailbox, CLI)
    assert sorted(t.name for t in stack.schedules.threads if t.is_alive()) == [
        "schedule MailPlannerFunction.Reminders", "schedule VotingClockFunction.EveryMinute"]
