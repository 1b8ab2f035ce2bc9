"""Phone first, feedback and identity: the folded menu and filters, the first event without scrolling on a
390×844 phone, one polite live message after each action, the ballot reviewed before it is cast (unranked
candidates, ties), the tracker copied, the logo and favicons, shared events' preview pages, a forgotten password
through Cognito (the code read from the dev mailbox). In French and Ukrainian, at 1366 and 390 px."""

from __future__ import annotations

import contextlib
import re
import time
import uuid
from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest
import requests
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, expect

from infra.browser import settled
from infra.users import Account, Users
from tests.browser.people import SCREENSHOTS, sign_up

if TYPE_CHECKING:
    from tests.browser.conftest import Site

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1366, "height": 900}
AXE = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]},
       "resultTypes": ["violations"]}
TEXT = {  # what each test reads, per language
    "fr": {"menu": "Menu", "events": "Événements", "filters": "Filtres", "two": "2 actifs", "signIn": "Se connecter",
           "rsvp": "Je participe", "joined": "Vous êtes inscrit·e à cet événement.", "waitlisted": "liste d’attente",
           "leave": "Annuler ma participation",
           "review": "Vérifier mon vote", "cast": "Déposer mon bulletin", "change": "Modifier mon choix",
           "tied": "ex æquo", "unranked": "Non classés", "copy": "Copier le numéro de suivi",
           "copied": "Numéro de suivi copié.", "receipt": "Votre bulletin est enregistré",
           "forgot": "Mot de passe oublié ?", "email": "Adresse e-mail", "send": "Recevoir un code",
           "code": "Code de confirmation", "new": "Nouveau mot de passe", "change_pw": "Changer le mot de passe",
           "bad_code": "Code incorrect ou expiré.", "weak": "Ce mot de passe ne respecte pas les règles.",
           "changed": "Votre mot de passe est changé : connectez-vous avec le nouveau.",
           "password": "Mot de passe", "mail": "Votre code pour changer de mot de passe"},
    "uk": {"menu": "Меню", "events": "Події", "filters": "Фільтри", "two": "2 активні", "signIn": "Увійти",
           "rsvp": "Я буду", "joined": "Ви зареєстровані на цю подію.", "waitlisted": "списку очікування",
           "leave": "Скасувати участь",
           "review": "Перевірити свій вибір", "cast": "Подати бюлетень", "change": "Змінити вибір",
           "tied": "на одному місці", "unranked": "Без місця", "copy": "Скопіювати номер відстеження",
           "copied": "Номер відстеження скопійовано.", "receipt": "Ваш бюлетень прийнято",
           "forgot": "Забули пароль?", "email": "Електронна пошта", "send": "Отримати код",
           "code": "Код підтвердження", "new": "Новий пароль", "change_pw": "Змінити пароль",
           "bad_code": "Неправильний або прострочений код.", "weak": "Пароль не відповідає вимогам.",
           "changed": "Пароль змінено: увійдіть із новим паролем.",
           "password": "Пароль", "mail": "Ваш код для зміни пароля"},
}
axe = Axe()


@contextlib.contextmanager
def tab(browser: Browser, site: Site, lang: str, viewport: dict, name: str) -> Iterator[Page]:
    """A fresh context at `viewport`, the site in `lang`; uncaught errors fail the test; a screenshot is kept."""
    context = browser.new_context(base_url=site.url, viewport=viewport, locale="fr-FR")
    context.set_default_timeout(15_000)
    context.add_init_script("try { if (!localStorage.getItem('hromada.lang')) "
                            f"localStorage.setItem('hromada.lang', '{lang}'); }} catch {{}}")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        yield page
    finally:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        with contextlib.suppress(Exception):
            page.screenshot(path=str(SCREENSHOTS / f"{name}-{lang}-{viewport['width']}.png"))
        context.close()
    assert not errors, f"uncaught errors in the page: {errors}"


def no_axe_violations(page: Page) -> None:
    found = axe.run(page, options=AXE).response["violations"]
    serious = [(v["id"], [n["target"] for n in v["nodes"]][:3])
               for v in found if v["impact"] in ("serious", "critical")]
    assert serious == []


def said(page: Page, text: str) -> None:
    """`text` is in the page's one polite live region, and in no other live region."""
    expect(page.locator("#live")).to_have_text(text)
    assert page.locator("[aria-live]").count() == 1
    regions = page.locator("[role=status], [role=alert]").filter(has_text=text)
    assert regions.count() == 0, "the same message said twice"


def first_card_on_screen(page: Page) -> None:
    settled(page)  # every section loaded: an announcement's card must not stand in for the first event's
    card = page.locator("main .card").first
    expect(card).to_be_visible()
    box = card.bounding_box()
    assert box is not None
    title = card.locator(".card-title").bounding_box()
    assert title is not None
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], box
    assert box["y"] >= 0 and box["y"] + box["height"] <= PHONE["height"], box


# ---------------------------------------------------------------- phone first

@pytest.mark.parametrize("lang", ["fr", "uk"])
def test_the_menu_folds_on_a_phone_and_not_on_a_laptop(browser: Browser, site: Site, lang: str) -> None:
    words = TEXT[lang]
    with tab(browser, site, lang, PHONE, "menu") as page:
        page.goto("/#/")
        toggle = page.get_by_role("button", name=words["menu"])
        nav_link = page.locator(".site-nav").get_by_role("link", name=words["events"], exact=True)
        expect(toggle).to_have_attribute("aria-expanded", "false")
        expect(nav_link).to_be_hidden()
        toggle.click()
        expect(toggle).to_have_attribute("aria-expanded", "true")
        expect(nav_link).to_be_visible()
        expect(page.get_by_role("button", name="English")).to_be_visible()
        no_axe_violations(page)
        # Escape closes it, focus back on its button
        page.keyboard.press("Escape")
        expect(toggle).to_have_attribute("aria-expanded", "false")
        expect(nav_link).to_be_hidden()
        expect(toggle).to_be_focused()
        # following one of its links closes it too
        toggle.click()
        nav_link.click()
        expect(page).to_have_url(re.compile(r"#/events$"))
        expect(toggle).to_have_attribute("aria-expanded", "false")
        expect(nav_link).to_be_hidden()
    with tab(browser, site, lang, LAPTOP, "menu") as page:
        page.goto("/#/")
        expect(page.get_by_role("button", name=words["menu"])).to_be_hidden()
        expect(page.locator(".site-nav").get_by_role("link", name=words["events"], exact=True)).to_be_visible()
        expect(page.get_by_role("link", name=words["signIn"])).to_be_visible()


@pytest.mark.parametrize("lang", ["fr", "uk"])
def test_filters_fold_behind_a_button_counting_them_on_a_phone(browser: Browser, site: Site, lang: str) -> None:
    words = TEXT[lang]
    with tab(browser, site, lang, PHONE, "filters") as page:
        page.goto("/#/events?region=84&category=concert")
        toggle = page.locator(".filters-toggle")
        expect(toggle).to_have_text(f"{words['filters']}{words['two']}")
        expect(toggle).to_have_attribute("aria-expanded", "false")
        expect(page.locator("#ev-region")).to_be_hidden()
        toggle.click()
        expect(toggle).to_have_attribute("aria-expanded", "true")
        expect(page.locator("#ev-region")).to_be_visible()
        expect(page.locator("#ev-region")).to_have_value("84")
        no_axe_violations(page)
        # the directory folds its own
        page.goto("/#/associations?region=76")
        expect(page.locator(".filters-toggle")).to_contain_text(re.compile(r"1"))
        expect(page.locator("#f-region")).to_be_hidden()
    with tab(browser, site, lang, LAPTOP, "filters") as page:
        page.goto("/#/events?region=84&category=concert")
        expect(page.locator("#ev-region")).to_be_visible()
        expect(page.locator(".filters-toggle")).to_be_hidden()


@pytest.mark.parametrize("lang", ["fr", "uk"])
def test_the_first_event_is_on_screen_without_scrolling_on_a_phone(browser: Browser, site: Site, lang: str) -> None:
    with tab(browser, site, lang, PHONE, "first-event") as page:
        for path in ("/#/", "/#/events"):
            page.goto(path)
            first_card_on_screen(page)
            assert page.evaluate("window.scrollY") == 0
        no_axe_violations(page)


# ---------------------------------------------------------------- feedback

@pytest.mark.parametrize("lang", ["fr", "uk"])
def test_an_rsvp_and_its_cancellation_are_said_once(browser: Browser, site: Site, lang: str) -> None:
    words = TEXT[lang]
    event = requests.get(f"{site.url}/events", params={"q": "varenyky"}, timeout=30).json()["items"][0]["id"]
    with tab(browser, site, "fr", LAPTOP, "rsvp-feedback") as page:
        sign_up(page, name="Feedback Test")  # (its form, in French, checks the signed-in header of a laptop)
        page.evaluate(f"localStorage.setItem('hromada.lang', '{lang}')")
        page.set_viewport_size(PHONE)
        page.clock.install()  # time runs as usual, and can jump
        page.goto(f"/#/events/{event}")
        page.reload()  # (a new hash alone would not load the page in its new language)
        page.get_by_role("button", name=words["rsvp"]).click()
        state = page.locator(".rsvp-state")
        expect(state).to_have_text(re.compile(f"{re.escape(words['joined'])}|{words['waitlisted']}"))
        said(page, state.inner_text())
        page.get_by_role("button", name=words["leave"]).click()
        expect(page.get_by_role("button", name=words["rsvp"])).to_be_visible()
        expect(page.locator("#live")).not_to_have_text(words["joined"])
        left = page.locator(".rsvp-state").inner_text()
        said(page, left)
        page.clock.fast_forward(11_000)  # once said, the message goes: no stale words for a later reader
        expect(page.locator("#live")).to_have_text("")
        expect(page.locator(".rsvp-state")).to_have_text(left)  # (the page itself still shows the state)


def vote_page(page: Page, site: Site) -> str:
    election = next(e for e in requests.get(f"{site.url}/elections", timeout=30).json()["items"]
                    if e["status"] == "voting" and e["method"] == "schulze")
    page.goto(f"/#/elections/{election['id']}")
    return election["id"]


@pytest.mark.parametrize(("lang", "viewport"), [("fr", LAPTOP), ("uk", PHONE)])
def test_a_ballot_is_reviewed_with_its_ties_and_unranked_candidates_then_cast(
        browser: Browser, site: Site, lang: str, viewport: dict) -> None:
    words = TEXT[lang]
    with tab(browser, site, "fr", LAPTOP, "ballot-review") as page:
        sign_up(page, name="Review Test")
        page.set_viewport_size(viewport)
        page.evaluate(f"localStorage.setItem('hromada.lang', '{lang}')")
        page.context.grant_permissions(["clipboard-read", "clipboard-write"])
        vote_page(page, site)
        page.reload()
        items = page.locator(".ranking .rank-item")
        expect(items).to_have_count(3)
        ids = [items.nth(i).get_attribute("data-id") for i in range(3)]
        names = [items.nth(i).get_attribute("data-name") for i in range(3)]
        # the third left unranked, the second tied with the first
        items.nth(2).locator(".drop").click()
        expect(page.locator(".unranked .rank-item")).to_have_count(1)
        expect(page.locator("#live")).to_contain_text(names[2])
        items.nth(1).locator(".tie input").check()
        expect(page.locator(".ranking .rank-item").nth(1).locator(".rank-pos")).to_have_text("1")
        page.get_by_role("button", name=words["review"]).click()
        review = page.locator(".review")
        expect(review.locator("h3")).to_be_focused()
        expect(page.locator("form.ballot")).to_be_hidden()  # the choices as they will be cast, nothing else
        expect(review.locator(".review-ranking li")).to_have_count(1)
        expect(review.locator(".review-ranking li").first).to_contain_text(f"{names[0]} = {names[1]}")
        expect(review.locator(".review-ranking li").first).to_contain_text(words["tied"])
        expect(review).to_contain_text(words["unranked"])
        expect(review).to_contain_text(names[2])
        no_axe_violations(page)
        # going back keeps the choices
        page.get_by_role("button", name=words["change"]).click()
        expect(page.locator(".review")).to_have_count(0)
        expect(page.locator(".unranked .rank-item")).to_have_count(1)
        expect(page.locator(".ranking .rank-item").nth(1).locator(".tie input")).to_be_checked()
        page.get_by_role("button", name=words["review"]).click()
        with page.expect_request(lambda r: r.method == "POST" and r.url.endswith("/ballots")) as cast:
            page.get_by_role("button", name=words["cast"]).click()
        ranking = cast.value.post_data_json["ranking"]
        assert len(ranking) == 1 and sorted(ranking[0]) == sorted(ids[:2])  # one place, two tied; the third unranked
        expect(page.get_by_role("heading", name=words["receipt"])).to_be_visible()
        said(page, words["receipt"])
        tracker = page.locator(".receipt .tracker").inner_text()
        page.get_by_role("button", name=words["copy"]).click()
        said(page, words["copied"])
        assert page.evaluate("navigator.clipboard.readText()") == tracker


def test_the_tracker_copy_falls_back_when_the_clipboard_api_is_refused(browser: Browser, site: Site) -> None:
    with tab(browser, site, "fr", LAPTOP, "tracker-fallback") as page:
        page.add_init_script("Object.defineProperty(navigator, 'clipboard', {value: {writeText: () => "
                             "Promise.reject(new DOMException('denied', 'NotAllowedError'))}})")
        page.add_init_script("document.execCommand = (c) => { window.__copied = "
                             "document.activeElement && document.activeElement.value; return c === 'copy'; }")
        page.goto("/#/")
        copied = page.evaluate("""async () => {
          const { copyText } = await import('/js/share.js');
          return [await copyText('trk-123'), window.__copied];
        }""")
        assert copied == [True, "trk-123"]


# ---------------------------------------------------------------- identity and sharing

def test_logo_favicons_and_the_site_picture(page: Page, site: Site) -> None:
    page.goto("/#/")
    expect(page.locator(".brand-link svg.brand-mark")).to_be_visible()
    icons = page.locator("link[rel~=icon]")
    assert {icons.nth(i).get_attribute("href") for i in range(icons.count())} >= {"favicon.svg", "favicon.ico"}
    for path, kind in (("/favicon.svg", "image/svg+xml"), ("/favicon.ico", "image/"),
                       ("/img/icon-180.png", "image/png"), ("/img/hromada-share.png", "image/png")):
        answer = requests.get(f"{site.url}{path}", timeout=30)
        assert answer.status_code == 200 and answer.headers["Content-Type"].startswith(kind), path


@pytest.mark.parametrize("lang", ["fr", "uk"])
def test_sharing_an_event_gives_its_preview_page(browser: Browser, site: Site, lang: str) -> None:
    found = requests.get(f"{site.url}/events", params={"q": "varenyky"}, timeout=30).json()["items"][0]
    with tab(browser, site, lang, PHONE, "share") as page:
        page.add_init_script("delete Navigator.prototype.share; delete navigator.share;")
        page.context.grant_permissions(["clipboard-read", "clipboard-write"])
        page.goto(f"/#/events/{found['id']}")
        page.locator(".share").locator("..").get_by_role("button", name=re.compile("Partager|Поширити")).click()
        link = page.locator("#share-url")
        expect(link).to_have_value(f"{site.url}/share/events/{found['id']}")
        said(page, {"fr": "Lien copié.", "uk": "Посилання скопійовано."}[lang])
        # the preview page a social network reads, which sends people on to the event in the web client
        preview = requests.get(link.input_value(), headers={"Accept-Language": lang}, timeout=30).text
        title = found["title"].get(lang) or found["title"]["fr"]
        assert f'<meta property="og:title" content="{title}">' in preview
        page.goto(link.input_value())
        expect(page).to_have_url(re.compile(rf"#/events/{found['id']}$"))
        expect(page.locator("main h1")).to_be_visible()


# ---------------------------------------------------------------- a forgotten password

def reset_mail(site: Site, email: str) -> tuple[str, str]:
    """The subject and the code of the newest mail the dev mailbox holds for `email`."""
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        mails = [m for m in requests.get(f"{site.url}/dev/mailbox.json", timeout=30).json() if m["to"] == email]
        if mails:
            found = re.search(r"\b(\d{6})\b", mails[0]["text"])
            assert found, mails[0]["text"]
            return mails[0]["subject"], found.group(1)
        time.sleep(0.3)
    raise AssertionError(f"no reset code mailed to {email}")


@pytest.mark.parametrize(("lang", "viewport"), [("fr", PHONE), ("uk", LAPTOP)])
def test_a_forgotten_password_is_changed_with_the_mailed_code(browser: Browser, site: Site, lang: str,
                                                            viewport: dict) -> None:
    words = TEXT[lang]
    email = f"forgot-{uuid.uuid4().hex[:8]}@example.org"
    Users.from_info(site.info).ensure(Account(email, "Old-password-2026", "Forgetful", ()))
    with tab(browser, site, lang, viewport, "forgot-password") as page:
        page.goto("/#/signin")
        page.get_by_role("link", name=words["forgot"]).click()
        # the form of that page (the sign-in form has a field of the same name, replaced meanwhile)
        expect(page.get_by_role("button", name=words["send"])).to_be_visible()
        page.get_by_label(words["email"]).fill(email)
        page.get_by_role("button", name=words["send"]).click()
        expect(page.get_by_label(words["code"])).to_be_focused()
        subject, code = reset_mail(site, email)
        assert subject == words["mail"]
        no_axe_violations(page)
        # a wrong code, then a weak password: said clearly, nothing changed
        wrong = "000000" if code != "000000" else "111111"
        page.get_by_label(words["code"]).fill(wrong)
        page.get_by_label(words["new"]).fill("New-password-2026")
        page.get_by_role("button", name=words["change_pw"]).click()
        expect(page.get_by_role("alert")).to_contain_text(words["bad_code"])
        page.get_by_label(words["code"]).fill(code)
        page.get_by_label(words["new"]).fill("short")
        page.get_by_role("button", name=words["change_pw"]).click()
        expect(page.get_by_role("alert")).to_contain_text(words["weak"])
        page.get_by_label(words["new"]).fill("New-password-2026")
        page.get_by_role("button", name=words["change_pw"]).click()
        expect(page.locator("main .success")).to_have_text(words["changed"])
        said(page, words["changed"])
        # the new password signs in; the old one no longer does
        page.get_by_label(words["email"]).fill(email)
        page.get_by_label(words["password"], exact=True).fill("New-password-2026")
        page.locator("main form").get_by_role("button", name=words["signIn"]).click()
        expect(page).not_to_have_url(re.compile("#/signin"))
        assert page.evaluate("JSON.parse(sessionStorage.getItem('hromada.session')).email") == email
