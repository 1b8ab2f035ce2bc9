"""Shared field types and list envelopes."""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any, Generic, TypeVar

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints, WithJsonSchema

T = TypeVar("T")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _clean_text(value: str) -> str:
    """Plain text: drop control characters, trim. HTML is escaped where it is shown, not here."""
    return _CONTROL.sub("", value).strip()


# Patterns live in the schema (so the OpenAPI document states them); values are never fetched.
HTTPS_URL = r"^https://[^\s/$.?#][^\s]*$"
HTTP_URL = r"^https?://[^\s/$.?#][^\s]*$"
# Only characters a route can carry back in a path (DELETE .../editors/{email}): no controls, no "/", "?", "#".
EMAIL = r"^[\w.!$%&'*+=^{|}~-]+@[\w-]+(\.[\w-]+)*\.[A-Za-z]{2,}$"


def text(min_length: int = 0, max_length: int = 200) -> type[str]:
    """Plain text, trimmed; when required, it must contain something other than spaces and control
    characters (which are dropped, so they alone would leave nothing)."""
    pattern = r"[^\s\x00-\x1f\x7f]" if min_length else None

    def clean(value: str) -> str:
        # Checked again once cleaned: a value of control characters only would otherwise be stored empty
        # and fail validation each time it is read back.
        cleaned = _clean_text(value)
        if len(cleaned) < min_length:
            raise ValueError(f"needs at least {min_length} character(s) besides spaces and control characters")
        return cleaned

    return Annotated[  # type: ignore[return-value]
        str, StringConstraints(min_length=min_length, max_length=max_length, pattern=pattern),
        AfterValidator(clean),
    ]


_LINE_BREAK = re.compile(r"[\r\n\x85\u2028\u2029]")


def _on_one_line(value: str) -> str:
    if _LINE_BREAK.search(value):
        raise ValueError("must fit on one line (no line break)")
    return value


def single_line(min_length: int = 0, max_length: int = 200) -> type[str]:
    """A title or a name: plain text on one line. These reach mail subjects and other headers, so a line
    break is refused (422) rather than mended; the mail side strips them too, for what was stored before."""
    return Annotated[text(min_length, max_length), AfterValidator(_on_one_line)]  # type: ignore[return-value]


def one_of(values: list[str], what: str) -> Any:
    """A code from a fixed list: the schema lists the values, the error stays one short sentence."""
    allowed = frozenset(values)

    def check(value: str) -> str:
        if value not in allowed:
            raise ValueError(f"unknown {what} {value!r}")
        return value

    return Annotated[str, AfterValidator(check), WithJsonSchema({"type": "string", "enum": sorted(allowed)})]


HttpsUrl = Annotated[str, StringConstraints(max_length=500, pattern=HTTPS_URL)]
HttpUrl = Annotated[str, StringConstraints(max_length=500, pattern=HTTP_URL)]
def _lower(value: str) -> str:
    return value.lower()


# A Python function, not str.lower: pydantic inspects a validator's signature, and a builtin's is parsed from
# its text signature with tokenize (~2 ms on the first request that builds an e-mail field).
Email = Annotated[str, StringConstraints(max_length=254, pattern=EMAIL), AfterValidator(_lower)]
Limit = Annotated[int, Field(ge=1, le=100, description="Page size (at most 100)")]


class Model(BaseModel):
    """Every model's base: a model's validator and serializer are built the first time it is used, not at
    import, so a cold start pays only for the models its request touches."""

    model_config = ConfigDict(defer_build=True)


class Strict(Model):
    """Input models refuse unknown fields: no mass assignment."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class Page(Model, Generic[T]):
    items: list[T]
    next_cursor: str | None = Field(None, description="Opaque; pass back as `cursor` for the next page")


def _date_text(value: Any) -> Any:
    """A day is written as text: pydantic would otherwise read the number 0 as 1970-01-01."""
    if not isinstance(value, str | date):
        raise ValueError("a date as YYYY-MM-DD")
    return value


Day = Annotated[date, BeforeValidator(_date_text)]

