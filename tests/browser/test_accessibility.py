"""axe-core on every page of the web client (anonymous, member, owner, moderator): no serious or critical
violation of WCAG 2.1 A/AA rules. The results of every page are left in test-artifacts/axe/."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
import requests
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page

from infra.browser import settled
from tests.browser.people import person, sign_in_as

if TYPE_CHECKING:
    from tests.browser.conftest import Site

pytestmark = pytest.mark.browser

REPORTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "axe"
OPTIONS = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]},
           "resultTypes": ["violations"]}
axe = Axe()


def check(page: Page, path: str, name: str) -> list[dict]:
    # colours are checked as they end, not halfway through a fade-in (the dashboard's widget preview fades its
    # events in, and axe would otherwise measure a half-transparent link)
    page.emulate_media(reduced_motion="reduce")
    page.goto(path)
    page.reload()  # a fresh render of the route, not a hash change on the previous page
    settled(page)
    result = axe.run(page, options=OPTIONS).response
    REPORTS.mkdir(parents=True, exist_ok=True)
    (REPORTS / f"{name}.json").write_text(json.dumps(result["violations"], indent=2, ensure_ascii=False))
    return [{"page": name, "rule": v["id"], "impact": v["impact"], "help": v["help"],
             "nodes": [n["target"] for n in v["nodes"]][:5]}
            for v in result["violations"] if v["impact"] in ("serious", "critical")]


def ids(site: Site) -> dict[str, str]:
    event = requests.get(f"{site.url}/events", params={"q": "varenyky"}, timeout=30).json()["items"][0]["id"]
    election = next(e["id"] for e in requests.get(f"{site.url}/elections", timeout=30).json()["items"]
                    if e["status"] == "voting")
    announcement = requests.get(f"{site.url}/announcements", params={"type": "project"}, timeout=30).json()
    return {"event": event, "election": election, "announcement": announcement["items"][0]["id"]}


def test_public_pages(page: Page, site: Site) -> None:
    known = ids(site)
    problems = []
    for lang in ("fr", "uk"):
        page.goto("/")
        page.evaluate(f"localStorage.setItem('hromada.lang', '{lang}')")
        for name, path in (("home", "/#/?region=76"), ("directory", "/#/associations"),
                           ("association", "/#/associations/maison-ukrainienne-de-toulouse"),
                           ("events", "/#/events"), ("event", f"/#/events/{known['event']}"),
                           ("announcements", "/#/announcements"),
                           ("announcement", f"/#/announcements/{known['announcement']}"),
                           ("votes", "/#/votes"), ("election", f"/#/elections/{known['election']}"),
                           ("signin", "/#/signin"), ("signup", "/#/signup"), ("privacy", "/#/privacy"),
                           ("legal", "/#/legal"), ("notfound", "/#/nowhere")):
            problems += check(page, path, f"{lang}-{name}")
    assert problems == [], json.dumps(problems, indent=2, ensure_ascii=False)


def test_signed_in_pages(browser: Browser, site: Site) -> None:
    known = ids(site)
    problems = []
    with person(browser, site.url, "axe_member") as page:
        sign_in_as(page, "member")
        for name, path in (("member-home", "/#/"), ("member-event", f"/#/events/{known['event']}"),
                           ("member-ballot", f"/#/elections/{known['election']}"),
                           ("member-dashboard", "/#/dashboard"), ("member-votes", "/#/votes")):
            problems += check(page, path, name)
        poll = page.locator("a[href^='#/polls/']").first.get_attribute("href")
        problems += check(page, f"/{poll}", "member-poll")
    with person(browser, site.url, "axe_owner") as page:
        sign_in_as(page, "owner", then="#/dashboard")
        problems += check(page, "/#/dashboard", "owner-dashboard")
        manage = page.locator("a[href^='#/dashboard/a/']").first.get_attribute("href")
        problems += check(page, f"/{manage}", "owner-association")
        problems += check(page, f"/{manage}/event", "owner-new-event")
        problems += check(page, f"/{manage}/announcement", "owner-new-announcement")
        problems += check(page, "/#/dashboard/new", "owner-register")
    with person(browser, site.url, "axe_admin") as page:
        sign_in_as(page, "admin", then="#/moderation")
        problems += check(page, "/#/moderation", "admin-moderation")
        problems += check(page, f"/#/elections/{known['election']}", "admin-election")
    assert problems == [], json.dumps(problems, indent=2, ensure_ascii=False)
