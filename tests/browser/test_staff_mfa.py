"""Two-step verification in the web client: a moderator without an authenticator app is walked through
adding one before moderating, and from then on signs in with the app's code."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import uuid
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import Browser, expect

from infra import totp
from infra.users import Account, Users
from tests.browser.people import person, sign_in
from tests.browser.test_accessibility import check

if TYPE_CHECKING:
    from tests.browser.conftest import Site

PASSWORD = "Browser-test-2026"


def decoded_qr(png: bytes) -> str | None:
    zbarimg = shutil.which("zbarimg")
    if not zbarimg:
        return None
    with tempfile.TemporaryDirectory() as folder:
        image = Path(folder) / "qr.png"
        image.write_bytes(png)
        answer = subprocess.run([zbarimg, "-q", "--raw", str(image)], capture_output=True, timeout=30, check=False)
    return answer.stdout.decode().strip()


def test_a_moderator_sets_up_two_step_verification_then_signs_in_with_a_code(browser: Browser, site: Site) -> None:
    email = f"mod-{uuid.uuid4().hex[:10]}@example.org"
    users = Users.from_info(site.info)
    users.ensure(Account(email, PASSWORD, "Nouvelle Modératrice", ("moderators",)), mfa=False)

    with person(browser, site.url, "staff-mfa-enrol") as page:
        # Without a second factor the password alone signs in, but moderation asks for an authenticator app
        sign_in(page, email, PASSWORD, then="#/moderation")
        expect(page.locator("main h1")).to_have_text("Activer la validation en deux étapes")
        expect(page.get_by_role("alert")).to_contain_text("un mot de passe volé ne suffira plus")
        secret = page.locator("#totp-secret").inner_text().strip()
        uri = page.locator("#totp-uri").inner_text().strip()
        assert secret and uri.startswith("otpauth://totp/Hromada%3A") and f"secret={secret}" in uri
        assert "mod-" in uri and "issuer=Hromada" in uri
        # The same address as a QR code an app scans (decoded here when zbarimg is installed)
        qr = page.get_by_role("img", name="Code QR de la clé de validation en deux étapes")
        expect(qr).to_be_visible()
        assert decoded_qr(qr.screenshot()) in (uri, None)

        # A wrong code is refused, in French, and nothing is enabled
        code = page.get_by_label("Code de l’application d’authentification")
        code.fill("12")
        page.get_by_role("button", name="Activer").click()
        expect(page.get_by_role("alert").last).to_have_text("Saisissez les six chiffres du code.")
        assert not users.has_totp(email)

        # The app's code turns it on and ends every session of the account: tokens got with the password
        # alone (perhaps by someone who stole it) cannot be renewed any more
        stale = page.evaluate("JSON.parse(sessionStorage.getItem('hromada.session')).refreshToken")
        code.fill(totp.code(secret))
        page.get_by_role("button", name="Activer").click()
        expect(page.locator("main h1")).to_have_text("Connexion")
        expect(page.locator("main .success")).to_contain_text("La validation en deux étapes est activée")
        expect(page.get_by_role("link", name="Se connecter")).to_be_visible()
        assert users.has_totp(email)
        with pytest.raises(users.cognito.exceptions.NotAuthorizedException):
            users.cognito.initiate_auth(ClientId=users.client_id, AuthFlow="REFRESH_TOKEN_AUTH",
                                        AuthParameters={"REFRESH_TOKEN": stale})

        # Signing in now takes the password and then a code; a wrong code is refused
        page.get_by_label("Adresse e-mail").fill(email)
        page.get_by_label("Mot de passe").fill(PASSWORD)
        page.locator("main form").get_by_role("button", name="Se connecter").click()
        expect(page.locator("main h1")).to_have_text("Validation en deux étapes")
        wrong = str((int(totp.code(secret)) + 1) % 1_000_000).zfill(6)
        page.get_by_label("Code de l’application d’authentification").fill(wrong)
        page.get_by_role("button", name="Confirmer").click()
        expect(page.get_by_role("alert")).to_contain_text("Code incorrect ou expiré.")
        expect(page.get_by_role("link", name="Se connecter")).to_be_visible()  # still signed out
        page.get_by_label("Code de l’application d’authentification").fill(totp.code(secret))
        page.get_by_role("button", name="Confirmer").click()
        expect(page.get_by_role("button", name="Se déconnecter")).to_be_visible()
        expect(page.locator("main h1")).to_have_text("Modération")
        expect(page.get_by_role("heading", name="Associations à vérifier")).to_be_visible()


def test_the_set_up_page_speaks_ukrainian(browser: Browser, site: Site) -> None:
    email = f"mod-{uuid.uuid4().hex[:10]}@example.org"
    Users.from_info(site.info).ensure(Account(email, PASSWORD, "Модераторка", ("moderators",)), mfa=False)
    with person(browser, site.url, "staff-mfa-uk") as page:
        sign_in(page, email, PASSWORD, then="#/moderation")
        page.locator(".lang-switch [data-lang=uk]").click()
        expect(page.locator("main h1")).to_have_text("Увімкніть двоетапну перевірку")
        expect(page.get_by_label("Код із застосунку автентифікації")).to_be_visible()
        # The set-up page passes axe (each render starts a new enrolment: nothing is enabled by looking)
        assert check(page, "/#/moderation", "staff-mfa-setup") == []
