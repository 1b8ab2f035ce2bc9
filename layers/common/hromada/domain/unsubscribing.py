"""Unsubscribing is idempotent: asking twice (a second click, a mail client's one-click POST repeated, a
member dropping a subscription already gone) succeeds with the same answer and changes nothing more.

Pure: the subscriptions use case reads the subscription, asks `step` what to do, and does it.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum

from hromada.models.subscription import Subscription, SubscriptionStatus


class Step(Enum):
    DELETE = "delete"  # the subscription (and its follower entries) goes
    ALREADY_GONE = "gone"  # nothing left to delete: success all the same
    KEEP_SUPPRESSED = "suppressed"  # success, but the suppression stays: the address is never mailed again
    OUTDATED_LINK = "outdated"  # the link was made for an earlier subscription: the newer one is not touched


def step(subscription: Subscription | None, link_belongs_to: Callable[[str], bool] | None = None) -> Step:
    """What unsubscribing `subscription` (None: there is none) does. From a mail's link, `link_belongs_to`
    tells whether the link was made for the subscription created at a given time; a signed-in member
    needs no link (None)."""
    if subscription is None:
        return Step.ALREADY_GONE
    if link_belongs_to is not None and not link_belongs_to(subscription.created_at):
        return Step.OUTDATED_LINK
    if subscription.status == SubscriptionStatus.SUPPRESSED:
        return Step.KEEP_SUPPRESSED
    return Step.DELETE

