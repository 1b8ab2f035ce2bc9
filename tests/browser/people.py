"""People using the web client in their own browser context (own sessionStorage), signed in through its form."""

from __future__ import annotations

import contextlib
import re
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, Page, expect

from infra.browser import sign_in, sign_in_as

__all__ = ["person", "sign_in", "sign_in_as", "sign_up"]

SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"


@contextlib.contextmanager
def person(browser: Browser, url: str, name: str, locale: str = "fr-FR", viewport: dict | None = None,
           **options: Any) -> Iterator[Page]:
    """A fresh browser context; uncaught errors in its page fail the test; a screenshot is left behind.
    `options` go to the context (e.g. accept_downloads)."""
    context = browser.new_context(base_url=url, viewport=viewport or {"width": 1280, "height": 900}, locale=locale,
                                  **options)
    context.set_default_timeout(15_000)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        yield page
    finally:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        with contextlib.suppress(Exception):
            page.screenshot(path=str(SCREENSHOTS / f"{re.sub(r'[^A-Za-z0-9_.-]+', '_', name)}.png"), full_page=True)
        context.close()
    assert not errors, f"uncaught errors in the page: {errors}"


def sign_up(page: Page, name: str = "Oksana Test") -> tuple[str, str]:
    """A new account through the form and its confirmation code (the local Cognito accepts any code)."""
    email = f"web-{uuid.uuid4().hex[:10]}@example.org"
    password = "Browser-test-2026"
    page.goto("/#/signup")
    page.get_by_label("Adresse e-mail").fill(email)
    page.get_by_label("Nom").fill(name)
    page.get_by_label("Mot de passe").fill(password)
    page.locator("main form").get_by_role("button", name="Créer un compte").click()
    expect(page.locator("main h1")).to_have_text("Confirmer votre adresse")
    page.get_by_label("Code de confirmation").fill("123456")
    page.get_by_role("button", name="Confirmer").click()
    expect(page.locator("main h1")).to_have_text("Mon espace")
    expect(page.locator(".account button", has_text="Se déconnecter")).to_be_attached()  # (in the menu on phones)
    return email, password
