"""Screenshots of the main pages at a laptop's and a phone's width, for docs/screenshots (`make screenshots`).

The tour is the single list of pages shown in the documentation; the browser tests check that every picture it
names is in docs/screenshots and that the tour still runs against the demo data."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import requests
from playwright.sync_api import Browser, Page, expect

from infra.browser import settled, sign_in_as

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs" / "screenshots"
WIDTHS = {"desktop": {"width": 1366, "height": 900}, "phone": {"width": 390, "height": 844}}
LOCALES = {"fr": "fr-FR", "uk": "uk-UA", "en": "en-GB"}


@dataclass(frozen=True)
class Shot:
    name: str
    title: str
    path: str  # may name {event}, {election}, {announcement}: demo ids found through the API
    role: str | None = None  # a demo account signed in first
    lang: str = "fr"

    def files(self) -> list[str]:
        return [f"{self.name}-{width}.png" for width in WIDTHS]


TOUR = [
    Shot("home", "Accueil", "/#/"),
    Shot("home-uk", "Головна (українською)", "/#/", lang="uk"),
    Shot("events", "Événements", "/#/events"),
    Shot("event", "Un événement", "/#/events/{event}"),
    Shot("event-uk", "Подія (українською)", "/#/events/{event}", lang="uk"),
    Shot("associations", "Annuaire des associations", "/#/associations"),
    Shot("association", "Une association", "/#/associations/maison-ukrainienne-de-toulouse"),
    Shot("announcements", "Annonces", "/#/announcements"),
    Shot("announcement", "Une annonce", "/#/announcements/{announcement}"),
    Shot("partnerships", "Partenariats", "/#/partnerships"),
    Shot("partnership-uk", "Партнерство (українською)", "/#/partnerships/{partnership}", lang="uk"),
    Shot("initiative", "Un besoin et les offres qui y répondent", "/#/initiatives/{initiative}"),
    Shot("votes", "Votes", "/#/votes"),
    Shot("ballot", "Un bulletin (membre connecté)", "/#/elections/{election}", role="member"),
    Shot("dashboard", "Tableau de bord d'une association", "/#/dashboard", role="owner"),
    Shot("moderation", "Modération", "/#/moderation", role="moderator"),
]


def demo_ids(url: str) -> dict[str, str]:
    """Ids of demo items every run seeds afresh (infra/demo.py)."""
    def first(path: str, **params: str) -> list[dict]:
        response = requests.get(f"{url}{path}", params=params, timeout=30)
        response.raise_for_status()
        return response.json()["items"]

    return {"event": first("/events", q="varenyky")[0]["id"],
            "election": next(e["id"] for e in first("/elections") if e["status"] == "voting"),
            "announcement": first("/announcements", type="project")[0]["id"],
            "partnership": first("/partnerships", region="76")[0]["id"],
            "initiative": first("/initiatives", kind="need", oblast="UA-48")[0]["id"]}


def take(browser: Browser, url: str, shots: Iterable[Shot], out: Path,
         log: Callable[[str], None] = lambda _: None) -> list[Path]:
    """Every shot at every width, as a fresh visitor (or the shot's demo account) would see it."""
    ids = demo_ids(url)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for shot in shots:
        for width, viewport in WIDTHS.items():
            context = browser.new_context(base_url=url, viewport=viewport, locale=LOCALES[shot.lang],
                                          is_mobile=width == "phone", has_touch=width == "phone")
            context.add_init_script(f"localStorage.setItem('hromada.lang', '{shot.lang}')")
            page = context.new_page()
            try:
                if shot.role:
                    sign_in_as(page, shot.role)
                _show(page, shot.path.format(**ids))
                target = out / f"{shot.name}-{width}.png"
                page.screenshot(path=str(target))
                written.append(target)
                log(f"{target.relative_to(ROOT) if target.is_relative_to(ROOT) else target}")
            finally:
                context.close()
    return written


def _show(page: Page, path: str) -> None:
    page.goto(path)
    page.reload()  # a fresh render of the route, not a hash change from the sign-in page
    settled(page)
    # the home map's numbers come after the map itself
    expect(page.locator(".region-map .map-count text", has_text="…")).to_have_count(0)
    page.evaluate("document.fonts.ready")
    # pictures in view load lazily: the shot waits for those the reader would see
    page.wait_for_function("""() => [...document.images].every(img => {
        const box = img.getBoundingClientRect();
        return box.bottom < 0 || box.top > innerHeight || (img.complete && img.naturalWidth > 0);
    })""", timeout=15_000)


def index(shots: Iterable[Shot]) -> str:
    """docs/screenshots/README.md: each page at both widths, side by side."""
    lines = ["# Screenshots", "",
             "The main pages with the demo data (`make run`), at 1366 × 900 and on a 390 × 844 phone.",
             "Made by `make screenshots` (scripts/screenshots); the browser tests check the list is complete.", "",
             "| Page | Laptop (1366 px) | Phone (390 px) |", "|---|---|---|"]
    for shot in shots:
        desktop, phone = shot.files()
        lines.append(f"| {shot.title} | ![{shot.title}, 1366 px]({desktop}) | ![{shot.title}, 390 px]({phone}) |")
    return "\n".join(lines) + "\n"
