"""Attacks on identity: an unverified e-mail claim, an erased account's still-valid token, a suspended person
signing up again. Each test performs the attack against the local stack and fails if it works."""

from __future__ import annotations

import json
import uuid

import pytest

from infra.users import Account
from tests.conftest import Person, association_body, event_body
from tests.integration.test_bad_input import error_of
from tests.integration.test_moderation import reported_by, review
from tests.integration.test_personal_data import scan_all

PASSWORD = "Test-password-2026"


def sign_in_by_sub(users, sub: str) -> Person:
    """A fresh ID token for the account (moto finds a user by its username, which is its sub)."""
    token = users.id_token(sub, PASSWORD)
    return Person("", token, {"Authorization": f"Bearer {token}"}, sub)


def attributes(users, sub: str) -> dict[str, str]:
    found = users.cognito.list_users(UserPoolId=users.pool, Filter=f'sub = "{sub}"')["Users"]
    return {a["Name"]: a["Value"] for a in found[0]["Attributes"]} if found else {}


@pytest.fixture(scope="module")
def staff(person):
    return person("moderators", label="moderator"), person("admins", label="admin")


def test_attack_unverified_email_claim_takes_over_nothing(api, person, users, staff):
    moderator, _ = staff
    # Given a victim who owns a verified association and follows its events
    victim = person(label="victim")
    created = api("POST", "/associations", victim, json=association_body())
    association = api("POST", f"/associations/{created.json()['id']}/verify", moderator, json={}).json()
    event = api("POST", f"/associations/{association['id']}/events", victim, json=event_body()).json()
    assert api("POST", f"/events/{event['id']}/rsvp", victim).status_code == 201

    # When an attacker sets their own e-mail to the victim's with their access token (a case variant: moto
    # refuses an exact duplicate, AWS does not until it is verified) ...
    attacker = person(label="attacker")
    access = users.sign_in(attacker.email, PASSWORD)["AccessToken"]
    users.cognito.update_user_attributes(AccessToken=access, UserAttributes=[
        {"Name": "email", "Value": victim.email.upper()}])
    # ... which Cognito marks unverified (moto keeps it verified: the test does what AWS does)
    users.cognito.admin_update_user_attributes(UserPoolId=users.pool, Username=attacker.sub, UserAttributes=[
        {"Name": "email_verified", "Value": "false"}])
    claimed = sign_in_by_sub(users, attacker.sub)
    import jwt

    claims = jwt.decode(claimed.token, options={"verify_signature": False})
    assert claims["email"].lower() == victim.email and str(claims["email_verified"]).lower() == "false"

    # Then the claim gets the attacker nothing of the victim's
    export = api("GET", "/me/export", claimed)
    assert error_of(export, 403)["code"] == "email_not_verified"
    assert victim.email not in export.text and association["id"] not in export.text
    me = api("GET", "/me", claimed).json()
    assert me["memberships"] == [] and me["email"] == ""
    assert error_of(api("GET", f"/associations/{association['id']}/editors", claimed), 403)
    removed = api("DELETE", f"/associations/{association['id']}/editors/{victim.email}", claimed)
    assert removed.status_code in (403, 404)
    erased = api("DELETE", "/me", claimed, json={"confirm": victim.email})
    assert error_of(erased, 403)["code"] == "email_not_verified"
    assert api("GET", "/me/rsvps", claimed).json()["items"] == []

    # And the victim's account, association and registration are intact
    assert attributes(users, victim.sub)["email"] == victim.email
    assert attributes(users, attacker.sub), "the attacker's account was not erased either"
    fresh = users.id_token(victim.email, PASSWORD)
    victim_again = Person(victim.email, fresh, {"Authorization": f"Bearer {fresh}"}, victim.sub)
    mine = api("GET", "/me", victim_again).json()["memberships"]
    assert [(m["role"], m["association"]["id"]) for m in mine] == [("owner", association["id"])]
    editors = api("GET", f"/associations/{association['id']}/editors", victim_again).json()
    assert [e["email"] for e in editors] == [victim.email]
    assert [r["event_id"] for r in api("GET", "/me/rsvps", victim_again).json()["items"]] == [event["id"]]


def test_attack_erased_account_keeps_writing_with_its_token(api, person, users, new_event, stack):
    # Given a member who erases their account ...
    event, _ = new_event()
    leaver = person(label="leaver")
    assert api("POST", f"/events/{event['id']}/rsvp", leaver).status_code == 201
    assert api("DELETE", "/me", leaver, json={"confirm": leaver.email}).status_code == 204

    # When their ID token, still valid for up to an hour, writes again
    attempts = [("PUT", "/me/subscription", {"regions": ["76"], "frequency": "daily", "language": "fr"}),
                ("POST", f"/events/{event['id']}/rsvp", None),
                ("POST", "/associations", association_body()),
                ("POST", "/flags", {"kind": "event", "id": event["id"], "reason": "spam"})]
    for method, path, body in attempts:
        response = api(method, path, leaver, json=body)
        # Then every write is refused with a clear error ...
        assert error_of(response, 401)["code"] == "account_erased", (method, path, response.text)
    assert attributes(users, leaver.sub) == {}  # the Cognito account is gone (found by its sub)
    # ... erasing again stays possible (idempotent) ...
    assert api("DELETE", "/me", leaver, json={"confirm": leaver.email}).status_code == 204
    # ... and nothing about them was written back
    left = [i for i in scan_all(stack) if leaver.sub in json.dumps(i) or leaver.email in json.dumps(i)]
    assert left == []


def test_attack_suspended_person_signs_up_again_with_a_tagged_address(api, person, users, new_event, staff):
    moderator, admin = staff
    # Given an author whom an administrator suspended ...
    event, author = new_event()
    reported_by(api, person, "event", event["id"], 1, reason="fraud")
    ref = f"event:{event['id']}"
    decided = api("POST", f"/moderation/flags/{ref}/decisions", admin,
                  json={"action": "suspend", "version": review(api, moderator, ref)["version"], "note": "Arnaque"})
    assert decided.status_code == 200, decided.text
    # ... who erases their account (allowed: the right to erasure has no exception)
    assert api("DELETE", "/me", author, json={"confirm": author.email}).status_code == 204

    # When they sign up again with the same mailbox, a +tag and other capitals
    local, domain = author.email.split("@")
    again = f"{local.title()}+{uuid.uuid4().hex[:4]}@{domain}"
    users.ensure(Account(again, PASSWORD, "Again"))
    token = users.id_token(again, PASSWORD)
    sub = attributes_by_email(users, again)["sub"]
    newcomer = Person(again.lower(), token, {"Authorization": f"Bearer {token}"}, sub)

    # Then they are still suspended
    for method, path, body in [("POST", "/associations", association_body()),
                               ("POST", f"/events/{event['id']}/rsvp", None),
                               ("POST", "/flags", {"kind": "event", "id": event["id"], "reason": "spam"})]:
        response = api(method, path, newcomer, json=body)
        assert error_of(response, 403)["code"] == "account_suspended", (method, path, response.text)
    # And an administrator lifts it through the new account (by its id, as the moderation page does)
    assert api("DELETE", f"/moderation/suspensions/{newcomer.sub}", admin).status_code == 204
    assert api("POST", "/associations", newcomer, json=association_body()).status_code == 201
    # Someone else is never caught by it
    assert api("POST", "/associations", person(label="bystander"), json=association_body()).status_code == 201


def attributes_by_email(users, email: str) -> dict[str, str]:
    found = users.cognito.admin_get_user(UserPoolId=users.pool, Username=email)["UserAttributes"]
    return {a["Name"]: a["Value"] for a in found}


def test_the_user_pool_ignores_case_and_keeps_the_verified_address_until_a_new_one_is(users):
    """What makes the attack above fail in AWS before it reaches the API (moto stores, but does not apply, it)."""
    pool = users.cognito.describe_user_pool(UserPoolId=users.pool)["UserPool"]
    assert pool["UsernameConfiguration"] == {"CaseSensitive": False}
    assert pool["UserAttributeUpdateSettings"] == {"AttributesRequireVerificationBeforeUpdate": ["email"]}
