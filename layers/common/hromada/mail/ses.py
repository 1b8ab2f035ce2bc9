"""Sending through SES v2 with the configuration set (its event destination feeds bounces and complaints)."""

from __future__ import annotations

import os
from functools import cache
from typing import Any

# SES's quota refusals: the message may go later, never counted as a failure of the job.
RATE_REFUSALS = {"TooManyRequestsException", "Throttling", "ThrottlingException"}
DAILY_REFUSALS = {"LimitExceededException"}
THROTTLED = {"TooManyRequestsException", "LimitExceededException", "Throttling", "ThrottlingException",
             "ThrottledException", "RequestThrottled", "SendingPausedException", "ServiceUnavailable",
             "ServiceUnavailableException", "InternalFailure", "InternalServerError", "RequestTimeout",
             "RequestTimeoutException"}


class SendFailed(Exception):
    """SES refused or could not take the message; `retryable` says whether trying later may succeed."""

    def __init__(self, code: str, retryable: bool, detail: str = ""):
        super().__init__(code)
        self.code = code
        self.retryable = retryable
        self.detail = detail

    @property
    def quota(self) -> str | None:
        """"daily" or "rate" when SES refused for the account's sending quota, else None."""
        if self.code in DAILY_REFUSALS or "daily message quota" in self.detail.lower():
            return "daily"
        return "rate" if self.code in RATE_REFUSALS else None


@cache
def sesv2() -> Any:
    import boto3
    from botocore.config import Config

    from hromada.settings import get_settings

    # Few client-side retries: the queue's redelivery with backoff is the retry that survives a throttle.
    config = Config(retries={"max_attempts": 2, "mode": "standard"}, connect_timeout=2, read_timeout=10)
    return boto3.client("sesv2", region_name=get_settings().region, config=config)


def sender() -> str:
    return os.environ.get("MAIL_FROM", "Hromada <nouvelles@hromada.example>")


class SesSender:
    def __init__(self, client: Any | None = None, configuration_set: str | None = None):
        self._client = client
        self._configuration_set = configuration_set

    def send_raw(self, recipient: str, raw: bytes) -> str:
        from botocore.exceptions import BotoCoreError, ClientError

        args: dict[str, Any] = {"FromEmailAddress": sender(), "Destination": {"ToAddresses": [recipient]},
                                "Content": {"Raw": {"Data": raw}}}
        configuration_set = self._configuration_set or os.environ.get("MAIL_CONFIGURATION_SET")
        if configuration_set:
            args["ConfigurationSetName"] = configuration_set
        try:
            return (self._client or sesv2()).send_email(**args)["MessageId"]
        except ClientError as error:
            code = error.response.get("Error", {}).get("Code", "Unknown")
            detail = str(error.response.get("Error", {}).get("Message", ""))
            raise SendFailed(code, retryable=code in THROTTLED, detail=detail) from error
        except BotoCoreError as error:
            # No answer from SES (connection, timeout, retries spent): it may well work later.
            raise SendFailed(type(error).__name__, retryable=True) from error

