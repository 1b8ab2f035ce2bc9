"""Results of every counting method drawn from the results API's shape (answers stubbed in the browser, so
each method's working is shown without running an election of each kind)."""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import Page, Route, expect

pytestmark = pytest.mark.browser

A, B, C = "ca_" + "a" * 20, "ca_" + "b" * 20, "ca_" + "c" * 20
CANDIDATES = [{"id": A, "name": "Anna", "association_id": "as_" + "1" * 20, "association_name": "Kalyna"},
              {"id": B, "name": "Bohdan", "association_id": "as_" + "2" * 20, "association_name": "Sokil"},
              {"id": C, "name": "Chloé", "association_id": "as_" + "3" * 20, "association_name": "Vyshyvanka"}]


def election(method: str) -> dict:
    return {"id": "el_" + "e" * 20, "title": {"fr": f"Essai {method}"}, "description": None, "method": method,
            "electorate": "members", "nominations_per_association": 2,
            "nominations_open_at": "2026-01-01T00:00:00Z", "voting_opens_at": "2026-01-08T00:00:00Z",
            "voting_closes_at": "2026-01-15T00:00:00Z", "status": "published", "closed_reason": None,
            "ballot": CANDIDATES, "turnout": 9, "created_at": "2026-01-01T00:00:00Z",
            "updated_at": "2026-01-16T00:00:00Z", "closed_at": "2026-01-15T00:00:00Z",
            "published_at": "2026-01-15T00:01:00Z"}


BASE = {"ballots": 9, "winner": A, "ranking": [A, B, C], "ties": [], "lot_seed": "ab", "counts": None, "blank": None,
        "pairwise": None, "strongest_paths": None, "rounds": None, "grades": None}
RESULTS = {
    "plurality": {**BASE, "counts": {A: 5, B: 3, C: 1}, "blank": 0},
    "approval": {**BASE, "counts": {A: 7, B: 6, C: 2}},
    "irv": {**BASE, "rounds": [
        {"round": 1, "counts": {A: 4, B: 3, C: 2}, "exhausted": 0, "elected": None, "eliminated": C,
         "transfers": {A: 1, B: 1}, "to_exhausted": 0},
        {"round": 2, "counts": {A: 5, B: 4}, "exhausted": 0, "elected": A, "eliminated": None, "transfers": {},
         "to_exhausted": 0}]},
    "majority_judgment": {**BASE, "grades": {
        A: {"counts": {"excellent": 4, "very_good": 3, "good": 2}, "median": "very_good", "above": 4, "below": 2},
        B: {"counts": {"good": 5, "fair": 4}, "median": "good", "above": 0, "below": 4},
        C: {"counts": {"poor": 5, "to_reject": 4}, "median": "poor", "above": 0, "below": 4}},
        "ties": [{"stage": "median", "between": [B, C], "rule": "majority value", "chosen": B, "detail": "4 > 0"}]},
    "schulze": {**BASE, "pairwise": {A: {B: 6, C: 7}, B: {A: 3, C: 5}, C: {A: 2, B: 4}},
                "strongest_paths": {A: {B: 6, C: 7}, B: {A: 0, C: 5}, C: {A: 0, B: 0}}},
}


@pytest.mark.parametrize("method", list(RESULTS))
def test_results_with_their_working(page: Page, method: str) -> None:
    def answer(route: Route) -> None:
        url = route.request.url
        if url.endswith("/results"):
            body = {"election_id": "el_" + "e" * 20, "published_at": "2026-01-15T00:01:00Z",
                    "ballots_sha256": "f" * 64, "ballot_shards": 32, "candidates": CANDIDATES,
                    "result": {"method": method, **RESULTS[method]}}
        elif url.endswith("/candidates"):
            body = [{**c, "statement": {"fr": "…"}, "bio": None, "photo_url": None, "status": "approved"}
                    for c in CANDIDATES]
        else:
            body = election(method)
        route.fulfill(status=200, content_type="application/json", body=json.dumps(body))

    page.route(re.compile(r"/elections/el_e{20}(/results|/candidates)?$"), answer)
    page.goto(f"/#/elections/el_{'e' * 20}")
    expect(page.locator("main h1")).to_have_text(f"Essai {method}")
    expect(page.locator(".winner")).to_have_text("Élu·e : Anna")
    expect(page.get_by_text("9 bulletins dépouillés.")).to_be_visible()
    expect(page.locator("ol li")).to_have_text(["Anna", "Bohdan", "Chloé"])
    if method in ("plurality", "approval"):
        rows = page.locator("table.bars tbody tr")
        expect(rows).to_have_count(3)
        expect(rows.first).to_contain_text("Anna")
        widths = [float(w) for w in page.locator("table.bars rect").evaluate_all(
            "rects => rects.map(r => r.getAttribute('width'))")]
        assert widths[0] == 100 and widths[0] > widths[1] > widths[2]
    if method == "irv":
        expect(page.get_by_role("heading", name="Tour 1")).to_be_visible()
        expect(page.get_by_text("Éliminé·e : Chloé.")).to_be_visible()
        expect(page.get_by_text("Élu·e : Anna. Bulletins épuisés : 0.")).to_be_visible()
    if method == "majority_judgment":
        row = page.locator("table tr", has_text="Anna")
        expect(row).to_contain_text("Très bien")
        expect(page.get_by_text("Entre Bohdan, Chloé : Bohdan retenu·e (règle : majority value)")).to_be_visible()
    if method == "schulze":
        expect(page.locator("table.matrix")).to_have_count(2)
        expect(page.locator("table.matrix").first.locator("tbody tr").first.locator("td.wins")).to_have_count(2)
    expect(page.get_by_label("Numéro de suivi")).to_be_visible()
