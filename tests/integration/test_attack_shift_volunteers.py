"""Attacks on the volunteers of a shift: who they are, reaching them, and what stays after an erasure."""

from __future__ import annotations

import json
import uuid

from tests.integration.mail import MAIL_QUEUES, drained, mails_to
from tests.integration.shifts import new_project, new_shift
from tests.integration.test_bad_input import error_of
from tests.integration.test_personal_data import scan_all


def test_another_associations_editor_can_neither_list_nor_message_the_volunteers(api, new_association, person,
                                                                                 stack):
    _, owner, post = new_project(api, new_association, contact_email="equipe@example.org", show_contact_email=True)
    _, intruder = new_association(verified=True)
    shift = new_shift(api, owner, post)
    path = f"/announcements/{post['id']}/shifts/{shift['id']}"
    volunteer = person(label="volunteer")
    api("POST", f"{path}/signup", volunteer)
    listing = api("GET", f"{path}/volunteers", intruder)
    assert error_of(listing, 403) and "Volunteer" not in listing.text
    sent = api("POST", f"{path}/messages", intruder, json={"id": uuid.uuid4().hex, "text": "Cliquez ici"})
    assert error_of(sent, 403)
    assert drained(stack, *MAIL_QUEUES)
    assert not [m for m in mails_to(stack, volunteer.email.lower()) if "Cliquez ici" in (m["text"] or "")]


def test_a_volunteer_learns_nothing_of_the_others(api, new_association, person):
    _, owner, post = new_project(api, new_association)
    shift = new_shift(api, owner, post, people=1)
    path = f"/announcements/{post['id']}/shifts/{shift['id']}"
    first, second = person(label="firstvol"), person(label="secondvol")
    api("POST", f"{path}/signup", first)
    api("POST", f"{path}/signup", second)
    assert error_of(api("GET", f"{path}/volunteers", second), 403)
    public = api("GET", f"/announcements/{post['id']}/shifts").text + api("GET", f"{path}/signup", second).text
    for leak in (first.email, first.sub, "Firstvol", second.email):
        assert leak not in public
    # The editors see names, and no address at all.
    seen = api("GET", f"{path}/volunteers", owner).text
    assert "Firstvol" in seen and "@" not in seen


def test_erasing_an_account_takes_the_volunteer_off_every_shift(api, new_association, person, stack):
    _, owner, post = new_project(api, new_association)
    full = new_shift(api, owner, post, people=1)
    other = new_shift(api, owner, post, people=5)
    leaver, waiting = person(label="leaver"), person(label="waiting")
    for s in (full, other):
        assert api("POST", f"/announcements/{post['id']}/shifts/{s['id']}/signup", leaver).status_code == 201
    api("POST", f"/announcements/{post['id']}/shifts/{full['id']}/signup", waiting)

    erased = api("DELETE", "/me", leaver, json={"confirm": leaver.email})
    assert erased.status_code == 204, erased.text

    path = f"/announcements/{post['id']}/shifts/{full['id']}"
    assert api("GET", f"{path}/signup", waiting).json()["status"] == "confirmed"  # the place went on
    names = [v["name"] for s in (full, other) for v in api(
        "GET", f"/announcements/{post['id']}/shifts/{s['id']}/volunteers", owner).json()["items"]]
    assert "Leaver" not in names
    counts = {s["id"]: s["confirmed"] for s in api("GET", f"/announcements/{post['id']}/shifts").json()}
    assert (counts[full["id"]], counts[other["id"]]) == (1, 0)
    left = [i for i in scan_all(stack) if leaver.sub in json.dumps(i) or leaver.email.lower() in json.dumps(i).lower()]
    assert left == []
