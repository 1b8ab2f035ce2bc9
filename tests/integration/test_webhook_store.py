"""The webhook store on the local stack's table (moto): what the dispatcher and the worker rely on, with real
conditions and filters: one Query finds the active webhooks of a kind, failures are counted and the webhook is
switched off once (by one of concurrent workers), a success clears the failures, coalescing claims once."""

from __future__ import annotations

import threading

import pytest

from hromada.domain.ports import ConditionFailed
from hromada.store.webhooks import DynamoWebhookStore


@pytest.fixture
def hooks(api, new_association, stack):
    association, owner = new_association()
    base = f"/associations/{association['id']}/webhooks"
    receiver = f"{stack.api_url}/dev/webhooks/receive"
    made = [api("POST", base, owner, json={"url": receiver, "kinds": kinds}).json()
            for kinds in (["event.changed"], ["event.changed", "event.cancelled"], ["announcement.published"])]
    api("PATCH", f"{base}/{made[1]['id']}", owner, json={"active": False})
    return association["id"], made, owner


def test_one_query_finds_the_active_webhooks_of_a_kind(hooks):
    association_id, made, _ = hooks
    store = DynamoWebhookStore()
    assert [h.id for h in store.subscribed(association_id, "event.changed")] == [made[0]["id"]]
    assert [h.id for h in store.subscribed(association_id, "announcement.published")] == [made[2]["id"]]
    assert store.subscribed(association_id, "event.cancelled") == []  # its only webhook is paused
    assert store.get(association_id, made[0]["id"]).secret.startswith("whsec_")


def test_failures_are_counted_a_success_clears_them_and_one_of_concurrent_workers_switches_it_off(hooks):
    association_id, made, _ = hooks
    store, hook_id = DynamoWebhookStore(), made[0]["id"]
    store.failed(association_id, hook_id, "2027-01-01T00:00:00.000Z", dead=False)
    store.delivered(association_id, hook_id, "2027-01-01T00:01:00.000Z")
    cleared = store.get(association_id, hook_id)
    assert cleared.consecutive_failures == 0 and cleared.status == "active"
    counts = [store.failed(association_id, hook_id, "2027-01-02T00:00:00.000Z", dead=True).dead_letters
              for _ in range(3)]
    assert counts == [1, 2, 3]
    switched: list[bool] = []
    barrier = threading.Barrier(4)

    def disable() -> None:
        barrier.wait()
        try:
            store.disable(association_id, hook_id, "failing")
            switched.append(True)
        except ConditionFailed:
            switched.append(False)

    threads = [threading.Thread(target=disable) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(switched) == [False, False, False, True]  # one of the workers switched it off (and told)
    after = store.get(association_id, hook_id)
    assert (after.active, after.disabled_reason, after.status) == (False, "failing", "disabled")
    assert store.subscribed(association_id, "event.changed") == []


def test_a_deleted_webhook_is_not_brought_back_by_a_late_worker(api, hooks):
    association_id, made, owner = hooks
    store, hook_id = DynamoWebhookStore(), made[2]["id"]
    assert api("DELETE", f"/associations/{association_id}/webhooks/{hook_id}", owner).status_code == 204
    assert store.failed(association_id, hook_id, "2027-01-01T00:00:00.000Z", dead=True) is None
    store.delivered(association_id, hook_id, "2027-01-01T00:00:00.000Z")
    assert store.get(association_id, hook_id) is None


def test_coalescing_claims_once_under_a_race():
    store, wins = DynamoWebhookStore(), []
    barrier = threading.Barrier(6)

    def claim() -> None:
        barrier.wait()
        wins.append(store.claim_coalesced("event.rsvp_counts#ev_race", "29000000"))

    threads = [threading.Thread(target=claim) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(wins) == [False] * 5 + [True]


def test_the_owner_is_mailed_when_a_failing_webhook_is_switched_off(api, stack, new_association):
    """Through the whole path: the outbox (in the switch-off's transaction), the bus, the notifier, the mailer."""
    from hromada.bus import OutboxPublisher
    from hromada.domain.webhook_delivery import Deliverer
    from tests.integration.mail import wait_mails

    association, owner = new_association()
    base = f"/associations/{association['id']}/webhooks"
    made = api("POST", base, owner, json={"url": f"{stack.api_url}/dev/webhooks/receive",
                                          "kinds": ["event.changed"]}).json()
    store = DynamoWebhookStore()
    for _ in range(3):
        hook = store.failed(association["id"], made["id"], "2027-01-02T00:00:00.000Z", dead=True)
    deliverer = Deliverer(store, None, None, None, OutboxPublisher())
    deliverer._disable(hook)
    deliverer._disable(hook)  # a second worker: already off, nothing more said
    [mail] = wait_mails(stack, owner.email.lower(), timeout=60)
    assert association["name"] in mail["subject"] and "/dev/webhooks/receive" in mail["text"]
    assert api("GET", base, owner).json()["items"][0]["status"] == "disabled"
    assert len(wait_mails(stack, owner.email.lower(), count=2, timeout=3)) < 2
