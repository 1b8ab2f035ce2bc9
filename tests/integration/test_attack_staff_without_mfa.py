"""Attack: a moderator's or admin's password alone (phished, reused, guessed) is enough to hide content,
suspend people, verify associations and run elections. Staff powers now need a TOTP second factor:
without one every staff action is refused with 403 `mfa_required`; once enrolled, the same token works."""

from __future__ import annotations

import pytest

from tests.conftest import association_body
from tests.integration.test_bad_input import error_of
from tests.integration.test_moderation import reported_by
from tests.integration.voting import election_body

PASSWORD = "Test-password-2026"  # the `person` fixture's


@pytest.fixture(scope="module")
def scene(api, person, new_event_module):
    """A hidden event waiting in the queue, a pending association, and staff who never set up TOTP."""
    event, owner = new_event_module
    reported_by(api, person, "event", event["id"])
    applicant = person(label="owner")
    pending = api("POST", "/associations", applicant, json=association_body())  # waits for a moderator
    assert pending.status_code == 201, pending.text
    return {"event": event, "owner": owner, "item": f"event:{event['id']}", "pending": pending.json(),
            "applicant": applicant,
            "moderator": person("moderators", label="moderator", mfa=False),
            "admin": person("admins", label="admin", mfa=False)}


@pytest.fixture(scope="module")
def new_event_module(api, person):
    from tests.conftest import event_body

    owner = person(label="owner")
    association = api("POST", "/associations", owner, json=association_body()).json()
    moderator = person("moderators", label="moderator")  # enrolled: verifying works
    verified = api("POST", f"/associations/{association['id']}/verify", moderator, json={})
    assert verified.status_code == 200, verified.text
    created = api("POST", f"/associations/{association['id']}/events", owner, json=event_body())
    assert created.status_code == 201, created.text
    return created.json(), owner


def staff_actions(scene: dict) -> list[tuple[str, str, str, dict | None]]:
    """(who, method, path, body): what only staff may do, each the way the web client asks."""
    item, pending, event = scene["item"], scene["pending"], scene["event"]
    return [
        ("moderator", "GET", "/moderation/flags", None),
        ("moderator", "GET", f"/moderation/flags/{item}", None),
        ("moderator", "POST", f"/moderation/flags/{item}/decisions", {"action": "hide", "version": 1}),
        ("moderator", "GET", "/moderation/associations", None),
        ("moderator", "POST", f"/associations/{pending['id']}/verify", {}),
        ("moderator", "POST", f"/associations/{pending['id']}/reject", {"reason": "Statuts absents"}),
        ("admin", "POST", f"/moderation/flags/{item}/decisions", {"action": "suspend", "version": 1}),
        ("admin", "DELETE", f"/moderation/suspensions/{scene['owner'].sub}", None),
        ("admin", "POST", "/elections", election_body()),
        ("admin", "GET", "/admin/elections", None),
        # an admin edits any association (an editor-or-staff path): refused with the same clear reason
        ("admin", "PATCH", f"/associations/{event['association']['id']}", {"city": "Albi"}),
    ]


def test_staff_without_totp_are_refused_every_staff_action(api, scene):
    for who, method, path, body in staff_actions(scene):
        response = api(method, path, scene[who], json=body)
        assert error_of(response, 403)["code"] == "mfa_required", (who, method, path)
    # nothing happened: the event is still hidden (and the association is verified below, so it was pending)
    assert api("GET", f"/events/{scene['event']['id']}").status_code == 404


@pytest.mark.parametrize(("language", "words"), [("fr", "deux étapes"), ("uk", "двоетапну"),
                                                  ("en", "two-step verification")])
def test_the_refusal_says_what_to_do_in_each_language(api, scene, language, words):
    response = api("GET", "/moderation/flags", scene["moderator"], headers={"Accept-Language": language})
    assert words in error_of(response, 403)["message"]


def test_members_are_still_told_forbidden_not_mfa_required(api, scene, person):
    assert error_of(api("GET", "/moderation/flags", person(label="member")), 403)["code"] == "forbidden"


def test_once_enrolled_the_same_people_may_act(api, scene, users):
    # The check is asked of Cognito at each staff action, so enrolling takes effect without a new token.
    for who in ("moderator", "admin"):
        users.enrol_totp(scene[who].email, PASSWORD)
        assert users.has_totp(scene[who].email)
    moderator, admin, item = scene["moderator"], scene["admin"], scene["item"]
    queued = api("GET", f"/moderation/flags/{item}", moderator)
    assert queued.status_code == 200, queued.text
    decided = api("POST", f"/moderation/flags/{item}/decisions", moderator,
                  json={"action": "restore", "version": queued.json()["version"]})
    assert decided.status_code == 200, decided.text
    assert api("GET", f"/events/{scene['event']['id']}").status_code == 200
    verified = api("POST", f"/associations/{scene['pending']['id']}/verify", moderator, json={})
    assert verified.status_code == 200 and verified.json()["status"] == "verified", verified.text
    created = api("POST", "/elections", admin, json=election_body())
    assert created.status_code == 201, created.text


def test_enrolled_staff_sign_in_with_a_code(users, scene):
    if not users.has_totp(scene["admin"].email):  # run alone (or on another worker) than the test above
        users.enrol_totp(scene["admin"].email, PASSWORD)
    # Cognito now asks for the second factor at sign-in: a password alone yields no tokens.
    answer = users.cognito.initiate_auth(ClientId=users.client_id, AuthFlow="USER_PASSWORD_AUTH",
                                         AuthParameters={"USERNAME": scene["admin"].email, "PASSWORD": PASSWORD})
    assert answer.get("ChallengeName") == "SOFTWARE_TOKEN_MFA" and "AuthenticationResult" not in answer
    wrong = users.cognito.exceptions.CodeMismatchException
    with pytest.raises(wrong):
        users.cognito.respond_to_auth_challenge(
            ClientId=users.client_id, ChallengeName="SOFTWARE_TOKEN_MFA", Session=answer["Session"],
            ChallengeResponses={"USERNAME": scene["admin"].email, "SOFTWARE_TOKEN_MFA_CODE": "000000"})
    assert users.sign_in(scene["admin"].email, PASSWORD)["IdToken"]
