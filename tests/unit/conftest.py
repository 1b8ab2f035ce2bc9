"""Fixtures shared by the unit tests."""

from collections.abc import Callable, Iterator

import pytest

from hromada.settings import get_settings
from tests.unit.event_world import world  # noqa: F401 - a fixture, found by name


@pytest.fixture(scope="package", autouse=True)
def lambda_region() -> Iterator[None]:
    """What the Lambda runtime gives every function (function modules make their clients when loaded); nothing
    of the template's variables: a test needing one sets it (`environ`)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("AWS_REGION", "eu-west-3")
        patch.setenv("AWS_DEFAULT_REGION", "eu-west-3")
        get_settings.cache_clear()
        yield
    get_settings.cache_clear()


@pytest.fixture
def environ(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[..., None]]:
    """Set (or, with None, remove) environment variables for the code under test; its settings are read again,
    and again after the test."""

    def set_variables(**variables: str | None) -> None:
        for name, value in variables.items():
            if value is None:
                monkeypatch.delenv(name, raising=False)
            else:
                monkeypatch.setenv(name, value)
        get_settings.cache_clear()

    yield set_variables
    monkeypatch.undo()
    get_settings.cache_clear()


@pytest.fixture
def guard_table(environ: Callable[..., None], monkeypatch: pytest.MonkeyPatch) -> None:
    """A table name for the write guards' items; erased accounts are keyed by a keyed pseudonym (a secret in
    AWS): any stable name will do here."""
    from hromada.store import keys

    environ(TABLE_NAME="t")
    monkeypatch.setattr(keys, "account_pseudonym", lambda user_id: f"pseudonym-of-{user_id}")
