"""Mail to volunteers: sign-up confirmation with the .ics, waitlist, promotion, cancellation (volunteers only),
the day-before reminder (once), messages from the association (Reply-To its published contact, rate-limited)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from tests.integration.mail import MAIL_QUEUES, drained, mails_to, wait_mails
from tests.integration.shifts import new_project, new_shift
from tests.integration.test_bad_input import error_of


def run(stack, schedule):
    results = stack.schedules.run_now(schedule)
    assert drained(stack, *MAIL_QUEUES, "NotificationsQueue")
    return results


def test_signing_up_mails_a_confirmation_with_the_calendar_invitation(api, new_association, person, stack):
    _, owner, post = new_project(api, new_association)
    shift = new_shift(api, owner, post, people=1)
    path = f"/announcements/{post['id']}/shifts/{shift['id']}"
    first, second = person(label="first"), person(label="second")
    api("POST", f"{path}/signup", first)
    api("POST", f"{path}/signup", second)
    [confirmation] = wait_mails(stack, first.email.lower())
    assert confirmation["subject"].startswith("Inscription confirmée")
    [invitation] = confirmation["attachments"]
    assert invitation["filename"] == "event.ics" and "BEGIN:VEVENT" in invitation["content"]
    assert f"UID:{shift['id']}@" in invitation["content"] and "TZID=Europe/Paris" in invitation["content"]
    assert "List-Unsubscribe" not in confirmation["headers"]  # transactional, as event notices
    [waiting] = wait_mails(stack, second.email.lower())
    assert waiting["subject"].startswith("Liste d'attente") and "n° 1" in waiting["text"]

    assert api("DELETE", f"{path}/signup", first).status_code == 204
    promoted = wait_mails(stack, second.email.lower(), count=2)
    assert promoted[0]["subject"].startswith("Une place s'est libérée") and promoted[0]["attachments"]


def test_a_cancelled_shift_is_told_to_its_volunteers_only(api, new_association, person, stack):
    _, owner, post = new_project(api, new_association)
    shift = new_shift(api, owner, post, people=2)
    other = new_shift(api, owner, post, people=2)
    path = f"/announcements/{post['id']}/shifts/{shift['id']}"
    volunteer, elsewhere = person(label="volunteer"), person(label="elsewhere")
    api("POST", f"{path}/signup", volunteer)
    api("POST", f"/announcements/{post['id']}/shifts/{other['id']}/signup", elsewhere)
    assert api("POST", f"{path}/cancel", owner).status_code == 200
    assert api("POST", f"{path}/cancel", owner).status_code == 200  # again: nobody is told twice
    assert drained(stack, *MAIL_QUEUES)
    cancelled = [m for m in mails_to(stack, volunteer.email.lower()) if m["subject"].startswith("Créneau annulé")]
    assert len(cancelled) == 1
    assert not [m for m in mails_to(stack, elsewhere.email.lower()) if m["subject"].startswith("Créneau annulé")]
    assert not [m for m in mails_to(stack, owner.email.lower()) if m["subject"].startswith("Créneau annulé")]


def test_the_day_before_reminder_is_sent_once_with_the_invitation(api, new_association, person, stack):
    _, owner, post = new_project(api, new_association)
    start = datetime.now(UTC).astimezone(ZoneInfo("Europe/Paris")) + timedelta(hours=20)
    if start.hour == 23 and start.minute > 50:
        start -= timedelta(hours=1)
    end = min(start + timedelta(hours=1), start.replace(hour=23, minute=59))
    shift = new_shift(api, owner, post, date=start.date().isoformat(), start_time=start.strftime("%H:%M"),
                      end_time=end.strftime("%H:%M"))
    later = new_shift(api, owner, post, days=5)
    volunteer = person(label="volunteer")
    for s in (shift, later):
        api("POST", f"/announcements/{post['id']}/shifts/{s['id']}/signup", volunteer)
    run(stack, "MailPlannerFunction.Reminders")
    run(stack, "MailPlannerFunction.Reminders")  # every 15 minutes: still one reminder
    reminders = [m for m in mails_to(stack, volunteer.email.lower()) if m["subject"].startswith("Rappel")]
    assert len(reminders) == 1
    [invitation] = reminders[0]["attachments"]
    assert f"UID:{shift['id']}@" in invitation["content"]


def test_messages_reach_volunteers_with_the_association_as_reply_to_and_are_rate_limited(
        api, new_association, person, stack):
    _, owner, post = new_project(api, new_association, contact_email="equipe@example.org", show_contact_email=True)
    shift = new_shift(api, owner, post, people=1)
    path = f"/announcements/{post['id']}/shifts/{shift['id']}"
    volunteer, waiting = person(label="volunteer"), person(label="waiting")
    api("POST", f"{path}/signup", volunteer)
    api("POST", f"{path}/signup", waiting)
    sent = api("POST", f"{path}/messages", owner, json={"id": uuid.uuid4().hex, "text": "Rendez-vous porte B."})
    assert sent.status_code == 202 and sent.json()["recipients"] == 1  # the confirmed volunteers
    assert drained(stack, *MAIL_QUEUES)
    [message] = [m for m in mails_to(stack, volunteer.email.lower()) if "porte B" in (m["text"] or "")]
    assert message["headers"]["Reply-To"] == "equipe@example.org"
    assert owner.email.lower() not in str(message).lower()
    assert not [m for m in mails_to(stack, waiting.email.lower()) if "porte B" in (m["text"] or "")]
    for n in range(4):  # five per association and hour
        assert api("POST", f"{path}/messages", owner, json={"id": uuid.uuid4().hex, "text": f"n{n}"}).status_code == 202
    refused = api("POST", f"{path}/messages", owner, json={"id": uuid.uuid4().hex, "text": "one too many"})
    assert error_of(refused, 429)["code"] == "too_many_messages" and int(refused.headers["Retry-After"]) > 0


def test_no_message_without_a_published_contact(api, new_association, person):
    _, owner, post = new_project(api, new_association, contact_email="private@example.org")
    shift = new_shift(api, owner, post)
    refused = api("POST", f"/announcements/{post['id']}/shifts/{shift['id']}/messages", owner,
                  json={"id": uuid.uuid4().hex, "text": "Bonjour"})
    assert error_of(refused, 409)["code"] == "association_without_contact"
