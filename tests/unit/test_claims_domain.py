"""Claim registry rules against an in-memory store: who may record, addresses normalised and unique, history."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from hromada.auth import Principal
from hromada.domain.claim_ports import UrlMark
from hromada.domain.claims import Claims, marks_for
from hromada.domain.ports import ConditionFailed
from hromada.errors import Conflict, Forbidden, Invalid, NotFound
from hromada.models.claim import ClaimCreate, ClaimPatch

NOW = datetime(2026, 12, 6, 12, 0, tzinfo=UTC)


def person(name: str, *groups: str, mfa: bool = True) -> Principal:
    return Principal(user_id=f"sub-{name}", email=f"{name}@example.org", email_verified=True,
                     groups=frozenset(groups), name=name.title(), second_factor=mfa)


MODERATOR = person("mod", "moderators")
MEMBER = person("member")


class FakeClaims:
    """The port's contract: one owner per address, a version guard."""

    def __init__(self):
        self.claims, self.owners, self.changes = {}, {}, {}

    def create(self, claim, change):
        for url in claim.urls:
            if url in self.owners:
                raise ConditionFailed(f"url:{url}")
        self.claims[claim.id] = claim
        self.owners |= dict.fromkeys(claim.urls, claim.id)
        self.changes[claim.id] = [change]

    def get(self, claim_id):
        return self.claims.get(claim_id)

    def save(self, claim, previous, change):
        if self.claims[claim.id].version != previous.version:
            raise ConditionFailed("version")
        for url in claim.urls:
            if self.owners.get(url, claim.id) != claim.id:
                raise ConditionFailed(f"url:{url}")
        for url in previous.urls:
            self.owners.pop(url, None)
        self.owners |= dict.fromkeys(claim.urls, claim.id)
        self.claims[claim.id] = claim
        self.changes[claim.id].insert(0, change)

    def history(self, claim_id):
        return self.changes[claim_id]

    def marks(self, urls):
        return [UrlMark(u, self.owners[u], self.claims[self.owners[u]].verdict.value, {})
                for u in urls if u in self.owners]

    def announcements(self, ids):
        return []


@pytest.fixture
def registry():
    counter = iter(range(1000))
    return Claims(FakeClaims(), now=lambda: NOW, make_id=lambda p: f"{p}_{next(counter):020x}")


def body(**overrides):
    return ClaimCreate.model_validate({"text": {"fr": "Une affirmation"}, "verdict": "false",
                                       "urls": ["https://Example.org/a/?utm_source=x"]} | overrides)


def test_a_moderator_records_a_claim_with_normalised_addresses(registry):
    claim = registry.create(MODERATOR, body(urls=["https://Example.org/a/?utm_source=x", "https://example.org/a#x"]))
    assert claim.urls == ["https://example.org/a"]
    assert registry.history(MODERATOR, claim.id)[0].by == "sub-mod"


@pytest.mark.parametrize("who", [MEMBER, person("nomfa", "moderators", mfa=False), person("ed", "editors")])
def test_only_moderators_with_a_second_factor_record_or_edit(registry, who):
    with pytest.raises(Forbidden):
        registry.create(who, body())
    claim = registry.create(MODERATOR, body())
    with pytest.raises(Forbidden):
        registry.update(who, claim.id, ClaimPatch(version=1, verdict="true"))
    assert registry.get(claim.id).verdict == "false"


def test_an_address_belongs_to_one_claim(registry):
    registry.create(MODERATOR, body())
    with pytest.raises(Conflict) as refused:
        registry.create(MODERATOR, body(urls=["http://other.org/", "HTTPS://EXAMPLE.ORG/a/"]))
    assert refused.value.code == "claim_url_taken"


def test_a_bad_address_is_named_by_its_position(registry):
    with pytest.raises(Invalid) as refused:
        registry.create(MODERATOR, body(urls=["https://ok.org/", "javascript:alert(1)"]))
    assert refused.value.details[0]["field"] == "urls[1]"


def test_editing_releases_addresses_and_keeps_the_history(registry):
    first = registry.create(MODERATOR, body())
    edited = registry.update(MODERATOR, first.id, ClaimPatch(version=1, verdict="misleading",
                                                             urls=["https://example.org/b"]))
    assert (edited.version, edited.verdict) == (2, "misleading")
    other = registry.create(MODERATOR, body(urls=["https://example.org/a"]))  # released: free again
    assert other.urls == ["https://example.org/a"]
    assert registry.history(MODERATOR, first.id)[0].fields == ["verdict", "urls"]
    with pytest.raises(Conflict):
        registry.update(MODERATOR, first.id, ClaimPatch(version=1, verdict="true"))
    with pytest.raises(Forbidden):
        registry.history(MEMBER, first.id)


def test_unknown_claims_and_unlinked_fact_checks(registry):
    with pytest.raises(NotFound):
        registry.get("cl_" + "0" * 20)
    claim = registry.create(MODERATOR, body())
    with pytest.raises(Invalid):
        registry.link(MODERATOR, claim.id, "an_" + "1" * 20)  # no such announcement
    with pytest.raises(NotFound):
        registry.unlink(MODERATOR, claim.id, "an_" + "1" * 20)


def test_marks_find_each_item_s_claims_in_one_lookup(registry):
    claim = registry.create(MODERATOR, body())
    calls = []

    def lookup(urls):
        calls.append(urls)
        return registry.store.marks(urls)

    found = marks_for(lookup, {"an_1": ["https://EXAMPLE.org/a/?fbclid=1", "not a url"], "an_2": ["https://x.org/"]})
    assert len(calls) == 1
    assert [m.claim_id for m in found["an_1"]] == [claim.id] and found["an_2"] == []
