"""The SES account's sending quota (SESv2 GetAccount), apart from sending: the planner reads it and never
sends, so its role needs ses:GetAccount and nothing of hromada.mail.ses."""

from __future__ import annotations

from functools import cache
from typing import Any

from hromada.mail.pacing import SendQuota


@cache
def _sesv2() -> Any:
    import boto3
    from botocore.config import Config

    from hromada.settings import get_settings

    config = Config(retries={"max_attempts": 2, "mode": "standard"}, connect_timeout=2, read_timeout=5)
    return boto3.client("sesv2", region_name=get_settings().region, config=config)


def account_quota(client: Any | None = None) -> SendQuota:
    """Max24HourSend -1 means unlimited."""
    quota = (client or _sesv2()).get_account()["SendQuota"]
    return SendQuota(max_24h=float(quota.get("Max24HourSend", -1)), max_rate=float(quota.get("MaxSendRate", 1)),
                     sent_24h=float(quota.get("SentLast24Hours", 0)))
