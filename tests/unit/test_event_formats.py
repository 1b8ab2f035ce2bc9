"""Text and time formats of events: sanitised Markdown, iCalendar read back, local times, CSV export."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime
from html.parser import HTMLParser

import icalendar
import pytest

from hromada.attendees import attendees, attendees_csv
from hromada.domain import markdown
from hromada.domain.event_ports import EventRoster, WaitSlot
from hromada.ical import calendar, html_to_text
from hromada.models.event import Event, EventStatus, Rsvp, Seats
from hromada.reference import times

ATTACKS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[click](javascript:alert(1))",
    "[data](data:text/html;base64,PHNjcmlwdD4=)",
    '<a href="javascript:alert(1)">x</a>',
    "<iframe src=https://evil.example></iframe>",
    "<svg onload=alert(1)>",
    '![x](https://evil.example/pixel.png "t")',
]


class Elements(HTMLParser):
    def __init__(self, html: str):
        super().__init__()
        self.found: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, attrs))


@pytest.mark.parametrize("attack", ATTACKS)
def test_markdown_comes_out_harmless(attack):
    html = markdown.to_html(f"Avant {attack} après")
    for tag, attrs in Elements(html).found:
        assert tag in markdown.ALLOWED_TAGS, html
        for name, value in attrs:
            assert name in {"href", "title", "rel", "start"}, html
            if name == "href":
                assert (value or "").split(":")[0] in markdown.URL_SCHEMES, html


def test_markdown_keeps_what_is_allowed():
    html = markdown.to_html("# Titre\n\n**gras**, *italique*, ~~barré~~, `code`\n\n- un\n- deux\n\n"
                            "[site](https://example.org)")
    assert html.startswith("<h2>Titre</h2>")
    assert "<strong>gras</strong>" in html and "<em>italique</em>" in html and "<s>barré</s>" in html
    assert "<ul>" in html and '<a href="https://example.org" rel="noopener noreferrer nofollow ugc">site</a>' in html


def event(**overrides) -> Event:
    data = {"id": "ev_0123456789abcdef0123", "association_id": "as_1", "association_name": "Maison <b>ukr</b>",
            "association_slug": "maison", "title": {"fr": "Concert <script>alert(1)</script>", "uk": "Концерт"},
            "description": {"fr": "x"}, "description_html": {"fr": "<p>Un <strong>concert</strong> &lt;b&gt;</p>"},
            "start": "2026-04-10T17:00:00.000Z", "end": "2026-04-10T19:00:00.000Z", "timezone": "Europe/Paris",
            "venue": {"name": "Salle", "address": "1 rue A", "city": "Toulouse", "postal_code": "31000",
                      "department": "31", "region": "76"},
            "categories": ["concert"], "languages": ["uk"], "sequence": 3, "created_at": "2026-03-01T10:00:00.000Z",
            "updated_at": "2026-03-05T10:00:00.000Z", "created_by": "sub"} | overrides
    return Event.model_validate(data)


def parsed(events: list[Event], lang: str = "fr") -> icalendar.Calendar:
    return icalendar.Calendar.from_ical(calendar(events, name="Feed <x>", lang=lang))


def test_icalendar_reads_back_with_zone_sequence_and_stable_uid():
    cal = parsed([event()])
    [vevent] = cal.walk("VEVENT")
    assert str(vevent["uid"]) == "ev_0123456789abcdef0123@hromada.events"
    assert vevent["sequence"] == 3 and str(vevent["status"]) == "CONFIRMED"
    start = vevent["dtstart"].dt
    assert start.tzinfo is not None and str(start.tzinfo) == "Europe/Paris"
    assert start.astimezone(UTC) == datetime(2026, 4, 10, 17, tzinfo=UTC)
    assert vevent["dtstart"].params["TZID"] == "Europe/Paris"
    assert [tz["tzid"] for tz in cal.walk("VTIMEZONE")] == ["Europe/Paris"]
    assert parsed([event()]).walk("VEVENT")[0]["uid"] == vevent["uid"]  # stable across renderings


def test_utc_events_need_no_vtimezone():
    cal = parsed([event(timezone="UTC")])
    assert cal.walk("VTIMEZONE") == []
    assert cal.walk("VEVENT")[0]["dtstart"].dt == datetime(2026, 4, 10, 17, tzinfo=UTC)
    assert b"DTSTART:20260410T170000Z" in calendar([event(timezone="UTC")], name="x", lang="fr")


def test_cancelled_events_say_so_with_their_reason():
    [vevent] = parsed([event(status=EventStatus.CANCELLED, cancel_reason="Pluie", sequence=4)]).walk("VEVENT")
    assert str(vevent["status"]) == "CANCELLED" and vevent["sequence"] == 4
    assert str(vevent["description"]).startswith("Pluie")


def test_no_markup_reaches_a_calendar():
    raw = calendar([event()], name="Feed <x>", lang="fr").decode()
    assert "<" not in raw and ">" not in raw
    [vevent] = icalendar.Calendar.from_ical(raw).walk("VEVENT")
    assert str(vevent["summary"]) == "Concert ‹script›alert(1)‹/script›"
    assert "Un concert ‹b›" in str(vevent["description"])


def test_language_falls_back_to_what_exists():
    assert str(parsed([event()], lang="uk").walk("VEVENT")[0]["summary"]) == "Концерт"
    assert str(parsed([event()], lang="en").walk("VEVENT")[0]["summary"]).startswith("Concert")


def test_an_empty_calendar_is_valid():
    assert parsed([]).walk("VEVENT") == []


def test_html_to_text_keeps_paragraphs():
    html = markdown.to_html("Un\n\n- a\n- b & c\n\nDeux  \nlignes")
    assert html_to_text(html) == "Un\n\na\nb & c\n\nDeux\nlignes"


@pytest.mark.parametrize(("naive", "zone", "utc"), [
    ("2026-07-01T19:00:00", "Europe/Paris", "2026-07-01T17:00:00.000Z"),
    ("2026-01-15T19:00:00", "Europe/Paris", "2026-01-15T18:00:00.000Z"),
    ("2026-01-15T19:00:00", "Europe/Kyiv", "2026-01-15T17:00:00.000Z"),
    ("2026-10-25T02:30:00", "Europe/Paris", "2026-10-25T00:30:00.000Z"),  # ambiguous: the first one
])
def test_wall_clock_times_become_utc(naive, zone, utc):
    assert times.iso(times.to_utc(datetime.fromisoformat(naive), zone)) == utc


def test_skipped_wall_clock_times_are_refused():
    with pytest.raises(times.LocalTimeError):
        times.to_utc(datetime(2026, 3, 29, 2, 30), "Europe/Paris")


@pytest.mark.parametrize("name", ["Mars/Olympus", "../../etc/passwd", "/etc/localtime", "localtime", "", "EST5EDT,M3"])
def test_only_iana_zones(name):
    with pytest.raises(ValueError, match="time zone"):
        times.zone(name)


def test_day_bounds_cover_the_whole_paris_day():
    assert times.iso(times.day_bound(date(2026, 7, 1), end=False)) == "2026-06-30T22:00:00.000Z"
    assert times.iso(times.day_bound(date(2026, 7, 1), end=True)) == "2026-07-01T21:59:59.999Z"
    assert times.local("2026-07-01T17:00:00.000Z", "Europe/Paris") == "2026-07-01T19:00:00+02:00"


def test_csv_export_orders_and_neutralises_formulas():
    rsvps = [Rsvp(event_id="ev", member_id=m, email=f"{m}@example.org", name=name, status=status, joined_at=at)
             for m, name, status, at in [
                 ("w2", "Late", "waitlisted", "2026-03-01T10:00:03.000Z"),
                 ("c1", "=HYPERLINK(\"http://evil\")", "confirmed", "2026-03-01T10:00:00.000Z"),
                 ("w1", "Олена", "waitlisted", "2026-03-01T10:00:02.000Z"),
                 ("c2", "+33 6", "confirmed", "2026-03-01T10:00:01.000Z")]]
    roster = EventRoster(event=event(), seats=Seats(capacity=2, confirmed=2, waiting=2), rsvps=rsvps,
                         waitlist=[WaitSlot("ev", "w1", "2026-03-01T10:00:02.000Z"),
                                   WaitSlot("ev", "w2", "2026-03-01T10:00:03.000Z")])
    listing = attendees(roster)
    assert [(a.email, a.position) for a in listing.items] == [
        ("c1@example.org", None), ("c2@example.org", None), ("w1@example.org", 1), ("w2@example.org", 2)]
    text = attendees_csv(listing)
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))
    assert rows[0] == ["name", "email", "status", "position", "joined_at", "promoted_at"]
    assert rows[1][0] == "'=HYPERLINK(\"http://evil\")" and rows[2][0] == "'+33 6" and rows[3][0] == "Олена"


@pytest.mark.parametrize(("value", "zone"), [(datetime(1, 1, 1), "Europe/Paris"),
                                              (datetime.fromisoformat("9999-12-31T23:00:00-14:00"), "UTC")])
def test_instants_at_the_edge_of_the_calendar_are_refused_not_crashed(value, zone):
    from hromada.domain.events import _instant
    from hromada.errors import Invalid

    with pytest.raises(Invalid):
        _instant(value, zone, "start")
