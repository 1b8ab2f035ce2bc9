"""Staff powers need a TOTP second factor, which Cognito (not the ID token) knows about."""

from __future__ import annotations

import pytest

from hromada import staff_mfa
from hromada.auth import Principal
from hromada.errors import Forbidden, Unavailable


class FakeCognito:
    def __init__(self, mfa: list[str]):
        self.mfa, self.calls = mfa, 0

    def admin_get_user(self, UserPoolId: str, Username: str) -> dict:
        self.calls += 1
        if self.mfa is None:
            from botocore.exceptions import ClientError

            raise ClientError({"Error": {"Code": "TooManyRequestsException"}}, "AdminGetUser")
        return {"Username": Username, "Enabled": True, "UserMFASettingList": self.mfa}


@pytest.fixture
def cognito(monkeypatch):
    from hromada.settings import get_settings

    monkeypatch.setenv("USER_POOL_ID", "eu-west-3_pool")
    get_settings.cache_clear()
    staff_mfa.forget()
    fake = FakeCognito([])
    monkeypatch.setattr(staff_mfa, "cognito", lambda: fake)
    yield fake
    staff_mfa._enrolled_until.clear()
    get_settings.cache_clear()


def staff(groups: str, sub: str = "sub-1") -> Principal:
    return Principal(sub, "staff@example.org", True, frozenset({groups}),
                     second_factor=lambda: staff_mfa.enrolled(sub))


def test_staff_without_totp_are_refused_with_mfa_required(cognito):
    for group, check in (("moderators", "require_moderator"), ("admins", "require_admin")):
        with pytest.raises(Forbidden) as refused:
            getattr(staff(group), check)()
        assert refused.value.code == "mfa_required"
    assert not staff("admins").is_admin and not staff("moderators").is_moderator


def test_members_are_refused_as_before_and_cognito_is_not_asked(cognito):
    member = Principal("sub-2", "m@example.org", True, frozenset(), second_factor=lambda: staff_mfa.enrolled("x"))
    with pytest.raises(Forbidden) as refused:
        member.require_moderator()
    assert refused.value.code == "forbidden" and cognito.calls == 0


def test_enrolment_counts_at_once_and_a_yes_is_remembered_for_a_minute(cognito):
    assert not staff_mfa.enrolled("sub-1", now=0)
    cognito.mfa = ["SOFTWARE_TOKEN_MFA"]
    assert staff_mfa.enrolled("sub-1", now=1)  # a "no" was not remembered
    cognito.mfa = []
    assert staff_mfa.enrolled("sub-1", now=1 + staff_mfa.TTL_SECONDS - 1) and cognito.calls == 2
    assert not staff_mfa.enrolled("sub-1", now=2 + staff_mfa.TTL_SECONDS)


def test_sms_is_not_a_totp_factor(cognito):
    cognito.mfa = ["SMS_MFA"]
    assert not staff_mfa.enrolled("sub-1", now=0)


def test_cognito_failing_refuses_rather_than_guesses(cognito):
    cognito.mfa = None
    with pytest.raises(Unavailable):
        staff("admins").require_admin()


def test_no_user_pool_configured_means_no_staff_powers_and_says_why(monkeypatch):
    from hromada.settings import MissingSetting, get_settings

    monkeypatch.delenv("USER_POOL_ID", raising=False)
    get_settings.cache_clear()
    staff_mfa.forget()
    try:
        with pytest.raises(MissingSetting, match="USER_POOL_ID"):
            staff("admins").require_admin()
    finally:
        get_settings.cache_clear()
