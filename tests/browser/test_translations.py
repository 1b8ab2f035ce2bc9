"""Every string the web client shows exists in French, Ukrainian and English (read by the page's own i18n module)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page

pytestmark = pytest.mark.browser

WEB = Path(__file__).resolve().parents[2] / "web"
# Keys built at run time from an API value: every value the API defines.
DYNAMIC = [f"howTo_{m}" for m in ("plurality", "approval", "schulze", "irv", "majority_judgment")] + [
    f"inLang_{code}" for code in ("fr", "uk", "en")] + ["role_owner", "role_editor", "rsvp_confirmed",
                                                        "rsvp_waitlisted", "loadMore"] + [
    f"reason_{r}" for r in ("disinformation", "hate", "spam", "fraud", "other")] + [
    f"kind_{k}" for k in ("association", "event", "announcement", "partnership", "candidate")] + [
    f"{p}_{a}" for p in ("decide", "decided", "decision")
    for a in ("hide", "restore", "dismiss", "warn", "suspend")] + [
    "freq_weekly", "freq_daily", "subStatus_confirmed", "subStatus_pending"]


def used_keys() -> set[str]:
    keys: set[str] = set()
    for path in [WEB / "app.js", *WEB.glob("js/**/*.js")]:
        text = path.read_text(encoding="utf-8")
        keys |= set(re.findall(r'\bt\("([A-Za-z_]+)"', text))
        keys |= set(re.findall(r'"(nav[A-Z][A-Za-z]+)"', text))
        keys |= set(re.findall(r':\s*"(auth[A-Z][A-Za-z]+)"', text))
    keys |= set(re.findall(r'data-i18n(?:-label)?="([A-Za-z]+)"', (WEB / "index.html").read_text(encoding="utf-8")))
    return keys | set(DYNAMIC)


def test_every_string_in_three_languages(page: Page) -> None:
    keys = sorted(used_keys())
    assert len(keys) > 300
    page.goto("/")
    missing = page.evaluate("""async (keys) => {
        const i18n = await import('/js/i18n.js');
        await import('/js/more-strings.js');  // the strings of the pages loaded later
        await import('/js/backoffice-strings.js');  // and of the dashboard, forms and twinning pages
        await import('/js/recurrence-strings.js');  // and of recurring events
        const before = i18n.lang();
        const out = [];
        for (const code of ['fr', 'uk', 'en']) {
            i18n.setLang(code);
            for (const key of keys) {
                const value = i18n.t(key, 1, 2, 3);
                if (value === key || value === undefined || value === '') out.push(`${code}:${key}`);
            }
        }
        for (const table of ['CATEGORIES', 'SPOKEN', 'EVENT_CATEGORIES', 'ANNOUNCEMENT_TYPES', 'ASSOCIATION_STATUS',
                             'ELECTION_STATUS', 'METHODS', 'ELECTORATES', 'NOMINATION_STATUS', 'GRADES', 'NEEDS']) {
            for (const [value, names] of Object.entries(i18n[table])) {
                if (names.length !== 3 || names.some((n) => !n)) out.push(`${table}.${value}`);
            }
        }
        i18n.setLang(before);
        return out;
    }""", keys)
    assert missing == []
