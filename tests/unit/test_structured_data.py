"""schema.org JSON-LD of events, associations and announcements, and the crawlable pages that carry it."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from typing import Any

from hromada import snapshots, structured_data
from hromada.models.announcement import Announcement
from hromada.models.association import Association
from hromada.models.event import Event, Seats, Venue
from tests.schema_org import problems

WEB = "https://hromada.example.org"
URLS = snapshots.Urls(api_url="https://api.hromada.example.org", web_url=WEB)
VENUE = Venue(name="Salle Nougaro", address="20 chemin de Garric", city="Toulouse", postal_code="31200",
              department="31", region="76", latitude=43.6, longitude=1.44)


def an_event(**overrides: Any) -> Event:
    fields: dict[str, Any] = dict(
        id="ev_0123456789abcdef0123", association_id="as_0123456789abcdef0123", association_name="Dnipro",
        association_slug="dnipro", title={"fr": "Soirée bandoura", "uk": "Вечір бандури"},
        description={"fr": "Un **concert**."}, description_html={"fr": "<p>Un <strong>concert</strong>.</p>"},
        start="2026-12-12T18:00:00Z", end="2026-12-12T20:00:00Z", timezone="Europe/Paris", venue=VENUE,
        categories=["concert"], languages=["uk", "fr"], created_at="2026-11-01T10:00:00Z",
        updated_at="2026-11-02T10:00:00Z", created_by="u1", capacity=30)
    fields.update(overrides)
    return Event(**fields)


def an_association(**overrides: Any) -> Association:
    fields: dict[str, Any] = dict(
        id="as_0123456789abcdef0123", slug="dnipro", name="Dnipro", description={"fr": "Culture ukrainienne."},
        categories=["culture"], region="76", department="31", city="Toulouse", postal_code="31000",
        website="https://dnipro.example.org", logo_url="https://dnipro.example.org/logo.png",
        social_links={"facebook": "https://facebook.com/dnipro"}, owner_id="u1", status="verified",
        created_at="2026-01-01T00:00:00Z", updated_at="2026-01-02T00:00:00Z")
    fields.update(overrides)
    return Association(**fields)


def an_announcement(**overrides: Any) -> Announcement:
    fields: dict[str, Any] = dict(
        id="an_0123456789abcdef0123", association_id="as_0123456789abcdef0123", association_name="Dnipro",
        association_slug="dnipro", type="news", title={"fr": "Nouvelle saison"}, body={"fr": "Elle commence."},
        body_html={"fr": "<p>Elle commence.</p>"}, categories=["culture"], created_at="2026-11-01T10:00:00Z",
        updated_at="2026-11-03T10:00:00Z", created_by="u1")
    fields.update(overrides)
    return Announcement(**fields)


class Scripts(HTMLParser):
    """The JSON-LD scripts of a page as a browser's HTML parser splits them out."""

    def __init__(self) -> None:
        super().__init__()
        self.blocks: list[str] = []
        self.other_scripts = 0
        self._in = False

    def handle_starttag(self, tag, attrs):
        if tag == "script":
            if dict(attrs).get("type") == "application/ld+json":
                self._in = True
                self.blocks.append("")
            else:
                self.other_scripts += 1

    def handle_endtag(self, tag):
        if tag == "script":
            self._in = False

    def handle_data(self, data):
        if self._in:
            self.blocks[-1] += data


def json_ld(page: str) -> list[dict[str, Any]]:
    parser = Scripts()
    parser.feed(page)
    assert parser.other_scripts == 0
    return [json.loads(block) for block in parser.blocks]


def test_the_checker_refuses_broken_shapes():
    broken = {"@context": "https://schema.org", "@type": "Event", "name": "x", "startDate": "2026-12-12 19:00",
              "eventStatus": "Cancelled", "location": {"@type": "City"}}
    found = problems(broken)
    assert any("startDate" in p for p in found) and any("eventStatus" in p for p in found)
    assert any("not a Place" in p for p in found) and any("offers" in p for p in found)
    assert problems({"@context": "https://schema.org", "@type": "NewsArticle"}) != []


def test_an_event_has_googles_event_shape():
    data = structured_data.event(an_event(), Seats(capacity=30, confirmed=3), lang="uk", web_url=WEB)
    assert problems(data) == []
    assert data["name"] == "Вечір бандури"
    assert data["startDate"] == "2026-12-12T19:00:00+01:00" and data["endDate"] == "2026-12-12T21:00:00+01:00"
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert data["location"]["address"]["addressLocality"] == "Toulouse"
    assert data["location"]["address"]["addressRegion"] == "Окситанія"
    assert data["location"]["geo"]["latitude"] == 43.6
    assert data["offers"]["availability"] == "https://schema.org/InStock" and data["offers"]["price"] == "0"
    assert data["organizer"] == {"@type": "Organization", "name": "Dnipro", "url": f"{WEB}/#/associations/dnipro"}
    assert data["description"] == "Un concert."


def test_full_cancelled_online_and_mixed_events():
    full = structured_data.event(an_event(), Seats(capacity=30, confirmed=30), lang="fr", web_url=WEB)
    assert full["offers"]["availability"] == "https://schema.org/SoldOut"
    cancelled = structured_data.event(an_event(status="cancelled"), None, lang="fr", web_url=WEB)
    assert cancelled["eventStatus"] == "https://schema.org/EventCancelled" and problems(cancelled) == []
    online = structured_data.event(an_event(venue=None, online_url="https://meet.example.org/x"), None,
                                   lang="fr", web_url=WEB)
    assert online["location"] == {"@type": "VirtualLocation", "url": "https://meet.example.org/x"}
    assert online["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode" and problems(online) == []
    mixed = structured_data.event(an_event(online_url="https://meet.example.org/x"), None, lang="fr", web_url=WEB)
    assert [p["@type"] for p in mixed["location"]] == ["Place", "VirtualLocation"]
    assert mixed["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode" and problems(mixed) == []


def test_an_association_and_an_announcement_have_their_shapes():
    org = structured_data.organization(an_association(), lang="fr", web_url=WEB)
    assert problems(org) == []
    assert org["sameAs"] == ["https://dnipro.example.org", "https://facebook.com/dnipro"]
    assert org["logo"] == "https://dnipro.example.org/logo.png"
    assert org["areaServed"] == {"@type": "AdministrativeArea", "name": "Occitanie", "identifier": "FR-OCC"}
    article = structured_data.news_article(an_announcement(), lang="fr", web_url=WEB)
    assert problems(article) == []
    assert article["headline"] == "Nouvelle saison" and article["dateModified"] == "2026-11-03T10:00:00Z"
    assert article["publisher"]["name"] == "Dnipro"


def test_a_script_closing_title_cannot_leave_the_script_element():
    attack = '</script><script>alert(1)</script><!-- "\u2028'
    page = snapshots.event_page(an_event(title={"fr": attack}), None, lang="fr", urls=URLS)
    assert "</script><script>" not in page
    (data,) = json_ld(page)  # one script element, still valid JSON, the title intact
    assert data["name"] == attack
    assert re.search(r"<h1>&lt;/script&gt;&lt;script&gt;alert\(1\)", page)
    assert structured_data.script_json({"a": "<&>"}) == '{"a":"\\u003c\\u0026\\u003e"}'


def test_the_event_page_carries_its_text_links_and_feeds():
    page = snapshots.event_page(an_event(status="cancelled", cancel_reason="Salle fermée"), None, lang="fr",
                                urls=URLS)
    (data,) = json_ld(page)
    assert data["@type"] == "Event" and data["eventStatus"].endswith("EventCancelled")
    assert "<h1>Soirée bandoura</h1>" in page and "Annulé: Salle fermée" in page
    assert "<p>Un <strong>concert</strong>.</p>" in page  # the sanitised description, as HTML
    assert "Salle Nougaro, 20 chemin de Garric, 31200 Toulouse" in page
    assert f'<link rel="canonical" href="{URLS.api_url}/pages/events/ev_0123456789abcdef0123">' in page
    assert 'hreflang="uk" href="https://api.hromada.example.org/pages/events/ev_0123456789abcdef0123?lang=uk"' in page
    assert ('type="application/atom+xml" title="Dnipro — Événements (Atom)" '
            f'href="{URLS.api_url}/events.atom?association=as_0123456789abcdef0123&amp;lang=fr"') in page
    assert f'href="{WEB}/#/events/ev_0123456789abcdef0123"' in page and "http-equiv" not in page


def test_the_association_and_announcement_pages():
    page = snapshots.association_page(an_association(name="<b>Dnipro</b>"), [an_event()], [an_announcement()],
                                      lang="uk", urls=URLS)
    (data,) = json_ld(page)
    assert data["@type"] == "Organization" and data["name"] == "<b>Dnipro</b>" and "<b>Dnipro" not in page
    assert "Вечір бандури" in page and "/pages/announcements/an_0123456789abcdef0123?lang=uk" in page
    article = snapshots.announcement_page(an_announcement(), lang="en", urls=URLS)
    (data,) = json_ld(article)
    assert data["@type"] == "NewsArticle" and '<meta property="og:type" content="article">' in article
    assert '<div class="description" lang="fr"><p>Elle commence.</p></div>' in article  # French, on the English page


def test_render_time_per_page():
    """Rendering alone (README, "Feeds, structured data and crawlable pages"): well under a millisecond or two."""
    import statistics
    import time

    from hromada import atom

    event, association, announcement = an_event(), an_association(), an_announcement()
    renders = {
        "event": lambda: snapshots.event_page(event, Seats(capacity=30), lang="fr", urls=URLS),
        "association (20 events, 10 announcements)": lambda: snapshots.association_page(
            association, [event] * 20, [announcement] * 10, lang="fr", urls=URLS),
        "announcement": lambda: snapshots.announcement_page(announcement, lang="fr", urls=URLS),
        "events feed (50 entries)": lambda: atom.render(atom.Feed(
            id="tag:x,2026-01-01:events", title="t", self_url="s", alternate_url="a", updated="2026-01-01T00:00:00Z",
            lang="fr", entries=[atom.event_entry(event, lang="fr", web_url=WEB) for _ in range(50)])),
    }
    medians = {}
    for name, render in renders.items():
        render()  # the template compiled, babel's locale data loaded: once per cold start
        timings = []
        for _ in range(30):
            started = time.perf_counter()
            render()
            timings.append((time.perf_counter() - started) * 1000)
        medians[name] = round(statistics.median(timings), 2)
    print(medians)
    assert all(ms < 50 for ms in medians.values()), medians
