"""Announcements over HTTP: post, find (filters, newest first, pinned first per association), edit, delete."""

from __future__ import annotations

import time
import uuid
from datetime import UTC, datetime, timedelta

import pytest

from tests.conftest import association_body
from tests.integration.test_authorization_announcements import announcement_body
from tests.integration.test_bad_input import error_of

PROJECT = {"type": "project", "needs": ["volunteers", "donations"], "donation_target_eur": 12000,
           "donation_url": "https://dons.example.org/ambulance"}
FACT_CHECK = {"type": "fact_check", "sources": [{"title": "Rapport ONU", "url": "https://example.org/rapport"}]}


def ids(response) -> list[str]:
    assert response.status_code == 200, response.text
    return [a["id"] for a in response.json()["items"]]


@pytest.fixture(scope="module")
def publisher(api, person):
    owner, moderator = person(label="owner"), person("moderators", label="moderator")
    association = api("POST", "/associations", owner, json=association_body()).json()
    api("POST", f"/associations/{association['id']}/verify", moderator, json={})
    return association, owner


@pytest.fixture
def posting(api, new_association):
    association, owner = new_association(verified=True)
    tag = uuid.uuid4().hex[:8]

    def post(**overrides):
        title = {"fr": f"{overrides.pop('name', 'Annonce')} {tag}"}
        created = api("POST", f"/associations/{association['id']}/announcements", owner,
                      json=announcement_body(title=title, **overrides))
        assert created.status_code == 201, created.text
        return created.json()

    return post, association, owner, tag


def test_post_find_and_read(api, posting):
    post, association, _, tag = posting
    news = post(name="Nouvelles")
    project = post(name="Ambulance", categories=["humanitarian_aid"], region="11", **PROJECT)
    check = post(name="Faux", categories=["media_fact_checking"], region=None, **FACT_CHECK)
    assert project["donation_target_eur"] == 12000 and project["needs"] == ["volunteers", "donations"]
    assert check["sources"] == FACT_CHECK["sources"] and check["region"] is None
    assert news["body_html"] == {"fr": "<p>Une <strong>bonne</strong> nouvelle.</p>"}
    assert api("GET", f"/announcements/{news['id']}").json() == news

    def found(**params):
        return ids(api("GET", "/announcements", params={"q": tag, **params}))

    assert found() == [check["id"], project["id"], news["id"]]  # newest first
    assert found(type="project") == [project["id"]]
    assert found(region="11") == [project["id"]]
    assert found(region="76") == [news["id"]]
    assert found(category="media_fact_checking") == [check["id"]]
    assert ids(api("GET", "/announcements", params={"association": association["id"]})) == [
        check["id"], project["id"], news["id"]]


def test_pinned_first_for_the_association(api, posting):
    post, association, owner, _ = posting
    first = post()
    second = post()
    api("PATCH", f"/announcements/{first['id']}", owner, json={"pinned": True})
    assert ids(api("GET", "/announcements", params={"association": association["id"]})) == [first["id"], second["id"]]


def test_expired_ones_leave_the_list_and_stay_readable(api, posting):
    post, *_, tag = posting
    soon = post(expires_at=(datetime.now(UTC) + timedelta(seconds=2)).isoformat())
    later = post(expires_at=(datetime.now(UTC) + timedelta(days=30)).isoformat())
    assert set(ids(api("GET", "/announcements", params={"q": tag}))) == {soon["id"], later["id"]}
    time.sleep(2.5)
    assert ids(api("GET", "/announcements", params={"q": tag})) == [later["id"]]
    assert api("GET", f"/announcements/{soon['id']}").status_code == 200


def test_edit_and_delete(api, posting):
    post, _, owner, _ = posting
    created = post(**PROJECT)
    path = f"/announcements/{created['id']}"
    error = error_of(api("PATCH", path, owner, json={"type": "news"}), 422)
    assert error["details"][0]["field"] == "needs"
    updated = api("PATCH", path, owner, json={"body": {"uk": "Потрібні *волонтери*"}, "donation_target_eur": 15000})
    assert updated.status_code == 200
    assert updated.json()["body_html"] == {"uk": "<p>Потрібні <em>волонтери</em></p>"}
    assert updated.json()["donation_target_eur"] == 15000
    assert api("DELETE", path, owner).status_code == 204
    assert error_of(api("GET", path), 404)["code"] == "announcement_not_found"
    assert error_of(api("DELETE", path, owner), 404)


@pytest.mark.parametrize(("overrides", "field"), [
    ({"type": "fact_check"}, "sources"),
    ({"type": "project"}, "needs"),
    ({"type": "project", "needs": ["donations"]}, "donation_target_eur"),
    ({"needs": ["goods"]}, "needs"),
    ({"region": "99"}, "region"),
    ({"type": "rumour"}, "type"),
    ({"expires_at": "2020-01-01T00:00:00"}, "expires_at"),
    ({"sources": [{"title": "x", "url": "javascript:alert(1)"}]}, "sources.0.url"),
    ({"donation_url": "http://dons.example.org"}, "donation_url"),
    ({"pinned": "yes please"}, "pinned"),
    ({"association_id": "as_00000000000000000000"}, "association_id"),
])
def test_bad_announcements_are_refused_and_nothing_is_written(api, publisher, overrides, field):
    association, owner = publisher
    before = ids(api("GET", "/announcements", params={"association": association["id"], "limit": 100}))
    response = api("POST", f"/associations/{association['id']}/announcements", owner,
                   json=announcement_body(**overrides))
    assert field in {d["field"] for d in error_of(response, 422)["details"]}
    assert ids(api("GET", "/announcements", params={"association": association["id"], "limit": 100})) == before


def test_script_in_a_body_is_harmless(api, posting):
    post, *_ = posting
    created = post(body={"fr": "<script>alert(1)</script> [x](javascript:alert(1))"})
    assert "<script" not in created["body_html"]["fr"] and "<a" not in created["body_html"]["fr"]


@pytest.mark.parametrize("query", [{"type": "rumour"}, {"region": "7"}, {"limit": 101}, {"association": "as_1"}])
def test_bad_listing_queries_are_422(api, query):
    assert error_of(api("GET", "/announcements", params=query), 422)["code"] == "validation_failed"
