"""Crawlable pages (GET /pages/...) and the sitemap: what a crawler reads without JavaScript, what it costs."""

from __future__ import annotations

import json
import time
from xml.etree import ElementTree as ET

from tests.integration.test_authorization_announcements import announcement_body
from tests.integration.test_moderation import reported_by
from tests.integration.test_read_calls import dynamodb_calls
from tests.schema_org import problems
from tests.unit.test_structured_data import json_ld

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def page_of(api, path: str, status: int = 200):
    answer = api("GET", path)
    assert answer.status_code == status, answer.text
    assert answer.headers["Content-Type"] == "text/html; charset=utf-8"
    assert "default-src 'none'" in answer.headers["Content-Security-Policy"]
    return answer


def test_an_event_page_reads_without_javascript(api, new_event, stack):
    event, _ = new_event(title={"fr": "Soirée bandoura", "uk": "Вечір бандури"},
                         online_url="https://meet.example.org/bandoura")
    answer = page_of(api, f"/pages/events/{event['id']}?lang=uk")
    (data,) = json_ld(answer.text)
    assert problems(data) == [] and data["@type"] == "Event" and data["name"] == "Вечір бандури"
    assert data["eventAttendanceMode"].endswith("MixedEventAttendanceMode")
    assert data["startDate"] == event["start_local"]
    assert "<h1>Вечір бандури</h1>" in answer.text and "Salle Nougaro" in answer.text
    assert "<strong>concert</strong>" in answer.text
    assert f'<link rel="canonical" href="{stack.api_url}/pages/events/{event["id"]}?lang=uk">' in answer.text
    assert 'type="application/atom+xml"' in answer.text
    assert "max-age" in answer.headers["Cache-Control"]


def test_association_and_announcement_pages(api, new_event, stack):
    event, owner = new_event(title={"fr": "Atelier pysanka"})
    association_id, slug = event["association"]["id"], event["association"]["slug"]
    post = api("POST", f"/associations/{association_id}/announcements", owner,
               json=announcement_body(title={"fr": "Nouvelle saison"})).json()
    page = page_of(api, f"/pages/associations/{slug}").text
    (org,) = json_ld(page)
    assert org["@type"] == "Organization" and org["url"].endswith(f"/#/associations/{slug}")
    assert problems(org) == ["$: Organization lacks expected logo"]  # the test association has none
    assert "Atelier pysanka" in page and "Nouvelle saison" in page
    assert f"/pages/events/{event['id']}" in page and f"/pages/announcements/{post['id']}" in page
    assert page_of(api, f"/pages/associations/{association_id}").text.count("Atelier pysanka") == 1
    article = page_of(api, f"/pages/announcements/{post['id']}").text
    (data,) = json_ld(article)
    assert data["@type"] == "NewsArticle" and data["headline"] == "Nouvelle saison" and problems(data) == []


def test_unknown_hidden_and_unverified_items_are_a_404_page(api, new_event, new_association, person):
    for path in ("/pages/events/ev_00000000000000000000", "/pages/events/nothing",
                 "/pages/announcements/an_00000000000000000000", "/pages/associations/nobody-here"):
        answer = page_of(api, path, 404)
        assert "noindex" in answer.text and "application/ld+json" not in answer.text
    event, _ = new_event(title={"fr": "Bientôt caché"})
    page_of(api, f"/pages/events/{event['id']}")
    reported_by(api, person, "event", event["id"])
    assert "Bientôt caché" not in page_of(api, f"/pages/events/{event['id']}", 404).text
    pending, _ = new_association()
    page_of(api, f"/pages/associations/{pending['slug']}", 404)
    assert api("GET", f"/pages/events/{event['id']}?lang=de").status_code == 422


def every_url(api, kind: str) -> list[str]:
    """A kind's sitemap: every file the index names for it."""
    files = [loc.text for loc in ET.fromstring(api("GET", "/sitemap.xml").content).iter(f"{SITEMAP}loc")]  # noqa: S314
    urls = []
    for file in files:
        path = "/" + file.split("//", 1)[1].split("/", 1)[1]
        if path.split("?")[0] == f"/sitemap/{kind}":
            urls += [loc.text for loc in ET.fromstring(api("GET", path).content).iter(f"{SITEMAP}loc")]  # noqa: S314
    return urls


def test_the_sitemap_lists_public_pages_with_queries_only(api, new_event, stack, person):
    event, _ = new_event()
    hidden, _ = new_event()
    reported_by(api, person, "event", hidden["id"])
    index = ET.fromstring(page := api("GET", "/sitemap.xml").content)  # noqa: S314 - our own answer
    assert b"<sitemapindex" in page
    locations = [loc.text for loc in index.iter(f"{SITEMAP}loc")]
    assert locations == [f"{stack.api_url}/sitemap/{kind}" for kind in ("associations", "events", "announcements")]
    assert f"Sitemap: {stack.api_url}/sitemap.xml" in api("GET", "/robots.txt").text.splitlines()
    with dynamodb_calls() as calls:
        answer = api("GET", "/sitemap/events")
    assert answer.status_code == 200 and answer.headers["Content-Type"].startswith("application/xml")
    assert set(calls) == {"Query"}  # one per 1 MB of events read (counted exactly in test_sitemaps.py)
    urls = [loc.text for loc in ET.fromstring(answer.content).iter(f"{SITEMAP}loc")]  # noqa: S314
    assert f"{stack.api_url}/pages/events/{event['id']}" in urls
    assert f"{stack.api_url}/pages/events/{hidden['id']}" not in urls
    assert f"{stack.api_url}/pages/associations/{event['association']['slug']}" in every_url(api, "associations")
    assert api("GET", "/sitemap/people").status_code == 422
    assert api("GET", "/sitemap/events?page=0").status_code == 422


def test_render_time_and_dynamodb_calls_per_page(api, new_event):
    """The numbers behind rendering on request (README, "Feeds, structured data and crawlable pages")."""
    event, owner = new_event()
    association = event["association"]
    post = api("POST", f"/associations/{association['id']}/announcements", owner, json=announcement_body()).json()
    paths = {"event": f"/pages/events/{event['id']}", "association": f"/pages/associations/{association['slug']}",
             "announcement": f"/pages/announcements/{post['id']}", "events feed": "/events.atom",
             "announcements feed": "/announcements.atom", "sitemap page": "/sitemap/events"}
    figures = {}
    for name, path in paths.items():
        api("GET", path)  # warm: the first request of a function is its cold start
        timings = []
        for _ in range(5):
            with dynamodb_calls() as calls:
                started = time.perf_counter()
                assert api("GET", path).status_code == 200
                timings.append((time.perf_counter() - started) * 1000)
        figures[name] = {"median_ms": round(sorted(timings)[2], 1), "dynamodb_calls": calls}
    print(json.dumps(figures, ensure_ascii=False))
    assert figures["event"]["dynamodb_calls"] == ["BatchGetItem"] or len(figures["event"]["dynamodb_calls"]) == 1
    assert len(figures["association"]["dynamodb_calls"]) <= 4
    assert all(f["median_ms"] < 1000 for f in figures.values()), figures
