"""A suspended person writes nothing: the writer's own state, checked on every signed-in write, apart from
the abuse quotas (domain.rate_limits) though in the same transaction.

Two markers refuse a writer (403 account_suspended): their account's suspension, and their person's, keyed
by a pseudonym of the verified address, so that it outlives the account (a new account for the same
mailbox is suspended too). An erased account's tombstone refuses a token still valid after DELETE /me
(401 account_erased). One exception: erasing oneself, which the suspended and the erased may always do
(the right to erasure has no exception, and repeating it is harmless).

Pure: the store checks these markers as ConditionChecks riding in the write's own transaction
(store.write_guards.refuse_suspended and refuse_erased), so the check costs no round trip of its own.
"""

from __future__ import annotations

from dataclasses import dataclass

from hromada.errors import Forbidden, HromadaError, Unauthorized

ERASING_SELF = ("DELETE", "/me")


class Suspended(Exception):
    """The writer (their account, or the person behind their verified address) is suspended."""


class AccountErased(Exception):
    """The writer's account was erased; its tokens stay valid for up to their lifetime."""


@dataclass(frozen=True)
class Writer:
    """The signed-in writer, as the checks of their state need them."""

    user_id: str
    person: str | None = None  # the pseudonym of their verified address (a suspension outlives the account)
    erasing_self: bool = False  # DELETE /me: allowed to the suspended and the already erased (idempotent)


def writer_of(user_id: str, person: str | None, method: str | None, path: str | None) -> Writer:
    """The writer of a request, exempt from the checks when the request erases them."""
    return Writer(user_id, person, (method, path) == ERASING_SELF)


def checked(writer: Writer | None) -> bool:
    """Whether the writer's state is checked: every signed-in write but erasing oneself."""
    return writer is not None and not writer.erasing_self


def refusal(failure: Exception) -> HromadaError | None:
    """The answer when the writer's state refused the write; None when the failure is not theirs."""
    if isinstance(failure, AccountErased):
        return Unauthorized("account_erased")
    if isinstance(failure, Suspended):
        return Forbidden("account_suspended")
    return None
