"""The SES account's sending quota (SESv2 GetAccount), apart from sending: the planner reads it and never
sends, so its role needs ses:GetAccount and nothing of hromada.mail.ses."""

from __future__ import annotations

from typing import Any

from hromada import clients
from hromada.mail.pacing import SendQuota


def account_quota(client: Any | None = None) -> SendQuota:
    """Max24HourSend -1 means unlimited."""
    quota = (client or clients.client("sesv2")).get_account()["SendQuota"]
    return SendQuota(max_24h=float(quota.get("Max24HourSend", -1)), max_rate=float(quota.get("MaxSendRate", 1)),
                     sent_24h=float(quota.get("SentLast24Hours", 0)))
