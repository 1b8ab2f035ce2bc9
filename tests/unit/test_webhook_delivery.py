"""Webhook deliveries without AWS or network: signatures a receiver can check, retries with backoff on a fake
clock, the dead-letter queue and switching a failing webhook off, the dispatcher's fan-out and coalescing."""

from __future__ import annotations

import json

import pytest

from hromada.auth import Principal
from hromada.domain.webhook_delivery import Deliverer, Dispatcher, payload
from hromada.domain.webhook_ports import DeliveryJob
from hromada.domain.webhook_rules import BACKOFF_SECONDS, DISABLE_AFTER, MAX_ATTEMPTS, signature, verify
from hromada.domain.webhooks import Webhooks
from hromada.errors import Conflict, Forbidden, Invalid
from hromada.models.webhook import WebhookCreate, WebhookOut, WebhookPatch
from tests.unit.event_fakes import RecordingPublisher
from tests.unit.webhook_fakes import Clock, MemoryQueue, MemoryWebhookStore, ScriptedTransport, resolver

ASSOC = "as_" + "1" * 20
EDITOR = Principal(user_id="u-ed", email="ed@example.org", email_verified=True, groups=frozenset())
STRANGER = Principal(user_id="u-st", email="st@example.org", email_verified=True, groups=frozenset())
DNS = resolver({"hooks.example.org": ["93.184.215.14"]})


@pytest.fixture
def world():
    store = MemoryWebhookStore({ASSOC: {EDITOR.email}})
    queue = MemoryQueue()
    clock = Clock()
    hooks = Webhooks(store, queue, DNS)
    hook = hooks.create(EDITOR, ASSOC, WebhookCreate(url="https://hooks.example.org/in", kinds=["event.changed"]))
    transport = ScriptedTransport()
    publisher = RecordingPublisher()
    deliverer = Deliverer(store, queue, transport, DNS, publisher, clock=clock, draw=lambda low, high: 0.0)
    return store, queue, clock, hooks, hook, transport, deliverer


def job_for(hook, **extra) -> DeliveryJob:
    return DeliveryJob(webhook_id=hook.id, association_id=ASSOC, event_id="evt_ob_1", event_type="event.changed",
                       created_at="2027-01-15T10:00:00.000Z", data={"event_id": "ev_1"}, **extra)


# ------------------------------------------------------------------ signatures
def test_a_receiver_with_the_secret_accepts_and_rejects_tampering_replays_and_other_secrets(world):
    _store, _queue, clock, _, hook, transport, deliverer = world
    assert hook.secret.startswith("whsec_") and len(hook.secret) > 40
    assert deliverer.deliver(job_for(hook)) == "delivered"
    [(_, _, body, headers)] = transport.requests
    assert json.loads(body) == {"id": "evt_ob_1", "type": "event.changed", "created_at": "2027-01-15T10:00:00.000Z",
                                "data": {"event_id": "ev_1"}}
    assert headers["Hromada-Event-Id"] == "evt_ob_1" and headers["Hromada-Webhook-Id"] == hook.id
    assert verify(hook.secret, headers, body, now=clock.now + 10)
    assert not verify(hook.secret, headers, body.replace(b"ev_1", b"ev_2"), now=clock.now)  # body changed
    assert not verify(hook.secret, headers, body, now=clock.now + 301)  # replayed after 5 minutes
    assert not verify("whsec_" + "x" * 43, headers, body, now=clock.now)  # wrong secret
    newer = {**headers, "Hromada-Timestamp": str(int(clock.now) + 60)}  # a fresh timestamp on the old signature
    assert not verify(hook.secret, newer, body, now=clock.now + 60)


def test_the_signature_is_hmac_sha256_of_timestamp_dot_body():
    import hashlib
    import hmac

    expected = hmac.new(b"whsec_k", b"1700000000.{}", hashlib.sha256).hexdigest()
    assert signature("whsec_k", 1700000000, b"{}") == f"v1={expected}"


# ------------------------------------------------------------------ retries
def test_a_500_is_retried_with_growing_delays_then_a_200_delivers(world):
    store, queue, clock, _, hook, transport, deliverer = world
    transport.script = [500, None, 200]  # a server error, a timeout, then success
    assert deliverer.deliver(job_for(hook)) == "retrying"
    again, delay = queue.take()
    assert (again.attempt, delay, again.not_before) == (2, BACKOFF_SECONDS[0], clock.now + BACKOFF_SECONDS[0])
    assert store.get(ASSOC, hook.id).status == "failing"
    clock.now += delay
    assert deliverer.deliver(again) == "retrying"
    third, delay = queue.take()
    assert (third.attempt, delay) == (3, BACKOFF_SECONDS[1])
    clock.now += delay
    assert deliverer.deliver(third) == "delivered"
    assert store.get(ASSOC, hook.id).status == "active" and queue.sent == []
    log = store.log(hook.id, 50)
    assert [(e.attempt, e.outcome, e.status, e.error) for e in log] == [
        (3, "delivered", 200, None), (2, "retrying", None, "timeout"), (1, "retrying", 500, None)]
    assert {r[3]["Hromada-Event-Id"] for r in transport.requests} == {"evt_ob_1"}  # one id: receivers dedupe


def test_a_wait_longer_than_sqs_allows_is_made_of_several_without_an_attempt(world):
    _store, queue, clock, _, hook, transport, deliverer = world
    late = job_for(hook, attempt=5, not_before=clock.now + 3 * 3600)
    assert deliverer.deliver(late) == "waiting"
    waiting, delay = queue.take()
    assert delay == 900 and waiting == late and transport.requests == []


def test_jitter_moves_delays_by_at_most_ten_percent(world):
    store, queue, clock, _, hook, transport, _ = world
    for draw in (-0.1, 0.1):
        transport.script = [503]
        Deliverer(store, queue, transport, DNS, RecordingPublisher(), clock=clock,
                  draw=lambda low, high, d=draw: d).deliver(job_for(hook))
        assert queue.take()[1] == round(BACKOFF_SECONDS[0] * (1 + draw))


def test_every_attempt_failing_ends_in_the_dead_letter_queue_and_repeated_dead_letters_switch_it_off(world):
    store, queue, clock, _, hook, transport, deliverer = world
    for delivery in range(DISABLE_AFTER):
        transport.script = [500] * MAX_ATTEMPTS
        job = job_for(hook)
        outcomes, started = [], clock.now
        while not outcomes or outcomes[-1] != "dead_lettered":
            outcomes.append(deliverer.deliver(job))
            if queue.sent:
                job, delay = queue.take()
                assert delay <= 900  # SQS's longest delay: longer waits come back "waiting" first
                clock.now += delay
        attempts = [o for o in outcomes if o != "waiting"]
        assert attempts == ["retrying"] * (MAX_ATTEMPTS - 1) + ["dead_lettered"]
        assert 20 * 3600 < clock.now - started < 26 * 3600  # about a day from the first attempt to the last
        assert len(queue.dead) == delivery + 1 and queue.dead[-1][1] == "http_500"
        told = [e for e in deliverer.publisher.published if e.kind == "WebhookDisabled"]
        assert len(told) == (1 if delivery == DISABLE_AFTER - 1 else 0)  # the owners hear of it once
    after = store.get(ASSOC, hook.id)
    assert not after.active and after.disabled_reason == "failing" and after.status == "disabled"
    assert told[0].detail == {"association_id": ASSOC, "webhook_id": hook.id, "dead_letters": DISABLE_AFTER}
    assert deliverer.deliver(job_for(hook)) == "dropped"  # nothing more goes out


def test_the_whole_schedule_spans_about_a_day():
    assert MAX_ATTEMPTS == 8 and 20 * 3600 < sum(BACKOFF_SECONDS) < 26 * 3600


def test_dns_rebinding_after_registration_is_refused_at_delivery(world):
    store, queue, clock, _, hook, transport, _ = world
    rebound = Deliverer(store, queue, transport, resolver({"hooks.example.org": ["169.254.169.254"]}),
                        RecordingPublisher(), clock=clock, draw=lambda low, high: 0.0)
    assert rebound.deliver(job_for(hook)) == "retrying"
    assert transport.requests == []  # nothing was sent
    assert store.log(hook.id, 1)[0].error == "refused_link_local"


# ------------------------------------------------------------------ the API's rules
def test_secrets_are_shown_on_creation_and_rotation_only(world):
    store, _queue, _clock, hooks, hook, *_ = world
    listed = [WebhookOut.of(h).model_dump() for h in hooks.list(EDITOR, ASSOC)]
    assert listed and hook.secret not in json.dumps(listed) and "secret" not in listed[0]
    rotated = hooks.rotate(EDITOR, ASSOC, hook.id)
    assert rotated.secret != hook.secret and store.get(ASSOC, hook.id).secret == rotated.secret


def test_the_limit_and_the_editors(world):
    _store, _queue, _clock, hooks, *_ = world
    for _ in range(4):
        hooks.create(EDITOR, ASSOC, WebhookCreate(url="https://hooks.example.org/x", kinds=["event.published"]))
    with pytest.raises(Conflict, match="webhook_limit_reached"):
        hooks.create(EDITOR, ASSOC, WebhookCreate(url="https://hooks.example.org/x", kinds=["event.published"]))
    with pytest.raises(Forbidden):
        hooks.list(STRANGER, ASSOC)
    with pytest.raises(Invalid, match="webhook_url_refused"):
        hooks.update(EDITOR, ASSOC, hooks.list(EDITOR, ASSOC)[0].id, WebhookPatch(url="https://10.0.0.1/"))


def test_switching_back_on_clears_the_failures(world):
    store, _queue, _clock, hooks, hook, *_ = world
    store._change(ASSOC, hook.id, active=False, disabled_reason="failing", dead_letters=3, consecutive_failures=24)
    on = hooks.update(EDITOR, ASSOC, hook.id, WebhookPatch(active=True))
    assert on.status == "active" and on.dead_letters == 0 and on.disabled_reason is None


# ------------------------------------------------------------------ the dispatcher
def test_the_dispatcher_queues_one_job_per_subscribed_active_webhook(world):
    store, queue, clock, hooks, hook, *_ = world
    other = hooks.create(EDITOR, ASSOC, WebhookCreate(url="https://hooks.example.org/b",
                                                      kinds=["event.changed", "event.cancelled"]))
    hooks.create(EDITOR, ASSOC, WebhookCreate(url="https://hooks.example.org/c", kinds=["announcement.published"]))
    paused = hooks.create(EDITOR, ASSOC, WebhookCreate(url="https://hooks.example.org/d", kinds=["event.changed"]))
    hooks.update(EDITOR, ASSOC, paused.id, WebhookPatch(active=False))
    jobs = Dispatcher(store, queue, clock).dispatch("EventChanged", {"event_id": "ev_1", "association_id": ASSOC},
                                                    "ob_42")
    assert {j.webhook_id for j in jobs} == {hook.id, other.id}
    assert {j.event_id for j in jobs} == {"evt_ob_42"} and all(j.event_type == "event.changed" for j in jobs)
    assert Dispatcher(store, queue, clock).dispatch("AssociationReviewed", {"association_id": ASSOC}, "ob_43") == []


def test_rsvp_count_events_are_coalesced_to_one_per_event_and_minute(world):
    store, queue, clock, hooks, *_ = world
    hooks.create(EDITOR, ASSOC, WebhookCreate(url="https://hooks.example.org/r", kinds=["event.rsvp_counts"]))
    dispatcher = Dispatcher(store, queue, clock)
    detail = {"event_id": "ev_1", "association_id": ASSOC, "promoted": 1}
    clock.now = 1_800_000_000.0 - 1_800_000_000.0 % 60
    clock.now += 15
    kinds = ["RsvpConfirmed", "RsvpWaitlisted", "RsvpWithdrawn"]
    sent = [len(dispatcher.dispatch(kind, detail, f"ob_{i}")) for i, kind in enumerate(kinds)]
    clock.now += 60
    sent.append(len(dispatcher.dispatch("WaitlistPromoted", detail, "ob_9")))
    assert sent == [1, 0, 0, 1]
    # each waits until its minute is over, so it goes out after that minute's last change
    assert [delay for _job, delay in queue.sent] == [45, 45]


def test_the_body_is_the_signed_bytes():
    job = DeliveryJob("wh_1", ASSOC, "evt_1", "event.cancelled", "2027-01-01T00:00:00.000Z", {"é": "ü"})
    assert json.loads(payload(job))["data"] == {"é": "ü"}


def test_a_test_delivery_is_tried_once_and_never_dead_lettered(world):
    store, queue, _clock, hooks, hook, transport, deliverer = world
    transport.script = [500]
    ping = hooks.ping(EDITOR, ASSOC, hook.id)
    job, delay = queue.take()
    assert job == ping and delay == 0 and job.event_type == "webhook.ping"
    assert deliverer.deliver(job) == "failed"
    assert queue.sent == [] and queue.dead == [] and store.get(ASSOC, hook.id).dead_letters == 0


# ------------------------------------------------------------------ the owners are told
def test_the_owners_are_told_when_a_webhook_is_switched_off_in_their_associations_language():
    from types import SimpleNamespace

    from hromada.mail.render import render
    from hromada.mail.webhook_notices import WebhookNotices

    class Source:
        def get(self, association_id):
            return SimpleNamespace(name="Громада Ліона", languages=["uk"]) if association_id == ASSOC else None

        def editors(self, association_id):
            return [SimpleNamespace(email="owner@example.org", role="owner"),
                    SimpleNamespace(email="editor@example.org", role="editor")]

        def webhook_url(self, association_id, webhook_id):
            return "https://hooks.example.org/in" if webhook_id == "wh_1" else None

    notices = WebhookNotices(Source(), "https://hromada.example.org/")
    [job] = notices.jobs_for({"association_id": ASSOC, "webhook_id": "wh_1", "dead_letters": 3})
    assert [r.email for r in job.recipients] == ["owner@example.org"] and job.key == "webhook_disabled:wh_1:3"
    assert job.letter.lang == "uk" and "Громада Ліона" in job.letter.subject
    assert "https://hooks.example.org/in" in job.letter.intro[0]
    assert f"https://hromada.example.org/#/dashboard/a/{ASSOC}" in render(job.letter).text
    assert notices.jobs_for({"association_id": ASSOC, "webhook_id": "wh_gone", "dead_letters": 3}) == []
