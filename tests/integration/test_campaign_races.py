"""Attaching to a campaign while its dates change or it is archived, over HTTP with real tokens: whatever order
the writes land in, no planned event stays attached outside its campaign's dates, and nothing attaches to an
archived campaign. The interleavings are forced (a write slipped in between a read and its write), then raced."""

from __future__ import annotations

import threading
from collections import Counter
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from tests.conftest import event_body
from tests.integration.campaigns import campaign_body
from tests.integration.test_event_races import race

PARIS = ZoneInfo("Europe/Paris")
ROUNDS = 3


@pytest.fixture(scope="module")
def admin(person):
    return person("admins", label="admin")


@pytest.fixture
def campaign(api, admin):
    created = api("POST", "/campaigns", admin, json=campaign_body(first=20, last=40))
    assert created.status_code == 201, created.text
    return created.json()


def dates(first: int, last: int) -> dict[str, str]:
    body = campaign_body(first=first, last=last)
    return {"start": body["start"], "end": body["end"]}


def announcement_body(campaign_id: str) -> dict:
    return {"type": "news", "title": {"fr": "Atelier broderie"}, "body": {"fr": "Venez broder."},
            "categories": ["culture"], "campaign_id": campaign_id}


def after_first_call(monkeypatch, cls, name, then):
    """`cls.name` runs as before; right after its first call (a read the write will rely on), `then()` runs:
    another request landing between this request's read and its write."""
    original = getattr(cls, name)
    done = threading.Event()

    def wrapped(self, *args, **kwargs):
        result = original(self, *args, **kwargs)
        if not done.is_set():
            done.set()
            then()
        return result

    monkeypatch.setattr(cls, name, wrapped)
    return done


def planned_outside(api, campaign_id: str, event_ids: list[str]) -> list[str]:
    """The attached planned events whose Paris day is outside the campaign's stored dates."""
    stored = api("GET", f"/campaigns/{campaign_id}").json()
    first, last = date.fromisoformat(stored["start"]), date.fromisoformat(stored["end"])
    outside = []
    for event_id in event_ids:
        event = api("GET", f"/events/{event_id}").json()
        if event.get("campaign_id") != campaign_id or event["status"] != "scheduled":
            continue
        day = datetime.fromisoformat(event["start"].replace("Z", "+00:00")).astimezone(PARIS).date()
        if not first <= day <= last:
            outside.append(event_id)
    return outside


def test_dates_changed_between_an_attach_check_and_its_write_refuse_the_attach(api, admin, campaign,
                                                                                new_association, monkeypatch):
    from hromada.domain.campaigns import Campaigns

    association, owner = new_association(verified=True)
    moved = {}
    after_first_call(monkeypatch, Campaigns, "attachable", lambda: moved.setdefault("response", api(
        "PATCH", f"/campaigns/{campaign['id']}", admin, json=dates(30, 40))))
    created = api("POST", f"/associations/{association['id']}/events", owner,
                  json=event_body(days=25, campaign_id=campaign["id"]))
    assert moved["response"].status_code == 200, moved["response"].text  # no event yet: the new dates hold
    assert created.status_code == 422, created.text
    assert created.json()["error"]["code"] == "outside_campaign"
    listing = api("GET", f"/campaigns/{campaign['id']}/events").json()
    assert listing["regions"] == []  # nothing half-written


def test_an_existing_event_attached_while_the_dates_change_is_checked_again(api, admin, campaign, new_event,
                                                                             monkeypatch):
    from hromada.domain.campaigns import Campaigns

    event, owner = new_event(days=25)
    after_first_call(monkeypatch, Campaigns, "attachable",
                     lambda: api("PATCH", f"/campaigns/{campaign['id']}", admin, json=dates(30, 40)))
    attached = api("PATCH", f"/events/{event['id']}", owner, json={"campaign_id": campaign["id"]})
    assert attached.status_code == 422 and attached.json()["error"]["code"] == "outside_campaign"
    assert api("GET", f"/events/{event['id']}").json().get("campaign_id") is None


def test_an_attached_event_moved_while_the_dates_change_is_checked_again(api, admin, campaign, new_association,
                                                                         monkeypatch):
    from hromada.domain.campaigns import Campaigns

    association, owner = new_association(verified=True)
    event = api("POST", f"/associations/{association['id']}/events", owner,
                json=event_body(days=25, campaign_id=campaign["id"])).json()
    narrowed = {}
    after_first_call(monkeypatch, Campaigns, "attachable", lambda: narrowed.setdefault("response", api(
        "PATCH", f"/campaigns/{campaign['id']}", admin, json=dates(20, 30))))
    later = event_body(days=35)
    moved = api("PATCH", f"/events/{event['id']}", owner, json={"start": later["start"], "end": later["end"]})
    assert narrowed["response"].status_code == 200, narrowed["response"].text  # the event was still on day 25
    assert moved.status_code == 422 and moved.json()["error"]["code"] == "outside_campaign"
    assert planned_outside(api, campaign["id"], [event["id"]]) == []


def test_a_campaign_renamed_between_the_check_and_the_write_still_takes_the_event(api, admin, campaign,
                                                                                  new_association, monkeypatch):
    from hromada.domain.campaigns import Campaigns

    association, owner = new_association(verified=True)
    after_first_call(monkeypatch, Campaigns, "attachable",
                     lambda: api("PATCH", f"/campaigns/{campaign['id']}", admin, json={"name": {"fr": "Autre"}}))
    created = api("POST", f"/associations/{association['id']}/events", owner,
                  json=event_body(days=25, campaign_id=campaign["id"]))
    assert created.status_code == 201, created.text  # checked again against the new version: still inside
    assert created.json()["campaign_id"] == campaign["id"]


def test_an_event_attached_after_the_count_makes_the_date_change_count_again(api, admin, campaign,
                                                                             new_association, monkeypatch):
    from hromada.domain.campaigns import Campaigns

    association, owner = new_association(verified=True)
    landed = {}
    after_first_call(monkeypatch, Campaigns, "_keep_planned_events", lambda: landed.setdefault("event", api(
        "POST", f"/associations/{association['id']}/events", owner,
        json=event_body(days=25, campaign_id=campaign["id"]))))
    edit = api("PATCH", f"/campaigns/{campaign['id']}", admin, json=dates(30, 40) | {"version": campaign["version"]})
    assert landed["event"].status_code == 201, landed["event"].text  # attached to the dates then stored
    assert edit.status_code == 409, edit.text
    assert edit.json()["error"]["code"] == "campaign_events_outside"
    assert api("GET", f"/campaigns/{campaign['id']}").json()["start"] == campaign["start"]
    assert planned_outside(api, campaign["id"], [landed["event"].json()["id"]]) == []


def test_an_announcement_attached_while_the_campaign_is_archived_is_refused(api, admin, campaign, new_association,
                                                                            monkeypatch):
    from hromada.domain.campaigns import Campaigns

    association, owner = new_association(verified=True)
    after_first_call(monkeypatch, Campaigns, "attachable",
                     lambda: api("POST", f"/campaigns/{campaign['id']}/archive", admin))
    created = api("POST", f"/associations/{association['id']}/announcements", owner,
                  json=announcement_body(campaign["id"]))
    assert created.status_code == 422 and created.json()["error"]["code"] == "campaign_archived"
    assert api("GET", f"/campaigns/{campaign['id']}").json()["archived"] is True
    assert api("GET", f"/campaigns/{campaign['id']}/announcements").json()["items"] == []


@pytest.mark.parametrize("round_", range(ROUNDS))
def test_attaches_racing_date_changes_never_leave_a_planned_event_outside(api, admin, person, campaign,
                                                                          new_association, new_event, round_):
    """Events on day 25 and 35 attach (created, or edited to join) while admins move the window to [30, 40],
    [20, 30] and back to [20, 40]: each edit must see every event attached before it lands."""
    other = person("admins", label="admin-2")
    association, owner = new_association(verified=True)
    existing = [new_event(association=association, owner=owner, days=day)[0] for day in (25, 35, 25, 35)]
    base = f"/associations/{association['id']}/events"
    attaches = [lambda day=day: api("POST", base, owner, json=event_body(days=day, campaign_id=campaign["id"]))
                for day in (25, 35) * 4]
    joins = [lambda e=e: api("PATCH", f"/events/{e['id']}", owner, json={"campaign_id": campaign["id"]})
             for e in existing]
    edits = [lambda first=first, last=last, who=who: api("PATCH", f"/campaigns/{campaign['id']}", who,
                                                         json=dates(first, last))
             for (first, last), who in zip([(30, 40), (20, 30), (20, 40), (30, 40), (20, 30), (20, 40)],
                                           [admin, other] * 3, strict=True)]
    calls = attaches + joins + edits
    responses = race(calls)
    codes = Counter((i < len(attaches) + len(joins), r.status_code) for i, r in enumerate(responses))
    assert set(codes) <= {(True, 201), (True, 200), (True, 422), (False, 200), (False, 409)}, \
        [r.text for r in responses if r.status_code >= 500]
    for response in responses:
        if response.status_code in (409, 422):
            assert response.json()["error"]["code"] in (
                "outside_campaign", "campaign_events_outside", "concurrent_campaign_update",
                "concurrent_event_update"), response.text
    ids = [r.json()["id"] for r in responses[:len(attaches)] if r.status_code == 201] + [e["id"] for e in existing]
    assert planned_outside(api, campaign["id"], ids) == []
    # The campaign page agrees: what it lists is exactly what is attached and planned.
    attached = {i for i in ids if api("GET", f"/events/{i}").json().get("campaign_id") == campaign["id"]}
    listing = api("GET", f"/campaigns/{campaign['id']}/events").json()
    assert {e["id"] for g in listing["regions"] for e in g["events"]} == attached


def test_announcements_racing_an_archive_attach_before_it_or_not_at_all(api, admin, campaign, new_association):
    association, owner = new_association(verified=True)
    path = f"/associations/{association['id']}/announcements"

    def attach():
        return api("POST", path, owner, json=announcement_body(campaign["id"]))

    def archive():
        return api("POST", f"/campaigns/{campaign['id']}/archive", admin)

    responses = race([attach] * 11 + [archive])
    assert responses[-1].status_code == 200 and responses[-1].json()["archived"] is True
    attached = [r.json()["id"] for r in responses[:-1] if r.status_code == 201]
    refused = [r for r in responses[:-1] if r.status_code != 201]
    assert all(r.status_code == 422 and r.json()["error"]["code"] == "campaign_archived" for r in refused)
    listed = {a["id"] for a in api("GET", f"/campaigns/{campaign['id']}/announcements").json()["items"]}
    assert listed == set(attached)  # each refused one left nothing behind
    late = api("POST", path, owner, json=announcement_body(campaign["id"]))
    assert late.status_code == 422 and late.json()["error"]["code"] == "campaign_archived"
