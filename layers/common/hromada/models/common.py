"""Shared field types and list envelopes."""

from __future__ import annotations

import re
from typing import Annotated, Generic, TypeVar

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

T = TypeVar("T")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _clean_text(value: str) -> str:
    """Plain text: drop control characters, trim. HTML is escaped where it is shown, not here."""
    return _CONTROL.sub("", value).strip()


def _https_url(value: str) -> str:
    if not re.match(r"^https://[^\s/$.?#][^\s]*$", value, re.IGNORECASE):
        raise ValueError("must be an https:// URL")
    return value


def _http_url(value: str) -> str:
    if not re.match(r"^https?://[^\s/$.?#][^\s]*$", value, re.IGNORECASE):
        raise ValueError("must be an http:// or https:// URL")
    return value


def _email(value: str) -> str:
    value = value.strip().lower()
    if not re.match(r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$", value):
        raise ValueError("must be an e-mail address")
    return value


def text(min_length: int = 0, max_length: int = 200) -> type[str]:
    return Annotated[  # type: ignore[return-value]
        str, AfterValidator(_clean_text), StringConstraints(min_length=min_length, max_length=max_length)
    ]


HttpsUrl = Annotated[str, StringConstraints(max_length=500), AfterValidator(_https_url)]
HttpUrl = Annotated[str, StringConstraints(max_length=500), AfterValidator(_http_url)]
Email = Annotated[str, StringConstraints(max_length=254), AfterValidator(_email)]
Limit = Annotated[int, Field(ge=1, le=100, description="Page size (at most 100)")]


class Strict(BaseModel):
    """Input models refuse unknown fields: no mass assignment."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class Page(BaseModel, Generic[T]):
    items: list[T]
    next_cursor: str | None = Field(None, description="Opaque; pass back as `cursor` for the next page")
