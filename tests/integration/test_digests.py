"""Digests, notices and reminders end to end: planner → SQS → mailer → SES (read back from moto)."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import boto3
import pytest
from botocore.exceptions import ClientError

from hromada.mail.strings import STRINGS
from tests.integration.mail import (
    MAIL_QUEUES,
    confirmed_subscriber,
    drained,
    mails_to,
    queue_depth,
    wait_for,
    wait_mails,
)

DIJON = {"name": "Salle Devosge", "address": "5 rue Devosge", "city": "Dijon", "postal_code": "21000",
         "department": "21", "region": "27"}


DIGEST_SUBJECTS = tuple(STRINGS[lang][f"digest_subject_{period}"].split("{")[0]
                        for lang in STRINGS for period in ("weekly", "daily"))


def digests_to(stack, email):
    """Digests only: an election or announcement notice relayed late from an earlier test also carries
    List-Unsubscribe, and is not a second digest."""
    return [m for m in mails_to(stack, email)
            if m["headers"].get("List-Unsubscribe") and m["subject"].startswith(DIGEST_SUBJECTS)]


def run(stack, schedule):
    results = stack.schedules.run_now(schedule)
    assert drained(stack, *MAIL_QUEUES, "NotificationsQueue")
    return results


def test_the_weekly_digest_reaches_each_subscriber_once_with_one_click_unsubscribe(api, stack, person, new_event):
    event, _ = new_event(venue=DIJON, categories=["film"])
    french = confirmed_subscriber(api, person, regions=["27"])
    ukrainian = confirmed_subscriber(api, person, regions=["27"], categories=["film"], language="uk")
    [summary] = run(stack, "MailPlannerFunction.WeeklyDigest")
    assert summary["recipients"] >= 2 and summary["jobs"] >= 1
    assert summary["sending"]["seconds"] < 60 and "mails in" in summary["sending"]["estimate"]
    run(stack, "MailPlannerFunction.WeeklyDigest")  # a re-run of the same period sends nothing more
    [fr_mail], [uk_mail] = digests_to(stack, french), digests_to(stack, ukrainian)
    assert fr_mail["subject"].startswith("Votre semaine ukrainienne") and uk_mail["subject"].startswith("Ваш")
    assert event["title"]["fr"] in fr_mail["text"] and event["title"]["fr"] in fr_mail["html"]
    start = datetime.fromisoformat(event["start"].replace("Z", "+00:00")).astimezone(ZoneInfo("Europe/Paris"))
    assert f"{start:%H:%M}" in fr_mail["text"]  # shown in Paris time
    assert fr_mail["headers"]["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    one_click = fr_mail["headers"]["List-Unsubscribe"].strip("<>")
    assert one_click.startswith(stack.api_url + "/subscriptions/unsubscribe?token=")
    assert api.session.post(one_click, data="List-Unsubscribe=One-Click", timeout=30).status_code == 200
    assert api("GET", "/me/subscription", None).status_code == 401
    gone = api.session.get(one_click.replace("/unsubscribe?", "/preferences?"), timeout=30)
    assert gone.status_code == 404


class FlakySes:
    """SES that throttles every third call (and fails one recipient hard): what a busy account sees."""

    def __init__(self, real, refuse: str):
        self.real, self.refuse, self.calls, self.throttled = real, refuse, 0, 0

    def send_email(self, **kwargs):
        self.calls += 1
        if self.calls % 3 == 0:
            self.throttled += 1
            raise ClientError({"Error": {"Code": "TooManyRequestsException", "Message": "slow down"}}, "SendEmail")
        if kwargs["Destination"]["ToAddresses"] == [self.refuse]:
            raise ClientError({"Error": {"Code": "MessageRejected", "Message": "bad address"}}, "SendEmail")
        return self.real.send_email(**kwargs)

    def __getattr__(self, name):  # GetAccount and the rest: the real SES
        return getattr(self.real, name)


def test_throttling_and_failures_mid_batch_still_give_everyone_exactly_one_digest(api, stack, person, new_event,
                                                                               monkeypatch):
    import hromada.mail.ses as ses

    new_event(venue=DIJON, categories=["festival"])
    readers = [confirmed_subscriber(api, person, regions=["27"], categories=["festival"], frequency="daily")
               for _ in range(12)]
    flaky = FlakySes(ses.sesv2(), refuse=readers[-1])
    monkeypatch.setattr(ses, "sesv2", lambda: flaky)
    run(stack, "MailPlannerFunction.DailyDigest")
    assert flaky.throttled >= 3
    for reader in readers[:-1]:
        assert len(digests_to(stack, reader)) == 1, reader
    assert digests_to(stack, readers[-1]) == []  # refused for good: recorded, not retried forever


def test_a_poison_message_lands_in_the_dead_letter_queue(stack):
    sqs = boto3.client("sqs", endpoint_url=stack.moto_url, region_name="eu-west-3")
    before = queue_depth(stack, "MailDeadLetterQueue")
    sqs.send_message(QueueUrl=stack.template.attributes["MailQueue"]["QueueUrl"], MessageBody="{not a job")
    assert wait_for(lambda: queue_depth(stack, "MailDeadLetterQueue") > before, timeout=60)
    assert queue_depth(stack, "MailQueue") == 0


def feedback(stack, topic, notification):
    event = {"Records": [{"EventSource": "aws:sns", "Sns": {"TopicArn": topic, "Message": json.dumps(notification)}}]}
    return stack.invoke("MailFeedbackFunction", event)


def bounce(email, kind="Permanent"):
    return {"eventType": "Bounce", "bounce": {"bounceType": kind, "bouncedRecipients": [{"emailAddress": email}]},
            "mail": {"destination": [email]}}


def test_a_permanent_bounce_or_a_complaint_suppresses_the_address_for_good(api, stack, person, new_event):
    topic = stack.template.physical["MailFeedbackTopic"]
    bounced = confirmed_subscriber(api, person, regions=["27"], frequency="daily")
    complained = confirmed_subscriber(api, person, regions=["27"], frequency="daily")
    soft = confirmed_subscriber(api, person, regions=["27"], frequency="daily")
    assert feedback(stack, topic, bounce(bounced))["suppressed"] == 1
    complaint = {"eventType": "Complaint", "complaint": {"complainedRecipients": [{"emailAddress": complained}]}}
    assert feedback(stack, topic, complaint)["suppressed"] == 1
    assert feedback(stack, topic, bounce(soft, "Transient"))["soft_bounces"] == 1
    assert feedback(stack, "arn:aws:sns:eu-west-3:123456789012:someone-else", bounce(soft))["ignored"] == 1
    # Subscribing again is accepted (nothing revealed) but mails nothing; digests skip them.
    assert api("POST", "/subscriptions", json={"email": bounced}).status_code == 202
    new_event(venue=DIJON, categories=["workshop"])
    run(stack, "MailPlannerFunction.DailyDigest")
    assert mails_to(stack, bounced) == [] and mails_to(stack, complained) == []
    assert len(digests_to(stack, soft)) == 1


def paris_in(hours: float) -> str:
    return (datetime.now(ZoneInfo("Europe/Paris")) + timedelta(hours=hours)).replace(tzinfo=None).isoformat(
        timespec="minutes")


def test_attendees_get_one_reminder_with_a_calendar_invitation(api, stack, person, new_event):
    event, _ = new_event(start=paris_in(20), end=paris_in(22))
    attendee = person(label="attendee")
    assert api("POST", f"/events/{event['id']}/rsvp", attendee, json={}).status_code in (200, 201)
    run(stack, "MailPlannerFunction.Reminders")
    run(stack, "MailPlannerFunction.Reminders")  # every 15 minutes: still one reminder
    [reminder] = wait_mails(stack, attendee.email.lower())
    assert reminder["subject"].startswith("Rappel")
    [invitation] = reminder["attachments"]
    assert invitation["filename"] == "event.ics" and "BEGIN:VEVENT" in invitation["content"]
    assert "List-Unsubscribe" not in reminder["headers"]  # transactional, not bulk


@pytest.mark.parametrize("change", ["cancel", "edit"])
def test_attendees_hear_of_a_change_or_a_cancellation(api, stack, person, new_event, change):
    event, owner = new_event()
    attendee = person(label="attendee")
    assert api("POST", f"/events/{event['id']}/rsvp", attendee, json={}).status_code in (200, 201)
    if change == "cancel":
        done = api("POST", f"/events/{event['id']}/cancel", owner, json={"reason": "Salle indisponible"})
    else:
        done = api("PATCH", f"/events/{event['id']}", owner, json={"title": {"fr": "Concert déplacé"}})
    assert done.status_code == 200, done.text
    [mail] = wait_mails(stack, attendee.email.lower())
    if change == "cancel":
        assert mail["subject"].startswith("Annulé") and "Salle indisponible" in mail["text"]
    else:
        assert mail["subject"] == "Modifié : Concert déplacé"


def test_a_seat_won_from_the_waitlist_is_announced(api, stack, person, new_event):
    event, _ = new_event(capacity=1, registration_required=True)
    first, second = person(label="first"), person(label="second")
    assert api("POST", f"/events/{event['id']}/rsvp", first, json={}).status_code in (200, 201)
    waiting = api("POST", f"/events/{event['id']}/rsvp", second, json={})
    assert waiting.json()["status"] == "waitlisted"
    assert api("DELETE", f"/events/{event['id']}/rsvp", first).status_code in (200, 204)
    [mail] = wait_mails(stack, second.email.lower())
    assert mail["subject"].startswith("Une place s'est libérée")


@pytest.mark.parametrize("decision", ["verify", "reject"])
def test_owners_hear_of_the_moderators_decision(api, stack, person, new_association, decision):
    association, owner = new_association()
    moderator = person("moderators", label="moderator")
    body = {} if decision == "verify" else {"reason": "Statuts introuvables"}
    assert api("POST", f"/associations/{association['id']}/{decision}", moderator, json=body).status_code == 200
    [mail] = wait_mails(stack, owner.email.lower())
    assert association["name"] in mail["subject"]
    if decision == "reject":
        assert "Statuts introuvables" in mail["text"]
    assert mails_to(stack, moderator.email.lower()) == []


def test_an_election_tells_its_electorate_of_nominations_the_vote_and_the_results(
        api, stack, person, new_association):
    from tests.integration.voting import in_voting, publish

    admin = person("admins", label="admin")
    association, owner = new_association(verified=True)
    candidate = person(label="candidate")
    reader = confirmed_subscriber(api, person, language="uk")
    election, _ = in_voting(api, admin, owner, association, candidate)
    assert drained(stack, "NotificationsQueue", *MAIL_QUEUES)
    # Two jobs, possibly sent by two mailer instances at once: told apart by subject, not arrival order.
    by_subject = {m["subject"]: m for m in mails_to(stack, reader)}
    assert sorted(by_subject) == ["Висування кандидатів відкрито: Тестові вибори",
                                  "Голосування відкрито: Тестові вибори"]
    voting = by_subject["Голосування відкрито: Тестові вибори"]
    assert voting["headers"]["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    publish(api, stack, admin, election["id"])
    assert drained(stack, "NotificationsQueue", *MAIL_QUEUES)
    subjects = sorted(m["subject"] for m in mails_to(stack, reader))
    assert subjects == ["Висування кандидатів відкрито: Тестові вибори", "Голосування відкрито: Тестові вибори",
                        "Результати: Тестові вибори"]


def test_an_election_with_a_voter_roll_tells_the_roll_only(api, stack, person, new_association):
    from tests.integration.voting import approved_candidate, in_nominations, ok

    admin = person("admins", label="admin")
    association, owner = new_association(verified=True)
    voter, outsider = person(label="voter"), confirmed_subscriber(api, person)
    election = in_nominations(api, admin, electorate="roll")
    ok(api("POST", f"/elections/{election['id']}/roll", admin, json={"emails": [voter.email]}))
    for name in ("Olena", "Taras"):
        approved_candidate(api, election, owner, association, person(label="candidate"), admin, name)
    ok(api("POST", f"/elections/{election['id']}/open", admin))
    assert wait_for(lambda: [m for m in mails_to(stack, voter.email.lower()) if "Le vote est ouvert" in m["subject"]])
    assert drained(stack, "NotificationsQueue", *MAIL_QUEUES)
    assert [m for m in mails_to(stack, outsider) if "Le vote est ouvert" in m["subject"]] == []


def test_followers_get_an_associations_announcements_within_its_weekly_allowance(api, stack, person,
                                                                                 new_association):
    from tests.integration.test_authorization_announcements import announcement_body

    association, owner = new_association(verified=True)
    follower = confirmed_subscriber(api, person, associations=[association["id"]], language="en")
    paused = confirmed_subscriber(api, person, associations=[association["id"]], frequency="off")
    bystander = confirmed_subscriber(api, person)
    titles = [f"Annonce {n}" for n in range(3)]
    for title in titles:
        created = api("POST", f"/associations/{association['id']}/announcements", owner,
                      json=announcement_body(title={"fr": title}))
        assert created.status_code == 201, created.text
    assert drained(stack, "NotificationsQueue", *MAIL_QUEUES)
    # Two a week (the default); which two is not ordered: the relay and the queues make no promise of order.
    received = [m["subject"] for m in mails_to(stack, follower)]
    assert len(received) == len(set(received)) == 2
    assert set(received) <= {f"{association['name']}: {t}" for t in titles}
    assert all(m["headers"]["List-Unsubscribe-Post"] for m in mails_to(stack, follower))
    assert mails_to(stack, paused) == [] and mails_to(stack, bystander) == []


def test_many_announcements_at_once_never_exceed_the_allowance(api, stack, person, new_association):
    import threading

    from tests.integration.test_authorization_announcements import announcement_body

    association, owner = new_association(verified=True)
    follower = confirmed_subscriber(api, person, associations=[association["id"]])
    barrier = threading.Barrier(8)

    def post(n: int) -> None:
        barrier.wait()
        api("POST", f"/associations/{association['id']}/announcements", owner,
            json=announcement_body(title={"fr": f"Course {n}"}))

    threads = [threading.Thread(target=post, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert drained(stack, "NotificationsQueue", *MAIL_QUEUES)
    assert len(mails_to(stack, follower)) == 2
