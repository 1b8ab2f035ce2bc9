"""Bad input gets a clear 4xx in the one error shape, and nothing is half-written."""

from __future__ import annotations

import pytest

from tests.conftest import association_body


def error_of(response, status: int) -> dict:
    assert response.status_code == status, response.text
    assert response.headers["Content-Type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message", "details"}
    return body["error"]


@pytest.fixture(scope="module")
def member(person):
    return person(label="member")


@pytest.mark.parametrize(("override", "field"), [
    ({"rna": "W12345678"}, "rna"),
    ({"rna": "X123456789"}, "rna"),
    ({"region": "99"}, "region"),
    ({"department": "33"}, "department"),
    ({"postal_code": "33000"}, "postal_code"),
    ({"postal_code": "3100"}, "postal_code"),
    ({"categories": []}, "categories"),
    ({"categories": ["knitting"]}, "categories.0"),
    ({"description": {"fr": "  "}}, "description.fr"),
    ({"description": {}}, "description"),
    ({"description": {"fr": None}}, "description.fr"),
    ({"description": {"de": "Hallo"}}, "description.de"),
    ({"logo_url": "http://example.org/logo.png"}, "logo_url"),
    ({"website": "javascript:alert(1)"}, "website"),
    ({"social_links": {"myspace": "https://myspace.com/x"}}, "social_links.myspace.[key]"),
    ({"contact_email": "not-an-email"}, "contact_email"),
    ({"slug": "Not A Slug"}, "slug"),
    ({"name": "x"}, "name"),
    ({"name": "x" * 121}, "name"),
])
def test_invalid_fields_are_422_naming_the_field(api, member, override, field):
    error = error_of(api("POST", "/associations", member, json=association_body(**override)), 422)
    assert error["code"] == "validation_failed"
    assert field in {d["field"] for d in error["details"]}, error


def test_messages_follow_accept_language(api, member):
    body = association_body(rna="nope")
    fr = error_of(api("POST", "/associations", member, json=body), 422)
    uk = error_of(api("POST", "/associations", member, json=body, headers={"Accept-Language": "uk-UA,uk;q=0.9"}), 422)
    en = error_of(api("POST", "/associations", member, json=body, headers={"Accept-Language": "en-GB"}), 422)
    assert (fr["message"], uk["message"], en["message"]) == (
        "Certains champs sont invalides.", "Деякі поля заповнено неправильно.", "Some fields are invalid.")


def test_malformed_json_is_400(api, member):
    error = error_of(api("POST", "/associations", member, data=b'{"name": ', headers={"Content-Type":
                                                                                          "application/json"}), 400)
    assert error["code"] == "malformed_json"


@pytest.mark.parametrize("raw", [b"\xff\xfe", b'{"name": "\xc3"}'])
def test_bodies_that_are_not_utf8_are_400(api, member, raw):
    response = api("POST", "/associations", member, data=raw, headers={"Content-Type": "application/json"})
    assert error_of(response, 400)["code"] == "malformed_json"


def test_json_without_content_type_is_still_json(api, member):
    import json

    response = api("POST", "/associations", member, data=json.dumps(association_body()).encode())
    assert response.status_code == 201, response.text


def test_non_object_body_is_422(api, member):
    assert error_of(api("POST", "/associations", member, json=[1, 2]), 422)["code"] == "validation_failed"


def test_oversize_body_is_413_before_anything_runs(api, person):
    newcomer = person(label="newcomer")
    body = association_body(description={"fr": "x" * 70_000})
    error = error_of(api("POST", "/associations", newcomer, json=body), 413)
    assert error["code"] == "payload_too_large"
    assert api("GET", "/me", newcomer).json()["memberships"] == []


def test_unknown_ids_are_404(api, member):
    assert error_of(api("GET", "/associations/as_doesnotexist"), 404)["code"] == "association_not_found"
    assert error_of(api("GET", "/associations/no-such-slug"), 404)["code"] == "association_not_found"
    assert error_of(api("PATCH", "/associations/as_doesnotexist", member, json={"city": "Albi"}), 404)
    assert error_of(api("POST", "/associations/as_doesnotexist/editors", member,
                        json={"email": "a@example.org"}), 404)
    assert error_of(api("GET", "/nowhere"), 404)["code"] == "route_not_found"


@pytest.mark.parametrize("query", [
    {"limit": 0}, {"limit": 101}, {"limit": "ten"}, {"region": "7"}, {"department": "96"},
    {"category": "knitting"}, {"q": "x"},
])
def test_invalid_list_queries_are_4xx(api, query):
    assert error_of(api("GET", "/associations", params=query), 422)["code"] == "validation_failed"


@pytest.mark.parametrize("cursor", ["abc", "eyJ4IjoxfQ", "e30", "!!!"])
def test_forged_cursors_are_400(api, cursor):
    assert error_of(api("GET", "/associations", params={"cursor": cursor}), 400)["code"] == "invalid_cursor"


def test_a_cursor_from_another_listing_is_refused(api, new_association):
    new_association(verified=True)
    new_association(verified=True)
    cursor = api("GET", "/associations", params={"limit": 1}).json()["next_cursor"]
    assert cursor
    assert error_of(api("GET", "/associations", params={"limit": 1, "region": "76", "cursor": cursor}), 400)


def test_department_and_region_must_agree_in_filters(api):
    error = error_of(api("GET", "/associations", params={"region": "76", "department": "69"}), 422)
    assert error["details"][0]["field"] == "department"


def test_slug_taken_is_409_and_writes_nothing(api, member, person, stack):
    first = api("POST", "/associations", member, json=association_body(slug="unique-slug-test")).json()
    other = person(label="other")
    error = error_of(api("POST", "/associations", other, json=association_body(slug="unique-slug-test")), 409)
    assert error["code"] == "slug_taken"
    assert error["details"] == [{"field": "slug", "message": "already taken"}]
    assert api("GET", "/me", other).json()["memberships"] == []
    assert first["slug"] == "unique-slug-test"


def test_invalid_patch_changes_nothing(api, new_association):
    association, owner = new_association(verified=True)
    before = api("GET", f"/associations/{association['id']}").json()
    error_of(api("PATCH", f"/associations/{association['id']}", owner, json={"city": "Lyon", "rna": "bad"}), 422)
    error_of(api("PATCH", f"/associations/{association['id']}", owner, json={"slug": "new-slug"}), 422)
    assert api("GET", f"/associations/{association['id']}").json() == before


def test_reject_needs_a_reason(api, new_association, person):
    association, _ = new_association()
    moderator = person("moderators", label="moderator")
    error = error_of(api("POST", f"/associations/{association['id']}/reject", moderator, json={}), 422)
    assert error["details"][0]["field"] == "reason"
