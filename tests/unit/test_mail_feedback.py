"""SES feedback → suppression: which bounces and complaints stop mail to an address, and which do not."""

from __future__ import annotations

import pytest

from hromada.mail import feedback

TOPIC = "arn:aws:sns:eu-west-3:123456789012:hromada-mail-feedback"


def bounce(kind: str, *addresses: str, key: str = "eventType") -> dict:
    return {key: "Bounce", "bounce": {"bounceType": kind,
                                      "bouncedRecipients": [{"emailAddress": a} for a in addresses]}}


def test_a_permanent_bounce_suppresses_every_bounced_address_for_good():
    found = feedback.read(bounce("Permanent", "Anna <Anna@Example.org>", "b@example.org"))
    assert found == feedback.Feedback("permanent", ("anna@example.org", "b@example.org"))
    assert found.suppresses and not found.soft


def test_a_complaint_suppresses_the_complaining_address():
    found = feedback.read({"notificationType": "Complaint",
                           "complaint": {"complainedRecipients": [{"emailAddress": "c@example.org"}]}})
    assert found.outcome == "complaint" and found.addresses == ("c@example.org",)
    assert found.suppresses


@pytest.mark.parametrize("kind", ["Transient", "Undetermined"])
def test_a_bounce_that_is_not_permanent_is_only_counted(kind):
    found = feedback.read(bounce(kind, "full@example.org", key="notificationType"))
    assert found.outcome == "transient" and found.soft and not found.suppresses


@pytest.mark.parametrize("notification", [{"eventType": "Delivery"}, {"eventType": "Open"}, {},
                                          {"eventType": "Reject"}])
def test_other_events_change_nothing(notification):
    found = feedback.read(notification)
    assert found == feedback.Feedback("ignored", ())
    assert not found.suppresses and not found.soft


def test_recipients_without_an_address_are_skipped():
    notification = bounce("Permanent", "a@example.org")
    notification["bounce"]["bouncedRecipients"].append({"status": "5.1.1"})
    assert feedback.read(notification).addresses == ("a@example.org",)


def test_only_the_configured_topic_is_trusted():
    assert feedback.trusted(TOPIC, TOPIC)
    assert not feedback.trusted(TOPIC.replace("feedback", "other"), TOPIC)
    assert not feedback.trusted(TOPIC, None)  # nothing configured: nothing trusted
    assert not feedback.trusted(None, "")
