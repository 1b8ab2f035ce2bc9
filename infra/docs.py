"""One OpenAPI document for the whole API, merged from every function's Powertools resolver."""

from __future__ import annotations

import copy
import importlib.util
import json
import re
from typing import Any

from aws_lambda_powertools.event_handler.openapi.merge import OpenAPIMerge

from hromada.api import API_TITLE, API_VERSION, openapi_document, security_schemes
from infra.contract import OPERATION_IDS, REQUEST_EXAMPLES, TAGS

DESCRIPTION = (
    "Hromada connects French supporters of Ukraine with the associations that promote Ukrainian "
    "culture. Public routes need no token; the others take a Cognito ID token as "
    "`Authorization: Bearer <token>` (locally: `scripts/auth_token.py <email>`). Every error has the shape "
    '`{"error": {"code", "message", "details"}}`; messages follow `Accept-Language` (fr, uk, en).'
)


def template_openapi(server_url: str | None = None) -> dict[str, Any]:
    """The document without a running stack: every function routed by template.yaml, loaded afresh."""
    from infra.template import Template

    template = Template()
    apps = []
    for function in sorted({route.function for route in template.routes()}):
        code, _ = template.function_code(function)
        spec = importlib.util.spec_from_file_location(f"openapi_{function}", code)
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        apps.append(module.app)
    return merged_openapi(apps, server_url)


def size_line(doc: dict[str, Any]) -> str:
    """What scripts/openapi.py and the tests report: the operation count and the size as served."""
    size = len(json.dumps(doc).encode())
    return f"OpenAPI {doc['openapi']}: {len(operations(doc))} operations, {size / 1000:.0f} KB ({size} bytes)"


def merged_openapi(apps: list[Any], server_url: str | None = None) -> dict[str, Any]:
    merge = OpenAPIMerge(title=API_TITLE, version=API_VERSION, description=DESCRIPTION,
                         security_schemes=security_schemes(), on_conflict="error")
    for app in apps:
        merge.add_schema(openapi_document(app))
    doc = json.loads(merge.get_openapi_json_schema())
    _name_operations(doc)
    _document_errors(doc)
    _add_examples(doc)
    _link_created_resources(doc)
    used = {tag for operation in operations(doc) for tag in operation.get("tags", ())}
    doc["tags"] = [tag for tag in TAGS if tag["name"] in used]
    if server_url:
        doc["servers"] = [{"url": server_url}]
    return doc


def operations(doc: dict[str, Any]) -> list[dict[str, Any]]:
    return [operation for methods in doc.get("paths", {}).values() for operation in methods.values()]


def _name_operations(doc: dict[str, Any]) -> None:
    """Operation ids from the contract's table. A route missing from it keeps the generated id (a test
    names it), so the document is still served while someone adds it."""
    for path, methods in doc.get("paths", {}).items():
        for method, operation in methods.items():
            operation["operationId"] = OPERATION_IDS.get(f"{method.upper()} {path}", operation["operationId"])


def _error(description: str, **extra: Any) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": ERROR_BODY}}, **extra}


ERROR_BODY = {"$ref": "#/components/schemas/ErrorBody"}
# The errors many operations share, written once under components/responses and referred to by name.
SHARED_ERRORS: dict[str, tuple[str, dict[str, Any]]] = {
    "400": ("BadRequest", _error("Malformed request")),
    "401": ("Unauthorized", _error("Not signed in")),
    "403": ("Forbidden", _error("Not allowed")),
    "404": ("NotFound", _error("Not found")),
    "409": ("Conflict", _error("Conflict")),
    "413": ("PayloadTooLarge", _error("Body too large")),
    "422": ("InvalidFields", _error("Invalid fields (each named in details)")),
    "429": ("TooManyWrites", _error("Too many writes: retry after the Retry-After header's seconds", headers={
        "Retry-After": {"description": "Seconds to wait", "schema": {"type": "integer"}}})),
    "503": ("Unavailable", _error("Storage busy: retry shortly")),
}
WRITE_METHODS = {"post", "put", "patch", "delete"}
# Routes that touch no table (functions/meta): they cannot be throttled by storage.
NO_STORAGE = {"getHealth", "listRegions"}
# Schema keywords that describe a value without constraining it.
_ANNOTATIONS = {"title", "description", "default", "examples", "example"}
_ANY_STRING = [{"type": "string"}, {"anyOf": [{"type": "string"}, {"type": "null"}]}]


def _may_be_invalid(operation: dict[str, Any]) -> bool:
    """Whether validation can refuse a request (422): a body, a required query parameter, or a
    parameter with constraints. A route without input (GET /health) cannot answer 422."""
    if "requestBody" in operation:
        return True
    for parameter in operation.get("parameters", []):
        if parameter.get("required") and parameter.get("in") != "path":
            return True
        schema = {k: v for k, v in parameter.get("schema", {}).items() if k not in _ANNOTATIONS}
        if schema not in _ANY_STRING:
            return True
    return False


def _document_errors(doc: dict[str, Any]) -> None:
    """Errors documented where they can happen, in the one error shape (see hromada.api):
    - 422 only where validation can refuse something (Powertools puts it, in its own shape, everywhere);
    - 429 on every write (the quota applies to anonymous ones too, by address), never on a read;
    - 503 wherever storage is touched;
    - the common ones by reference to components/responses."""
    for methods in doc.get("paths", {}).values():
        for method, operation in methods.items():
            responses = operation.setdefault("responses", {})
            own = responses.pop("422", None)
            if own and "HTTPValidationError" in json.dumps(own):  # Powertools' default, in its own shape
                own = None
            if own:  # a route's own 422 (a form page shown again): invalid fields still come as JSON
                own["content"] = {**own.get("content", {}), "application/json": {"schema": ERROR_BODY}}
                own["description"] += "; invalid fields: the error shape, as JSON"
                responses["422"] = own
            elif _may_be_invalid(operation):
                responses["422"] = {}
            if method in WRITE_METHODS:
                responses["429"] = {}
            else:
                responses.pop("429", None)
            if operation["operationId"] not in NO_STORAGE:
                responses["503"] = {}
            for status, response in list(responses.items()):
                name, shared = SHARED_ERRORS.get(status, ("", {}))
                if name and (not response or _same_error(response, shared)):
                    responses[status] = {"$ref": f"#/components/responses/{name}"}
            operation["responses"] = dict(sorted(responses.items()))
    components = doc.setdefault("components", {})
    components["responses"] = copy.deepcopy(dict(SHARED_ERRORS.values()))
    for unused in ("HTTPValidationError", "ValidationError", "ResponseValidationError"):  # Powertools' 422 shape
        components.get("schemas", {}).pop(unused, None)


def _same_error(response: dict[str, Any], shared: dict[str, Any]) -> bool:
    schema = ((response.get("content") or {}).get("application/json") or {}).get("schema")
    return schema == ERROR_BODY and response.get("description") == shared["description"]


def _add_examples(doc: dict[str, Any]) -> None:
    for operation in operations(doc):
        examples = REQUEST_EXAMPLES.get(operation["operationId"])
        if examples:
            operation["requestBody"]["content"]["application/json"]["examples"] = examples


def _link_created_resources(doc: dict[str, Any]) -> None:
    """OpenAPI links from each 201 to the operations on what it created (clients and stateful fuzzing
    follow them): POST /things -> every /things/{id}... operation with that one path parameter."""
    paths = doc.get("paths", {})
    for path, methods in paths.items():
        created = (methods.get("post") or {}).get("responses", {}).get("201")
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
