"""Campaigns end to end on the local stack: attaching events (window, archive), the campaign page's events by
region, the gap map, once-only invitations through the mail path; the races and attacks on them."""

from __future__ import annotations

import uuid
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.conftest import association_body, event_body
from tests.integration.campaigns import campaign_body
from tests.integration.mail import drained, mails_to, wait_for

WORKERS = 12


def invitations_to(stack, email, subject):
    """The owner also gets the verification notice: only the campaign's mails count here."""
    return [m for m in mails_to(stack, email) if m["subject"] == subject]


def race(calls):
    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        return list(pool.map(lambda call: call(), calls))


@pytest.fixture(scope="module")
def admin(person):
    return person("admins", label="admin")


@pytest.fixture
def campaign(api, admin):
    created = api("POST", "/campaigns", admin, json=campaign_body())
    assert created.status_code == 201, created.text
    return created.json()


def test_a_campaign_is_read_by_id_and_slug_and_listed_while_coming(api, admin, campaign):
    by_slug = api("GET", f"/campaigns/{campaign['slug']}")
    assert by_slug.status_code == 200 and by_slug.json()["id"] == campaign["id"]
    assert by_slug.json()["window"]["running"] is False
    assert "<strong>vychyvanka</strong>" in by_slug.json()["description_html"]["fr"]
    assert campaign["id"] in [c["id"] for c in api("GET", "/campaigns").json()["items"]]
    assert api("POST", f"/campaigns/{campaign['id']}/archive", admin).json()["archived"] is True
    assert campaign["id"] not in [c["id"] for c in api("GET", "/campaigns").json()["items"]]


def test_a_yearly_campaign_shows_its_next_days(api, admin):
    body = campaign_body(recurrence={"month": 11, "weekday": 5, "nth": 4, "days_before": 3, "days_after": 1})
    del body["start"], body["end"]
    created = api("POST", "/campaigns", admin, json=body)
    assert created.status_code == 201, created.text
    days = created.json()["next_days"]
    assert len(days) == 3 and all(d[5:7] == "11" for d in days)
    window = created.json()["window"]
    assert window["day"] in days


@pytest.mark.parametrize("bad", [
    {"start": "2027-05-10", "end": "2027-05-01"},  # end before start
    {"start": "2027-01-01", "end": "2027-06-01"},  # longer than 62 days
    {"recurrence": {"month": 2, "day": 31}},  # a day that never comes
    {"recurrence": {"month": 5, "day": 20, "weekday": 3, "nth": 3}},  # both kinds
    {"start": None, "end": None},  # neither
    {"slug": "Not A Slug"},
    {"name": {}},
])
def test_bad_campaigns_are_refused_with_422_and_nothing_written(api, admin, bad):
    body = campaign_body() | bad
    body = {k: v for k, v in body.items() if v is not None}
    response = api("POST", "/campaigns", admin, json=body)
    assert response.status_code == 422, response.text
    assert set(response.json()["error"]) == {"code", "message", "details"}
    assert api("GET", f"/campaigns/{body['slug']}").status_code in (404, 422)


def test_slug_is_unique_under_a_race(api, admin):
    slug = f"race-{uuid.uuid4().hex[:8]}"
    responses = race([lambda: api("POST", "/campaigns", admin, json=campaign_body(slug=slug))
                      for _ in range(WORKERS)])
    assert Counter(r.status_code for r in responses) == {201: 1, 409: WORKERS - 1}
    winner = next(r.json() for r in responses if r.status_code == 201)
    assert api("GET", f"/campaigns/{slug}").json()["id"] == winner["id"]
    listed = [c for c in api("GET", "/campaigns").json()["items"] if c["slug"] == slug]
    assert len(listed) == 1  # the losers left no campaign behind


def test_events_attach_within_the_window_only_and_list_by_region(api, admin, campaign, new_association):
    association, owner = new_association(verified=True)
    base = f"/associations/{association['id']}/events"
    inside = api("POST", base, owner, json=event_body(days=30, campaign_id=campaign["id"]))
    assert inside.status_code == 201, inside.text
    assert inside.json()["campaign_id"] == campaign["id"]
    outside = api("POST", base, owner, json=event_body(days=60, campaign_id=campaign["id"]))
    assert outside.status_code == 422 and outside.json()["error"]["code"] == "outside_campaign"
    unknown = api("POST", base, owner, json=event_body(days=30, campaign_id="cp_" + "0" * 20))
    assert unknown.status_code == 422
    lyon = event_body(days=25, campaign_id=campaign["id"], venue={
        "name": "Salle", "address": "1 rue de la République", "city": "Lyon", "postal_code": "69001",
        "department": "69", "region": "84"})
    assert api("POST", base, owner, json=lyon).status_code == 201

    listing = api("GET", f"/campaigns/{campaign['slug']}/events").json()
    assert [g["region"] for g in listing["regions"]] == ["76", "84"]
    assert [e["id"] for e in listing["regions"][0]["events"]] == [inside.json()["id"]]
    only = api("GET", f"/campaigns/{campaign['id']}/events", params={"region": "84"}).json()
    assert [g["region"] for g in only["regions"]] == ["84"]

    # Moved out of the window: refused; detached: gone from the page.
    moved = api("PATCH", f"/events/{inside.json()['id']}", owner, json={"start": event_body(days=60)["start"],
                                                                      "end": event_body(days=60)["end"]})
    assert moved.status_code == 422
    detached = api("PATCH", f"/events/{inside.json()['id']}", owner, json={"campaign_id": None})
    assert detached.status_code == 200 and detached.json()["campaign_id"] is None
    listing = api("GET", f"/campaigns/{campaign['id']}/events").json()
    assert [g["region"] for g in listing["regions"]] == ["84"]

    # Archived: nothing more may be attached.
    api("POST", f"/campaigns/{campaign['id']}/archive", admin)
    late = api("POST", base, owner, json=event_body(days=30, campaign_id=campaign["id"]))
    assert late.status_code == 422 and late.json()["error"]["code"] == "campaign_archived"


def test_an_editor_cannot_attach_another_associations_event(api, campaign, new_association, new_event):
    event, _ = new_event()
    _, stranger = new_association(verified=True)
    response = api("PATCH", f"/events/{event['id']}", stranger, json={"campaign_id": campaign["id"]})
    assert response.status_code == 403
    assert api("GET", f"/campaigns/{campaign['id']}/events").json()["regions"] == []


def test_the_gap_map_shows_regions_without_events_and_their_associations(api, admin, campaign, new_association):
    covered, owner = new_association(verified=True)  # Toulouse, region 76
    waiting, _ = new_association(verified=True, **{k: v for k, v in association_body(
        region="53", department="29", city="Brest", postal_code="29200").items() if k != "name"})
    api("POST", f"/associations/{covered['id']}/events", owner, json=event_body(campaign_id=campaign["id"]))
    gaps = api("GET", f"/campaigns/{campaign['id']}/gaps", admin).json()
    regions = {r["code"]: r for r in gaps["regions"]}
    assert regions["76"]["events"] == 1 and regions["53"]["events"] == 0
    finistere = next(d for d in regions["53"]["departments"] if d["code"] == "29")
    assert waiting["id"] in [a["id"] for a in finistere["associations"]]
    assert not next(a for a in finistere["associations"] if a["id"] == waiting["id"])["invited"]


def test_an_invitation_goes_once_through_the_mail_path(api, admin, campaign, new_association, stack):
    association, owner = new_association(verified=True)
    draft = api("GET", f"/campaigns/{campaign['id']}/invitation", admin, params={"lang": "uk"}).json()
    assert "День вишиванки" in draft["subject"]
    body = {"association_ids": [association["id"]], "lang": "uk", "subject": draft["subject"],
            "body": draft["body"] + "\n\nДо зустрічі!"}
    sent = api("POST", f"/campaigns/{campaign['id']}/invitations", admin, json=body)
    assert sent.status_code == 202 and sent.json()["invited"] == [association["id"]]
    mails = wait_for(lambda: invitations_to(stack, owner.email, draft["subject"]))
    assert len(mails) == 1
    assert "До зустрічі!" in mails[0]["text"] and f"#/campaigns/{campaign['slug']}" in mails[0]["text"]
    again = api("POST", f"/campaigns/{campaign['id']}/invitations", admin, json=body)
    assert again.status_code == 409 and again.json()["error"]["code"] == "campaign_already_invited"
    gaps = api("GET", f"/campaigns/{campaign['id']}/gaps", admin).json()
    listed = [a for r in gaps["regions"] for d in r["departments"] for a in d["associations"]]
    assert next(a for a in listed if a["id"] == association["id"])["invited"] is True
    drained(stack, "MailQueue")
    assert len(invitations_to(stack, owner.email, draft["subject"])) == 1


def test_invitations_sent_together_mail_each_owner_once(api, admin, campaign, new_association, stack):
    association, owner = new_association(verified=True)
    body = {"association_ids": [association["id"]], "subject": "Invitation", "body": "Rejoignez la campagne."}
    responses = race([lambda: api("POST", f"/campaigns/{campaign['id']}/invitations", admin, json=body)
                      for _ in range(WORKERS)])
    assert Counter(r.status_code for r in responses) == {202: 1, 409: WORKERS - 1}
    assert wait_for(lambda: invitations_to(stack, owner.email, "Invitation"))
    drained(stack, "MailQueue")
    assert len(invitations_to(stack, owner.email, "Invitation")) == 1


def test_invitations_skip_unverified_associations(api, admin, campaign, new_association, stack):
    pending, owner = new_association(verified=False)
    body = {"association_ids": [pending["id"]], "subject": "Invitation", "body": "Rejoignez la campagne."}
    response = api("POST", f"/campaigns/{campaign['id']}/invitations", admin, json=body)
    assert response.status_code == 202 and response.json()["skipped"] == [pending["id"]]
    drained(stack, "MailQueue")
    assert invitations_to(stack, owner.email, "Invitation") == []


def test_a_member_cannot_send_invitations(api, person, campaign, new_association, stack):
    association, owner = new_association(verified=True)
    body = {"association_ids": [association["id"]], "subject": "Invitation", "body": "Rejoignez la campagne."}
    for who in (person(label="member"), owner, person("moderators", label="moderator")):
        assert api("POST", f"/campaigns/{campaign['id']}/invitations", who, json=body).status_code == 403
    drained(stack, "MailQueue")
    assert invitations_to(stack, owner.email, "Invitation") == []


def test_announcements_join_an_open_campaign_and_leave_it(api, admin, campaign, new_association):
    association, owner = new_association(verified=True)
    body = {"type": "news", "title": {"fr": "Atelier broderie"}, "body": {"fr": "Venez broder."},
            "categories": ["culture"], "campaign_id": campaign["id"]}
    created = api("POST", f"/associations/{association['id']}/announcements", owner, json=body)
    assert created.status_code == 201, created.text
    listed = api("GET", f"/campaigns/{campaign['slug']}/announcements").json()["items"]
    assert [a["id"] for a in listed] == [created.json()["id"]]
    left = api("PATCH", f"/announcements/{created.json()['id']}", owner, json={"campaign_id": None})
    assert left.status_code == 200, left.text
    assert api("GET", f"/campaigns/{campaign['id']}/announcements").json()["items"] == []
    api("POST", f"/campaigns/{campaign['id']}/archive", admin)
    late = api("POST", f"/associations/{association['id']}/announcements", owner, json=body)
    assert late.status_code == 422 and late.json()["error"]["code"] == "campaign_archived"


def test_an_owner_can_opt_out_of_invitations_by_one_click(api, admin, new_association, stack):
    import requests

    from tests.integration.mail import link

    association, owner = new_association(verified=True)
    first = api("POST", "/campaigns", admin, json=campaign_body()).json()
    body = {"association_ids": [association["id"]], "subject": "Invitation", "body": "Rejoignez la campagne."}
    assert api("POST", f"/campaigns/{first['id']}/invitations", admin, json=body).status_code == 202
    [mail] = wait_for(lambda: invitations_to(stack, owner.email, "Invitation"))
    assert mail["headers"]["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "/subscriptions/manage" not in (mail["text"] or "")  # no preferences behind this mail
    unsubscribe = link(mail, "unsubscribe")
    assert unsubscribe and unsubscribe in mail["headers"]["List-Unsubscribe"]
    assert requests.post(unsubscribe, timeout=30).status_code == 200  # the one-click POST (RFC 8058)

    second = api("POST", "/campaigns", admin, json=campaign_body()).json()
    again = api("POST", f"/campaigns/{second['id']}/invitations", admin, json=body)
    assert again.status_code == 202 and again.json()["skipped"] == [association["id"]]
    drained(stack, "MailQueue")
    assert len(invitations_to(stack, owner.email, "Invitation")) == 1


def test_an_event_hidden_by_moderation_leaves_the_campaign_page_and_its_counts(api, admin, campaign, person,
                                                                               new_association):
    from tests.integration.test_moderation import flag, review

    association, owner = new_association(verified=True)
    made = api("POST", f"/associations/{association['id']}/events", owner,
               json=event_body(campaign_id=campaign["id"], title={"fr": "Propos haineux"})).json()
    assert [g["region"] for g in api("GET", f"/campaigns/{campaign['id']}/events").json()["regions"]] == ["76"]
    moderator = person("moderators", label="moderator")
    flag(api, person(label="reporter"), "event", made["id"], reason="hate")
    ref = f"event:{made['id']}"
    hidden = api("POST", f"/moderation/flags/{ref}/decisions", moderator,
                 json={"action": "hide", "version": review(api, moderator, ref)["version"], "note": "Haine"})
    assert hidden.status_code == 200, hidden.text
    assert api("GET", f"/campaigns/{campaign['id']}/events").json()["regions"] == []
    regions = {r["code"]: r for r in api("GET", f"/campaigns/{campaign['id']}/gaps", admin).json()["regions"]}
    assert regions["76"]["events"] == 0


def test_two_admins_saving_the_same_version_together_one_wins_the_other_gets_409(api, admin, person, campaign):
    other = person("admins", label="admin-2")
    names = [f"Nom {i}" for i in range(WORKERS)]
    responses = race([lambda n=n, who=who: api("PATCH", f"/campaigns/{campaign['id']}", who,
                                               json={"name": {"fr": n}, "version": campaign["version"]})
                      for n, who in zip(names, [admin, other] * (WORKERS // 2), strict=True)])
    assert Counter(r.status_code for r in responses) == {200: 1, 409: WORKERS - 1}, [r.text for r in responses]
    winner = next(r.json() for r in responses if r.status_code == 200)
    for lost in (r for r in responses if r.status_code == 409):
        assert lost.json()["error"]["code"] == "concurrent_campaign_update"
        assert set(lost.json()["error"]) == {"code", "message", "details"}
    stored = api("GET", f"/campaigns/{campaign['id']}").json()
    assert stored["name"] == winner["name"] and stored["version"] == campaign["version"] + 1
    # A later save made on the copy the losers had: refused, the winner's name stays.
    stale = api("PATCH", f"/campaigns/{campaign['id']}", admin, json={"name": {"fr": "Trop tard"}, "version": 0})
    assert stale.status_code == 409
    assert api("GET", f"/campaigns/{campaign['id']}").json()["name"] == winner["name"]


def test_new_dates_are_refused_while_planned_events_would_fall_outside(api, admin, campaign, new_association):
    association, owner = new_association(verified=True)
    planned = api("POST", f"/associations/{association['id']}/events", owner,
                  json=event_body(days=30, campaign_id=campaign["id"]))
    assert planned.status_code == 201, planned.text
    later = campaign_body(first=35, last=45)
    moved = api("PATCH", f"/campaigns/{campaign['id']}", admin,
                json={"start": later["start"], "end": later["end"], "version": campaign["version"]})
    assert moved.status_code == 409, moved.text
    error = moved.json()["error"]
    assert error["code"] == "campaign_events_outside" and error["details"][0]["field"] == "start"
    assert "1" in error["message"]
    assert api("GET", f"/campaigns/{campaign['id']}").json()["start"] == campaign["start"]  # nothing written
    wider = campaign_body(first=25, last=45)
    kept = api("PATCH", f"/campaigns/{campaign['id']}", admin,
               json={"start": wider["start"], "end": wider["end"], "version": campaign["version"]})
    assert kept.status_code == 200 and kept.json()["start"] == wider["start"]
    listing = api("GET", f"/campaigns/{campaign['id']}/events").json()
    assert [e["id"] for g in listing["regions"] for e in g["events"]] == [planned.json()["id"]]


def test_a_bad_edit_gets_422_naming_the_field_and_changes_nothing(api, admin, campaign):
    response = api("PATCH", f"/campaigns/{campaign['id']}", admin,
                   json={"recurrence": {"month": 2, "day": 31}, "version": campaign["version"]})
    assert response.status_code == 422, response.text
    assert response.json()["error"]["details"][0]["field"] == "recurrence"
    assert api("GET", f"/campaigns/{campaign['id']}").json()["version"] == campaign["version"]


@pytest.mark.parametrize("sneaked", [{"archived": False}, {"slug": "taken-over"}, {"id": "cp_" + "1" * 20},
                                     {"version": -1}, {"version": 10**7}])
def test_an_edit_cannot_unarchive_rename_the_slug_or_forge_the_version(api, admin, campaign, sneaked):
    api("POST", f"/campaigns/{campaign['id']}/archive", admin)
    response = api("PATCH", f"/campaigns/{campaign['id']}", admin, json={"name": {"fr": "Ressuscitée"}} | sneaked)
    assert response.status_code == 422, response.text
    stored = api("GET", f"/campaigns/{campaign['id']}").json()
    assert stored["archived"] is True and stored["slug"] == campaign["slug"] and stored["name"] == campaign["name"]
    # and an archived campaign is not edited at all, even with its right version
    again = api("PATCH", f"/campaigns/{campaign['id']}", admin,
                json={"name": {"fr": "Ressuscitée"}, "version": stored["version"]})
    assert again.status_code == 409 and again.json()["error"]["code"] == "campaign_archived"
