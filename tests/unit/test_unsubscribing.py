"""Unsubscribing is idempotent: twice succeeds, a suppression stays, an older link spares a newer subscription."""

from __future__ import annotations

import pytest

from hromada.domain.unsubscribing import Step, step
from hromada.models.subscription import Subscription, SubscriptionStatus

CREATED = "2026-12-01T08:00:00.000Z"


def subscription(status: SubscriptionStatus = SubscriptionStatus.CONFIRMED) -> Subscription:
    return Subscription(id="sb_1", email="a@example.org", status=status, created_at=CREATED, updated_at=CREATED)


def made_for(created_at: str):
    return lambda other: other == created_at


@pytest.mark.parametrize("status", [SubscriptionStatus.CONFIRMED, SubscriptionStatus.PENDING])
def test_unsubscribing_deletes_the_subscription_the_link_was_made_for(status):
    assert step(subscription(status), made_for(CREATED)) is Step.DELETE


def test_unsubscribing_twice_succeeds_and_deletes_nothing_more():
    store = {"sb_1": subscription()}
    for _click in range(2):
        done = step(store.get("sb_1"), made_for(CREATED))
        if done is Step.DELETE:
            del store["sb_1"]
    assert done is Step.ALREADY_GONE and store == {}


def test_a_member_dropping_a_subscription_they_do_not_have_succeeds():
    assert step(None) is Step.ALREADY_GONE


def test_a_suppressed_address_stays_suppressed():
    assert step(subscription(SubscriptionStatus.SUPPRESSED), made_for(CREATED)) is Step.KEEP_SUPPRESSED
    assert step(subscription(SubscriptionStatus.SUPPRESSED)) is Step.KEEP_SUPPRESSED


def test_a_link_from_an_earlier_subscription_spares_the_newer_one():
    assert step(subscription(), made_for("2026-11-01T08:00:00.000Z")) is Step.OUTDATED_LINK


def test_a_signed_in_member_needs_no_link():
    assert step(subscription()) is Step.DELETE
