"""Moderation over HTTP: flags, automatic hiding of each kind of content, the queue, decisions, warnings,
suspensions, the public record."""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterator

import pytest

from tests.conftest import association_body
from tests.integration.test_authorization_announcements import announcement_body
from tests.integration.test_bad_input import error_of
from tests.integration.test_races import table
from tests.integration.twinning import all_pages, proposal_body
from tests.integration.voting import approved_candidate, in_nominations

THRESHOLD = 3  # the template's default FlagsToHide


def flag(api, who, kind: str, item_id: str, election_id: str | None = None, reason: str = "spam", **extra):
    body = {"kind": kind, "id": item_id, "reason": reason, **extra}
    if election_id:
        body["election_id"] = election_id
    return api("POST", "/flags", who, json=body)


def reported_by(api, person, kind: str, item_id: str, n: int = THRESHOLD, election_id: str | None = None,
                reason: str = "spam") -> list:
    people = [person(label="reporter") for _ in range(n)]
    for who in people:
        response = flag(api, who, kind, item_id, election_id, reason=reason)
        assert response.status_code == 201, response.text
    return people


def review(api, moderator, ref: str) -> dict:
    response = api("GET", f"/moderation/flags/{ref}", moderator)
    assert response.status_code == 200, response.text
    return response.json()


@pytest.fixture(scope="module")
def staff(person):
    return person("moderators", label="moderator"), person("admins", label="admin")


def test_reports_hide_an_event_until_a_moderator_restores_it(api, new_event, person, staff):
    moderator, _ = staff
    event, owner = new_event()
    path = f"/events/{event['id']}"
    listed = {"association": event["association"]["id"], "from": event["start"][:10]}
    reported_by(api, person, "event", event["id"], THRESHOLD - 1)
    assert api("GET", path).status_code == 200
    reporter = person(label="reporter")
    created = flag(api, reporter, "event", event["id"], reason="disinformation", comment="Faux <b>concert</b>")
    assert created.status_code == 201 and created.json()["item"] == f"event:{event['id']}"
    assert error_of(api("GET", path), 404)["code"] == "event_not_found"
    assert api("GET", f"{path}.ics").status_code == 404
    assert event["id"] not in [e["id"] for e in all_pages(api, "/events", **listed)]
    # the owner is told, with the hidden marker and the reasons
    notices = api("GET", f"/associations/{event['association']['id']}/notices", owner).json()
    assert notices["hidden"] == [{"item": f"event:{event['id']}", "kind": "event", "id": event["id"],
                                  "reasons": {"spam": 2, "disinformation": 1}, "decision": None}]
    # moderators see it in the queue, with comments but no reporter
    queued = all_pages(api, "/moderation/flags", moderator)
    entry = next(r for r in queued if r["id"] == event["id"])
    assert (entry["status"], entry["hidden"], entry["flags"]) == ("open", True, THRESHOLD)
    detail = review(api, moderator, entry["item"])
    assert [c["comment"] for c in detail["comments"] if c["comment"]] == ["Faux <b>concert</b>"]
    assert detail["content"]["id"] == event["id"] and detail["content"]["title"] == event["title"]
    assert reporter.sub not in str(detail) and reporter.email not in str(detail)
    decided = api("POST", f"/moderation/flags/{entry['item']}/decisions", moderator,
                  json={"action": "restore", "version": entry["version"], "note": "Concert bien réel"})
    assert decided.status_code == 200, decided.text
    assert (decided.json()["status"], decided.json()["hidden"]) == ("closed", False)
    assert api("GET", path).status_code == 200
    assert event["id"] in [e["id"] for e in all_pages(api, "/events", **listed)]
    assert entry["item"] not in [r["item"] for r in all_pages(api, "/moderation/flags", moderator)]
    # the owner's edit that read the event before it was hidden would have lost; a fresh one works
    assert api("PATCH", path, owner, json={"title": {"fr": "Concert corrigé"}}).status_code == 200


def test_one_flag_per_person_and_unknown_items(api, new_event, person):
    event, _ = new_event()
    who = person(label="reporter")
    assert flag(api, who, "event", event["id"]).status_code == 201
    assert error_of(flag(api, who, "event", event["id"], reason="fraud"), 409)["code"] == "already_flagged"
    assert error_of(flag(api, who, "event", "ev_00000000000000000000"), 404)["code"] == "flagged_item_not_found"
    assert flag(api, None, "event", event["id"]).status_code == 401


def test_flags_refuse_unknown_fields_and_long_comments(api, new_event, person):
    event, _ = new_event()
    who = person(label="reporter")
    sneaky = flag(api, who, "event", event["id"], reporter_id="someone-else")
    assert sneaky.status_code == 422
    assert flag(api, who, "event", event["id"], comment="x" * 501).status_code == 422
    assert flag(api, who, "candidate", "cd_1234").status_code == 422  # a candidate needs its election
    assert flag(api, who, "event", event["id"], reason="boring").status_code == 422


@pytest.mark.parametrize("kind", ["association", "announcement", "partnership"])
def test_every_kind_of_content_is_hidden_for_the_public(api, new_association, person, staff, kind):
    moderator, _ = staff
    association, owner = new_association(verified=True)
    if kind == "association":
        item_id, path = association["id"], f"/associations/{association['id']}"
        listing = ("/associations", {"region": association["region"]})
    elif kind == "announcement":
        created = api("POST", f"/associations/{association['id']}/announcements", owner, json=announcement_body())
        item_id, path = created.json()["id"], f"/announcements/{created.json()['id']}"
        listing = ("/announcements", {"association": association["id"]})
    else:
        corsica = {"region": "94", "department": "2A", "commune": "Ajaccio", "postal_code": "20000"}
        created = api("POST", f"/associations/{association['id']}/partnerships", owner,
                      json=proposal_body(french=corsica))
        assert created.status_code == 201, created.text
        item_id, path = created.json()["id"], f"/partnerships/{created.json()['id']}"
        listing = ("/partnerships", {"region": "94"})
    assert api("GET", path).status_code == 200

    def matched() -> list[str]:
        found = api("GET", "/partnerships/match", params={"domain": "culture", "region": "94", "limit": 100})
        return [m["id"] for m in found.json()["items"]]

    assert kind != "partnership" or item_id in matched()
    reported_by(api, person, kind, item_id, reason="fraud")
    assert api("GET", path).status_code == 404
    assert item_id not in [i["id"] for i in all_pages(api, listing[0], **listing[1])]
    assert kind != "partnership" or item_id not in matched()
    ref = f"{kind}:{item_id}"
    entry = review(api, moderator, ref)
    assert entry["hidden"] and entry["association_id"] == association["id"]
    dismissed = api("POST", f"/moderation/flags/{ref}/decisions", moderator,
                    json={"action": "dismiss", "version": entry["version"]})
    assert dismissed.status_code == 200, dismissed.text
    assert api("GET", path).status_code == 200
    assert kind != "partnership" or item_id in matched()


def test_a_reported_candidate_leaves_the_public_list(api, new_association, person, staff, stack):
    moderator, admin = staff
    association, owner = new_association(verified=True)
    election = in_nominations(api, admin)
    nominee = person(label="candidate")
    candidate = approved_candidate(api, election, owner, association, nominee, admin, "Olena")
    listed = f"/elections/{election['id']}/candidates"
    assert candidate["id"] in [c["id"] for c in api("GET", listed).json()]
    reported_by(api, person, "candidate", candidate["id"], election_id=election["id"], reason="hate")
    assert candidate["id"] not in [c["id"] for c in api("GET", listed).json()]
    ref = f"candidate:{election['id']}:{candidate['id']}"
    assert review(api, moderator, ref)["hidden"] is True
    # the candidacy's own life goes on without showing it again
    withdrawn = api("POST", f"/elections/{election['id']}/candidates/{candidate['id']}/withdraw", nominee, json={})
    assert withdrawn.status_code == 200, withdrawn.text
    client, name = table(stack)
    stored = client.get_item(TableName=name, Key={"pk": {"S": f"ELECTION#{election['id']}"},
                                                  "sk": {"S": f"CANDIDATE#{candidate['id']}"}})["Item"]
    assert stored["hidden"]["BOOL"] is True and stored["status"]["S"] == "withdrawn"


def test_hide_by_decision_the_public_record_and_warnings(api, new_event, person, staff):
    moderator, _ = staff
    event, owner = new_event()
    association_id = event["association"]["id"]
    reporter = person(label="reporter")
    flag(api, reporter, "event", event["id"], reason="hate", comment="Propos haineux")
    ref = f"event:{event['id']}"
    entry = review(api, moderator, ref)
    warned = api("POST", f"/moderation/flags/{ref}/decisions", moderator,
                 json={"action": "warn", "version": entry["version"], "note": "Merci de respecter la charte."})
    assert warned.status_code == 200 and warned.json()["status"] == "open"
    hidden = api("POST", f"/moderation/flags/{ref}/decisions", moderator,
                 json={"action": "hide", "version": warned.json()["version"], "note": "Haine"})
    assert hidden.status_code == 200 and hidden.json()["hidden"] is True
    assert api("GET", f"/events/{event['id']}").status_code == 404
    record = api("GET", f"/associations/{association_id}/moderation")
    assert record.status_code == 200
    assert record.json() == {"association_id": association_id, "hidden_items": 1, "hidden_by_kind": {"event": 1},
                             "reasons": {"hate": 1}, "reviewed_items": 1}
    assert "Propos haineux" not in record.text and reporter.sub not in record.text
    notices = api("GET", f"/associations/{association_id}/notices", owner).json()
    assert [w["note"] for w in notices["warnings"]] == ["Merci de respecter la charte."]
    assert notices["hidden"][0]["decision"] == "hide"
    # a stale decision loses
    stale = api("POST", f"/moderation/flags/{ref}/decisions", moderator,
                json={"action": "restore", "version": entry["version"]})
    assert error_of(stale, 409)["code"] == "changed_meanwhile"


def test_notices_list_warnings_newest_first_for_editors_only(api, new_event, person, staff):
    # Given an event of an association with a co-editor, warned twice
    moderator, _ = staff
    event, owner = new_event()
    association_id = event["association"]["id"]
    co_editor, stranger = person(label="coeditor"), person(label="stranger")
    added = api("POST", f"/associations/{association_id}/editors", owner, json={"email": co_editor.email})
    assert added.status_code == 201, added.text
    flag(api, person(label="reporter"), "event", event["id"])
    ref = f"event:{event['id']}"
    version = review(api, moderator, ref)["version"]
    for note in ("Premier avertissement.", "Second avertissement."):
        warned = api("POST", f"/moderation/flags/{ref}/decisions", moderator,
                     json={"action": "warn", "version": version, "note": note})
        assert warned.status_code == 200, warned.text
        version = warned.json()["version"]
    # Then the owner, the co-editor and moderators read them newest first; anyone else is refused
    for who in (owner, co_editor, moderator):
        notices = api("GET", f"/associations/{association_id}/notices", who)
        assert notices.status_code == 200, notices.text
        assert [w["note"] for w in notices.json()["warnings"]] == ["Second avertissement.", "Premier avertissement."]
    assert error_of(api("GET", f"/associations/{association_id}/notices", stranger), 403)["code"] == "forbidden"


def test_closed_flags_get_a_time_to_live(api, new_event, person, staff, stack):
    moderator, _ = staff
    event, _ = new_event()
    reported_by(api, person, "event", event["id"], 1)
    ref = f"event:{event['id']}"
    entry = review(api, moderator, ref)
    dismissed = api("POST", f"/moderation/flags/{ref}/decisions", moderator,
                    json={"action": "dismiss", "version": entry["version"]})
    assert dismissed.status_code == 200
    client, name = table(stack)
    flags = client.query(TableName=name, KeyConditionExpression="pk = :pk AND begins_with(sk, :by)",
                         ExpressionAttributeValues={":pk": {"S": f"FLAG#{ref}"}, ":by": {"S": "BY#"}})["Items"]
    assert flags and all(int(f["expires_at"]["N"]) > time.time() + 170 * 86400 for f in flags)


def test_a_suspended_author_can_write_nothing_until_lifted(api, new_event, person, staff, stack):
    moderator, admin = staff
    event, owner = new_event()
    association_id = event["association"]["id"]
    reported_by(api, person, "event", event["id"], 1, reason="fraud")
    ref = f"event:{event['id']}"
    entry = review(api, moderator, ref)
    refused = api("POST", f"/moderation/flags/{ref}/decisions", moderator,
                  json={"action": "suspend", "version": entry["version"], "note": "Arnaque"})
    assert refused.status_code == 403
    suspended = api("POST", f"/moderation/flags/{ref}/decisions", admin,
                    json={"action": "suspend", "version": entry["version"], "note": "Arnaque"})
    assert suspended.status_code == 200, suspended.text
    for method, path, body in [("PATCH", f"/events/{event['id']}", {"title": {"fr": "Encore"}}),
                               ("POST", f"/associations/{association_id}/announcements", announcement_body()),
                               ("POST", "/flags", {"kind": "event", "id": event["id"], "reason": "spam"}),
                               ("POST", "/associations", association_body())]:
        response = api(method, path, owner, json=body)
        assert error_of(response, 403)["code"] == "account_suspended", (method, path)
    assert api("GET", f"/events/{event['id']}", owner).status_code == 200  # reading is not writing
    assert api("DELETE", f"/moderation/suspensions/{owner.sub}", moderator).status_code == 403
    assert api("DELETE", f"/moderation/suspensions/{owner.sub}", admin).status_code == 204
    assert api("DELETE", f"/moderation/suspensions/{owner.sub}", admin).status_code == 404
    assert api("PATCH", f"/events/{event['id']}", owner, json={"title": {"fr": "Encore"}}).status_code == 200


@contextlib.contextmanager
def transaction_calls() -> Iterator[list[tuple[str, int]]]:
    """This thread's DynamoDB calls, each with the number of items of its transaction (the stack's pollers share
    the client: their calls are not counted)."""
    import threading

    from hromada.store.client import dynamodb

    calls: list[tuple[str, int]] = []
    mine = threading.get_ident()

    def record(model=None, params=None, **_) -> None:
        if threading.get_ident() == mine:
            calls.append((model.name, len(params.get("TransactItems", []))))

    # before-parameter-build sees each call once with the parameters as given (a retry is not a new call)
    dynamodb().meta.events.register("before-parameter-build.dynamodb.*", record)
    try:
        yield calls
    finally:
        dynamodb().meta.events.unregister("before-parameter-build.dynamodb.*", record)


def test_the_suspension_check_costs_no_extra_call(stack):
    """The writer's three checks (the account's suspension, the person's suspension, the erasure tombstone) are
    items of the write-quota transaction itself: a guarded write makes the very call the quota alone makes, three
    items longer, and that one call is what refuses a suspended writer. Counted, not timed: durations compared on
    a busy machine prove nothing either way."""
    from hromada.domain.rate_limits import Quota
    from hromada.domain.suspension import Suspended, Writer
    from hromada.store import keys
    from hromada.store.client import dynamodb, table_name
    from hromada.store.rate_limits import DynamoQuotaStore

    store = DynamoQuotaStore()
    quotas = [Quota("user:bench", 1_000_000), Quota("ip:bench", 1_000_000)]
    now = int(time.time())
    window, expires = now // 60 * 60, now + 120
    with transaction_calls() as alone:
        store.consume(quotas, window, expires)
    with transaction_calls() as checked:
        store.consume(quotas, window, expires, writer=Writer("bench-user", person="bench-person"), now=now)
    assert alone == [("TransactWriteItems", len(quotas))]
    assert checked == [("TransactWriteItems", len(quotas) + 3)]

    # the checks bite within that call: a suspended account is refused by it, with no read before or after
    dynamodb().put_item(TableName=table_name(), Item={k: {"S": v} for k, v in keys.suspension("bench-held").items()})
    with transaction_calls() as refused, pytest.raises(Suspended):
        store.consume(quotas, window, expires, writer=Writer("bench-held", person="bench-held-person"), now=now)
    assert refused == [("TransactWriteItems", len(quotas) + 3)]


def test_the_queue_pages_oldest_first_with_opaque_cursors(api, new_event, person, staff):
    moderator, _ = staff
    for _ in range(3):
        event, _ = new_event()
        assert flag(api, person(label="reporter"), "event", event["id"]).status_code == 201
    first = api("GET", "/moderation/flags", moderator, params={"limit": 2})
    assert first.status_code == 200 and len(first.json()["items"]) == 2 and first.json()["next_cursor"]
    queued = all_pages(api, "/moderation/flags", moderator, limit=2)
    assert len(queued) >= 3 and len({r["item"] for r in queued}) == len(queued)
    times = [r["first_flagged_at"] for r in queued]
    assert times == sorted(times) and {r["status"] for r in queued} == {"open"}
    bad = api("GET", "/moderation/flags", moderator, params={"cursor": "not-a-cursor"})
    assert error_of(bad, 400)["code"] == "invalid_cursor"
