"""API Gateway events as the gateway builds them, and handler modules loaded from their files."""

from __future__ import annotations

import importlib.util
import json
import re
import sys
import uuid
from pathlib import Path
from types import ModuleType
from typing import Any

from .common import BenchError
from .stack import Accounts, Stack


def load_module(path: Path, name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise BenchError(f"cannot load {path}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def route_path(path: str, params: dict[str, str]) -> str:
    return re.sub(r"\{([^}+]+)\+?\}", lambda m: params[m.group(1)], path)


def default_params(stack: Stack, path: str) -> dict[str, str]:
    names = re.findall(r"\{([^}+]+)\+?\}", path)
    return {n: Accounts.email("member") if n == "email" else stack.verified_id for n in names}


def v2_event(route: Any, params: dict[str, str] | None = None, *, claims: dict[str, Any] | None = None,
             query: str = "", body: Any = None) -> dict[str, Any]:
    """An HTTP API (payload 2.0) event, as the gateway builds it (infra.events.http_event)."""
    from infra.events import http_event

    headers = {"accept-language": "fr", "user-agent": "hromada-bench"}
    raw_body = None
    if body is not None:
        headers["content-type"] = "application/json"
        raw_body = json.dumps(body)
    return http_event(method=route.method, path=route_path(route.path, params or {}), route_key=route.key,
                      query=query, headers=headers, body=raw_body, path_parameters=params or None, claims=claims)


def rest_event(path_template: str, params: dict[str, str]) -> dict[str, Any]:
    """An API Gateway REST API (payload 1.0) event: what Chalice handlers receive."""
    path = route_path(path_template, params)
    headers = {"accept": "application/json", "accept-language": "fr", "user-agent": "hromada-bench"}
    return {
        "resource": path_template, "path": path, "httpMethod": "GET", "headers": headers,
        "multiValueHeaders": {k: [v] for k, v in headers.items()}, "queryStringParameters": None,
        "multiValueQueryStringParameters": None, "pathParameters": params, "stageVariables": None,
        "requestContext": {"resourcePath": path_template, "httpMethod": "GET", "path": f"/api{path}",
                           "stage": "api", "requestId": str(uuid.uuid4()), "accountId": "123456789012",
                           "apiId": "local", "identity": {"sourceIp": "127.0.0.1"}},
        "body": None, "isBase64Encoded": False,
    }
