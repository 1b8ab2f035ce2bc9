"""Share pages (GET /share/events/{id}): what a social network's crawler reads for a shared event, escaped."""

from __future__ import annotations

from html.parser import HTMLParser

from tests.integration.test_moderation import reported_by


class Head(HTMLParser):
    """The page's <meta> properties, its title text and links, as a crawler parses them."""

    def __init__(self) -> None:
        super().__init__()
        self.meta: dict[str, str] = {}
        self.title = ""
        self.links: list[str] = []
        self.scripts = 0
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag == "meta" and (values.get("property") or values.get("name")):
            self.meta[values.get("property") or values["name"]] = values.get("content") or ""
        if tag == "meta" and values.get("http-equiv") == "refresh":
            self.meta["refresh"] = values["content"]
        self._in_title = tag == "title"
        self.scripts += tag == "script"
        if tag == "a":
            self.links.append(values["href"])

    def handle_endtag(self, tag):
        self._in_title = False

    def handle_data(self, data):
        if self._in_title:
            self.title += data


def parsed(body: str) -> Head:
    head = Head()
    head.feed(body)
    return head


def test_a_shared_event_carries_its_card_and_leads_to_the_web_client(api, new_event, stack):
    event, _ = new_event(title={"fr": "Soirée bandoura", "uk": "Вечір бандури"},
                         image_url="https://images.example.org/affiche.jpg")
    answer = api("GET", f"/share/events/{event['id']}", headers={"Accept-Language": "uk"})
    assert answer.status_code == 200, answer.text
    assert answer.headers["Content-Type"].startswith("text/html")
    page = parsed(answer.text)
    assert page.meta["og:title"] == page.meta["twitter:title"] == "Вечір бандури"
    assert page.meta["og:image"] == page.meta["twitter:image"] == "https://images.example.org/affiche.jpg"
    assert page.meta["og:url"] == f"{stack.api_url}/share/events/{event['id']}"
    assert page.meta["twitter:card"] == "summary_large_image"
    assert "Toulouse" in page.meta["og:description"] and event["start"][:4] in page.meta["og:description"]
    target = f"{stack.api_url}/#/events/{event['id']}"
    assert page.meta["refresh"] == f"0; url={target}"
    assert target in page.links
    # the crawlable page (text, JSON-LD) is the canonical one; the association's Atom feed is named
    assert f'<link rel="canonical" href="{stack.api_url}/pages/events/{event["id"]}?lang=uk">' in answer.text
    assert f'href="{stack.api_url}/events.atom?association={event["association"]["id"]}&amp;lang=uk"' in answer.text


def test_an_event_without_a_picture_shows_the_site_logo(api, new_event, stack):
    event, _ = new_event()
    page = parsed(api("GET", f"/share/events/{event['id']}").text)
    assert page.meta["og:image"] == f"{stack.api_url}/img/hromada-share.png"
    assert api("GET", "/img/hromada-share.png").headers["Content-Type"] == "image/png"


def test_markup_in_a_title_comes_out_as_text(api, new_event):
    attack = '</title><script>alert(1)</script><meta property="og:title" content="pwned">"\''
    event, _ = new_event(title={"fr": attack}, description={"fr": '"><script>alert(2)</script>'})
    answer = api("GET", f"/share/events/{event['id']}", headers={"Accept-Language": "fr"})
    assert answer.status_code == 200
    assert "<script" not in answer.text.lower()
    assert "&lt;/title&gt;&lt;script&gt;" in answer.text
    page = parsed(answer.text)
    assert page.scripts == 0
    assert page.meta["og:title"] == attack  # the very text, once unescaped by the parser
    assert page.title == f"{attack} — Hromada"
    assert "default-src 'none'" in answer.headers["Content-Security-Policy"]


def test_unknown_malformed_and_hidden_events_are_a_404_page(api, new_event, person):
    for path in ("/share/events/ev_00000000000000000000", "/share/events/nothing-here"):
        answer = api("GET", path, headers={"Accept-Language": "fr"})
        assert answer.status_code == 404, path
        assert answer.headers["Content-Type"].startswith("text/html")
        assert "Événement introuvable" in answer.text and "og:title" not in answer.text
    event, _ = new_event(title={"fr": "Bientôt caché"})
    assert api("GET", f"/share/events/{event['id']}").status_code == 200
    reported_by(api, person, "event", event["id"])  # hidden by reports: gone for the public
    hidden = api("GET", f"/share/events/{event['id']}")
    assert hidden.status_code == 404 and "Bientôt caché" not in hidden.text
