"""DynamoDB calls per read route with the fact-check notices: one BatchGetItem of the address items for a whole
page, none when nothing on the page links an address."""

from __future__ import annotations

import uuid

from tests.integration.test_authorization_claims import claim_body, fact_check_body
from tests.integration.test_read_calls import calls_of


def test_notices_cost_one_batch_for_a_page(api, person, new_association):
    moderator = person("moderators", label="moderator")
    association, owner = new_association(verified=True)
    tag = uuid.uuid4().hex[:8]
    api("POST", "/claims", moderator, json=claim_body(urls=[f"https://example.org/n/{tag}"]))
    base = f"/associations/{association['id']}/announcements"
    plain = {"type": "news", "title": {"fr": "Sans lien"}, "categories": ["culture"], "body": {"fr": "Rien."}}
    api("POST", base, owner, json=plain)
    assert calls_of(api, f"/announcements?association={association['id']}") == ["Query"]
    for i in range(3):
        api("POST", base, owner, json=plain | {"body": {"fr": f"[lien](https://example.org/n/{tag}) et "
                                                                f"[autre](https://example.org/other/{i})"}})
    assert calls_of(api, f"/announcements?association={association['id']}") == ["Query", "BatchGetItem"]
    one = api("GET", f"/announcements?association={association['id']}").json()["items"][0]
    assert calls_of(api, f"/announcements/{one['id']}") == ["GetItem", "BatchGetItem"]
    assert len(one["fact_checks"]) == 1
    # the public registry: one Query, and one BatchGetItem of the linked fact-checks when there are some
    check = api("POST", base, owner, json=fact_check_body()).json()
    claim = api("POST", "/claims", moderator, json=claim_body(text={"fr": f"Registre {tag}"})).json()
    api("POST", f"/claims/{claim['id']}/fact-checks", moderator, json={"announcement_id": check["id"]})
    assert calls_of(api, f"/claims?q=registre%20{tag}") == ["Query", "BatchGetItem"]
    assert calls_of(api, f"/claims/{claim['id']}") == ["GetItem", "BatchGetItem"]


def test_the_moderation_queue_groups_by_claim_in_two_batches(api, person, new_association):
    moderator = person("moderators", label="moderator")
    association, owner = new_association(verified=True)
    tag = uuid.uuid4().hex[:8]
    claim = api("POST", "/claims", moderator, json=claim_body(urls=[f"https://example.org/q/{tag}"])).json()
    posted = api("POST", f"/associations/{association['id']}/announcements", owner, json={
        "type": "news", "title": {"fr": "Relais"}, "categories": ["culture"],
        "body": {"fr": f"[lien](https://example.org/q/{tag})"}}).json()
    api("POST", "/flags", person(label="reporter"), json={"kind": "announcement", "id": posted["id"],
                                                          "reason": "disinformation"})
    # the queue's page, then the flagged items (to read their links), then the address items
    assert calls_of(api, "/moderation/flags?limit=100", moderator) == ["Query", "BatchGetItem", "BatchGetItem"]
    entry = next(r for r in api("GET", "/moderation/flags?limit=100", moderator).json()["items"]
                 if r["id"] == posted["id"])
    assert [(n["claim_id"], n["verdict"]) for n in entry["fact_checks"]] == [(claim["id"], "false")]
