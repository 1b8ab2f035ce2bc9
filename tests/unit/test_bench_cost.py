"""The benchmark's cost arithmetic (scripts/benchmarks/cost.py): request units, the write goal, the digest's
cost per 100,000 recipients, the monthly bill and its free tiers."""

from __future__ import annotations

import pytest

from scripts.benchmarks.cost import (
    DigestRun,
    Line,
    RequestCost,
    Stack,
    Usage,
    digest_lines,
    monthly_lines,
    request_units,
    total,
    write_verdict,
)
from scripts.benchmarks.prices import PRICES, price


def test_a_price_counts_its_units_and_takes_the_free_tier_off_only_when_asked() -> None:
    requests = price("sqs_request")  # $0.40 per million, 1 M free
    assert requests.cost(3_000_000) == pytest.approx(1.20)
    assert requests.cost(3_000_000, free_tier=True) == pytest.approx(0.80)
    assert requests.cost(500_000, free_tier=True) == 0.0
    assert price("ses_mail").cost(100_000) == pytest.approx(10.0)


def test_every_price_names_its_region_source_and_date() -> None:
    for p in PRICES.values():
        assert p.usd > 0 and p.per > 0 and p.unit
        assert p.region and p.source.startswith("http") and p.read_on.startswith("20")


def test_reads_cost_half_a_unit_per_4_kb_eventually_consistent_and_double_in_a_transaction() -> None:
    assert request_units("GetItem", {}, 100) == (0.5, 0.0)
    assert request_units("GetItem", {"ConsistentRead": True}, 100) == (1.0, 0.0)
    assert request_units("Query", {}, 9000) == (1.5, 0.0)  # three 4 KB units, halved
    assert request_units("TransactGetItems", {"TransactItems": [{}, {}]}, 100) == (4.0, 0.0)
    assert request_units("BatchGetItem", {"RequestItems": {"t": {"Keys": [{}, {}, {}]}}}, 100) == (1.5, 0.0)


def test_writes_cost_a_unit_per_kb_per_item_and_double_in_a_transaction() -> None:
    small = {"pk": {"S": "a"}}
    large = {"pk": {"S": "a"}, "text": {"S": "x" * 1500}}  # two 1 KB units
    assert request_units("PutItem", {"Item": small}, 10) == (0.0, 1.0)
    assert request_units("PutItem", {"Item": large}, 10) == (0.0, 2.0)
    assert request_units("UpdateItem", {}, 10) == (0.0, 1.0)
    transaction = {"TransactItems": [{"Put": {"Item": large}}, {"Update": {}}, {"ConditionCheck": {}}]}
    assert request_units("TransactWriteItems", transaction, 10) == (0.0, 2 * 2 + 2 + 2)
    batch = {"RequestItems": {"t": [{"PutRequest": {"Item": small}}, {"DeleteRequest": {"Key": small}}]}}
    assert request_units("BatchWriteItem", batch, 10) == (0.0, 2.0)


@pytest.mark.parametrize(("operations", "ok", "reason"), [
    (["TransactWriteItems"], True, ""),
    (["GetItem", "TransactWriteItems"], True, ""),
    (["Query", "GetItem", "TransactWriteItems"], False, "2 reads"),
    (["GetItem", "TransactWriteItems", "Query", "TransactWriteItems"], False, "2 TransactWriteItems, 2 reads"),
    (["GetItem", "PutItem"], False, "1 PutItem"),
    (["TransactWriteItems", "UpdateItem", "UpdateItem"], False, "2 UpdateItem"),
    ([], True, ""),  # refused before any call
    (["BatchGetItem"], True, ""),  # nothing to write (already registered)
    (["Query", "Query"], False, "2 reads"),
])
def test_a_write_is_within_its_goal_with_one_read_and_one_transaction_at_most(
        operations: list[str], ok: bool, reason: str) -> None:
    assert write_verdict(operations) == (ok, reason)


def run(**changes: float) -> DigestRun:
    base = {"recipients": 1000, "planner_seconds": 2.0, "planner_rru": 100.0, "planner_wru": 0.0, "sqs_sends": 4,
            "sqs_receives": 8, "sample_recipients": 100, "sample_seconds": 1.0, "sample_rru": 50.0,
            "sample_wru": 200.0, "sample_ses_calls": 100, "planner_memory_mb": 1769, "mailer_memory_mb": 512,
            "paced_seconds_per_mail": 1 / 6}
    return DigestRun(**(base | changes))  # type: ignore[arg-type]


def test_the_digest_cost_scales_the_measured_run_to_100000_recipients() -> None:
    lines = digest_lines(run(), 100_000)
    by_item: dict[str, float] = {}
    for line in lines:
        by_item[line.item] = by_item.get(line.item, 0.0) + line.quantity
    # planner: 2 s × 100 (scale) at 1769 MB; mailer: paced 100,000 / 6 s beats its work (1 s × 1000 × 3.46)
    planner = 2.0 * 100 * 1769 / 1024
    mailer = 100_000 / 6 * 512 / 1024
    assert by_item["lambda_gb_second"] == pytest.approx(planner + mailer)
    assert by_item["sqs_request"] == pytest.approx(4 * 100 + 8 * 100)
    assert by_item["dynamodb_read_unit"] == pytest.approx(100 * 100 + 50 * 1000)
    assert by_item["dynamodb_write_unit"] == pytest.approx(200 * 1000)
    assert by_item["ses_mail"] == pytest.approx(100_000)
    expected = ((planner + mailer) * 0.0000166667 + (1 + 400) * 0.20 / 1e6 + 1200 * 0.40 / 1e6
                + 60_000 * 0.125 / 1e6 + 200_000 * 0.625 / 1e6 + 100_000 * 0.10 / 1e3)
    assert total(lines) == pytest.approx(expected)


def test_a_mailer_slower_than_the_quota_is_billed_for_its_work() -> None:
    slow = digest_lines(run(sample_seconds=20.0, paced_seconds_per_mail=0.001), 100_000)
    mailer = next(line for line in slow if line.what.startswith("mailer"))
    assert mailer.quantity == pytest.approx(20.0 * 1000 * (1769 / 512) * 512 / 1024)


def test_free_tiers_are_taken_off_once_across_lines() -> None:
    lines = [Line("lambda_gb_second", "a", 300_000), Line("lambda_gb_second", "b", 300_000)]
    assert total(lines) == pytest.approx(600_000 * 0.0000166667)
    assert total(lines, free_tier=True) == pytest.approx(200_000 * 0.0000166667)


def test_the_monthly_bill_counts_fixed_costs_and_the_weekly_digest() -> None:
    nothing = RequestCost(0.0, 0.0, 0.0, 0.0)
    digest = [Line("ses_mail", "digest", 100_000)]
    fixed = Stack(function_memory_mb=[], secrets=2, kms_keys=1, alarms=4, custom_metrics=0, sqs_event_sources=0,
                  clock_runs_per_month=0)
    usage = Usage(members=0, visits=0, associations=0, events_per_month=0, voters_per_year=0, stored_gb=0,
                  web_gb=0)
    lines = monthly_lines(usage, fixed, nothing, nothing, nothing, nothing, digest, [], first_page_kb=0)
    costs = {line.item: line.usd for line in lines if line.usd}
    assert costs["secret_month"] == pytest.approx(0.80)
    assert costs["kms_key_month"] == pytest.approx(1.00)
    assert costs["alarm_month"] == pytest.approx(0.40)
    # 100,000 subscribers, 52 digests a year: 433,333 mails a month at $0.10 per 1,000
    assert costs["ses_mail"] == pytest.approx(100_000 * 52 / 12 * 0.10 / 1000)
    assert total(lines) == pytest.approx(sum(costs.values()))
