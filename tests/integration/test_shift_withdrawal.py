"""An announcement deleted with its shifts, over HTTP with real tokens: each volunteer (confirmed or waitlisted)
is told once, even when the follow-up is delivered more than once; nothing is reminded afterwards; nothing
lists the shifts any more; a sign-up racing the delete ends refused, or cancelled and mailed. A hidden
announcement refuses sign-ups and keeps its volunteers for when it is shown again."""

from __future__ import annotations

import json
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import boto3
import pytest

from hromada.domain.time_budget import MARGIN_SECONDS, TimeBudget
from hromada.store.follow_ups import SqsFollowUps
from tests.integration.mail import MAIL_QUEUES, drained, mails_to
from tests.integration.shifts import new_project, new_shift
from tests.integration.test_bad_input import error_of
from tests.integration.test_event_races import race
from tests.integration.test_moderation import reported_by, review
from tests.integration.test_races import partition

CANCELLED = "Créneau annulé"


def settle(stack) -> None:
    assert drained(stack, "NotificationsQueue", *MAIL_QUEUES)


def cancellations(stack, who) -> list[dict]:
    return [m for m in mails_to(stack, who.email.lower()) if m["subject"].startswith(CANCELLED)]


def deliver_again(stack, announcement: dict, copies: int) -> None:
    """The follow-up's bus event put on the notifications queue again, as a retried relay or a duplicate delivery
    would: each copy with an outbox id of its own, so the notifier's own once-only check does not stop it."""
    sqs = boto3.client("sqs", endpoint_url=stack.moto_url, region_name="eu-west-3",
                       aws_access_key_id="local", aws_secret_access_key="local")
    url = stack.template.attributes["NotificationsQueue"]["QueueUrl"]
    for n in range(copies):
        detail = {"announcement_id": announcement["id"], "association_id": announcement["association"]["id"],
                  "association_name": announcement["association"]["name"], "title": announcement["title"],
                  "outbox_id": f"ob_again{n}{announcement['id'][-8:]}"}
        sqs.send_message(QueueUrl=url, MessageBody=json.dumps({
            "source": "hromada.events", "detail-type": "AnnouncementDeleted", "detail": detail}))


def tomorrow_morning_in_twenty_hours() -> dict:
    """A shift starting within the reminders' day-before window."""
    start = datetime.now(UTC).astimezone(ZoneInfo("Europe/Paris")) + timedelta(hours=20)
    if start.hour == 23 and start.minute > 50:
        start -= timedelta(hours=1)
    end = min(start + timedelta(hours=1), start.replace(hour=23, minute=59))
    return {"date": start.date().isoformat(), "start_time": start.strftime("%H:%M"), "end_time": end.strftime("%H:%M")}


def test_deleting_the_announcement_cancels_its_shifts_and_tells_each_volunteer_once(
        api, new_association, person, stack):
    _, owner, post = new_project(api, new_association)
    shift = new_shift(api, owner, post, people=3, **tomorrow_morning_in_twenty_hours())
    path = f"/announcements/{post['id']}/shifts/{shift['id']}"
    volunteers = [person(label=f"vol{i}") for i in range(5)]
    for who in volunteers:
        assert api("POST", f"{path}/signup", who).status_code == 201
    statuses = Counter(api("GET", f"{path}/signup", who).json()["status"] for who in volunteers)
    assert statuses == {"confirmed": 3, "waitlisted": 2}
    assert [s["shift_id"] for s in api("GET", "/me/export", volunteers[0]).json()["shifts"]] == [shift["id"]]
    settle(stack)

    assert api("DELETE", f"/announcements/{post['id']}", owner).status_code == 204
    deliver_again(stack, post, copies=2)  # three deliveries in all
    settle(stack)

    for who in volunteers:
        [told] = cancellations(stack, who)
        # the page is gone: no link to it, in the text, the HTML or the calendar's cancellation
        assert post["id"] not in told["text"] and post["id"] not in (told["html"] or "")
        [invitation] = told["attachments"]
        assert "STATUS:CANCELLED" in invitation["content"] and post["id"] not in invitation["content"]
        assert "retiré son annonce" in told["text"]
    assert not cancellations(stack, owner)

    # nothing left of the shift: no item, no signup, nothing in the volunteers' exports
    assert partition(stack, f"SHIFT#{shift['id']}") == []
    assert [i["sk"]["S"] for i in partition(stack, f"ANN#{post['id']}") if i["sk"]["S"].startswith("SHIFT#")] == []
    for who in volunteers:
        assert api("GET", "/me/export", who).json()["shifts"] == []
        assert api("GET", f"{path}/signup", who).status_code == 404
    late = person(label="late")
    assert error_of(api("POST", f"{path}/signup", late), 404)["code"] in ("shift_not_found", "announcement_not_found")
    assert api("GET", f"/announcements/{post['id']}/shifts").status_code == 404

    # the reminders' run within the day before finds nothing to remind
    stack.schedules.run_now("MailPlannerFunction.Reminders")
    settle(stack)
    for who in volunteers:
        assert not [m for m in mails_to(stack, who.email.lower()) if m["subject"].startswith("Rappel")]


def test_a_shift_cancelled_before_the_delete_is_not_told_twice(api, new_association, person, stack):
    _, owner, post = new_project(api, new_association)
    cancelled, open_shift = new_shift(api, owner, post, people=2), new_shift(api, owner, post, people=2)
    early, later = person(label="early"), person(label="later")
    api("POST", f"/announcements/{post['id']}/shifts/{cancelled['id']}/signup", early)
    api("POST", f"/announcements/{post['id']}/shifts/{open_shift['id']}/signup", later)
    assert api("POST", f"/announcements/{post['id']}/shifts/{cancelled['id']}/cancel", owner).status_code == 200
    settle(stack)
    assert len(cancellations(stack, early)) == 1
    assert api("DELETE", f"/announcements/{post['id']}", owner).status_code == 204
    settle(stack)
    assert len(cancellations(stack, early)) == 1  # the cancellation's once-only key: already told
    assert len(cancellations(stack, later)) == 1
    assert partition(stack, f"SHIFT#{cancelled['id']}") == [] and partition(stack, f"SHIFT#{open_shift['id']}") == []


def test_a_signup_racing_the_delete_is_refused_or_cancelled_and_mailed(api, new_association, person, stack):
    _, owner, post = new_project(api, new_association)
    shift = new_shift(api, owner, post, people=3)
    path = f"/announcements/{post['id']}/shifts/{shift['id']}"
    members = [person(label=f"racer{i}") for i in range(8)]
    calls = [lambda m=m: api("POST", f"{path}/signup", m) for m in members]
    calls.insert(4, lambda: api("DELETE", f"/announcements/{post['id']}", owner))
    responses = race(calls)
    deleted = responses.pop(4)
    assert deleted.status_code == 204, deleted.text
    assert {r.status_code for r in responses} <= {201, 404}, [r.text for r in responses]
    settle(stack)
    for who, answer in zip(members, responses, strict=True):
        # signed up before the delete: cancelled and told once; after: refused, and told nothing
        assert len(cancellations(stack, who)) == (1 if answer.status_code == 201 else 0), answer.text
    assert partition(stack, f"SHIFT#{shift['id']}") == []  # no live signup left on a deleted announcement


def test_a_hidden_announcement_refuses_signups_and_keeps_its_volunteers_until_restored(
        api, new_association, person, stack):
    moderator = person("moderators", label="moderator")
    _, owner, post = new_project(api, new_association)
    shift = new_shift(api, owner, post, people=2)
    path = f"/announcements/{post['id']}/shifts/{shift['id']}"
    volunteer, newcomer = person(label="volunteer"), person(label="newcomer")
    assert api("POST", f"{path}/signup", volunteer).status_code == 201
    reported_by(api, person, "announcement", post["id"])
    assert error_of(api("POST", f"{path}/signup", newcomer), 404)["code"] == "announcement_not_found"
    assert api("GET", f"/announcements/{post['id']}/shifts").status_code == 404
    entry = review(api, moderator, f"announcement:{post['id']}")
    restored = api("POST", f"/moderation/flags/announcement:{post['id']}/decisions", moderator,
                   json={"action": "dismiss", "version": entry["version"]})
    assert restored.status_code == 200, restored.text
    assert api("GET", f"{path}/signup", volunteer).json()["status"] == "confirmed"  # kept, never told otherwise
    assert api("POST", f"{path}/signup", newcomer).status_code == 201
    settle(stack)
    assert not cancellations(stack, volunteer)


@pytest.mark.parametrize("gone_by", ["hide", "delete"])
def test_attack_a_signup_written_after_a_hide_or_delete_it_did_not_see_is_refused(
        api, new_association, person, stack, gone_by):
    """A request that read the announcement shown, then wrote its signup after a moderator hid it (or its editor
    deleted it): the write itself checks the announcement, so no place is taken on what nobody may see."""
    from hromada.domain.ports import ConditionFailed
    from hromada.models.shift import Signup, SignupStatus
    from hromada.store.shifts import DynamoShiftStore

    _, owner, post = new_project(api, new_association)
    shift = new_shift(api, owner, post, people=1)
    taken = person(label="taken")
    assert api("POST", f"/announcements/{post['id']}/shifts/{shift['id']}/signup", taken).status_code == 201
    if gone_by == "hide":
        reported_by(api, person, "announcement", post["id"])
    else:
        stack.streams.paused.set()  # the follow-up waits: the shift is still there when the late write lands
    try:
        if gone_by == "delete":
            assert api("DELETE", f"/announcements/{post['id']}", owner).status_code == 204
        store = DynamoShiftStore()
        late = {"shift_id": shift["id"], "announcement_id": post["id"], "email": "late@example.org",
                "joined_at": "2026-01-01T00:00:00.000Z"}
        with pytest.raises(ConditionFailed) as refused:
            store.join_waitlist(Signup(member_id="late-member", status=SignupStatus.WAITLISTED, **late))
        assert refused.value.which == "announcement"
        assert [i["sk"]["S"] for i in partition(stack, f"SHIFT#{shift['id']}")] == [f"VOL#{taken.sub}"]
    finally:
        stack.streams.paused.clear()
    settle(stack)


def test_more_items_than_one_transaction_holds_are_all_cancelled_and_told(api, new_association, person, stack):
    """Two full shifts of 30 volunteers (60 signups, 58 waitlist slots, the shifts: over the 100 items of a
    transaction): the follow-up handles them shift by shift, everyone is told once."""
    _, owner, post = new_project(api, new_association)
    shifts = [new_shift(api, owner, post, people=1), new_shift(api, owner, post, people=1, days=11)]
    members = [person(label=f"many{i}") for i in range(60)]
    calls = [lambda m=m, s=s: api("POST", f"/announcements/{post['id']}/shifts/{s['id']}/signup", m)
             for s, group in ((shifts[0], members[:30]), (shifts[1], members[30:])) for m in group]
    # One after another: what is raced here is the follow-up, not the sign-ups (60 at once overrun the local
    # gateway on a loaded machine: 503s); sign-up races have their own tests.
    assert Counter(c().status_code for c in calls) == {201: 60}
    settle(stack)
    held = sum(len(partition(stack, f"SHIFT#{s['id']}")) for s in shifts) + len(shifts)
    assert held > 100
    started = time.monotonic()
    assert api("DELETE", f"/announcements/{post['id']}", owner).status_code == 204
    settle(stack)
    print(f"follow-up of {held} items and 60 mails: {time.monotonic() - started:.1f} s")
    assert all(len(cancellations(stack, m)) == 1 for m in members)
    assert all(partition(stack, f"SHIFT#{s['id']}") == [] for s in shifts)


class TightTime:
    """Every notifier invocation allowed two shifts' worth of time: each reading of its remaining time costs 2 s
    of a fresh 12 s (5 s kept to put the rest back). Counts the follow-ups put back on the notifications queue."""

    def __init__(self) -> None:
        self.continued: list[str] = []

    def budget(self, context, margin: float = MARGIN_SECONDS) -> TimeBudget | None:
        if context is None:
            return None
        left = [12.0]

        def time_left() -> float:
            left[0] -= 2.0
            return left[0]

        return TimeBudget(time_left, margin)


def test_a_withdrawal_longer_than_an_invocation_is_put_back_and_finished_each_volunteer_told_once(
        api, new_association, person, stack, monkeypatch):
    """Five shifts, four volunteers on each (two confirmed, two waiting), two shifts per invocation, a duplicate
    delivery alongside: the follow-up goes back on the queue as a new message (never a failed receive: nothing
    reaches the dead-letter queue), each volunteer is told once per shift, no sign-up is left."""
    _, owner, post = new_project(api, new_association)
    shifts = [new_shift(api, owner, post, people=2, days=10 + n) for n in range(5)]
    volunteers = [person(label=f"long{i}") for i in range(4)]
    for s in shifts:
        for who in volunteers:
            assert api("POST", f"/announcements/{post['id']}/shifts/{s['id']}/signup", who).status_code == 201
    settle(stack)
    tight = TightTime()
    again = SqsFollowUps.again
    monkeypatch.setattr(TimeBudget, "of", staticmethod(tight.budget))
    monkeypatch.setattr(SqsFollowUps, "again",
                        lambda self, body, delay=0: (tight.continued.append(body), again(self, body, delay))[-1])
    dead_before = queue_depth(stack, "NotificationsDeadLetterQueue")

    assert api("DELETE", f"/announcements/{post['id']}", owner).status_code == 204
    deliver_again(stack, post, copies=1)
    settle(stack)

    assert len(tight.continued) >= 2  # each delivery stopped at least twice on its way
    assert all(json.loads(body)["detail-type"] == "AnnouncementDeleted" for body in tight.continued)
    for who in volunteers:
        told = cancellations(stack, who)
        assert len(told) == len(shifts), who.email  # one per shift, none twice
    assert all(partition(stack, f"SHIFT#{s['id']}") == [] for s in shifts)
    assert [i["sk"]["S"] for i in partition(stack, f"ANN#{post['id']}") if i["sk"]["S"].startswith("SHIFT#")] == []
    assert queue_depth(stack, "NotificationsDeadLetterQueue") == dead_before


def queue_depth(stack, name: str) -> int:
    sqs = boto3.client("sqs", endpoint_url=stack.moto_url, region_name="eu-west-3",
                       aws_access_key_id="local", aws_secret_access_key="local")
    attributes = sqs.get_queue_attributes(QueueUrl=stack.template.attributes[name]["QueueUrl"],
                                          AttributeNames=["ApproximateNumberOfMessages"])["Attributes"]
    return int(attributes["ApproximateNumberOfMessages"])
