"""A suspended person writes nothing: the rule on its own, and its place in the write's transaction."""

from __future__ import annotations

import pytest

from hromada.domain import suspension
from hromada.domain.rate_limits import Quota, QuotaExceeded, write_guard
from hromada.domain.suspension import AccountErased, Suspended, Writer, writer_of
from hromada.errors import Forbidden, Unauthorized

pytestmark = pytest.mark.usefixtures("guard_table")


@pytest.mark.parametrize(("method", "path", "exempt"), [
    ("DELETE", "/me", True), ("POST", "/me", False), ("DELETE", "/me/subscription", False),
    ("DELETE", "/events/ev_1", False), (None, None, False),
])
def test_only_erasing_oneself_is_exempt_from_the_writer_checks(method, path, exempt):
    writer = writer_of("sub-1", "person-1", method, path)
    assert writer.erasing_self is exempt
    assert suspension.checked(writer) is not exempt


def test_an_anonymous_write_has_no_writer_to_check():
    assert not suspension.checked(None)


def test_a_suspended_writer_is_refused_403_and_an_erased_account_401():
    suspended = suspension.refusal(Suspended())
    assert isinstance(suspended, Forbidden) and suspended.code == "account_suspended"
    erased = suspension.refusal(AccountErased())
    assert isinstance(erased, Unauthorized) and erased.code == "account_erased"
    assert suspension.refusal(QuotaExceeded(0)) is None  # a quota is not the writer's state


def test_a_writer_is_checked_even_when_no_quota_is_counted():
    guard = write_guard([], 1000.0, writer=Writer("sub-1"))
    assert guard is not None and guard.writer == Writer("sub-1")
    assert write_guard([], 1000.0, writer=Writer("sub-1", erasing_self=True)) is None


def test_the_suspension_checks_are_condition_checks_on_the_account_and_the_person():
    from hromada.store.write_guards import refuse_suspended

    both = refuse_suspended(Writer("sub-1", "person-1"))
    assert [meaning for meaning, _ in both] == [Suspended, Suspended]
    assert [item["ConditionCheck"]["Key"]["pk"]["S"] for _, item in both] == ["SUSPENDED#sub-1",
                                                                               "SUSPENDED#P:person-1"]
    assert all(item["ConditionCheck"]["ConditionExpression"] == "attribute_not_exists(pk)" for _, item in both)
    assert len(refuse_suspended(Writer("sub-1"))) == 1  # no verified address: the account's marker alone


def test_the_writer_checks_follow_the_quotas_in_the_guard_items():
    from hromada.store.write_guards import guard_items

    guard = write_guard([Quota("user:abc", 5)], 1000.0, writer=Writer("sub-1", "person-1"))
    assert [meaning if isinstance(meaning, type) else type(meaning()) for meaning, _ in guard_items(guard)] == [
        QuotaExceeded, AccountErased, Suspended, Suspended]
    exempt = write_guard([Quota("user:abc", 5)], 1000.0, writer=Writer("sub-1", "person-1", erasing_self=True))
    assert len(guard_items(exempt)) == 1
