"""The sitemaps list every public page, cut into files the index names, with the DynamoDB calls known in advance.

Files are made small here (200 URLs, Queries of 100 items) so that 450 events make several files and several
Query pages; the production sizes are hromada.domain.sitemaps.URLS_PER_FILE and DynamoDB's 1 MB pages."""

from __future__ import annotations

import re
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urlsplit
from xml.etree import ElementTree as ET

import pytest

from tests.integration.test_moderation import reported_by
from tests.integration.test_read_calls import dynamodb_calls

NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
KINDS = ("associations", "events", "announcements")
PER_FILE, PER_QUERY = 200, 100
DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def parsed(answer, root: str) -> ET.Element:
    """A sitemap document: XML in the sitemaps.org namespace, each entry a loc (absolute URL) and a lastmod
    (W3C date), nothing else."""
    assert answer.status_code == 200, answer.text
    assert answer.headers["Content-Type"] == "application/xml; charset=utf-8"
    assert answer.content.startswith(b"<?xml version='1.0' encoding='utf-8'?>")
    document = ET.fromstring(answer.content)  # noqa: S314 - our own answer
    assert document.tag == f"{NS}{root}"
    entry = "sitemap" if root == "sitemapindex" else "url"
    for node in document:
        assert node.tag == f"{NS}{entry}", node.tag
        children = {child.tag: child.text for child in node}
        assert set(children) <= {f"{NS}loc", f"{NS}lastmod"} and f"{NS}loc" in children, children
        assert urlsplit(children[f"{NS}loc"]).scheme in ("http", "https")
        if f"{NS}lastmod" in children:
            assert DAY.match(children[f"{NS}lastmod"]), children
    return document


def locations(document: ET.Element) -> list[str]:
    return [loc.text for loc in document.iter(f"{NS}loc")]


def collection(kind: str) -> list[dict[str, Any]]:
    """What the kind's collection holds, in its order, read straight from the table: the truth to compare with."""
    from hromada.models.association import Status
    from hromada.store import keys
    from hromada.store.client import dynamodb, table_name
    from hromada.store.paging import query_items

    partition = {"associations": keys.association_collection(Status.VERIFIED.value),
                 "events": keys.EVENTS_COLLECTION, "announcements": keys.ANNOUNCEMENTS_COLLECTION}[kind]
    # pages of PER_QUERY items: moto copies every item a Query returns, and 1 MB of them is slow on a busy machine
    return list(query_items(dynamodb(), TableName=table_name(), IndexName="gsi2", Limit=PER_QUERY,
                            KeyConditionExpression="gsi2pk = :p", ExpressionAttributeValues={":p": {"S": partition}}))


def queries_to_read(items: int) -> int:
    """Queries of PER_QUERY items to read `items` (moto ends a page that ends the collection without a next key)."""
    return max(1, -(-items // PER_QUERY))


@pytest.fixture
def small_files(monkeypatch):
    from hromada.domain import sitemaps
    from hromada.store import sitemap_entries

    monkeypatch.setattr(sitemaps, "URLS_PER_FILE", PER_FILE)
    monkeypatch.setattr(sitemap_entries, "PAGE_ITEMS", PER_QUERY)


@pytest.fixture
def many_events(api, new_event):
    """`make(count)`; the events are removed afterwards, so the stack's other tests page through no more than
    before (its Queries copy every item they return)."""
    made: list[str] = []

    def make(count: int) -> tuple[list[str], Any]:
        ids, owner = written_events(api, new_event, count)
        made.extend(ids)
        return ids, owner

    yield make
    from hromada.store import keys
    from hromada.store.client import dynamodb, table_name

    doomed = [{k: {"S": v} for k, v in key.items()} for event_id in made
              for key in (keys.event(event_id), keys.seats(event_id))]
    for start in range(0, len(doomed), 25):
        request = {table_name(): [{"DeleteRequest": {"Key": key}} for key in doomed[start:start + 25]]}
        while request:
            request = dynamodb().batch_write_item(RequestItems=request).get("UnprocessedItems") or None


def written_events(api, new_event, count: int) -> tuple[list[str], Any]:
    """One event through the API, the others written straight through the store (one transaction each, no
    notices), past and future, so they fall between the other tests' events."""
    from hromada.models.event import Seats
    from hromada.reference import times
    from hromada.store.events import DynamoEventStore

    first, owner = new_event()
    store = DynamoEventStore()
    model, _ = store.get(first["id"])
    now = datetime.now(UTC)
    made = [first["id"]]
    for n in range(count - 1):
        start = now + timedelta(days=n % 400 - 150, minutes=n)
        copy = model.model_copy(update={"id": f"ev_{uuid.uuid4().hex[:20]}", "start": times.iso(start),
                                        "end": times.iso(start + timedelta(hours=2))})
        store.create(copy, Seats(), editor_email=None)
        made.append(copy.id)
    return made, owner


def test_every_public_event_is_listed_once_across_the_files(api, stack, many_events, person, small_files):
    made, owner = many_events(450)
    hidden, cancelled, deleted = made[10:13], made[200:203], made[300:303]
    for event_id in hidden:
        reported_by(api, person, "event", event_id)
    for event_id in cancelled:
        cancelling = api("POST", f"/events/{event_id}/cancel", owner, json={"reason": "Salle indisponible"})
        assert cancelling.status_code == 200, cancelling.text
    for event_id in deleted:
        assert api("DELETE", f"/events/{event_id}", owner).status_code == 204

    truth = {kind: collection(kind) for kind in KINDS}
    with dynamodb_calls() as calls:
        index = parsed(api("GET", "/sitemap.xml"), "sitemapindex")
    # the index reads each kind's collection to its end, one Query per PER_QUERY items, and nothing else
    assert calls == ["Query"] * sum(queries_to_read(len(truth[kind])) for kind in KINDS)
    files = locations(index)
    lastmods = {node.find(f"{NS}loc").text: node.find(f"{NS}lastmod") for node in index}
    for kind in KINDS:
        named = [f for f in files if urlsplit(f).path == f"/sitemap/{kind}"]
        assert named[0] == f"{stack.api_url}/sitemap/{kind}"
        assert named[1:] == [f"{stack.api_url}/sitemap/{kind}?page={n}" for n in range(2, len(named) + 1)]

    visible = [item for item in truth["events"]
               if not item.get("hidden", {}).get("BOOL") and item["status"]["S"] == "scheduled"]
    event_files = [f for f in files if urlsplit(f).path == "/sitemap/events"]
    assert len(event_files) == -(-len(visible) // PER_FILE) >= 3
    listed: list[str] = []
    for number, url in enumerate(event_files, start=1):
        with dynamodb_calls() as calls:
            document = parsed(api("GET", url.removeprefix(stack.api_url)), "urlset")
        urls = locations(document)
        assert 0 < len(urls) <= PER_FILE
        assert lastmods[url].text == max(node.text for node in document.iter(f"{NS}lastmod"))
        # a file reads the collection up to its own last item: the files before it, itself, nothing after
        if number < len(event_files):
            last = visible[number * PER_FILE - 1]
            assert calls == ["Query"] * (truth["events"].index(last) // PER_QUERY + 1), (number, calls)
        else:
            assert calls == ["Query"] * queries_to_read(len(truth["events"])), (number, calls)
        listed += urls

    page = f"{stack.api_url}/pages/events/"
    assert len(listed) == len(set(listed)) == len(visible)  # each once
    ids = {url.removeprefix(page) for url in listed}
    assert set(made) - set(hidden) - set(cancelled) - set(deleted) <= ids
    assert not ids & {*hidden, *cancelled, *deleted}

    past_the_end = api("GET", f"/sitemap/events?page={len(event_files) + 1}")
    assert past_the_end.status_code == 404 and past_the_end.json()["error"]["code"] == "sitemap_not_found"
    for bad in ("0", "-1", "two", "10001"):
        refused = api("GET", f"/sitemap/events?page={bad}")
        assert refused.status_code == 422 and "error" in refused.json(), (bad, refused.text)


def test_a_file_lists_what_the_index_promised(api, stack, new_event, small_files):
    """Associations and announcements too: every file the index names answers, and their entries are the public
    items of the kind, each once, with the date of its last change."""
    event, owner = new_event()
    association = event["association"]
    from tests.integration.test_authorization_announcements import announcement_body

    post = api("POST", f"/associations/{association['id']}/announcements", owner, json=announcement_body())
    assert post.status_code == 201, post.text
    files = locations(parsed(api("GET", "/sitemap.xml"), "sitemapindex"))
    by_kind: dict[str, list[str]] = {kind: [] for kind in KINDS}
    for url in files:
        kind = urlsplit(url).path.rsplit("/", 1)[1]
        by_kind[kind] += locations(parsed(api("GET", url.removeprefix(stack.api_url)), "urlset"))
    assert all(len(urls) == len(set(urls)) for urls in by_kind.values())
    assert f"{stack.api_url}/pages/associations/{association['slug']}" in by_kind["associations"]
    assert f"{stack.api_url}/pages/announcements/{post.json()['id']}" in by_kind["announcements"]
    assert f"{stack.api_url}/pages/events/{event['id']}" in by_kind["events"]
