"""HTTP plumbing shared by every API function: the resolver, the one error shape, request guards."""

from __future__ import annotations

import base64
import json
import re
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from aws_lambda_powertools.event_handler import APIGatewayHttpResolver, Response
from aws_lambda_powertools.event_handler.openapi.exceptions import RequestValidationError
from aws_lambda_powertools.logging import correlation_paths
from pydantic import BaseModel

from hromada.auth import Principal, principal_from_event, require_principal
from hromada.errors import BadRequest, HromadaError, PayloadTooLarge, Unavailable
from hromada.i18n import message, negotiate
from hromada.observability import logger, metrics
from hromada.settings import get_settings

if TYPE_CHECKING:
    from hromada.domain.rate_limits import WriteGuard


class ErrorDetail(BaseModel):
    field: str | None = None
    message: str
    type: str | None = None


class ErrorInfo(BaseModel):
    code: str
    message: str
    details: list[ErrorDetail]


class ErrorBody(BaseModel):
    """The one error shape of the whole API."""

    error: ErrorInfo


def _error_doc(description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"model": ErrorBody}}}


# Responses every operation may give; routes add their own (404, 409...).
ERRORS_PUBLIC = {400: _error_doc("Malformed request"), 413: _error_doc("Body too large"),
                 503: _error_doc("A service did not answer in time: retry later (a write may already have "
                                 "happened: check before repeating a creation)")}
ERRORS_SIGNED_IN = {
    **ERRORS_PUBLIC,
    401: _error_doc("Not signed in, or the account was erased while its token is still valid (account_erased)"),
    403: _error_doc("Not allowed"),
    429: {**_error_doc("Too many writes: retry after the Retry-After header's seconds"),
          "headers": {"Retry-After": {"description": "Seconds to wait", "schema": {"type": "integer"}}}},
}
NOT_FOUND = {404: _error_doc("Not found")}
SIGNED_IN = [{"cognito": []}]  # the OpenAPI security requirement of routes behind the Cognito authorizer
CONFLICT = {409: _error_doc("Conflict")}
# A mail's link made for an earlier subscription of the same mailbox (unsubscribed, then subscribed again).
LINK_OUTDATED = {410: _error_doc("The link belongs to an earlier subscription (subscription_link_outdated)")}


def documented(status: int, description: str, *errors: dict[int, Any]) -> dict[int, Any]:
    """OpenAPI responses of a route: its success (schema from the return type) and the errors it may give."""
    success: dict[str, Any] = {"description": description}
    if status == 204:
        success["content"] = {}
    merged: dict[int, Any] = {status: success}
    for group in errors:
        merged |= group
    return merged


def error_payload(code: str, lang: str, details: list[dict[str, Any]] | None = None, **params: Any) -> str:
    body = {"error": {"code": code, "message": message(code, lang, **params), "details": details or []}}
    return json.dumps(body, ensure_ascii=False)


def error_response(status: int, code: str, lang: str, details: list[dict[str, Any]] | None = None,
                   **params: Any) -> Response:
    return Response(status_code=status, content_type="application/json",
                    body=error_payload(code, lang, details, **params))


def _field_of(loc: tuple[Any, ...]) -> str:
    parts = [str(p) for p in loc]
    if parts and parts[0] in ("body", "query", "path", "header"):
        parts = parts[1:]
    return ".".join(parts) or "body"


API_TITLE = "Hromada API"
API_VERSION = "0.1.0"


def openapi_document(app: APIGatewayHttpResolver) -> dict[str, Any]:
    """One function's OpenAPI document (the local stack merges them; tests read them)."""
    return json.loads(app.get_openapi_json_schema(title=API_TITLE, version=API_VERSION,
                                                  security_schemes=security_schemes()))


def security_schemes() -> dict[str, Any]:
    from aws_lambda_powertools.event_handler.openapi.models import HTTPBearer

    return {"cognito": HTTPBearer(bearerFormat="JWT",
                                  description="Cognito ID token: Authorization: Bearer <id_token>")}


def create_app() -> APIGatewayHttpResolver:
    # OpenAPI settings (and the models they import, ~50 ms) are applied where the document is built,
    # not at every cold start: see openapi_document().
    app = APIGatewayHttpResolver(enable_validation=True, json_body_deserializer=parse_json)

    def lang() -> str:
        return negotiate(app.current_event.headers.get("accept-language"))

    @app.exception_handler(HromadaError)
    def _domain_error(error: HromadaError) -> Response:
        code = error.code
        if error.status == 403 and code == "forbidden":
            # Refused where staff may act (editor-or-staff paths too): say what is missing.
            caller = principal_from_event(app.current_event.raw_event, staff_second_factor)
            if caller is not None and caller.lacks_mfa:
                code = "mfa_required"
        response = error_response(error.status, code, lang(), error.details, **error.params)
        if "retry_after" in error.params:
            response.headers["Retry-After"] = str(error.params["retry_after"])
        return response

    @app.exception_handler(RequestValidationError)
    def _validation_error(error: RequestValidationError) -> Response:
        errors = error.errors()
        if any(e.get("type") == "json_invalid" for e in errors):
            return error_response(400, "malformed_json", lang())
        details = [
            {"field": _field_of(tuple(e.get("loc", ()))), "message": e.get("msg", ""), "type": e.get("type")}
            for e in errors
        ]
        return error_response(422, "validation_failed", lang(), details)

    @app.not_found
    def _no_route(_: Exception) -> Response:
        return error_response(404, "route_not_found", lang())

    @app.exception_handler(Exception)
    def _unexpected(error: Exception) -> Response:
        if transient(error):
            logger.warning("AWS did not answer", exc_info=True)
            return _domain_error(Unavailable())
        logger.exception("unhandled error")
        return error_response(500, "internal_error", lang())

    return app


def principal(app: APIGatewayHttpResolver) -> Principal:
    """The signed-in caller; 401 when the route is public and no token was verified."""
    return require_principal(app.current_event.raw_event, staff_second_factor)


def staff_second_factor(sub: str) -> bool:
    """Whether a moderator or admin has TOTP: asked of Cognito (ID tokens carry no MFA claim)."""
    from hromada import staff_mfa

    return staff_mfa.enrolled(sub)


# Limits no legitimate body comes near: deeper nesting overflows the parser's recursion (a 500 before
# validation) and integers beyond DynamoDB's 38 digits cannot be stored anyway (Python refuses 4,300+).
MAX_JSON_DEPTH = 32
MAX_INT_DIGITS = 40


_STRINGS = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"')
_BRACKETS = b"[]{}"
_NOT_BRACKETS = bytes(b for b in range(256) if b not in _BRACKETS)
_DIGITS_AS_ZERO = bytes(ord("0") if chr(b).isdigit() and b < 128 else ord(" ") for b in range(256))


def _bounded_int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_INT_DIGITS:
        raise ValueError("integer too long")
    return int(text)


def _nesting_exceeds(skeleton: bytes) -> bool:
    """Peel one level of empty pairs per pass; anything left after MAX_JSON_DEPTH passes is deeper
    (or unbalanced, which is malformed anyway)."""
    for _ in range(MAX_JSON_DEPTH):
        peeled = skeleton.replace(b"[]", b"").replace(b"{}", b"")
        if len(peeled) == len(skeleton):
            break
        skeleton = peeled
    return bool(skeleton)


def _too_deep(raw: bytes, text: str) -> bool:
    # bytes.translate and bytes.replace run at C speed: microseconds for a 64 KB body.
    skeleton = raw.translate(None, _NOT_BRACKETS)
    if len(skeleton) <= 2 * MAX_JSON_DEPTH or not _nesting_exceeds(skeleton):
        return False
    # Brackets inside strings count above: look again without the strings (rare, so slower is fine).
    return _nesting_exceeds(_STRINGS.sub("", text).encode().translate(None, _NOT_BRACKETS))


def parse_json(text: str) -> Any:
    """The resolver's body parser. Integers longer than MAX_INT_DIGITS are malformed (a JSONDecodeError,
    which the resolver answers 400 malformed_json); nesting was checked by the request guard."""
    raw = text.encode("utf-8", "surrogatepass")
    # Only a body with a run of more than MAX_INT_DIGITS digits pays for checking every integer.
    long_digits = b"0" * (MAX_INT_DIGITS + 1) in raw.translate(_DIGITS_AS_ZERO)
    try:
        return json.loads(text, parse_int=_bounded_int if long_digits else None)
    except json.JSONDecodeError:
        raise
    except (ValueError, RecursionError) as error:  # Python's own 4,300-digit limit, or deeper than checked
        raise json.JSONDecodeError("malformed", text, 0) from error


def _guard_request(event: dict[str, Any]) -> None:
    body = event.get("body")
    if body is None:
        return
    raw = base64.b64decode(body) if event.get("isBase64Encoded") else body.encode()
    limit = get_settings().max_body_bytes
    if len(raw) > limit:
        raise PayloadTooLarge(limit=limit)
    if event.get("isBase64Encoded"):
        # API Gateway base64-encodes bodies it cannot pass as text; JSON must be UTF-8 text.
        try:
            event["body"], event["isBase64Encoded"] = raw.decode("utf-8"), False
        except UnicodeDecodeError as error:
            raise BadRequest("malformed_json") from error
    # The API speaks JSON only; without this a missing content-type would be parsed as a form.
    headers = event.setdefault("headers", {})
    headers["content-type"] = "application/json"
    # Hostile nesting is refused before the resolver's parser could overflow its recursion. The check only
    # reads the body (form posts, such as one-click unsubscribe, pass through to routes that parse them).
    if _too_deep(raw, event["body"]):
        raise BadRequest("malformed_json")


WRITE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}


def _write_guard(event: dict[str, Any]) -> WriteGuard | None:
    """What a write must pass: the caller's and the client address's per-minute quota (429 beyond), and the
    writer's own state, apart (domain.suspension: no suspended person, 403, nor erased account whose token is
    still valid, 401). Described here, checked by DynamoDB in the write's own transaction
    (hromada.store.write_guards): no round trip of its own."""
    http = (event.get("requestContext") or {}).get("http") or {}
    if http.get("method") not in WRITE_METHODS:
        return None
    from hromada.domain.rate_limits import quotas_for, write_guard
    from hromada.domain.suspension import writer_of

    settings = get_settings()
    caller = principal_from_event(event)
    quotas = quotas_for(caller, http.get("sourceIp"),
                        settings.writes_per_minute_per_user, settings.writes_per_minute_per_ip)
    writer = None
    if caller is not None:
        from hromada.pseudonyms import pseudonym

        # A suspended person writes nothing, except erasing themself: domain.suspension.
        writer = writer_of(caller.user_id, pseudonym(caller.email, "person") if caller.email else None,
                           http.get("method"), event.get("rawPath") or http.get("path"))
    return write_guard(quotas, time.time(), writer=writer)


def make_handler(app: APIGatewayHttpResolver) -> Callable[[dict[str, Any], Any], dict[str, Any]]:
    from hromada.store.write_guards import guarding

    @logger.inject_lambda_context(correlation_id_path=correlation_paths.API_GATEWAY_HTTP, clear_state=True)
    @metrics.log_metrics(raise_on_empty_metrics=False)
    def lambda_handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
        try:
            _guard_request(event)
            guard = _write_guard(event)
        except HromadaError as error:
            return _refused(event, error)
        except Exception as error:
            if not transient(error):
                raise
            logger.warning("AWS did not answer before routing", exc_info=True)
            return _refused(event, Unavailable())
        with guarding(guard):
            return app.resolve(event, context)

    return lambda_handler


def _refused(event: dict[str, Any], error: HromadaError) -> dict[str, Any]:
    """Refused before routing, so answered here in the same shape the resolver uses."""
    lang = negotiate((event.get("headers") or {}).get("accept-language"))
    headers = {"Content-Type": "application/json"}
    if "retry_after" in error.params:
        headers["Retry-After"] = str(error.params["retry_after"])
    return {"statusCode": error.status, "headers": headers,
            "body": error_payload(error.code, lang, error.details, **error.params), "isBase64Encoded": False}


def transient(error: Exception) -> bool:
    """A timeout or a dropped connection on the way to an AWS service: the client may retry (503), it is not a
    bug (500). A write that timed out may still have happened, as the 503's description says."""
    from botocore.exceptions import ConnectionError as AwsConnectionError
    from botocore.exceptions import HTTPClientError

    return isinstance(error, AwsConnectionError | HTTPClientError)
