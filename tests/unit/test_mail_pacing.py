"""Pacing mail to the SES account quota: the pure rules, with a fake clock."""

from __future__ import annotations

import pytest

from hromada.mail.delivery import JobPaused, Mailer
from hromada.mail.pacing import DAY, MAX_DELAY, Pacer, SendQuota, account_rate, estimate, instance_rate, step
from tests.unit.test_mail import Links, Log, NoSuppressions, Ses, job

NEW_ACCOUNT = SendQuota(max_24h=50_000, max_rate=14)


class Clock:
    def __init__(self, now: float = 1_000.0):
        self.now = now

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        assert seconds >= 0
        self.now += seconds


def pacer(quota: SendQuota, senders: int = 1, clock: Clock | None = None, reads: list | None = None) -> Pacer:
    clock = clock or Clock()

    def read() -> SendQuota:
        if reads is not None:
            reads.append(clock.now)
        return quota

    return Pacer(read, senders, clock=clock, sleep=clock.sleep)


@pytest.mark.parametrize(("senders", "each", "total"), [(1, 12, 12), (2, 6, 12), (5, 2, 10), (7, 1, 7), (20, 0.6, 12)])
def test_each_bulk_instance_keeps_to_a_whole_share_of_the_bulk_rate(senders, each, total):
    assert instance_rate(NEW_ACCOUNT, senders) == pytest.approx(each)
    assert account_rate(NEW_ACCOUNT, senders) == pytest.approx(total)


@pytest.mark.parametrize(("rate", "senders"), [(1, 1), (14, 1), (14, 2), (14, 5), (28, 2), (50, 3), (200, 2)])
def test_bulk_and_transactional_instances_together_stay_within_the_account_rate(rate, senders):
    quota = SendQuota(max_24h=50_000, max_rate=rate)
    both = account_rate(quota, senders, bulk=True) + account_rate(quota, senders, bulk=False)
    assert both <= rate + 1e-9
    assert account_rate(quota, senders, bulk=False) > 0  # a confirmation always gets through
    assert account_rate(quota, 2, bulk=True) == (12 if rate == 14 else account_rate(quota, 2, bulk=True))


def test_a_backlog_larger_than_the_window_continues_at_once_in_the_next_invocation():
    now = step(NEW_ACCOUNT, backlog=1_000, window=27, senders=5)
    assert (now.send_now, now.continue_in) == (54, 0.0)  # 2/s for 27 s; the rest in the next invocation
    assert step(NEW_ACCOUNT, backlog=20, window=27, senders=5).continue_in is None


def test_a_spent_day_stops_bulk_mail_before_the_reserve_and_looks_again_in_a_quarter_of_an_hour():
    nearly = SendQuota(max_24h=50_000, max_rate=14, sent_24h=47_480)
    decision = step(nearly, backlog=100, window=27, senders=1)
    assert (decision.send_now, decision.continue_in) == (20, MAX_DELAY)  # 95 % of 50,000 is 47,500
    transactional = step(nearly, backlog=50, window=27, senders=1, bulk=False)  # 2/s, beyond the bulk cap
    assert transactional.send_now == 50 and transactional.continue_in is None  # the reserve is theirs


def test_the_weekly_digest_for_100000_subscribers_takes_two_days_on_a_new_account():
    two = estimate(NEW_ACCOUNT, 100_000, senders=2)  # 6/s each, 12/s in all (2/s stay transactional mail's)
    assert two.days == 2 and two.rate == 12
    # 47,500 on the first day, 47,500 the next, the last 5,000 at 12/s on the third morning
    assert two.seconds == pytest.approx(2 * DAY + 5_000 / 12)
    five = estimate(NEW_ACCOUNT, 100_000, senders=5)
    assert five.rate == 10 and five.seconds == pytest.approx(2 * DAY + 500)
    small = estimate(NEW_ACCOUNT, 10_000, senders=2)
    assert small.days == 0 and small.seconds == pytest.approx(10_000 / 12)
    assert estimate(SendQuota(max_24h=-1, max_rate=14), 100_000, senders=2).seconds == pytest.approx(100_000 / 12)
    assert "h" in two.describe()


def test_sends_are_spaced_so_no_second_holds_more_than_the_instance_share():
    clock = Clock()
    pace = pacer(NEW_ACCOUNT, senders=5, clock=clock)
    times = []
    for _ in range(40):
        assert pace.acquire(bulk=True) is None
        times.append(clock.now)
    assert max(sum(1 for t in times if start <= t < start + 1) for start in times) == 2
    assert times[-1] - times[0] == pytest.approx(39 / 2, abs=1e-3)


def test_five_instances_out_of_step_stay_within_the_account_rate_in_every_second():
    sends = []
    for offset in (0.0, 0.13, 0.41, 0.77, 0.99):  # instances start whenever
        clock = Clock(1_000 + offset)
        pace = pacer(NEW_ACCOUNT, senders=5, clock=clock)
        for _ in range(60):
            assert pace.acquire(bulk=True) is None
            sends.append(clock.now)
    sends.sort()
    busiest = max(sum(1 for t in sends if start <= t < start + 1) for start in sends)
    assert busiest <= 14, busiest


def test_an_instance_stops_before_its_invocation_ends_and_before_the_day_is_spent():
    clock = Clock()
    pace = pacer(NEW_ACCOUNT, senders=5, clock=clock)
    pace.deadline = clock.now + 10.001
    sent = 0
    while (pause := pace.acquire(bulk=True)) is None:
        sent += 1
    assert pause == 0.0 and sent == 21  # 2/s for 10 s, the first one at once
    nearly = pacer(SendQuota(max_24h=1_000, max_rate=14, sent_24h=945), senders=1)
    assert [nearly.acquire(bulk=True) for _ in range(6)] == [None] * 5 + [MAX_DELAY]


def test_the_quota_is_read_once_per_few_minutes_and_a_refusal_holds_until_the_next_read():
    clock, reads = Clock(), []
    pace = pacer(NEW_ACCOUNT, senders=1, clock=clock, reads=reads)
    for _ in range(100):
        pace.acquire(bulk=True)
    assert len(reads) == 1
    pace.exhausted()
    assert pace.acquire(bulk=True) == MAX_DELAY
    clock.sleep(121)
    assert pace.acquire(bulk=True) is None and len(reads) == 2


def test_a_paused_job_keeps_what_was_sent_and_releases_the_recipient_it_did_not_send_to():
    clock = Clock()
    pace = pacer(SendQuota(max_24h=1_000, max_rate=14, sent_24h=947), clock=clock)  # 3 left for bulk
    log, ses = Log(), Ses()
    mailer = Mailer(log, ses, NoSuppressions(), Links(), "n@hromada.example", clock=clock, pace=pace)
    with pytest.raises(JobPaused) as paused:
        mailer.deliver(job(5))
    assert paused.value.outcome.sent == ["sb_0", "sb_1", "sb_2"] and paused.value.delay == MAX_DELAY
    assert ("digest:weekly:2026-W49", "sb_3") not in log.records  # claim released: it goes later
    with pytest.raises(JobPaused) as again:  # still spent: put back at once, nothing claimed
        mailer.deliver(job(5))
    assert again.value.outcome.duplicates == [] and len(log.records) == 3


def test_the_mailer_divides_the_rate_by_the_concurrency_its_event_source_allows():
    from infra.template import Template

    template = Template(region="eu-west-3")
    mailer = template.resources["MailerFunction"]["Properties"]
    sources = {e["Properties"]["Queue"]["Fn::GetAtt"][0]: e["Properties"]
               for e in mailer["Events"].values() if e["Type"] == "SQS"}
    assert set(sources) == {"MailQueue", "MailPriorityQueue"}  # bulk and transactional, one class each
    concurrency = template.function_environment("MailerFunction")["MAIL_MAX_CONCURRENCY"]
    for source in sources.values():
        allowed = (source.get("ScalingConfig") or {}).get("MaximumConcurrency")
        assert allowed, "the mailer's concurrency must be bounded for its share of the SES rate to hold"
        assert int(concurrency) == int(template.resolve(allowed))
    assert template.function_environment("MailPlannerFunction")["MAIL_MAX_CONCURRENCY"] == concurrency
    statements = [s for p in mailer["Policies"] if isinstance(p, dict) for s in p.get("Statement", [])]
    assert any("ses:GetAccount" in str(s["Action"]) for s in statements)
    assert any("SQSSendMessagePolicy" in p for p in mailer["Policies"] if isinstance(p, dict))
