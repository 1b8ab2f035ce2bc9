"""The map's numbers (GET /events/counts) and a venue's coordinates, over HTTP through the local gateway."""

from __future__ import annotations

import pytest

from tests.conftest import event_body
from tests.integration.test_bad_input import error_of

CORSE = {"name": "Palais des congrès", "address": "Quai l'Herminier", "city": "Ajaccio", "postal_code": "20000",
         "department": "2A", "region": "94"}


def counts(api) -> dict[str, int]:
    response = api("GET", "/events/counts")
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["total"] == sum(body["regions"].values())
    return body["regions"]


def test_every_region_is_counted_and_only_upcoming_scheduled_events_with_a_venue_count(api, new_association):
    # Given the counts now: all 18 regions, zeros included (the route is not taken for an event id)
    before = counts(api)
    assert len(before) == 18 and {"11", "76", "94", "01", "06"} <= set(before)
    association, owner = new_association(verified=True)

    def publish(**overrides) -> str:
        created = api("POST", f"/associations/{association['id']}/events", owner, json=event_body(**overrides))
        assert created.status_code == 201, created.text
        return created.json()["id"]

    # When two events are published in Corsica, one online-only, and one of the Corsican ones is cancelled
    publish(days=12, venue=CORSE)
    cancelled = publish(days=13, venue=CORSE)
    publish(days=14, venue=None, online_url="https://meet.example.org/corse")
    assert api("POST", f"/events/{cancelled}/cancel", owner, json={"reason": "Salle indisponible"}).status_code == 200

    # Then Corsica counts one more event, and no other region moved
    after = counts(api)
    assert after["94"] == before["94"] + 1
    assert {k: v for k, v in after.items() if k != "94"} == {k: v for k, v in before.items() if k != "94"}
    # and the number is what the region's list shows (scheduled events from now)
    listed = api("GET", "/events", params={"region": "94", "limit": 100}).json()["items"]
    assert after["94"] == sum(1 for e in listed if e["status"] == "scheduled")


def test_a_venue_keeps_its_coordinates(api, new_association):
    association, owner = new_association(verified=True)
    venue = {**CORSE, "latitude": 41.9192, "longitude": 8.7386}
    created = api("POST", f"/associations/{association['id']}/events", owner, json=event_body(venue=venue))
    assert created.status_code == 201, created.text
    shown = api("GET", f"/events/{created.json()['id']}").json()["venue"]
    assert (shown["latitude"], shown["longitude"]) == (41.9192, 8.7386)
    # without coordinates they are null
    plain = api("POST", f"/associations/{association['id']}/events", owner, json=event_body()).json()
    assert plain["venue"]["latitude"] is None and plain["venue"]["longitude"] is None


@pytest.mark.parametrize("where", [{"latitude": 41.9}, {"longitude": 8.7}, {"latitude": 91, "longitude": 8.7},
                                   {"latitude": 41.9, "longitude": -180.5}, {"latitude": "nord", "longitude": 8.7}])
def test_coordinates_come_in_pairs_within_range(api, new_association, where):
    association, owner = new_association(verified=True)
    response = api("POST", f"/associations/{association['id']}/events", owner,
                   json=event_body(venue={**CORSE, **where}))
    assert error_of(response, 422)["code"] == "validation_failed"
