"""The one configuration: every environment variable the code reads, read here and nowhere else.

Read once per cold start (lazily, so tests need no import tricks: `get_settings.cache_clear()` reads again) and
validated then: a number that is not one fails at once, naming its variable. A deployment-specific value
(a table, a queue, an address) has no default: reading one the function's environment lacks raises
MissingSetting("TABLE_NAME") where it is first needed, never a placeholder that would work locally and
misbehave in AWS. Tuning knobs (rates, caps) keep the documented defaults below, which template.yaml repeats.

tests/unit/test_configuration.py holds template.yaml to what each function's code reads. The local stack gives
each function its own settings for the time of an invocation (`running_with`), built from that function's
environment only, as Lambda would, so a variable missing there fails locally too.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import cache
from types import MappingProxyType
from typing import Any, Generic, TypeVar, overload

T = TypeVar("T")


class MissingSetting(RuntimeError):
    """A variable the code needs is not in the function's environment (template.yaml declares too few)."""

    def __init__(self, variable: str):
        super().__init__(f"{variable} is not set (the function's Environment in template.yaml)")
        self.variable = variable


class InvalidSetting(ValueError):
    """A variable is set to something that cannot be read (a number that is not one, below its minimum)."""


class _Required:
    def __repr__(self) -> str:
        return "REQUIRED"


REQUIRED: Any = _Required()


class Variable(Generic[T]):
    """One environment variable, read as the attribute it is assigned to on Settings."""

    def __init__(self, name: str, parse: Callable[[str], T], default: T = REQUIRED, *, empty: bool = False,
                 doc: str = "", also: tuple[str, ...] = ()):
        self.name = name
        self.parse = parse
        self.default = default
        self.empty = empty  # "" is a value (PUBLIC_API_URL: the request's own domain), not a missing one
        self.doc = doc
        self.names = (name, *also)  # read in this order (AWS_REGION, then AWS_DEFAULT_REGION)
        self.field = ""

    @property
    def required(self) -> bool:
        return self.default is REQUIRED

    def __set_name__(self, owner: type, name: str) -> None:
        self.field = name

    def read(self, environ: Mapping[str, str]) -> T | _Required:
        for name in self.names:
            raw = environ.get(name)
            if raw is None or (raw.strip() == "" and not self.empty):
                continue
            try:
                return self.parse(raw.strip())
            except ValueError as error:
                raise InvalidSetting(f"{name}={raw!r}: {error}") from None
        return REQUIRED

    @overload
    def __get__(self, settings: None, owner: type) -> Variable[T]: ...

    @overload
    def __get__(self, settings: Settings, owner: type) -> T: ...

    def __get__(self, settings: Settings | None, owner: type) -> T | Variable[T]:
        if settings is None:
            return self
        value = settings.values.get(self.field, self.default)
        if value is REQUIRED:
            raise MissingSetting(self.name)
        return value


def _integer(minimum: int) -> Callable[[str], int]:
    def parse(raw: str) -> int:
        try:
            value = int(raw)
        except ValueError:
            raise ValueError("not an integer") from None
        if value < minimum:
            raise ValueError(f"below {minimum}")
        return value

    return parse


def _seconds(raw: str) -> float:
    try:
        value = float(raw)
    except ValueError:
        raise ValueError("not a number of seconds") from None
    if not value >= 0:  # NaN too
        raise ValueError("below 0")
    return value


def _text(raw: str) -> str:
    return raw


@dataclass(frozen=True)
class Settings:
    """The parsed environment. Attributes raise MissingSetting for an unset variable without a default."""

    values: Mapping[str, Any] = field(default_factory=dict)  # field -> parsed value, only those set

    # -------------------------------------------------------------- deployment-specific: no default
    region = Variable("AWS_REGION", _text, also=("AWS_DEFAULT_REGION",), doc="Lambda sets both")
    stage = Variable("STAGE", _text)
    table_name = Variable("TABLE_NAME", _text)
    ballot_table_name = Variable("BALLOT_TABLE_NAME", _text, doc="the ballot box: the voting functions only")
    user_pool_id = Variable("USER_POOL_ID", _text)
    event_bus_name = Variable("EVENT_BUS_NAME", _text)
    pseudonym_key_arn = Variable("PSEUDONYM_KEY_ARN", _text)
    mail_signing_key_arn = Variable("MAIL_SIGNING_KEY_ARN", _text)
    mail_queue_url = Variable("MAIL_QUEUE_URL", _text, doc="bulk mail")
    mail_priority_queue_url = Variable("MAIL_PRIORITY_QUEUE_URL", _text, doc="transactional mail")
    notifications_queue_url = Variable("NOTIFICATIONS_QUEUE_URL", _text,
                                       doc="domain events' follow-ups (the notifier puts back what it did not finish)")
    mail_from = Variable("MAIL_FROM", _text)
    mail_configuration_set = Variable("MAIL_CONFIGURATION_SET", _text)
    mail_feedback_topic_arn = Variable("MAIL_FEEDBACK_TOPIC_ARN", _text)
    public_web_url = Variable("PUBLIC_WEB_URL", lambda raw: raw.rstrip("/"))
    # Empty: the API has no custom domain, and links use the domain the request came to.
    public_api_url = Variable("PUBLIC_API_URL", lambda raw: raw.rstrip("/"), empty=True)
    uploads_bucket = Variable("UPLOADS_BUCKET", _text, doc="pictures as posted (private; incoming/ expires)")
    media_bucket = Variable("MEDIA_BUCKET", _text, doc="pictures as shown (re-encoded; read by CloudFront)")
    webhook_queue_url = Variable("WEBHOOK_QUEUE_URL", _text, doc="webhook deliveries waiting for an attempt")
    webhook_dead_letter_queue_url = Variable("WEBHOOK_DEAD_LETTER_QUEUE_URL", _text,
                                             doc="webhook deliveries whose every attempt failed")
    open_data_bucket = Variable("OPEN_DATA_BUCKET", _text, doc="the daily open-data export (read by CloudFront)")

    # -------------------------------------------------------------- tuning knobs: documented defaults
    max_body_bytes = Variable("MAX_BODY_BYTES", _integer(1), 65536)
    writes_per_minute_per_user = Variable("WRITES_PER_MINUTE_PER_USER", _integer(0), 60)
    writes_per_minute_per_ip = Variable("WRITES_PER_MINUTE_PER_IP", _integer(0), 300)
    flags_to_hide = Variable("FLAGS_TO_HIDE", _integer(1), 3)
    # Confirmation and notice mails (the subscribe form) per mail domain and hour; the big webmail
    # providers, where many unrelated people subscribe, get the second, higher cap.
    form_mails_per_domain_hour = Variable("FORM_MAILS_PER_DOMAIN_HOUR", _integer(1), 30)
    form_mails_per_webmail_hour = Variable("FORM_MAILS_PER_WEBMAIL_HOUR", _integer(1), 2000)
    # Mailer instances at once (its event sources' MaximumConcurrency).
    mail_max_concurrency = Variable("MAIL_MAX_CONCURRENCY", _integer(1), 1)
    mail_retry_base_seconds = Variable("MAIL_RETRY_BASE_SECONDS", _seconds, 30.0)
    announcement_mails_per_week = Variable("ANNOUNCEMENT_MAILS_PER_WEEK", _integer(0), 2)
    # A need and an offer scoring at least this (hromada.reference.matching's points) are told of each other.
    match_notice_threshold = Variable("MATCH_NOTICE_THRESHOLD", _integer(1), 8)
    metrics_namespace = Variable("POWERTOOLS_METRICS_NAMESPACE", _text, "Hromada")
    # Local stack only: where the browser posts pictures (the gateway, same origin). Empty: S3's own URL.
    upload_post_url = Variable("UPLOAD_POST_URL", _text, "")
    # Local stack only ("true" there, "false" in AWS): webhooks may go to http://127.0.0.1 (the dev receiver).
    webhook_local_receivers = Variable("WEBHOOK_LOCAL_RECEIVERS", lambda raw: raw.lower() == "true", False)

    @classmethod
    def variables(cls) -> dict[str, Variable[Any]]:
        """field -> its variable, in declaration order."""
        return {name: value for name, value in vars(cls).items() if isinstance(value, Variable)}

    @classmethod
    def from_environ(cls, environ: Mapping[str, str]) -> Settings:
        """Every variable parsed (InvalidSetting names the first that cannot be); unset ones left out."""
        values = {}
        for name, variable in cls.variables().items():
            value = variable.read(environ)
            if value is not REQUIRED:
                values[name] = value
        return cls(MappingProxyType(values))

    def require(self, name: str) -> Any:
        """The value of the field `name`; MissingSetting when it is unset and has no default."""
        return getattr(self, name)

    def is_set(self, name: str) -> bool:
        return name in self.values


# Set by the local stack for the time of one function's invocation (functions share its process there).
_invocation: ContextVar[Settings | None] = ContextVar("hromada_settings", default=None)


@cache
def _process_settings() -> Settings:
    return Settings.from_environ(os.environ)


class _GetSettings:
    """`get_settings()`: the settings of this cold start; `get_settings.cache_clear()` reads them again."""

    def __call__(self) -> Settings:
        current = _invocation.get()
        return current if current is not None else _process_settings()

    @staticmethod
    def cache_clear() -> None:
        _process_settings.cache_clear()


get_settings = _GetSettings()


@contextmanager
def running_with(settings: Settings) -> Iterator[Settings]:
    """get_settings() answers `settings` in this context (this thread) until the block ends: how the local
    stack runs each function with its own environment in one multithreaded process."""
    token = _invocation.set(settings)
    try:
        yield settings
    finally:
        _invocation.reset(token)
