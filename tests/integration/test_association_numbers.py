"""The dashboard's key numbers of an association: upcoming events, registrations, followers; editors only."""

from __future__ import annotations

from tests.conftest import event_body
from tests.integration.mail import confirmed_subscriber


def test_numbers_count_upcoming_events_registrations_and_followers(api, person, new_association):
    # Given a verified association with two upcoming events (one cancelled later), RSVPs and a follower
    association, owner = new_association(verified=True)
    path = f"/associations/{association['id']}/numbers"
    empty = api("GET", path, owner)
    assert empty.status_code == 200, empty.text
    assert empty.json() == {"upcoming_events": 0, "registrations": 0, "waitlisted": 0, "followers": 0,
                            "next_event": None}
    soon = api("POST", f"/associations/{association['id']}/events", owner, json=event_body(days=5)).json()
    later = api("POST", f"/associations/{association['id']}/events", owner,
                json=event_body(days=40, capacity=1)).json()
    dropped = api("POST", f"/associations/{association['id']}/events", owner, json=event_body(days=10)).json()
    for member in (person(label="a"), person(label="b")):
        assert api("POST", f"/events/{soon['id']}/rsvp", member).status_code in (200, 201)
        assert api("POST", f"/events/{later['id']}/rsvp", member).status_code in (200, 201)  # 1 seat: 1 waits
        assert api("POST", f"/events/{dropped['id']}/rsvp", member).status_code in (200, 201)
    assert api("POST", f"/events/{dropped['id']}/cancel", owner, json={"reason": "Salle indisponible"}).status_code \
        == 200
    confirmed_subscriber(api, person, associations=[association["id"]])
    confirmed_subscriber(api, person, associations=[association["id"]])
    confirmed_subscriber(api, person)  # follows nobody

    # When its owner asks for the numbers
    numbers = api("GET", path, owner)

    # Then the cancelled event and its registrations are left out; the followers are counted
    assert numbers.status_code == 200, numbers.text
    assert numbers.headers["Cache-Control"] == "private, no-store"
    body = numbers.json()
    assert (body["upcoming_events"], body["registrations"], body["waitlisted"], body["followers"]) == (2, 3, 1, 2)
    assert body["next_event"]["id"] == soon["id"] and body["next_event"]["title"]["fr"] == soon["title"]["fr"]


def test_co_editor_reads_numbers_by_slug(api, person, new_association):
    association, owner = new_association(verified=True)
    editor = person(label="editor")
    api("POST", f"/associations/{association['id']}/editors", owner, json={"email": editor.email})
    response = api("GET", f"/associations/{association['slug']}/numbers", editor)
    assert response.status_code == 200, response.text


def test_attack_another_association_editor_cannot_read_the_numbers(api, person, new_association):
    # Given two associations with different owners
    mine, _me = new_association(verified=True)
    _theirs, intruder = new_association(verified=True)
    # When the other owner, a member, a moderator and nobody ask for my numbers
    for who, expected in ((intruder, 403), (person(label="member"), 403), (person("moderators", label="mod"), 403),
                          (None, 401)):
        response = api("GET", f"/associations/{mine['id']}/numbers", who)
        # Then they are refused, in the one error shape, with no number in it
        assert response.status_code == expected, response.text
        assert set(response.json()) == {"error"} and "followers" not in response.text
    assert api("GET", "/associations/as_doesnotexist/numbers", intruder).status_code == 404


def test_moderation_queue_shows_the_owner_mail_domain(api, person, new_association):
    association, _owner = new_association(rna="W751234567", website="https://example.org/assoc",
                                          contact_email="contact@example.org", show_contact_email=False)
    moderator = person("moderators", label="moderator")
    queue = api("GET", "/moderation/associations", moderator, params={"limit": 100})
    assert queue.status_code == 200, queue.text
    found = [a for a in queue.json()["items"] if a["id"] == association["id"]]
    assert found, "the new association is in the queue"
    item = found[0]
    assert item["owner_email_domain"] and "@" not in item["owner_email_domain"]
    assert (item["rna"], item["website"], item["contact_email"]) == ("W751234567", "https://example.org/assoc",
                                                                    "contact@example.org")
    public = api("GET", f"/associations/{association['id']}", None)
    assert "owner_email_domain" not in public.text


def test_numbers_are_refused_to_strangers_and_unknown_associations_are_404(api, person, new_association):
    association, owner = new_association(verified=True)
    path = f"/associations/{association['id']}/numbers"
    assert api("GET", path, person(label="stranger")).status_code == 403
    assert api("GET", path, person(label="unverified", verified=False)).status_code == 403
    assert api("GET", "/associations/as_00000000000000000000/numbers", owner).status_code == 404
    assert api("GET", "/associations/as_00000000000000000000/numbers", person("admins", label="admin")).status_code \
        == 404
