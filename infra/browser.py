"""The web client driven by Playwright: Debian's Chromium and signing in through the form.

Shared by the browser tests and scripts/screenshots, so both meet the client the way a person does."""

from __future__ import annotations

import re
import shutil

from playwright.sync_api import Browser, Locator, Page, Playwright, expect

from infra import totp
from infra.demo import ACCOUNTS
from infra.users import LOCAL_TOTP_SECRET, STAFF_GROUPS

CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]


def chromium(playwright: Playwright) -> Browser:
    """The system Chromium (never downloaded: `make chromium` installs Debian's)."""
    executable = shutil.which("chromium")
    if not executable:
        raise RuntimeError("Chromium is not installed: `sudo apt-get install -y chromium` (or `make chromium`).")
    return playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)


def sign_in(page: Page, email: str, password: str, then: str = "#/", totp_secret: str | None = None) -> None:
    """Through the form (French labels); with `totp_secret` (staff), the second step gets the app's code."""
    page.goto(f"/#/signin?next={then.replace('#', '%23')}")
    page.get_by_label("Adresse e-mail").fill(email)
    page.get_by_label("Mot de passe").fill(password)
    page.locator("main form").get_by_role("button", name="Se connecter").click()
    signed_in = page.locator(".account button", has_text="Se déconnecter")  # (in the menu on phones)
    if totp_secret:
        expect(page.locator("main h1")).to_have_text("Validation en deux étapes")
        answer_totp(page, totp_secret, signed_in)
    expect(signed_in).to_be_attached()


def answer_totp(page: Page, secret: str, signed_in: Locator) -> None:
    """The app's current code. Cognito accepts only the code of its own 30-second step, and on a busy machine a
    code can take seconds from being computed to being checked: one computed near the end of its step is refused.
    Then the next step's code, as a person would type it (the challenge stays open after a wrong code)."""
    code = page.get_by_label("Code de l’application d’authentification")
    refused = page.get_by_role("alert").filter(has_text="Code incorrect ou expiré.")
    code.fill(totp.code(secret))
    page.get_by_role("button", name="Confirmer").click()
    expect(signed_in.or_(refused).first).to_be_attached()
    if refused.count():  # computed after the refusal, so in the step Cognito is in now
        code.fill(totp.code(secret))
        page.get_by_role("button", name="Confirmer").click()


def sign_in_as(page: Page, role: str, then: str = "#/") -> None:
    """A demo account (infra/demo.py), staff with their second factor."""
    account = ACCOUNTS[role]
    staff = bool(STAFF_GROUPS & set(account.groups))
    sign_in(page, account.email, account.password, then, totp_secret=LOCAL_TOTP_SECRET if staff else None)


def settled(page: Page) -> None:
    """The route in the address bar has rendered (not the one before a hash change): a heading, no loading
    message, nothing busy."""
    _, mark, fragment = page.url.partition("#")
    expect(page.locator("main")).to_have_attribute("data-route", mark + fragment)
    expect(page.locator("main h1")).to_be_visible()
    expect(page.locator("main .status", has_text=re.compile("Chargement|Завантаження|Loading"))).to_have_count(0)
    expect(page.locator("[aria-busy=true]")).to_have_count(0)
