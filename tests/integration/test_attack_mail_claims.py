"""Attack: make the mailer fail in a way it did not expect, so the delivery claim stays in "sending" and the
redelivered job skips the recipient as already served (the person never gets the mail).

Two ways in: a network error from SES (botocore's BotoCoreError, not a ClientError), and a title holding
CR/LF that reaches the Subject header (Python's email package refuses it with a ValueError).
"""

from __future__ import annotations

from botocore.exceptions import EndpointConnectionError

from tests.integration.mail import confirmed_subscriber, wait_mails
from tests.integration.test_digests import DIJON, digests_to, paris_in, run
from tests.integration.test_races import table


class SesDownOnce:
    """SES that cannot be reached for the first call (DNS, TLS, a timeout), then works."""

    def __init__(self, real):
        self.real, self.calls = real, 0

    def send_email(self, **kwargs):
        self.calls += 1
        if self.calls == 1:
            raise EndpointConnectionError(endpoint_url="https://email.eu-west-3.amazonaws.com")
        return self.real.send_email(**kwargs)


def test_a_network_error_from_ses_once_still_gives_exactly_one_mail(api, stack, person, new_event, monkeypatch):
    import hromada.mail.ses as ses

    new_event(venue=DIJON, categories=["workshop"])
    reader = confirmed_subscriber(api, person, regions=["27"], categories=["workshop"], frequency="daily")
    down = SesDownOnce(ses.sesv2())
    monkeypatch.setattr(ses, "sesv2", lambda: down)
    run(stack, "MailPlannerFunction.DailyDigest")
    assert down.calls >= 2  # the failed call, then the retry
    assert len(digests_to(stack, reader)) == 1


def test_a_title_with_a_line_break_is_refused_at_the_api(api, new_association, new_event):
    association, owner = new_association(verified=True)
    injected = {"fr": "Concert\r\nBcc: everyone@example.org"}
    from tests.conftest import event_body

    created = api("POST", f"/associations/{association['id']}/events", owner, json=event_body(title=injected))
    assert created.status_code == 422, created.text
    event, owner = new_event(association=association, owner=owner)
    patched = api("PATCH", f"/events/{event['id']}", owner, json={"title": {"fr": "Concert\nBcc: x@example.org"}})
    assert patched.status_code == 422, patched.text
    renamed = api("PATCH", f"/associations/{association['id']}", owner, json={"name": "Asso\r\nX-Spam: yes"})
    assert renamed.status_code == 422, renamed.text


def test_a_stored_title_with_a_line_break_still_mails_with_a_clean_subject(api, stack, person, new_event):
    event, _ = new_event(start=paris_in(20), end=paris_in(22))
    attendee = person(label="attendee")
    assert api("POST", f"/events/{event['id']}/rsvp", attendee, json={}).status_code in (200, 201)
    # Written before titles had to fit on one line (or by any path that skips the API's models).
    client, name = table(stack)
    client.update_item(TableName=name, Key={"pk": {"S": f"EVENT#{event['id']}"}, "sk": {"S": "EVENT"}},
                       UpdateExpression="SET title.fr = :t",
                       ExpressionAttributeValues={":t": {"S": "Concert\r\nBcc: everyone@example.org"}})
    run(stack, "MailPlannerFunction.Reminders")
    [reminder] = wait_mails(stack, attendee.email.lower())
    assert reminder["subject"].startswith("Rappel") and "Concert Bcc: everyone@example.org" in reminder["subject"]
    assert "\n" not in reminder["subject"] and "\r" not in reminder["subject"]
    assert "Bcc" not in reminder["headers"]
