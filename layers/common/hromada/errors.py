"""Domain errors. Each carries a stable code and an HTTP status; handlers never build error bodies."""

from __future__ import annotations

from typing import Any


class HromadaError(Exception):
    status = 400
    code = "bad_request"

    def __init__(self, code: str | None = None, details: list[dict[str, Any]] | None = None, **params: Any):
        self.code = code or type(self).code
        self.details = details or []
        self.params = params
        super().__init__(self.code)


class BadRequest(HromadaError):
    status, code = 400, "bad_request"


class Unauthorized(HromadaError):
    status, code = 401, "unauthorized"


class Forbidden(HromadaError):
    status, code = 403, "forbidden"


class NotFound(HromadaError):
    status, code = 404, "not_found"


class Conflict(HromadaError):
    status, code = 409, "conflict"


class Gone(HromadaError):
    status, code = 410, "gone"


class PayloadTooLarge(HromadaError):
    status, code = 413, "payload_too_large"


class Invalid(HromadaError):
    """A field-level rule the request schema cannot express (e.g. department outside its region)."""

    status, code = 422, "validation_failed"

    def __init__(self, field: str, message: str, code: str = "validation_failed", **params: Any):
        super().__init__(code, details=[{"field": field, "message": message}], **params)


class TooManyRequests(HromadaError):
    status, code = 429, "too_many_requests"


class Unavailable(HromadaError):
    status, code = 503, "unavailable"
