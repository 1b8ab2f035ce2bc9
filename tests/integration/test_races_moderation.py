"""Moderation under concurrency: the flag counter is exact, one flag hides, one decision wins."""

from __future__ import annotations

from collections import Counter

from tests.integration.test_authorization_announcements import announcement_body
from tests.integration.test_moderation import THRESHOLD, flag, review
from tests.integration.test_races import race, table

EXTRA = 5


def _audit(stack, ref: str) -> list[str]:
    client, name = table(stack)
    items = client.query(TableName=name, KeyConditionExpression="pk = :pk AND begins_with(sk, :a)",
                         ExpressionAttributeValues={":pk": {"S": f"FLAG#{ref}"}, ":a": {"S": "AUDIT#"}})["Items"]
    return sorted(i["action"]["S"] for i in items)


def _item(stack, pk: str, sk: str) -> dict:
    client, name = table(stack)
    return client.get_item(TableName=name, Key={"pk": {"S": pk}, "sk": {"S": sk}}, ConsistentRead=True)["Item"]


def test_many_people_flag_at_once_one_hide_and_an_exact_count(api, new_association, person, stack):
    association, owner = new_association(verified=True)
    announcement = api("POST", f"/associations/{association['id']}/announcements", owner,
                       json=announcement_body()).json()
    reporters = [person(label="reporter") for _ in range(THRESHOLD + EXTRA)]
    responses = race([lambda who=who: flag(api, who, "announcement", announcement["id"]) for who in reporters])
    assert Counter(r.status_code for r in responses) == {201: THRESHOLD + EXTRA}, [r.text for r in responses]
    ref = f"announcement:{announcement['id']}"
    stored = _item(stack, f"FLAG#{ref}", "REVIEW")
    assert (int(stored["count"]["N"]), int(stored["total"]["N"]), stored["hidden"]["BOOL"]) == (
        THRESHOLD + EXTRA, THRESHOLD + EXTRA, True)
    assert int(stored["version"]["N"]) == THRESHOLD + EXTRA  # one review write per flag, none lost
    assert _audit(stack, ref) == ["moderation.auto_hidden"]  # exactly one hide
    hidden = _item(stack, f"ANN#{announcement['id']}", "ANN")
    assert hidden["hidden"]["BOOL"] is True and int(hidden["version"]["N"]) == 2  # hidden (and bumped) once
    assert api("GET", f"/announcements/{announcement['id']}").status_code == 404


def test_one_person_flagging_many_times_at_once_counts_once(api, new_event, person, stack):
    event, _ = new_event()
    who = person(label="reporter")
    responses = race([lambda: flag(api, who, "event", event["id"])] * 8)
    assert Counter(r.status_code for r in responses) == {201: 1, 409: 7}
    stored = _item(stack, f"FLAG#event:{event['id']}", "REVIEW")
    assert int(stored["count"]["N"]) == 1


def test_moderators_deciding_at_once_one_wins(api, new_event, person, stack):
    event, _ = new_event()
    for _ in range(THRESHOLD):
        assert flag(api, person(label="reporter"), "event", event["id"]).status_code == 201
    ref = f"event:{event['id']}"
    moderators = [person("moderators", label="moderator") for _ in range(8)]
    entry = review(api, moderators[0], ref)
    actions = ["hide", "restore", "dismiss", "warn"] * 2
    responses = race([lambda who=who, action=action: api(
        "POST", f"/moderation/flags/{ref}/decisions", who,
        json={"action": action, "version": entry["version"], "note": "Décision"})
        for who, action in zip(moderators, actions, strict=True)])
    assert Counter(r.status_code for r in responses) == {200: 1, 409: 7}, [r.text for r in responses]
    assert {r.json()["error"]["code"] for r in responses if r.status_code == 409} == {"changed_meanwhile"}
    winner = next(r.json() for r in responses if r.status_code == 200)
    assert winner["version"] == entry["version"] + 1
    decisions = [a for a in _audit(stack, ref) if a != "moderation.auto_hidden"]
    assert decisions == [f"moderation.{winner['decision']}"]
