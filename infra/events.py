"""API Gateway HTTP API (payload format 2.0) events and Lambda contexts, as AWS builds them."""

from __future__ import annotations

import base64
import time
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import parse_qsl

TEXT_TYPES = ("application/json", "text/", "application/x-www-form-urlencoded", "application/xml")


def claim_value(value: Any) -> str:
    """HTTP API hands claims to Lambda as strings; arrays become "[a b]"."""
    if isinstance(value, list):
        return "[" + " ".join(str(v) for v in value) + "]"
    if isinstance(value, bool):
        return str(value).lower()
    return str(value)


def http_event(*, method: str, path: str, route_key: str, query: str = "",
               headers: dict[str, str] | None = None, body: bytes | str | None = None,
               path_parameters: dict[str, str] | None = None, claims: dict[str, Any] | None = None,
               scopes: list[str] | None = None, source_ip: str = "127.0.0.1",
               api_id: str = "local", account_id: str = "123456789012") -> dict[str, Any]:
    headers = {k.lower(): v for k, v in (headers or {}).items()}
    cookies = [c.strip() for c in headers.pop("cookie", "").split(";") if c.strip()]
    now = datetime.now(UTC)
    params: dict[str, str] = {}
    for key, value in parse_qsl(query, keep_blank_values=True):
        params[key] = f"{params[key]},{value}" if key in params else value
    event: dict[str, Any] = {
        "version": "2.0",
        "routeKey": route_key,
        "rawPath": path,
        "rawQueryString": query,
        "headers": headers,
        "requestContext": {
            "accountId": account_id,
            "apiId": api_id,
            "domainName": headers.get("host", "127.0.0.1"),
            "domainPrefix": headers.get("host", "127.0.0.1").split(".")[0],
            "http": {"method": method, "path": path, "protocol": "HTTP/1.1", "sourceIp": source_ip,
                     "userAgent": headers.get("user-agent", "")},
            "requestId": uuid.uuid4().hex,
            "routeKey": route_key,
            "stage": "$default",
            "time": now.strftime("%d/%b/%Y:%H:%M:%S +0000"),
            "timeEpoch": int(now.timestamp() * 1000),
        },
        "isBase64Encoded": False,
    }
    if cookies:
        event["cookies"] = cookies
    if params:
        event["queryStringParameters"] = params
    if path_parameters:
        event["pathParameters"] = path_parameters
    if claims is not None:
        event["requestContext"]["authorizer"] = {
            "jwt": {"claims": {k: claim_value(v) for k, v in claims.items()}, "scopes": scopes}}
    if body is not None and body != b"":
        raw = body.encode() if isinstance(body, str) else body
        content_type = headers.get("content-type", "")
        try:
            text = raw.decode("utf-8")
            is_text = not content_type or content_type.startswith(TEXT_TYPES)
        except UnicodeDecodeError:
            is_text = False
        if is_text:
            event["body"] = text
        else:
            event["body"] = base64.b64encode(raw).decode()
            event["isBase64Encoded"] = True
    return event


@dataclass
class LambdaContext:
    function_name: str
    memory_limit_in_mb: int = 512
    timeout_seconds: int = 10
    aws_request_id: str = ""
    log_group_name: str = ""
    log_stream_name: str = "local"
    function_version: str = "$LATEST"

    def __post_init__(self) -> None:
        self.aws_request_id = self.aws_request_id or str(uuid.uuid4())
        self.log_group_name = f"/aws/lambda/{self.function_name}"
        self._deadline = time.monotonic() + self.timeout_seconds

    @property
    def invoked_function_arn(self) -> str:
        return f"arn:aws:lambda:eu-west-3:123456789012:function:{self.function_name}"

    def get_remaining_time_in_millis(self) -> int:
        return max(0, int((self._deadline - time.monotonic()) * 1000))
