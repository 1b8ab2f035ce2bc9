"""Hostile JSON bodies (nesting 25,000 deep, integers of thousands of digits) are refused with a 400 in
the one error shape, on anonymous and signed-in routes alike; no body ever answers 5xx."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

DEEP = "[" * 25_000 + "]" * 25_000
DEEP_OBJECT = '{"a":' * 10_000 + "1" + "}" * 10_000
HUGE_INT = '{"email": "a@example.org", "n": ' + "9" * 4_301 + "}"
LONG_INT = '{"email": "a@example.org", "n": ' + "9" * 400 + "}"
MODERATELY_DEEP = '{"email": ' + "[" * 100 + "]" * 100 + "}"
HOSTILE = {"deep_array": DEEP, "deep_object": DEEP_OBJECT, "huge_int": HUGE_INT, "long_int": LONG_INT,
           "moderately_deep": MODERATELY_DEEP}


def error_of(response, status: int) -> dict:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message", "details"}
    return body["error"]


@pytest.fixture(scope="module")
def member(person):
    return person(label="member")


@pytest.mark.parametrize("kind", sorted(HOSTILE))
def test_hostile_json_to_anonymous_subscribe_is_400(api, kind):
    response = api("POST", "/subscriptions", data=HOSTILE[kind], headers={"Content-Type": "application/json"})
    assert error_of(response, 400)["code"] == "malformed_json"


@pytest.mark.parametrize("kind", sorted(HOSTILE))
@pytest.mark.parametrize(("method", "path"), [("POST", "/associations"), ("PUT", "/me/subscription"),
                                               ("POST", "/flags")])
def test_hostile_json_to_signed_in_routes_is_400(api, member, kind, method, path):
    response = api(method, path, member, data=HOSTILE[kind], headers={"Content-Type": "application/json"})
    assert error_of(response, 400)["code"] == "malformed_json", (method, path)


@pytest.mark.parametrize("kind", sorted(HOSTILE))
def test_hostile_json_to_an_event_is_400(api, member, new_event, kind):
    event, _ = new_event()
    event_path = f"/events/{event['id']}"
    for method, path in (("POST", f"{event_path}/cancel"), ("PATCH", event_path)):
        response = api(method, path, member, data=HOSTILE[kind], headers={"Content-Type": "application/json"})
        assert error_of(response, 400)["code"] == "malformed_json", (method, path)


def test_hostile_json_without_content_type_is_400(api, member):
    response = api("POST", "/associations", member, data=DEEP)
    assert error_of(response, 400)["code"] == "malformed_json"


def test_ordinary_numbers_and_nesting_still_pass(api, member):
    # Ten levels and a 20-digit integer are ordinary JSON: validated as usual (422 names the field).
    body = {"name": 12345678901234567890, "description": {"fr": [[[[[[[[["x"]]]]]]]]]}}
    response = api("POST", "/associations", member, json=body)
    assert error_of(response, 422)["code"] == "validation_failed"


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=30)
bodies = st.one_of(json_values.map(json.dumps), st.binary(max_size=200).map(lambda b: b.decode("latin-1")),
                   st.integers(min_value=1, max_value=30_000).map(lambda n: "[" * n),
                   st.integers(min_value=1, max_value=6_000).map(lambda n: "1" * n))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=bodies, route=st.sampled_from([("POST", "/subscriptions", False), ("POST", "/associations", True),
                                           ("PUT", "/me/subscription", True)]))
def test_any_body_answers_2xx_or_4xx_never_5xx(api, member, body, route):
    method, path, signed_in = route
    response = api(method, path, member if signed_in else None, data=body.encode("utf-8", "surrogatepass"),
                   headers={"Content-Type": "application/json"})
    assert response.status_code < 500, (body[:80], response.text)
    if response.status_code >= 400:
        error_of(response, response.status_code)
