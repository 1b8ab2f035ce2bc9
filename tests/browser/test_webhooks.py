"""An association's webhooks in its dashboard, in French and Ukrainian, at a laptop's and a phone's width: add the
local stack's dev receiver, the signing key shown once with its copy button, the status, a test delivery and its
line in the delivery log, deleting with confirmation; axe on the section."""

from __future__ import annotations

import re
import time
import uuid
from typing import TYPE_CHECKING, Any

import pytest
import requests
from playwright.sync_api import Browser, expect

from infra.browser import settled
from tests.browser.people import person, sign_in
from tests.browser.test_accessibility import OPTIONS, axe
from tests.browser.test_back_office import Api, association, in_language, no_sideways_scroll

if TYPE_CHECKING:
    from tests.browser.conftest import Site

pytestmark = pytest.mark.browser

SIZES = [("fr", 1366), ("uk", 390)]
TEXT = {
    "fr": {"section": "Webhooks", "url": "Adresse (URL https)", "add": "Ajouter le webhook", "active": "actif",
           "copy": "Copier", "test": "Envoyer un test", "log": "Journal", "delivered": "reçu", "kind": "Test",
           "delete": "Supprimer", "none": "Aucun webhook.", "warning": "Elle ne sera plus jamais affichée"},
    "uk": {"section": "Вебхуки", "url": "Адреса (URL https)", "add": "Додати вебхук", "active": "активний",
           "copy": "Копіювати", "test": "Надіслати тест", "log": "Журнал", "delivered": "отримано", "kind": "Тест",
           "delete": "Видалити", "none": "Немає вебхуків.", "warning": "Його більше ніколи не буде показано"},
}


@pytest.fixture(scope="module")
def cast(site: Site) -> dict[str, Any]:
    api = Api(site)
    owner, moderator = api.account("owner"), api.account("moderator", "moderators")
    tag = uuid.uuid4().hex[:5]
    made = api.call("POST", "/associations", owner, json=association(f"Test navigateur webhooks {tag}", region="28",
                                                                      department="14", city="Caen",
                                                                      postal_code="14000"))
    api.call("POST", f"/associations/{made['id']}/verify", moderator, json={})
    return {"api": api, "owner": owner, "association": made}


def delivered(site: Site, cast: dict[str, Any], webhook_id: str) -> bool:
    api = cast["api"]
    path = f"/associations/{cast['association']['id']}/webhooks/{webhook_id}/deliveries"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if any(e["outcome"] == "delivered" for e in api.call("GET", path, cast["owner"])["items"]):
            return True
        time.sleep(0.25)  # the stack's queue pollers run in another process
    return False


@pytest.mark.parametrize(("lang", "width"), SIZES)
def test_add_test_read_the_log_and_delete_a_webhook(browser: Browser, site: Site, cast: dict[str, Any], lang: str,
                                                      width: int) -> None:
    words = TEXT[lang]
    with person(browser, site.url, f"webhooks_{lang}_{width}") as page:
        page.set_viewport_size({"width": width, "height": 844 if width < 500 else 900})
        sign_in(page, cast["owner"].email, cast["owner"].password, then="#/dashboard")
        in_language(page, lang)
        page.goto(f"/#/dashboard/a/{cast['association']['id']}")
        settled(page)
        section = page.locator("section.webhooks")
        expect(section.locator("h2")).to_have_text(words["section"])
        expect(section.get_by_text(words["none"])).to_be_visible()
        section.get_by_label(words["url"]).fill(f"{site.url}/dev/webhooks/receive")
        section.get_by_role("button", name=words["add"]).click()

        secret = section.locator(".webhook-secret")
        expect(secret).to_have_text(re.compile(r"^whsec_[A-Za-z0-9_-]{40,}$"))
        expect(section.get_by_text(words["warning"])).to_be_visible()
        expect(section.get_by_role("button", name=words["copy"])).to_be_visible()
        item = section.locator(".webhook-list > li")
        expect(item).to_have_count(1)
        expect(item.locator(".badge")).to_have_text(words["active"])
        no_sideways_scroll(page)
        violations = [v for v in axe.run(page, context="section.webhooks", options=OPTIONS).response["violations"]
                      if v["impact"] in ("serious", "critical")]
        assert violations == []
        section.screenshot(path=f"test-artifacts/screenshots/webhooks_secret_{lang}_{width}.png")

        hooks = cast["api"].call("GET", f"/associations/{cast['association']['id']}/webhooks", cast["owner"])
        [hook] = hooks["items"]
        assert secret.inner_text() not in str(hooks)  # the list never carries it
        item.get_by_role("button", name=words["test"]).click()
        assert delivered(site, cast, hook["id"])
        item.get_by_role("button", name=words["log"]).click()
        row = item.locator("table tbody tr").first
        expect(row).to_contain_text(words["kind"])
        expect(row).to_contain_text(words["delivered"])
        violations = [v for v in axe.run(page, context="section.webhooks", options=OPTIONS).response["violations"]
                      if v["impact"] in ("serious", "critical")]
        assert violations == []
        no_sideways_scroll(page)
        section.screenshot(path=f"test-artifacts/screenshots/webhooks_log_{lang}_{width}.png")
        received = requests.get(f"{site.url}/dev/webhooks.json", timeout=10).json()
        assert any(r["verified"] and r["headers"].get("Hromada-Webhook-Id") == hook["id"] for r in received)

        page.once("dialog", lambda dialog: dialog.accept())
        item.get_by_role("button", name=words["delete"]).click()
        expect(section.get_by_text(words["none"])).to_be_visible()
