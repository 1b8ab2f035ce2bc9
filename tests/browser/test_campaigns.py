"""Campaigns in the web client, in French at a laptop's width and in Ukrainian at a phone's: an admin creates a
campaign, an editor attaches an event to it from the event form, the campaign page lists it under its region,
the admin's gap map shows the regions without events and drafts an invitation that reaches the dev mailbox;
the home page shows the running campaign's banner; axe on the pages."""

from __future__ import annotations

import re
import time
import uuid
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

import pytest
import requests
from playwright.sync_api import Browser, expect

from infra.browser import settled
from infra.users import LOCAL_TOTP_SECRET
from tests.browser.people import person, sign_in
from tests.browser.test_accessibility import OPTIONS, axe
from tests.browser.test_back_office import Api, association, event, in_language, no_sideways_scroll

if TYPE_CHECKING:
    from tests.browser.conftest import Site

pytestmark = pytest.mark.browser

SIZES = [("fr", 1366), ("uk", 390)]
TEXT = {
    "fr": {"create": "Créer la campagne", "events": "Événements par région", "region": "Normandie",
           "gap": "Carte des manques", "gap_region": "Bretagne", "draft": "Préparer l’invitation",
           "send": "Envoyer l’invitation", "sent": "Invitation envoyée à 1 association(s).",
           "banner": "Campagne en cours", "save": "Enregistrer"},
    "uk": {"create": "Створити кампанію", "events": "Події за регіонами", "region": "Нормандія",
           "gap": "Карта прогалин", "gap_region": "Бретань", "draft": "Підготувати запрошення",
           "send": "Надіслати запрошення", "sent": "Запрошення надіслано асоціаціям: 1.",
           "banner": "Поточна кампанія", "save": "Зберегти"},
}


@pytest.fixture(scope="module")
def cast(site: Site) -> dict[str, Any]:
    api = Api(site)
    owner, moderator = api.account("owner"), api.account("moderator", "moderators")
    admin = api.account("admin", "admins")
    tag = uuid.uuid4().hex[:5]
    caen = api.call("POST", "/associations", owner, json=association(
        f"Test navigateur Campagne Caen {tag}", region="28", department="14", city="Caen", postal_code="14000"))
    brest_owner = api.account("brest")
    brest = api.call("POST", "/associations", brest_owner, json=association(
        f"Test navigateur Campagne Brest {tag}", region="53", department="29", city="Brest", postal_code="29200"))
    for made in (caen, brest):
        api.call("POST", f"/associations/{made['id']}/verify", moderator, json={})
    return {"api": api, "owner": owner, "admin": admin, "caen": caen, "brest": brest, "brest_owner": brest_owner}


def serious(page, context: str = "main") -> list[dict[str, Any]]:
    return [v for v in axe.run(page, context=context, options=OPTIONS).response["violations"]
            if v["impact"] in ("serious", "critical")]


def mails_to(site: Site, address: str) -> list[dict[str, Any]]:
    return [m for m in requests.get(f"{site.url}/dev/mailbox.json", timeout=30).json() if m["to"] == address]


@pytest.mark.parametrize(("lang", "width"), SIZES)
def test_create_attach_list_by_region_invite_and_banner(browser: Browser, site: Site, cast: dict[str, Any],
                                                        lang: str, width: int) -> None:
    words, api = TEXT[lang], cast["api"]
    slug = f"vychyvanka-{lang}-{uuid.uuid4().hex[:6]}"
    viewport = {"width": width, "height": 844 if width < 500 else 900}
    assert api.call("GET", "/campaigns/holodomor")["recurrence"]["nth"] == 4  # the demo campaigns are seeded
    # 1. The admin creates a campaign running from today for ten days.
    with person(browser, site.url, f"campaign_admin_{lang}_{width}") as page:
        page.set_viewport_size(viewport)
        sign_in(page, cast["admin"].email, cast["admin"].password, then="#/campaigns", totp_secret=LOCAL_TOTP_SECRET)
        in_language(page, lang)
        settled(page)
        form = page.locator("form:has([name=slug])")
        form.locator("[name=slug]").fill(slug)
        form.locator(f"[name=name_{lang}]").fill("Vychyvanka" if lang == "fr" else "Вишиванка")
        form.locator(f"[name=description_{lang}]").fill(
            "Portez la **vychyvanka**." if lang == "fr" else "Одягніть **вишиванку**.")
        form.locator("[name=start]").fill(date.today().isoformat())
        form.locator("[name=end]").fill((date.today() + timedelta(days=10)).isoformat())
        no_sideways_scroll(page)
        assert serious(page) == []
        form.get_by_role("button", name=words["create"]).click()
        expect(page).to_have_url(f"{site.url}/#/campaigns/{slug}")
        settled(page)
    campaign = api.call("GET", f"/campaigns/{slug}")

    # 2. The editor attaches an event of theirs from the event form.
    made = api.call("POST", f"/associations/{cast['caen']['id']}/events", cast["owner"], json=event(5))
    with person(browser, site.url, f"campaign_editor_{lang}_{width}") as page:
        page.set_viewport_size(viewport)
        sign_in(page, cast["owner"].email, cast["owner"].password, then=f"#/dashboard/event/{made['id']}")
        in_language(page, lang)
        settled(page)
        page.locator("select[name=campaign_id]").select_option(campaign["id"])
        page.locator("form:has(select[name=campaign_id])").get_by_role("button", name=words["save"]).click()
        expect(page.locator("main .success")).to_be_visible()
    assert api.call("GET", f"/events/{made['id']}")["campaign_id"] == campaign["id"]

    # 3. The campaign page lists it under its region; the admin's gap map shows the regions without events and
    # sends an invitation to an association there; the home page shows the banner.
    with person(browser, site.url, f"campaign_page_{lang}_{width}") as page:
        page.set_viewport_size(viewport)
        sign_in(page, cast["admin"].email, cast["admin"].password, then=f"#/campaigns/{slug}",
                totp_secret=LOCAL_TOTP_SECRET)
        in_language(page, lang)
        settled(page)
        events = page.locator("section[aria-labelledby=campaign-events]")
        expect(events.locator("h2")).to_have_text(words["events"])
        region = events.locator(".campaign-region", has=page.locator("h3", has_text=words["region"]))
        expect(region.get_by_role("link", name=made["title"]["fr"] if lang == "fr" else made["title"]["uk"])
               ).to_be_visible()
        gap = page.locator("section[aria-labelledby=gap-map]")
        expect(gap.locator("h2")).to_have_text(words["gap"])
        if requests.get(f"{site.url}/vendor/france-regions.js", timeout=30).ok:  # the vendored outlines (make vendor)
            expect(gap.locator("svg.region-map")).to_be_visible()
            expect(gap.locator('[data-region="28"]')).to_have_attribute("aria-label", re.compile(r"\b1\b"))
        brittany = gap.locator("fieldset.gap-region", has=page.locator("legend", has_text=words["gap_region"]))
        brittany.get_by_label(cast["brest"]["name"]).check()
        gap.get_by_role("button", name=words["draft"]).click()
        subject = gap.locator("[name=subject]")
        expect(subject).not_to_have_value("")
        gap.locator("[name=body]").fill(gap.locator("[name=body]").input_value() + "\n\nP.S. " + slug)
        no_sideways_scroll(page)
        assert serious(page) == []
        gap.get_by_role("button", name=words["send"]).click()
        expect(gap.get_by_text(words["sent"])).to_be_visible()
        expect(brittany.get_by_label(cast["brest"]["name"], exact=False)).to_be_disabled()
        page.screenshot(path=f"test-artifacts/screenshots/campaign_gaps_{lang}_{width}.png", full_page=True)
        sent_subject = subject.input_value()

        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and not [m for m in mails_to(site, cast["brest_owner"].email)
                                                   if slug in (m["text"] or "")]:
            time.sleep(0.3)  # the stack's mail pollers run in another process
        invitations = [m for m in mails_to(site, cast["brest_owner"].email) if slug in (m["text"] or "")]
        # (compared without spaces: the dev mailbox reads a folded Cyrillic subject back without the space at the fold)
        assert len(invitations) == 1 and invitations[0]["subject"].replace(" ", "") == sent_subject.replace(" ", "")

        page.goto("/#/")
        settled(page)
        banner = page.locator(".campaign-banner", has=page.locator(f"a[href='#/campaigns/{slug}']"))
        expect(banner).to_contain_text(words["banner"])
        # its name links to its page (on a phone, that one line is the whole banner)
        expect(banner.get_by_role("link", name="Vychyvanka" if lang == "fr" else "Вишиванка")).to_have_attribute(
            "href", f"#/campaigns/{slug}")
        if width < 500:
            box = banner.bounding_box()
            assert box is not None and box["height"] < 60, box
        no_sideways_scroll(page)
        assert serious(page, ".campaign-banners") == []
        page.screenshot(path=f"test-artifacts/screenshots/campaign_home_{lang}_{width}.png")
