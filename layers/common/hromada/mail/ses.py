"""Sending through SES v2 with the configuration set (its event destination feeds bounces and complaints)."""

from __future__ import annotations

from typing import Any

from hromada import clients
from hromada.settings import get_settings

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


def sesv2() -> Any:
    return clients.client("sesv2")


def sender() -> str:
    return get_settings().mail_from


class SesSender:
    def __init__(self, client: Any | None = None, configuration_set: str | None = None):
        self._client = client
        self._configuration_set = configuration_set

    def send_raw(self, recipient: str, raw: bytes) -> str:
        from botocore.exceptions import BotoCoreError, ClientError

        args: dict[str, Any] = {"FromEmailAddress": sender(), "Destination": {"ToAddresses": [recipient]},
                                "Content": {"Raw": {"Data": raw}}}
        args["ConfigurationSetName"] = self._configuration_set or get_settings().mail_configuration_set
        try:
            return (self._client or sesv2()).send_email(**args)["MessageId"]
        except ClientError as error:
            code = error.response.get("Error", {}).get("Code", "Unknown")
            detail = str(error.response.get("Error", {}).get("Message", ""))
            raise SendFailed(code, retryable=code in THROTTLED, detail=detail) from error
        except BotoCoreError as error:
            # No answer from SES (connection, timeout, retries spent): it may well work later.
            raise SendFailed(type(error).__name__, retryable=True) from error

