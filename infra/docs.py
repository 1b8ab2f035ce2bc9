"""One OpenAPI document for the whole API, merged from every function's Powertools resolver."""

from __future__ import annotations

import json
import re
from typing import Any

from aws_lambda_powertools.event_handler.openapi.merge import OpenAPIMerge

from hromada.api import API_TITLE, API_VERSION, openapi_document, security_schemes

DESCRIPTION = (
    "Hromada connects French supporters of Ukraine with the associations that promote Ukrainian "
    "culture. Public routes need no token; the others take a Cognito ID token as "
    "`Authorization: Bearer <token>` (locally: `scripts/auth_token.py <email>`). Every error has the shape "
    '`{"error": {"code", "message", "details"}}`; messages follow `Accept-Language` (fr, uk, en).'
)


def merged_openapi(apps: list[Any], server_url: str | None = None) -> dict[str, Any]:
    merge = OpenAPIMerge(title=API_TITLE, version=API_VERSION, description=DESCRIPTION,
                         security_schemes=security_schemes(), on_conflict="error")
    for app in apps:
        merge.add_schema(openapi_document(app))
    doc = json.loads(merge.get_openapi_json_schema())
    _link_created_resources(doc)
    return _our_validation_errors(doc, server_url)


def _link_created_resources(doc: dict[str, Any]) -> None:
    """OpenAPI links from each 201 to the operations on what it created (clients and stateful fuzzing
    follow them): POST /things -> every /things/{id}... operation with that one path parameter."""
    paths = doc.get("paths", {})
    for path, operations in paths.items():
        created = (operations.get("post") or {}).get("responses", {}).get("201")
        if not created:
            continue
        links = {}
        for other, other_ops in paths.items():
            params = re.findall(r"\{(\w+)\}", other.removeprefix(path))
            if not other.startswith(path + "/{") or len(params) != 1 or re.findall(r"\{\w+\}", path):
                continue
            for operation in other_ops.values():
                links[operation["operationId"]] = {"operationId": operation["operationId"],
                                                   "parameters": {params[0]: "$response.body#/id"}}
        if links:
            created["links"] = links


def _our_validation_errors(doc: dict[str, Any], server_url: str | None) -> dict[str, Any]:
    """Powertools documents 422 with its own shape; ours is the one error shape (see hromada.api)."""
    error_ref = {"$ref": "#/components/schemas/ErrorBody"}
    for operations in doc.get("paths", {}).values():
        for operation in operations.values():
            response = (operation.get("responses") or {}).get("422")
            if response:
                response["content"] = {"application/json": {"schema": error_ref}}
                response["description"] = "Invalid fields (each named in details)"
    schemas = doc.get("components", {}).get("schemas", {})
    schemas.pop("HTTPValidationError", None)
    schemas.pop("ValidationError", None)
    if server_url:
        doc["servers"] = [{"url": server_url}]
    return doc


SWAGGER_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Hromada API</title>
<link rel="stylesheet" href="/docs/swagger-ui.css"></head>
<body><div id="swagger-ui"></div>
<script src="/docs/swagger-ui-bundle.js"></script>
<script>
window.ui = SwaggerUIBundle({url: "/openapi.json", dom_id: "#swagger-ui", deepLinking: true,
  persistAuthorization: true});
</script></body></html>
"""
