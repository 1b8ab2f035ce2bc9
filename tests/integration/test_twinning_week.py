"""The admins' weekly twinning summary: mailed once per admin per ISO week in the admin's language, plain
text and HTML, whatever re-runs or races the schedule; members and moderators get none."""

from __future__ import annotations

from hromada.mail.strings import STRINGS
from tests.integration.mail import MAIL_QUEUES, drained, mails_to
from tests.integration.test_races import race

SCHEDULE = "MailPlannerFunction.WeeklyTwinningHealth"


def weekly(stack, who) -> list[dict]:
    marks = ("Jumelages : la semaine", "Побратимство: тиждень", "Twinning: week")
    return [m for m in mails_to(stack, who.email) if m["subject"].startswith(marks)]


def test_each_admin_gets_one_summary_a_week_in_their_language(stack, person, users):
    french, ukrainian = person("admins", label="admin"), person("admins", label="admin")
    users.cognito.admin_update_user_attributes(UserPoolId=users.pool, Username=ukrainian.email,
                                               UserAttributes=[{"Name": "locale", "Value": "uk"}])
    moderator, member = person("moderators", label="moderator"), person(label="member")
    [summary] = stack.schedules.run_now(SCHEDULE)
    assert summary["admins"] >= 2 and summary["week"].count("-W") == 1
    # Re-run, and three runs at once (a retried schedule): nobody is mailed twice.
    race([lambda: stack.schedules.run_now(SCHEDULE)] * 3)
    assert drained(stack, *MAIL_QUEUES)
    [fr_mail], [uk_mail] = weekly(stack, french), weekly(stack, ukrainian)
    assert fr_mail["subject"] == STRINGS["fr"]["twinning_week_subject"].format(week=summary["week"])
    assert uk_mail["subject"] == STRINGS["uk"]["twinning_week_subject"].format(week=summary["week"])
    assert "Besoins ouverts" in fr_mail["text"] and "Besoins ouverts" in fr_mail["html"]
    assert "#/twinning/health" in fr_mail["text"]
    assert weekly(stack, moderator) == [] and weekly(stack, member) == []
