"""The AWS calls functions really make on the local stack, held against the roles the template gives them
(moto checks no IAM: without this, a missing permission shows only in AWS as AccessDenied)."""

from __future__ import annotations

from infra import calls, deploycheck
from tests.integration.mail import address, link, subscribe, wait_mails


def test_every_recorded_aws_call_is_allowed_by_the_functions_role(api, stack):
    email = address()
    subscribe(api, email)
    confirm = link(wait_mails(stack, email)[0], "confirm")
    assert confirm
    recorded = calls.RECORDED
    assert ("sesv2", "SendEmail") in recorded.get("MailerFunction", {})
    assert any(service == "sqs" for service, _ in recorded.get("SubscriptionsFunction", {}))
    # Everything recorded so far in this session (every integration test before this one counts too).
    assert deploycheck.recorded_findings(recorded, stack.template.physical) == []


def test_a_recorded_call_the_role_does_not_allow_is_reported(stack):
    recorded = {"MetaFunction": {("sqs", "SendMessageBatch"): {stack.template.physical["MailQueue"]}}}
    assert deploycheck.recorded_findings(recorded, stack.template.physical) == [
        "MetaFunction: sqs.SendMessageBatch (recorded) needs sqs:SendMessage on MailQueue"]
