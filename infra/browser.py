"""The web client driven by Playwright: Debian's Chromium and signing in through the form.

Shared by the browser tests and scripts/screenshots, so both meet the client the way a person does."""

from __future__ import annotations

import re
import shutil

from playwright.sync_api import Browser, Page, Playwright, expect

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
    if totp_secret:
        expect(page.locator("main h1")).to_have_text("Validation en deux étapes")
        page.get_by_label("Code de l’application d’authentification").fill(totp.code(totp_secret))
        page.get_by_role("button", name="Confirmer").click()
    expect(page.locator(".account button", has_text="Se déconnecter")).to_be_attached()  # (in the menu on phones)


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
