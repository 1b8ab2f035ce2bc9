"""Atom feeds (GET /events.atom, GET /announcements.atom): what a feed reader gets, parsed with feedparser."""

from __future__ import annotations

import uuid
from xml.etree import ElementTree as ET

import feedparser

from tests.integration.test_authorization_announcements import announcement_body
from tests.integration.test_moderation import reported_by
from tests.integration.test_read_calls import dynamodb_calls

ATOM = "{http://www.w3.org/2005/Atom}"


def feed_of(api, path: str, **headers):
    answer = api("GET", path, headers=headers or None)
    assert answer.status_code == 200, answer.text
    assert answer.headers["Content-Type"] == "application/atom+xml; charset=utf-8"
    ET.fromstring(answer.content)  # noqa: S314 - our own answer; well-formed XML, or this raises
    parsed = feedparser.parse(answer.content)
    assert parsed.bozo == 0, parsed.bozo_exception
    return parsed, answer


def test_the_events_feed_lists_what_the_api_lists_with_the_same_filters(api, new_event, stack):
    region_only = {"region": "53"}  # Bretagne: only this test's events there
    tag = uuid.uuid4().hex[:6]
    venue = {"name": "Salle", "address": "1 rue de Brest", "city": "Rennes", "postal_code": "35000",
             "department": "35", "region": "53"}
    first, _ = new_event(days=3, title={"fr": f"Chorale {tag}", "uk": f"Хор {tag}"}, venue=venue)
    second, _ = new_event(days=4, title={"fr": f"Atelier {tag}"}, venue=venue, categories=["workshop"])
    listed = api("GET", "/events", params={**region_only, "q": tag}).json()["items"]
    parsed, answer = feed_of(api, f"/events.atom?region=53&q={tag}")
    assert [e.link for e in parsed.entries] == [f"{stack.api_url}/#/events/{e['id']}" for e in listed]
    assert [e.title for e in parsed.entries] == [f"Chorale {tag}", f"Atelier {tag}"]
    entry = parsed.entries[0]
    assert entry.id.startswith("tag:") and first["id"] in entry.id
    assert entry.author == first["association"]["name"]
    assert "Rennes" in entry.summary and "<strong>concert</strong>" in entry.content[0].value
    assert {t.term for t in entry.tags} == {"concert"}
    assert entry.published and entry.updated
    assert parsed.feed.links[0].rel == "self" and "region=53" in parsed.feed.links[0].href
    assert parsed.feed.generator == "Hromada"
    # filtered by category: one event
    workshops, _ = feed_of(api, f"/events.atom?region=53&q={tag}&category=workshop")
    assert [e.title for e in workshops.entries] == [f"Atelier {tag}"]
    # in Ukrainian: the Ukrainian title where there is one, French otherwise
    ukrainian, _ = feed_of(api, f"/events.atom?region=53&q={tag}&lang=uk")
    assert [e.title for e in ukrainian.entries] == [f"Хор {tag}", f"Atelier {tag}"]
    assert ukrainian.feed.language == "uk"
    assert answer.headers["ETag"] and answer.headers["Last-Modified"]
    assert "max-age" in answer.headers["Cache-Control"]
    again = api("GET", f"/events.atom?region=53&q={tag}", headers={"If-None-Match": answer.headers["ETag"]})
    assert again.status_code == 304 and again.content == b""
    assert second["id"] in parsed.entries[1].link


def test_a_cancelled_event_stays_in_the_feed_marked(api, new_event):
    tag = uuid.uuid4().hex[:6]
    event, owner = new_event(title={"fr": f"Bal {tag}"})
    assert api("POST", f"/events/{event['id']}/cancel", owner, json={"reason": "Salle fermée"}).status_code == 200
    parsed, _ = feed_of(api, f"/events.atom?q={tag}")
    (entry,) = parsed.entries
    assert entry.title == f"[Annulé] Bal {tag}" and entry.summary.startswith("Annulé")
    assert "cancelled" in {t.term for t in entry.tags}


def test_hostile_titles_come_out_as_text(api, new_event, new_association):
    attack = '</title><script>alert(1)</script>]]><!-- & "\''
    tag = uuid.uuid4().hex[:6]
    new_event(title={"fr": f"{attack} {tag}"}, description={"fr": f"<script>alert(2)</script> {tag}"})
    parsed, answer = feed_of(api, f"/events.atom?q={tag}")
    assert b"<script>" not in answer.content
    (entry,) = parsed.entries
    assert entry.title == f"{attack} {tag}"  # the very text, once the reader unescapes it
    assert "<script>" not in entry.content[0].value  # Markdown's raw HTML never became markup
    association, owner = new_association(verified=True)
    posted = api("POST", f"/associations/{association['id']}/announcements", owner,
                 json=announcement_body(title={"fr": f"{attack} {tag}"}))
    assert posted.status_code == 201, posted.text
    news, raw = feed_of(api, f"/announcements.atom?association={association['id']}")
    assert news.entries[0].title == f"{attack} {tag}" and b"<script>" not in raw.content


def test_the_announcements_feed_filters_like_the_list(api, new_association, stack):
    association, owner = new_association(verified=True)
    for body in (announcement_body(type="news", title={"fr": "Nouvelle A", "en": "News A"}),
                 announcement_body(type="project", needs=["volunteers"], title={"fr": "Projet B"})):
        assert api("POST", f"/associations/{association['id']}/announcements", owner, json=body).status_code == 201
    listed = api("GET", "/announcements", params={"association": association["id"]}).json()["items"]
    parsed, _ = feed_of(api, f"/announcements.atom?association={association['id']}")
    assert [e.link for e in parsed.entries] == [f"{stack.api_url}/#/announcements/{a['id']}" for a in listed]
    projects, _ = feed_of(api, f"/announcements.atom?association={association['id']}&type=project&lang=en")
    assert [e.title for e in projects.entries] == ["Projet B"]
    news, _ = feed_of(api, f"/announcements.atom?association={association['id']}&type=news&lang=en")
    assert [e.title for e in news.entries] == ["News A"] and news.entries[0].author == association["name"]
    assert {"news", "culture"} <= {t.term for t in news.entries[0].tags}


def test_hidden_content_never_appears(api, new_event, new_association, person):
    tag = uuid.uuid4().hex[:6]
    event, _ = new_event(title={"fr": f"Caché {tag}"})
    assert len(feed_of(api, f"/events.atom?q={tag}")[0].entries) == 1
    reported_by(api, person, "event", event["id"])  # hidden by reports
    assert feed_of(api, f"/events.atom?q={tag}")[0].entries == []
    association, owner = new_association(verified=True)
    post = api("POST", f"/associations/{association['id']}/announcements", owner,
               json=announcement_body(title={"fr": f"Annonce {tag}"})).json()
    assert len(feed_of(api, f"/announcements.atom?q={tag}")[0].entries) == 1
    reported_by(api, person, "announcement", post["id"])
    assert feed_of(api, f"/announcements.atom?q={tag}")[0].entries == []
    pending, pending_owner = new_association()  # not verified: it cannot publish, so nothing of it is listed
    refused = api("POST", f"/associations/{pending['id']}/events", pending_owner,
                  json={"title": {"fr": "x"}})
    assert refused.status_code in (403, 404, 409, 422)
    assert feed_of(api, f"/events.atom?association={pending['id']}")[0].entries == []


def test_bad_filters_are_a_4xx_in_the_error_shape(api):
    for path in ("/events.atom?region=99", "/events.atom?lang=de", "/events.atom?category=nothing",
                 "/announcements.atom?region=99", "/announcements.atom?type=rumour", "/announcements.atom?lang=xx",
                 "/events.atom?from=tomorrow", "/announcements.atom?category=nothing"):
        answer = api("GET", path)
        assert 400 <= answer.status_code < 500, path
        error = answer.json()["error"]
        assert error["code"] and error["message"], path


def test_an_unfiltered_feed_is_one_query(api, new_event):
    new_event()
    with dynamodb_calls() as calls:
        assert api("GET", "/events.atom").status_code == 200
    assert calls == ["Query"]
    with dynamodb_calls() as calls:
        assert api("GET", "/announcements.atom").status_code == 200
    assert calls == ["Query"]
