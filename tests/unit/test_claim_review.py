"""A fact-check's page carries schema.org ClaimReview JSON-LD, shaped after Google's fact-check guidance."""

from __future__ import annotations

import copy

import pytest

from hromada import snapshots, structured_data
from hromada.models.claim import Claim
from tests.schema_org import problems
from tests.unit.test_structured_data import URLS, WEB, an_announcement, json_ld


def a_claim(**overrides) -> Claim:
    fields = dict(id="cl_0123456789abcdef0123", text={"fr": "Les sanctions ne servent à rien", "uk": "Санкції марні"},
                  verdict="misleading", first_seen_on="2026-10-01", first_seen_where="Telegram",
                  urls=["https://spread.example.org/a", "https://spread.example.org/b"],
                  fact_checks=["an_0123456789abcdef0123"], created_at="2026-11-01T10:00:00Z",
                  updated_at="2026-11-01T10:00:00Z")
    return Claim(**(fields | overrides))


FACT_CHECK = an_announcement(type="fact_check", sources=[{"title": "Source", "url": "https://example.org/s"}])


@pytest.mark.parametrize("lang", ["fr", "uk", "en"])
def test_the_claim_review_has_google_s_required_and_expected_properties(lang):
    review = structured_data.claim_review(a_claim(), FACT_CHECK, lang=lang, web_url=WEB)
    assert problems(review) == []
    assert review["@type"] == "ClaimReview" and review["url"] == f"{WEB}/#/announcements/{FACT_CHECK.id}"
    assert review["reviewRating"]["ratingValue"] == 2
    assert review["reviewRating"]["alternateName"] == {"fr": "Trompeur", "uk": "Маніпуляція",
                                                       "en": "Misleading"}[lang]
    assert review["itemReviewed"]["firstAppearance"]["url"] == "https://spread.example.org/a"
    assert [a["url"] for a in review["itemReviewed"]["appearance"]] == a_claim().urls
    assert review["author"] == {"@type": "Organization", "name": "Dnipro", "url": f"{WEB}/#/associations/dnipro"}


@pytest.mark.parametrize("verdict", ["false", "misleading", "missing_context", "true"])
def test_every_verdict_is_a_rating_in_range(verdict):
    assert problems(structured_data.claim_review(a_claim(verdict=verdict), FACT_CHECK, lang="fr", web_url=WEB)) == []


@pytest.mark.parametrize(("path", "value", "problem"), [
    (("reviewRating", "alternateName"), None, "lacks required alternateName"),
    (("reviewRating", "ratingValue"), 9, "between worstRating and bestRating"),
    (("itemReviewed", "@type"), "Thing", "itemReviewed: not a Claim"),
    (("claimReviewed",), "", "lacks required claimReviewed"),
    (("author",), "Dnipro", "author: not a Organization"),
])
def test_the_checker_refuses_a_broken_claim_review(path, value, problem):
    review = copy.deepcopy(structured_data.claim_review(a_claim(), FACT_CHECK, lang="fr", web_url=WEB))
    target = review
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    assert any(problem in p for p in problems(review)), problems(review)


def test_the_fact_check_page_carries_the_article_and_its_claim_reviews():
    page = snapshots.announcement_page(FACT_CHECK, lang="uk", urls=URLS, claims=[a_claim()])
    (data,) = json_ld(page)
    assert [d["@type"] for d in data] == ["NewsArticle", "ClaimReview"]
    assert problems(data) == []
    assert data[1]["claimReviewed"] == "Санкції марні"
    plain = snapshots.announcement_page(FACT_CHECK, lang="uk", urls=URLS)
    assert json_ld(plain)[0]["@type"] == "NewsArticle"
