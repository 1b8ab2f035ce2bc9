"""Bad partnership and initiative input: a clear 4xx in the one error shape, and nothing half-written."""

from __future__ import annotations

import boto3
import pytest

from tests.integration.twinning import initiative_body, proposal_body


@pytest.fixture(scope="module")
def proposer(api, person):
    """A verified association, its owner, and a second verified association to partner with."""
    from tests.conftest import association_body

    owner, moderator = person(label="owner"), person("moderators", label="moderator")
    mine = api("POST", "/associations", owner, json=association_body()).json()
    theirs = api("POST", "/associations", person(label="them"), json=association_body()).json()
    for a in (mine, theirs):
        api("POST", f"/associations/{a['id']}/verify", moderator, json={})
    return mine, owner, theirs


def stored_titles(stack) -> set[str]:
    """Every partnership and initiative title in the table (a Scan: fine in a test, never on a request path)."""
    info = stack.info()
    client = boto3.client("dynamodb", endpoint_url=info["aws_endpoint"], region_name=info["region"],
                          aws_access_key_id="local", aws_secret_access_key="local")
    pages = client.get_paginator("scan").paginate(TableName=info["table_name"], ProjectionExpression="title")
    # Other capabilities store localized titles (maps); partnerships and initiatives store strings.
    return {item["title"]["S"] for page in pages for item in page["Items"] if "S" in item.get("title", {})}


def error_of(response, status: int) -> dict:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message", "details"}
    return body["error"]


@pytest.mark.parametrize(("override", "field"), [
    ({"french": {"region": "99"}}, "french.region"),
    ({"french": {"region": "76", "department": "999"}}, "french.department"),
    ({"ukrainian": {"oblast": "UA-99"}}, "ukrainian.oblast"),
    ({"ukrainian": {"oblast": "46"}}, "ukrainian.oblast"),
    ({"documents": [{"title": "Convention", "url": "http://example.org/convention.pdf"}]}, "documents.0.url"),
    ({"documents": [{"title": "Convention", "url": "javascript:alert(1)"}]}, "documents.0.url"),
    ({"documents": [{"title": "Convention", "url": "file:///etc/passwd"}]}, "documents.0.url"),
    ({"milestones": [{"date": "2026-09-15", "title": "Signature"}, {"date": "2026-03-01", "title": "Visite"}]},
     "milestones"),
    ({"milestones": [{"date": "2026-02-30", "title": "Jour impossible"}]}, "milestones.0.date"),
    ({"domains": []}, "domains"),
    ({"domains": ["knitting"]}, "domains.0"),
    ({"partner": {"name": "Lviv", "association_id": "as_00000000000000000000"}}, "partner"),
    ({"contacts": [{"name": "Oksana", "email": "pas-une-adresse"}]}, "contacts.0.email"),
    ({"description": {}}, "description"),
    ({"title": "  "}, "title"),
])
def test_invalid_proposals_are_422_naming_the_field(api, proposer, stack, override, field):
    mine, owner, _ = proposer
    body = proposal_body(**override)
    error = error_of(api("POST", f"/associations/{mine['id']}/partnerships", owner, json=body), 422)
    assert field in {d["field"] for d in error["details"]}, error
    assert body["title"] not in stored_titles(stack)


@pytest.mark.parametrize(("french", "field"), [
    ({"region": "76", "department": "33"}, "french.department"),
    ({"region": "76", "commune": "Albi"}, "french.department"),
    ({"region": "76", "department": "81", "commune": "Albi", "postal_code": "31000"}, "french.postal_code"),
])
def test_inconsistent_french_territories_are_422(api, proposer, stack, french, field):
    mine, owner, _ = proposer
    body = proposal_body(french=french)
    error = error_of(api("POST", f"/associations/{mine['id']}/partnerships", owner, json=body), 422)
    assert [d["field"] for d in error["details"]] == [field]
    assert body["title"] not in stored_titles(stack)


def test_your_own_association_cannot_be_both_sides(api, proposer, stack):
    mine, owner, _ = proposer
    body = proposal_body(partner={"association_id": mine["id"]})
    error = error_of(api("POST", f"/associations/{mine['id']}/partnerships", owner, json=body,
                         headers={"Accept-Language": "en"}), 422)
    assert error["code"] == "partner_is_proposer"
    assert error["message"] == "An association cannot partner with itself."
    assert body["title"] not in stored_titles(stack)


def test_the_partner_must_be_a_verified_association(api, proposer, new_association, stack):
    mine, owner, _ = proposer
    pending, _ = new_association()
    for partner in (pending["id"], "as_00000000000000000000"):
        body = proposal_body(partner={"association_id": partner})
        error = error_of(api("POST", f"/associations/{mine['id']}/partnerships", owner, json=body), 422)
        assert error["code"] == "partner_not_found"
        assert [d["field"] for d in error["details"]] == ["partner.association_id"]
        assert body["title"] not in stored_titles(stack)


def test_unknown_ids_are_404(api, proposer):
    _, owner, _ = proposer
    assert error_of(api("GET", "/partnerships/pt_00000000000000000000"), 404)["code"] == "partnership_not_found"
    assert error_of(api("GET", "/initiatives/in_00000000000000000000"), 404)["code"] == "initiative_not_found"
    missing = api("POST", "/associations/as_00000000000000000000/partnerships", owner, json=proposal_body())
    assert error_of(missing, 404)["code"] == "association_not_found"
    assert error_of(api("POST", "/partnerships/pt_00000000000000000000/status", owner,
                        json={"status": "ended"}), 404)["code"] == "partnership_not_found"


@pytest.mark.parametrize("query", [
    {"region": "99"}, {"oblast": "UA-99"}, {"domain": "knitting"}, {"status": "dreaming"}, {"limit": 0},
    {"limit": 101},
])
def test_unknown_filter_values_are_422(api, query):
    for path in ("/partnerships", "/initiatives"):
        assert error_of(api("GET", path, params=query), 422)["code"] == "validation_failed"


def test_status_requests_outside_the_table(api, proposer):
    mine, owner, _ = proposer
    p = api("POST", f"/associations/{mine['id']}/partnerships", owner, json=proposal_body()).json()
    assert error_of(api("POST", f"/partnerships/{p['id']}/status", owner, json={"status": "in_discussion"}), 422)
    assert error_of(api("POST", f"/partnerships/{p['id']}/status", owner, json={"status": "signed"}), 409)[
        "code"] == "transition_not_allowed"
    assert api("GET", f"/partnerships/{p['id']}").json()["status"] == "proposed"


@pytest.mark.parametrize(("override", "field"), [
    ({"kind": "gift"}, "kind"),
    ({"oblast": None, "hromada": None}, "body"),
    ({"region": "99"}, "region"),
    ({"domain": None}, "domain"),
])
def test_invalid_initiatives_are_422(api, proposer, stack, override, field):
    mine, owner, _ = proposer
    body = initiative_body(**override)
    error = error_of(api("POST", f"/associations/{mine['id']}/initiatives", owner, json=body), 422)
    assert field in {d["field"] for d in error["details"]}, error
    assert body["title"] not in stored_titles(stack)
