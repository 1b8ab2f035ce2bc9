"""An editor sets an association's logo from its dashboard (file, preview, alt text) and sees it on its card in
the directory; a wrong file is refused with a clear message (French and Ukrainian, 1366 px); the demo's posters
on a 390 px phone."""

from __future__ import annotations

import io
import uuid
from typing import TYPE_CHECKING
from urllib.parse import quote

import pytest
import requests
from PIL import Image, ImageDraw
from playwright.sync_api import Browser, expect

from tests.browser.people import person, sign_in_as

if TYPE_CHECKING:
    from tests.browser.conftest import Site

pytestmark = pytest.mark.browser

TEXT = {
    "fr": {"section": "Logo", "file": "Fichier image", "fr_alt": "En français", "save": "Enregistrer l’image",
           "saved": "Image enregistrée.", "wrong": "Ce fichier n’est pas une image JPEG, PNG ou WebP."},
    "uk": {"section": "Логотип", "file": "Файл зображення", "fr_alt": "Французькою", "save": "Зберегти зображення",
           "saved": "Зображення збережено.", "wrong": "Цей файл не є зображенням JPEG, PNG чи WebP."},
}
ASSOCIATION = {"fr": ("Kalyna Montpellier", "kalyna-montpellier", "76"),
               "uk": ("Vyshyvanka Lyon", "vyshyvanka-lyon", "84")}


def logo_png() -> bytes:
    image = Image.new("RGB", (900, 600), (0, 87, 183))
    ImageDraw.Draw(image).rectangle((0, 300, 900, 600), fill=(255, 215, 0))
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


@pytest.mark.parametrize("language", ["fr", "uk"])
def test_an_editor_uploads_a_logo_and_sees_it_on_the_card(browser: Browser, site: Site, language: str) -> None:
    text = TEXT[language]
    name, slug, region = ASSOCIATION[language]
    alt = f"Logo {name} {uuid.uuid4().hex[:6]}"
    with person(browser, site.url, f"pictures_logo_{language}") as owner:
        owner.set_viewport_size({"width": 1366, "height": 900})
        sign_in_as(owner, "owner", then="#/dashboard")
        owner.evaluate("lang => localStorage.setItem('hromada.lang', lang)", language)
        owner.goto("/#/dashboard")
        owner.reload()
        owner.get_by_role("link", name=name).first.click()
        expect(owner.locator("main h1")).to_have_text(name)
        section = owner.locator("section", has=owner.get_by_role("heading", name=text["section"], exact=True))

        # A file that is not an image is refused at once, with a message
        section.get_by_label(text["file"]).set_input_files(
            files=[{"name": "notes.txt", "mimeType": "text/plain", "buffer": b"hello"}])
        expect(section.get_by_role("alert")).to_have_text(text["wrong"])

        # A real logo: preview, alt text, saved
        section.get_by_label(text["file"]).set_input_files(
            files=[{"name": "logo.png", "mimeType": "image/png", "buffer": logo_png()}])
        expect(section.locator(".picture-preview img[src^='blob:']")).to_be_visible()
        # the texts of the picture it replaces (the demo's, for one of them) are not carried over
        for field in section.locator("fieldset input").all():
            expect(field).to_have_value("")
        section.locator("fieldset").get_by_label(text["fr_alt"]).fill(alt)
        section.get_by_role("button", name=text["save"]).click()
        expect(section.get_by_text(text["saved"])).to_be_visible()
        expect(section.get_by_role("img", name=alt)).to_be_visible()

        # The directory's card shows it: lazy, sized, described
        owner.goto(f"/#/associations?region={region}")
        card = owner.locator("li.card", has=owner.get_by_role("link", name=name, exact=True))
        logo = card.get_by_role("img", name=alt)
        expect(logo).to_be_visible()
        assert logo.get_attribute("loading") == "lazy"
        assert logo.get_attribute("width") == "640" and logo.get_attribute("height") == "427"
        assert owner.evaluate("img => img.complete && img.naturalWidth", logo.element_handle()) == 640
        # and its page, at the top
        owner.goto(f"/#/associations/{slug}")
        expect(owner.locator("main .detail-head").get_by_role("img", name=alt)).to_be_visible()


@pytest.mark.parametrize("language", ["fr", "uk"])
def test_posters_fit_a_phone_described_in_its_language(browser: Browser, site: Site, language: str) -> None:
    """The demo's posters (infra/demo_pictures.py) on a 390 px phone: inside their card, loaded, described
    in the page's language; the event page shows the poster at the top, no wider than the screen."""
    from infra.demo_pictures import ALT

    with person(browser, site.url, f"pictures_phone_{language}") as page:
        page.set_viewport_size({"width": 390, "height": 844})
        page.add_init_script(f"localStorage.setItem('hromada.lang', '{language}')")
        # A demo event with a poster, found through the API (events other tests create may fill the first page)
        events = requests.get(f"{site.url}/events", params={"limit": 100}, timeout=30).json()["items"]
        pictured = next(e for e in events if (e.get("picture") or {}).get("alt") == ALT["event"])
        page.goto(f"/#/events?q={quote(pictured['title']['fr'].split(':')[-1].strip())}")
        card = page.locator("li.card", has=page.get_by_role("img", name=ALT["event"][language])).first
        poster = card.get_by_role("img", name=ALT["event"][language])
        expect(poster).to_be_visible()
        poster.scroll_into_view_if_needed()
        page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=poster.element_handle())
        inside, frame = poster.bounding_box(), card.bounding_box()
        assert inside and frame, "poster or card not laid out"
        right, card_right = inside["x"] + inside["width"], frame["x"] + frame["width"]
        assert inside["x"] >= frame["x"] and right <= card_right + 1, (inside, frame)
        assert frame["x"] + frame["width"] <= 390
        card.locator(".card-title a").click()
        # the event's page itself, not the list it replaces
        title = pictured["title"].get(language) or pictured["title"]["fr"]
        expect(page.locator("main h1")).to_have_text(title)
        top = page.locator("main").get_by_role("img", name=ALT["event"][language]).first
        expect(top).to_be_visible()
        box = top.bounding_box()
        assert box and box["width"] <= 390
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
