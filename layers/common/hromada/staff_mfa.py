"""Whether a staff member has a TOTP second factor, asked of Cognito.

ID tokens carry no MFA claim, so the staff checks ask the user pool (AdminGetUser: is SOFTWARE_TOKEN_MFA
in UserMFASettingList?). Only a yes is remembered, for a minute per warm container: a member who has just
enrolled is recognised at once, one who has just removed the factor keeps staff powers for at most a minute.
"""

from __future__ import annotations

import time
from typing import Any

from hromada import clients
from hromada.errors import Unavailable

SOFTWARE_TOKEN_MFA = "SOFTWARE_TOKEN_MFA"  # noqa: S105 - the factor's name, not a secret
TTL_SECONDS = 60.0
_enrolled_until: dict[str, float] = {}


def cognito() -> Any:
    return clients.client("cognito-idp")


def enrolled(user_id: str, now: float | None = None) -> bool:
    """True when the account `user_id` (the token's sub, Cognito's username) has TOTP MFA enabled."""
    from botocore.exceptions import BotoCoreError, ClientError

    from hromada.settings import get_settings

    now = time.monotonic() if now is None else now
    if _enrolled_until.get(user_id, 0.0) > now:
        return True
    if not user_id:
        return False
    pool = get_settings().user_pool_id  # MissingSetting without one: refused, never guessed
    try:
        user = cognito().admin_get_user(UserPoolId=pool, Username=user_id)
    except ClientError as error:
        if error.response.get("Error", {}).get("Code") == "UserNotFoundException":
            return False
        raise Unavailable() from error  # throttled or not allowed: refuse, never guess
    except BotoCoreError as error:
        raise Unavailable() from error
    ok = user.get("Enabled", True) and SOFTWARE_TOKEN_MFA in (user.get("UserMFASettingList") or [])
    if ok:
        _enrolled_until[user_id] = now + TTL_SECONDS
    else:
        _enrolled_until.pop(user_id, None)
    return bool(ok)


def forget() -> None:
    """Drop the remembered answers (tests and a new local stack)."""
    _enrolled_until.clear()
