"""The claims registry over HTTP: addresses unique under a race, bad input, the fact-checked notices on content
that links a claim's address (and in the moderation queue), hidden fact-checks kept from the public."""

from __future__ import annotations

import uuid
from collections import Counter

import pytest

from tests.integration.test_authorization_claims import claim_body, fact_check_body
from tests.integration.test_races import race, table

RACERS = 6


@pytest.fixture(scope="module")
def moderator(person):
    return person("moderators", label="moderator")


def test_two_claims_racing_for_one_address_one_wins(api, moderator, stack):
    url = f"https://example.org/race/{uuid.uuid4().hex}"
    variants = [url, url.replace("https://example.org", "HTTPS://EXAMPLE.ORG:443") + "/?utm_source=a#x"]
    responses = race([lambda i=i: api("POST", "/claims", moderator,
                                      json=claim_body(urls=[variants[i % 2], f"https://example.org/own/{i}-{url[-8:]}"]))
                      for i in range(RACERS)])
    assert Counter(r.status_code for r in responses) == {201: 1, 409: RACERS - 1}, [r.text for r in responses]
    assert {r.json()["error"]["code"] for r in responses if r.status_code == 409} == {"claim_url_taken"}
    winner = next(r.json() for r in responses if r.status_code == 201)
    # nothing half-written: the losers' own addresses are free, their claims absent
    client, name = table(stack)
    claims = client.query(TableName=name, IndexName="gsi2", KeyConditionExpression="gsi2pk = :c",
                          ExpressionAttributeValues={":c": {"S": "CLAIMS"}})["Items"]
    assert sum(1 for c in claims if url in [u["S"] for u in c["urls"]["L"]]) == 1
    for i in range(RACERS):
        own = f"https://example.org/own/{i}-{url[-8:]}"
        if own not in winner["urls"]:
            assert api("POST", "/claims", moderator, json=claim_body(urls=[own])).status_code == 201


def test_editing_a_verdict_racing_one_wins(api, moderator):
    created = api("POST", "/claims", moderator, json=claim_body()).json()
    responses = race([lambda v=v: api("PATCH", f"/claims/{created['id']}", moderator,
                                      json={"version": 1, "verdict": v})
                      for v in ["misleading", "true", "missing_context"] * 2])
    assert Counter(r.status_code for r in responses) == {200: 1, 409: 5}
    assert api("GET", f"/claims/{created['id']}").json()["version"] == 2
    history = api("GET", f"/claims/{created['id']}/history", moderator).json()["items"]
    assert [h["action"] for h in history] == ["edited", "created"]


@pytest.mark.parametrize(("body", "field"), [
    (claim_body(urls=["javascript:alert(1)"]), "urls[0]"),
    (claim_body(urls=["https://ok.example.org/", "not a url"]), "urls[1]"),
    (claim_body(urls=["ftp://example.org/file"]), "urls[0]"),
    (claim_body(urls=[f"https://example.org/{i}" for i in range(500)]), "urls"),
    (claim_body(verdict="fake"), "verdict"),
    (claim_body(text={}), "text"),
    (claim_body(text={"fr": "   "}), "text"),
    (claim_body(first_seen_on="yesterday"), "first_seen_on"),
    (claim_body(extra="x"), "extra"),
])
def test_bad_input_is_a_422_and_writes_nothing(api, moderator, body, field):
    before = len(api("GET", "/claims", params={"limit": 100}).json()["items"])
    response = api("POST", "/claims", moderator, json=body)
    assert response.status_code == 422, response.text
    error = response.json()["error"]
    assert error["code"] == "validation_failed"
    assert any(field in (d.get("field") or "") for d in error["details"]), error
    assert len(api("GET", "/claims", params={"limit": 100}).json()["items"]) == before


def test_content_linking_a_claim_s_address_carries_the_notice(api, moderator, new_association, person):
    tag = uuid.uuid4().hex[:8]
    claim = api("POST", "/claims", moderator, json=claim_body(urls=[f"https://news.example.org/{tag}/"])).json()
    association, owner = new_association(verified=True)
    spreading = api("POST", f"/associations/{association['id']}/announcements", owner, json={
        "type": "news", "title": {"fr": f"Lu ailleurs {tag}"}, "categories": ["culture"],
        "body": {"fr": f"Voir [cet article](HTTPS://NEWS.example.org/{tag}?utm_campaign=z#top)."}}).json()
    clean = api("POST", f"/associations/{association['id']}/announcements", owner, json={
        "type": "news", "title": {"fr": f"Sans lien {tag}"}, "categories": ["culture"],
        "body": {"fr": "Rien à signaler."}}).json()
    one = api("GET", f"/announcements/{spreading['id']}").json()
    assert [(n["claim_id"], n["verdict"]) for n in one["fact_checks"]] == [(claim["id"], "false")]
    assert one["fact_checks"][0]["fact_check_url"].endswith(f"#/claims/{claim['id']}")
    listed = api("GET", "/announcements", params={"association": association["id"]}).json()["items"]
    notices = {a["id"]: a["fact_checks"] for a in listed}
    assert len(notices[spreading["id"]]) == 1 and notices[clean["id"]] == []
    # the verdict changes: so does the notice
    api("PATCH", f"/claims/{claim['id']}", moderator, json={"version": 1, "verdict": "misleading"})
    assert api("GET", f"/announcements/{spreading['id']}").json()["fact_checks"][0]["verdict"] == "misleading"
    # flagged: the moderation queue names the claim the content spreads
    for i in range(2):
        api("POST", "/flags", person(label=f"reporter{i}"),
            json={"kind": "announcement", "id": spreading["id"], "reason": "disinformation"})
    queue = api("GET", "/moderation/flags", moderator, params={"limit": 100}).json()["items"]
    entry = next(r for r in queue if r["id"] == spreading["id"])
    assert [n["claim_id"] for n in entry["fact_checks"]] == [claim["id"]]


def test_search_finds_a_claim_in_any_language_and_by_verdict(api, moderator):
    tag = uuid.uuid4().hex[:8]
    claim = api("POST", "/claims", moderator, json=claim_body(
        text={"uk": f"Біолабораторії {tag}", "en": f"Biolabs {tag}"}, verdict="misleading")).json()
    for q in (f"біолабораторії {tag}", f"BIOLABS {tag}"):
        found = api("GET", "/claims", params={"q": q}).json()["items"]
        assert [c["id"] for c in found] == [claim["id"]], q
    assert api("GET", "/claims", params={"q": tag, "verdict": "false"}).json()["items"] == []


def test_hidden_fact_checks_are_not_shown_publicly(api, moderator, new_association, person):
    association, owner = new_association(verified=True)
    claim = api("POST", "/claims", moderator, json=claim_body()).json()
    check = api("POST", f"/associations/{association['id']}/announcements", owner, json=fact_check_body()).json()
    news = api("POST", f"/associations/{association['id']}/announcements", owner, json={
        "type": "news", "title": {"fr": "Une nouvelle"}, "categories": ["culture"], "body": {"fr": "Texte."}}).json()
    # only a fact-check can be linked
    refused = api("POST", f"/claims/{claim['id']}/fact-checks", moderator, json={"announcement_id": news["id"]})
    assert refused.status_code == 422 and refused.json()["error"]["code"] == "not_a_fact_check"
    linked = api("POST", f"/claims/{claim['id']}/fact-checks", moderator, json={"announcement_id": check["id"]})
    assert [f["id"] for f in linked.json()["fact_checks"]] == [check["id"]]
    # moderation hides the fact-check: the public claim no longer shows it, and it cannot be linked again
    ref = f"announcement:{check['id']}"
    api("POST", "/flags", person(label="reporter"), json={"kind": "announcement", "id": check["id"],
                                                          "reason": "spam"})
    entry = api("GET", f"/moderation/flags/{ref}", moderator).json()
    hidden = api("POST", f"/moderation/flags/{ref}/decisions", moderator,
                 json={"action": "hide", "version": entry["version"], "note": "x"})
    assert hidden.status_code == 200, hidden.text
    shown = api("GET", f"/claims/{claim['id']}").json()
    assert shown["fact_checks"] == [] and check["id"] not in str(shown)
    listed = api("GET", "/claims", params={"q": claim["text"]["fr"]}).json()["items"]
    assert listed and listed[0]["fact_checks"] == []
    other = api("POST", "/claims", moderator, json=claim_body()).json()
    again = api("POST", f"/claims/{other['id']}/fact-checks", moderator, json={"announcement_id": check["id"]})
    assert again.status_code == 422


def test_a_member_cannot_record_edit_or_set_a_verdict(api, moderator, person):
    """The attack: a signed-in member (or staff without a second factor) writes a verdict of their choosing."""
    claim = api("POST", "/claims", moderator, json=claim_body()).json()
    for who in (person(label="member"), person("moderators", label="nomfa", mfa=False)):
        assert api("POST", "/claims", who, json=claim_body()).status_code == 403
        assert api("PATCH", f"/claims/{claim['id']}", who, json={"version": 1, "verdict": "true"}).status_code == 403
        assert api("GET", f"/claims/{claim['id']}/history", who).status_code == 403
    shown = api("GET", f"/claims/{claim['id']}").json()
    assert (shown["verdict"], shown["version"]) == ("false", 1)


def test_the_fact_check_s_crawlable_page_carries_its_claim_review(api, moderator, new_association):
    association, owner = new_association(verified=True)
    claim = api("POST", "/claims", moderator, json=claim_body(verdict="false")).json()
    check = api("POST", f"/associations/{association['id']}/announcements", owner, json=fact_check_body()).json()
    api("POST", f"/claims/{claim['id']}/fact-checks", moderator, json={"announcement_id": check["id"]})
    assert [c["id"] for c in api("GET", "/claims", params={"fact_check": check["id"]}).json()["items"]] == [claim["id"]]
    page = api("GET", f"/pages/announcements/{check['id']}", params={"lang": "en"}).text
    assert '"@type":"ClaimReview"' in page and '"alternateName":"False"' in page
    assert claim["urls"][0] in page
    api("DELETE", f"/claims/{claim['id']}/fact-checks/{check['id']}", moderator)
    assert api("GET", "/claims", params={"fact_check": check["id"]}).json()["items"] == []
    assert "ClaimReview" not in api("GET", f"/pages/announcements/{check['id']}", params={"lang": "en"}).text


def test_the_history_names_an_erased_moderator_by_a_pseudonym_only(api, person):
    """The edit history keeps who did what; a moderator's erasure leaves the entries without their account id."""
    leaving, staying = person("moderators", label="leaving"), person("moderators", label="staying")
    claim = api("POST", "/claims", leaving, json=claim_body()).json()
    api("PATCH", f"/claims/{claim['id']}", staying, json={"version": 1, "verdict": "misleading"})
    before = api("GET", f"/claims/{claim['id']}/history", staying).json()["items"]
    assert [(h["by"], h["action"]) for h in before] == [(staying.sub, "edited"), (leaving.sub, "created")]
    assert before[0]["fields"] == ["verdict"]
    exported = api("GET", "/me/export", leaving)
    assert exported.status_code == 200, exported.text
    assert any(a.get("target") == claim["id"] for a in exported.json()["audit"])
    assert api("DELETE", "/me", leaving, json={"confirm": leaving.email}).status_code == 204
    after = api("GET", f"/claims/{claim['id']}/history", staying).json()["items"]
    assert after[0]["by"] == staying.sub and after[1]["by"] != leaving.sub and after[1]["action"] == "created"
    assert leaving.sub not in str(after)


def test_an_event_linking_a_claim_s_address_carries_the_notice(api, moderator, new_event):
    tag = uuid.uuid4().hex[:8]
    claim = api("POST", "/claims", moderator, json=claim_body(urls=[f"https://stream.example.org/live/{tag}"])).json()
    event, _ = new_event(online_url=f"https://STREAM.example.org/live/{tag}/?fbclid=abc")
    plain, _ = new_event()
    shown = api("GET", f"/events/{event['id']}").json()
    assert [(n["claim_id"], n["verdict"]) for n in shown["fact_checks"]] == [(claim["id"], "false")]
    assert api("GET", f"/events/{plain['id']}").json()["fact_checks"] == []
    listed = {e["id"]: e["fact_checks"] for e in api("GET", "/events", params={"limit": 100}).json()["items"]}
    if event["id"] in listed:
        assert [n["claim_id"] for n in listed[event["id"]]] == [claim["id"]]
