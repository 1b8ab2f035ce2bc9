"""Editing a campaign in the web client, in French at a laptop's width and in Ukrainian at a phone's: the
creation form offers once or yearly dates with their preview; an admin opens it prefilled from the campaign page,
renames the campaign and makes it yearly, sees the next dates previewed as the API then gives them, meets a
field-level error and a concurrent edit, and archives it after a confirmation; a member sees neither Edit nor
Archive; axe on the forms and the dialog."""

from __future__ import annotations

import re
import uuid
from typing import TYPE_CHECKING, Any

import pytest
from playwright.sync_api import Browser, expect

from infra.browser import settled
from infra.users import LOCAL_TOTP_SECRET
from tests.browser.people import SCREENSHOTS, person, sign_in
from tests.browser.test_back_office import Api, association, event, in_language, no_sideways_scroll
from tests.browser.test_campaigns import serious
from tests.integration.campaigns import campaign_body

if TYPE_CHECKING:
    from tests.browser.conftest import Site

pytestmark = pytest.mark.browser

TEXT = {
    "fr": {"edit": "Modifier", "save": "Enregistrer les modifications", "saved": "Campagne enregistrée.",
           "archive": "Archiver", "confirm": "Oui, archiver", "cancel": "Annuler", "archived": "Campagne archivée.",
           "name": "Journée de l’Indépendance", "concurrent": "modifiée entre-temps"},
    "uk": {"edit": "Редагувати", "save": "Зберегти зміни", "saved": "Кампанію збережено.",
           "archive": "Архівувати", "confirm": "Так, архівувати", "cancel": "Скасувати",
           "archived": "Кампанію заархівовано.", "name": "День пам’яті жертв Голодомору",
           "concurrent": "тим часом змінено"},
}
# fr: every 24 August, two days before; uk: the 4th Saturday of November, six days before and one after
RULES = {"fr": {"month": 8, "day": 24, "days_before": 2, "days_after": 0},
         "uk": {"month": 11, "weekday": 5, "nth": 4, "days_before": 6, "days_after": 1}}


@pytest.fixture(scope="module")
def cast(site: Site) -> dict[str, Any]:
    api = Api(site)
    return {"api": api, "admin": api.account("admin", "admins"), "member": api.account("member")}


def shot(page, name: str) -> None:
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


@pytest.mark.parametrize(("lang", "width"), [("fr", 1366), ("uk", 390)])
def test_an_admin_edits_a_campaign_and_a_member_cannot(browser: Browser, site: Site, cast: dict[str, Any],
                                                       lang: str, width: int) -> None:
    words, api, rule = TEXT[lang], cast["api"], RULES[lang]
    campaign = api.call("POST", "/campaigns", cast["admin"], json=campaign_body(slug=f"edit-{uuid.uuid4().hex[:8]}"))
    viewport = {"width": width, "height": 844 if width < 500 else 900}
    page_url = f"#/campaigns/{campaign['slug']}"

    # A member sees the campaign, without the admins' tools.
    with person(browser, site.url, f"campaign_edit_member_{lang}_{width}", viewport=viewport) as page:
        sign_in(page, cast["member"].email, cast["member"].password, then=page_url)
        in_language(page, lang)
        settled(page)
        expect(page.locator("main h1")).to_have_text(campaign["name"][lang])
        expect(page.locator("main").get_by_role("button", name=words["edit"], exact=True)).to_have_count(0)
        expect(page.locator("main").get_by_role("button", name=words["archive"], exact=True)).to_have_count(0)

    with person(browser, site.url, f"campaign_edit_admin_{lang}_{width}", viewport=viewport) as page:
        sign_in(page, cast["admin"].email, cast["admin"].password, then="#/campaigns", totp_secret=LOCAL_TOTP_SECRET)
        in_language(page, lang)
        settled(page)
        # The same form creates: once by default, yearly on demand, with the same preview.
        create = page.locator("form:has([name=slug])")
        expect(create.locator("[name=start]")).to_be_visible()
        create.locator("input[name=dates_kind][value=yearly]").check()
        expect(create.locator("[name=start]")).to_be_hidden()
        expect(create.locator(".campaign-preview .repeat-summary")).to_be_visible()
        no_sideways_scroll(page)
        assert serious(page) == []
        shot(page, f"campaign_create_form_{lang}_{width}")
        page.goto(f"/{page_url}")
        settled(page)
        edit = page.locator("main").get_by_role("button", name=words["edit"], exact=True)
        edit.click()
        expect(edit).to_have_attribute("aria-expanded", "true")
        form = page.locator("#campaign-edit form")
        # the creation form, prefilled (no slug: it stays)
        expect(form.locator("[name=name_fr]")).to_have_value(campaign["name"]["fr"])
        expect(form.locator("[name=description_uk]")).to_have_value(campaign["description"]["uk"])
        expect(form.locator("[name=start]")).to_have_value(campaign["start"])
        expect(form.locator("[name=slug]")).to_have_count(0)

        # 1. A rule giving no date: said in the preview, and the API's 422 marks the month.
        form.locator("input[name=dates_kind][value=yearly]").check()
        form.locator("[name=month]").select_option("2")
        form.locator("[name=day]").fill("31")
        expect(form.locator(".campaign-preview .alert")).to_be_visible()
        form.get_by_role("button", name=words["save"]).click()
        expect(form.locator(".alert[role=alert] li")).to_have_text(
            re.compile(("Dates : " if lang == "fr" else "Дати: ") + "this rule gives no date"))
        expect(form.locator("[name=month]")).to_have_attribute("aria-invalid", "true")

        # 2. The new name and rule, the next dates previewed.
        form.locator(f"[name=name_{lang}]").fill(words["name"])
        form.locator("[name=month]").select_option(str(rule["month"]))
        if "nth" in rule:
            form.locator("input[name=day_kind][value=weekday]").check()
            form.locator("[name=nth]").select_option(str(rule["nth"]))
            form.locator("[name=weekday]").select_option(str(rule["weekday"]))
        else:
            form.locator("[name=day]").fill(str(rule["day"]))
        form.locator("[name=days_before]").fill(str(rule["days_before"]))
        form.locator("[name=days_after]").fill(str(rule["days_after"]))
        preview = form.locator(".campaign-preview .repeat-summary")
        expect(preview).to_be_visible()
        previewed = preview.inner_text()
        expect(form.locator("[name=month]")).not_to_have_attribute("aria-invalid", "true")
        no_sideways_scroll(page)
        assert serious(page) == []
        shot(page, f"campaign_edit_form_{lang}_{width}")
        form.get_by_role("button", name=words["save"]).click()

        expect(page.locator("main .success")).to_have_text(words["saved"])
        expect(page.locator("main h1")).to_have_text(words["name"])
        # the preview said what the API now says
        expect(page.locator("main > p.hint").first).to_have_text(previewed)
        saved = api.call("GET", f"/campaigns/{campaign['id']}")
        assert saved["name"][lang] == words["name"] and saved["version"] == campaign["version"] + 1
        assert saved["recurrence"] == {"day": None, "weekday": None, "nth": None} | rule
        assert saved["start"] is None and saved["end"] is None

        # 3. Someone else saves meanwhile: this edit is refused, not silently overwritten.
        edit.click()
        page.locator("#campaign-edit form [name=name_en]").fill("Lost edit")
        api.call("PATCH", f"/campaigns/{campaign['id']}", cast["admin"],
                 json={"name": saved["name"] | {"en": "Their edit"}, "version": saved["version"]})
        page.locator("#campaign-edit form").get_by_role("button", name=words["save"]).click()
        expect(page.locator("#campaign-edit .alert[role=alert]")).to_contain_text(words["concurrent"])
        assert api.call("GET", f"/campaigns/{campaign['id']}")["name"]["en"] == "Their edit"
        page.locator("#campaign-edit form").get_by_role("button", name=words["cancel"]).click()
        expect(page.locator("#campaign-edit")).to_be_hidden()

        # 4. Archiving asks first; cancelling changes nothing.
        archive = page.locator("main").get_by_role("button", name=words["archive"], exact=True)
        archive.click()
        dialog = page.get_by_role("dialog")
        expect(dialog).to_be_visible()
        assert serious(page, "dialog") == []
        shot(page, f"campaign_archive_dialog_{lang}_{width}")
        dialog.get_by_role("button", name=words["cancel"]).click()
        expect(dialog).to_have_count(0)
        assert api.call("GET", f"/campaigns/{campaign['id']}")["archived"] is False
        archive.click()
        page.get_by_role("dialog").get_by_role("button", name=words["confirm"]).click()
        expect(page.locator("main .success")).to_have_text(words["archived"])
        expect(page.locator("main").get_by_role("button", name=words["edit"], exact=True)).to_have_count(0)
        assert api.call("GET", f"/campaigns/{campaign['id']}")["archived"] is True
        no_sideways_scroll(page)
        shot(page, f"campaign_edit_done_{lang}_{width}")


def test_new_dates_leaving_a_planned_event_outside_are_refused_in_the_form(browser: Browser, site: Site,
                                                                           cast: dict[str, Any]) -> None:
    api = cast["api"]
    owner, moderator = api.account("owner"), api.account("moderator", "moderators")
    made = api.call("POST", "/associations", owner,
                    json=association(f"Test navigateur Campagne {uuid.uuid4().hex[:5]}"))
    api.call("POST", f"/associations/{made['id']}/verify", moderator, json={})
    campaign = api.call("POST", "/campaigns", cast["admin"], json=campaign_body(slug=f"kept-{uuid.uuid4().hex[:8]}"))
    api.call("POST", f"/associations/{made['id']}/events", owner, json=event(30) | {"campaign_id": campaign["id"]})
    with person(browser, site.url, "campaign_edit_outside_fr_1366", viewport={"width": 1366, "height": 900}) as page:
        sign_in(page, cast["admin"].email, cast["admin"].password, then=f"#/campaigns/{campaign['slug']}",
                totp_secret=LOCAL_TOTP_SECRET)
        settled(page)
        page.locator("main").get_by_role("button", name="Modifier", exact=True).click()
        form = page.locator("#campaign-edit form")
        form.locator("[name=end]").fill(campaign_body(first=20, last=25)["end"])
        form.get_by_role("button", name="Enregistrer les modifications").click()
        expect(form.locator(".alert[role=alert]")).to_contain_text("1 événement(s) prévu(s) sortiraient")
        expect(form.locator("[name=end]")).to_have_attribute("aria-invalid", "true")
    assert api.call("GET", f"/campaigns/{campaign['id']}")["end"] == campaign["end"]
