"""The newest pages as a first-time reader meets them, in French and Ukrainian, on a 390 px phone and at 1366 px:
nothing scrolls sideways, the open-data page speaks the reader's language and keeps a file's format and size on one
line under a plain-text description, the campaign gap map's region names sit inside their boxes (a wrapped name on
the border pushed a box below its neighbour), and a page's share and report buttons are the same size."""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

import pytest
import requests
from playwright.sync_api import Browser, Page, expect

from infra.browser import settled
from tests.browser.people import person, sign_in_as
from tests.browser.test_back_office import no_sideways_scroll
from tests.browser.test_campaigns import serious

if TYPE_CHECKING:
    from tests.browser.conftest import Site

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1366, "height": 900}
LICENCE_TEXT = {"fr": "Texte de la licence (LICENCE)", "uk": "Текст ліцензії (LICENCE)"}


def items(site: Site, path: str, **params: str) -> list[dict[str, Any]]:
    response = requests.get(f"{site.url}{path}", params=params, timeout=30)
    response.raise_for_status()
    return response.json()["items"]


def demo_project(site: Site) -> str:
    """The demo project with shifts, edited by the demo owner (other modules' projects share the stack)."""
    return next(a["id"] for a in items(site, "/announcements", type="project", limit="100")
                if "volunteers" in a["needs"] and (a.get("title") or {}).get("fr") == "Une ambulance pour Kharkiv")


@pytest.fixture(scope="module")
def pages(site: Site) -> list[str]:
    """The reviewed pages a visitor can open, with demo items: a claim, a campaign, the project with shifts."""
    claim = items(site, "/claims")[0]["id"]
    campaign = items(site, "/campaigns")[0]["id"]
    project = demo_project(site)
    return ["#/claims", f"#/claims/{claim}", "#/campaigns", f"#/campaigns/{campaign}",
            f"#/announcements/{project}", "#/open-data", "#/twinning/health"]


def in_language(page: Page, lang: str, path: str) -> None:
    page.evaluate(f"localStorage.setItem('hromada.lang', '{lang}')")
    page.goto(f"/{path}")
    page.reload()
    settled(page)


@pytest.mark.parametrize("lang", ["fr", "uk"])
def test_no_reviewed_page_scrolls_sideways_on_a_phone(browser: Browser, site: Site, pages: list[str],
                                                     lang: str) -> None:
    with person(browser, site.url, f"ux-phone-{lang}", viewport=PHONE) as page:
        page.goto("/")
        for path in pages:
            in_language(page, lang, path)
            assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], path


@pytest.mark.parametrize(("lang", "viewport"), [("fr", LAPTOP), ("uk", PHONE)])
def test_open_data_files_read_in_the_readers_language(browser: Browser, site: Site, lang: str,
                                                      viewport: dict[str, int]) -> None:
    with person(browser, site.url, f"ux-open-data-{lang}", viewport=viewport) as page:
        page.goto("/")
        in_language(page, lang, "#/open-data")
        expect(page.get_by_role("link", name=LICENCE_TEXT[lang])).to_be_visible()
        expect(page.get_by_role("link", name="LICENCE", exact=True)).to_have_count(0)  # no bare file name
        table = page.locator("table.open-data-files")
        expect(table.locator("tbody tr")).to_have_count(3)
        for description in table.locator("th .muted").all():
            assert int(description.evaluate("e => getComputedStyle(e).fontWeight")) < 600
        for link in table.locator(".file-links a").all():
            line = float(link.evaluate("e => parseFloat(getComputedStyle(e).lineHeight)"))
            assert link.evaluate("e => e.getClientRects().length") == 1, link.inner_text()
            assert (link.bounding_box() or {"height": 0})["height"] < 1.5 * line, link.inner_text()
        no_sideways_scroll(page)
        assert serious(page) == []


@pytest.mark.parametrize(("lang", "viewport"), [("fr", LAPTOP), ("uk", PHONE)])
def test_gap_map_region_names_sit_inside_their_boxes(browser: Browser, site: Site, lang: str,
                                                     viewport: dict[str, int]) -> None:
    campaign = items(site, "/campaigns")[0]["id"]
    with person(browser, site.url, f"ux-gap-map-{lang}", viewport=viewport) as page:
        sign_in_as(page, "admin")
        in_language(page, lang, f"#/campaigns/{campaign}")
        regions = page.locator("fieldset.gap-region")
        expect(regions.first).to_be_visible()
        for region in regions.all():
            # On the border, a name wrapping to two lines drew that box's top lower than its neighbour's.
            inset = float(region.evaluate("e => parseFloat(getComputedStyle(e).paddingTop)"))
            box, legend = region.bounding_box(), region.locator("legend").bounding_box()
            assert box and legend and inset > 0
            assert legend["y"] >= box["y"] + inset, "the region's name is on the box's border"
            assert legend["x"] + legend["width"] <= box["x"] + box["width"]
        no_sideways_scroll(page)


@pytest.mark.parametrize(("lang", "viewport"), [("fr", LAPTOP), ("uk", PHONE)])
def test_share_and_report_are_buttons_of_one_size(browser: Browser, site: Site, lang: str,
                                                  viewport: dict[str, int]) -> None:
    project = demo_project(site)
    with person(browser, site.url, f"ux-tools-{lang}", viewport=viewport) as page:
        page.goto("/")
        in_language(page, lang, f"#/announcements/{project}")
        buttons = page.locator("main .tools > .button")
        expect(buttons).to_have_count(2)
        sizes = [b.evaluate("e => [getComputedStyle(e).fontSize, getComputedStyle(e).paddingTop]")
                 for b in buttons.all()]
        assert sizes[0] == sizes[1]


@pytest.mark.parametrize(("lang", "back"), [("fr", "Toutes les campagnes"), ("uk", "Усі кампанії")])
def test_a_campaign_leads_back_to_all_campaigns_like_a_claim_does(browser: Browser, site: Site, lang: str,
                                                                   back: str) -> None:
    campaign = items(site, "/campaigns")[0]["id"]
    with person(browser, site.url, f"ux-campaign-back-{lang}", viewport=PHONE) as page:
        page.goto("/")
        in_language(page, lang, f"#/campaigns/{campaign}")
        page.get_by_role("link", name=back).click()
        settled(page)
        assert page.url.endswith("#/campaigns")
        expect(page.locator("main .card").first).to_be_visible()


@pytest.mark.parametrize(("lang", "viewport"), [("fr", LAPTOP), ("uk", LAPTOP), ("uk", PHONE)])
def test_the_repeats_section_is_spaced_like_the_other_sections(browser: Browser, site: Site, lang: str,
                                                               viewport: dict[str, int]) -> None:
    owned = items(site, "/associations", q="Strasbourg")[0]["id"]
    with person(browser, site.url, f"ux-repeats-{lang}", viewport=viewport) as page:
        sign_in_as(page, "owner")
        in_language(page, lang, f"#/dashboard/a/{owned}/event")
        section = page.locator("fieldset#part-repeats, #part-repeats").first
        expect(section.locator(".hint").first).to_be_visible()
        hint, label = section.locator(".hint").first.bounding_box(), section.locator("label").first.bounding_box()
        assert hint and label
        assert label["y"] - (hint["y"] + hint["height"]) >= 8, "the limits hint touches the Repeats label"
        section.locator("[name=repeat_kind]").select_option("weekly")
        section.locator("[name=repeat_ends]").select_option("count")
        controls = [section.locator(f"[name={name}]") for name in ("repeat_interval", "repeat_ends", "repeat_count")]
        if viewport is LAPTOP:  # side by side, whatever their labels' lengths
            tops = {round((c.bounding_box() or {"y": -1})["y"]) for c in controls}
            assert len(tops) == 1, f"the Repeats controls are not on one line: {tops}"


def test_figures_months_stay_on_one_line_on_a_ukrainian_phone(browser: Browser, site: Site) -> None:
    owned = items(site, "/associations", q="Strasbourg")[0]["id"]
    with person(browser, site.url, "ux-figures-uk", viewport=PHONE) as page:
        sign_in_as(page, "owner")
        in_language(page, "uk", f"#/dashboard/a/{owned}/figures")
        months = page.locator("table.figures-table tbody th")
        expect(months).to_have_count(12)
        line = float(months.first.evaluate("e => parseFloat(getComputedStyle(e).lineHeight)"))
        for month in months.all():
            box = month.bounding_box()
            assert box and box["height"] < 2 * line + 16, month.inner_text()  # one line and its padding
        no_sideways_scroll(page)


@pytest.mark.parametrize(("lang", "viewport"), [("fr", LAPTOP), ("uk", LAPTOP)])
def test_the_widget_choices_line_up_below_their_intro(browser: Browser, site: Site, lang: str,
                                                      viewport: dict[str, int]) -> None:
    owned = items(site, "/associations", q="Strasbourg")[0]["id"]
    with person(browser, site.url, f"ux-widget-{lang}", viewport=viewport) as page:
        sign_in_as(page, "owner")
        in_language(page, lang, f"#/dashboard/a/{owned}")
        editor = page.locator("section[aria-labelledby=d-widget]")
        controls = editor.locator(".form-grid select, .form-grid input")
        expect(controls).to_have_count(4)
        tops = {round((c.bounding_box() or {"y": -1})["y"]) for c in controls.all()}
        assert len(tops) == 1, f"the widget's controls are not on one line: {tops}"
        hint, label = editor.locator(":scope > .hint").bounding_box(), editor.locator("label").first.bounding_box()
        assert hint and label
        assert label["y"] - (hint["y"] + hint["height"]) >= 8, "the intro touches the first label"


@pytest.mark.parametrize(("lang", "title"), [("fr", "Introuvable"), ("uk", "Не знайдено")])
def test_a_malformed_page_address_is_not_found_not_raw_field_errors(browser: Browser, site: Site, lang: str,
                                                                    title: str) -> None:
    with person(browser, site.url, f"ux-malformed-{lang}", viewport=PHONE) as page:
        sign_in_as(page, "owner")
        in_language(page, lang, "#/dashboard/a/not-an-id/figures")
        expect(page.locator("main h1")).to_have_text(title)
        alert = page.get_by_role("alert")
        expect(alert).to_be_visible()
        expect(alert).not_to_contain_text("String should match")  # the API's English field details
        expect(alert).not_to_contain_text("validation_failed")
        expect(alert.get_by_role("button")).to_have_count(0)  # retrying the same address cannot help


@pytest.mark.parametrize(("lang", "viewport"), [("fr", LAPTOP), ("uk", PHONE)])
def test_twinning_health_shows_only_numbers_big(browser: Browser, site: Site, lang: str,
                                                viewport: dict[str, int]) -> None:
    with person(browser, site.url, f"ux-twinning-health-{lang}", viewport=viewport) as page:
        sign_in_as(page, "moderator")
        in_language(page, lang, "#/twinning/health")
        answers = page.locator("section[aria-labelledby=th-answers]")
        expect(answers.locator("h2")).to_be_visible()
        heading = float(answers.locator("h2").evaluate("e => parseFloat(getComputedStyle(e).fontSize)"))
        for text in answers.locator("p").all():
            size = float(text.evaluate("e => parseFloat(getComputedStyle(e).fontSize)"))
            # a sentence ("no answer yet") set larger than its section's heading reads as a broken figure
            assert size <= heading or any(ch.isdigit() for ch in text.inner_text()), text.inner_text()
        no_sideways_scroll(page)
        assert serious(page) == []


SHIFT_FORM = {"fr": {"new": "Proposer un créneau", "date": "Date", "start": "Début", "end": "Fin",
                     "format": "JJ/MM/AAAA", "online": "Ou lien de la réunion en ligne (https)",
                     "task": "En français", "saved": "Créneau enregistré.", "bad_time": "heure invalide"},
              "uk": {"new": "Запропонувати зміну", "date": "Дата", "start": "Початок", "end": "Кінець",
                     "format": "ДД.ММ.РРРР", "online": "Або посилання на онлайн-зустріч (https)", "task": "Українською",
                     "saved": "Зміну збережено.", "bad_time": "неправильний час"}}


@pytest.mark.parametrize(("lang", "viewport"), [("fr", LAPTOP), ("uk", PHONE)])
def test_a_shift_is_offered_with_dates_in_the_pages_format(browser: Browser, site: Site, lang: str,
                                                          viewport: dict[str, int]) -> None:
    """Not a native date input (mm/dd/yyyy, 09:00 AM in an English browser): the page's own format, as events."""
    words = SHIFT_FORM[lang]
    project = demo_project(site)
    day = date.today() + timedelta(days=20 if lang == "fr" else 21)
    typed = day.strftime("%d/%m/%Y" if lang == "fr" else "%d.%m.%Y")
    task = f"Tri {uuid.uuid4().hex[:6]}"
    with person(browser, site.url, f"ux-shift-form-{lang}", viewport=viewport) as page:
        sign_in_as(page, "owner")
        in_language(page, lang, f"#/announcements/{project}")
        form = page.get_by_role("form", name=words["new"])
        expect(form.get_by_label(words["date"], exact=True)).to_have_attribute("type", "text")
        expect(form).to_contain_text(words["format"])
        form.get_by_label(words["date"], exact=True).fill(typed)
        form.get_by_label(words["start"], exact=True).fill("25:00")
        form.get_by_label(words["end"], exact=True).fill("16:30")
        form.get_by_label(words["online"]).fill("https://meet.example.org/tri")
        form.get_by_label(words["task"]).fill(task)
        form.get_by_role("button", name=words["new"]).click()
        expect(form.get_by_role("alert")).to_contain_text(words["bad_time"])  # said, not sent
        form.get_by_label(words["start"], exact=True).fill("14h00")
        form.get_by_role("button", name=words["new"]).click()
        expect(page.locator("#live")).to_have_text(words["saved"])
    shifts = requests.get(f"{site.url}/announcements/{project}/shifts", timeout=30).json()
    made = [s for s in shifts if task in str(s.get("task"))]
    assert [(s["date"], s["start_time"][:5], s["end_time"][:5]) for s in made] == [(day.isoformat(), "14:00", "16:30")]


@pytest.mark.parametrize(("lang", "words"), [
    ("fr", {"record": "Enregistrer une affirmation", "text": "En français", "seen": "Vue le", "format": "JJ/MM/AAAA",
            "typed": "06/03/2022", "save": "Enregistrer", "shown": "6 mars 2022", "bad": "date invalide"}),
    ("uk", {"record": "Записати твердження", "text": "Українською", "seen": "Помічено", "format": "ДД.ММ.РРРР",
            "typed": "06.03.2022", "save": "Зберегти", "shown": "6 березня 2022", "bad": "неправильна дата"})])
def test_a_claim_is_recorded_with_its_date_in_the_pages_format(browser: Browser, site: Site, lang: str,
                                                               words: dict[str, str]) -> None:
    text = f"Твердження {uuid.uuid4().hex[:6]}"
    with person(browser, site.url, f"ux-claim-form-{lang}", viewport=PHONE) as page:
        sign_in_as(page, "moderator")
        in_language(page, lang, "#/claims")
        form = page.locator("form", has=page.get_by_role("heading", name=words["record"]))
        seen = form.get_by_label(words["seen"], exact=True)
        expect(seen).to_have_attribute("type", "text")  # not the browser's mm/dd/yyyy
        expect(form).to_contain_text(words["format"])
        form.get_by_label(words["text"]).fill(text)
        seen.fill("31.02.2022")
        form.get_by_role("button", name=words["save"], exact=True).click()
        expect(form.get_by_role("alert")).to_contain_text(words["bad"])  # said, not sent
        seen.fill(words["typed"])
        form.get_by_role("button", name=words["save"], exact=True).click()
        expect(page.locator("main h1")).to_have_text(text)
        expect(page.locator("main")).to_contain_text(words["shown"])
        no_sideways_scroll(page)
