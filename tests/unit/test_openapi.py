"""The API contract: the merged OpenAPI document is valid OpenAPI 3.1, names every route once, documents
errors where they can happen, and carries valid examples. (A client generated from it is used by
tests/e2e/test_generated_client.py.)"""

from __future__ import annotations

import copy
import re
from typing import Annotated, Any

import pytest
from jsonschema import Draft202012Validator, FormatChecker
from openapi_spec_validator import validate
from openapi_spec_validator.validation import OpenAPIV31SpecValidator
from openapi_spec_validator.validation.exceptions import OpenAPIValidationError
from referencing.exceptions import PointerToNowhere

from infra.contract import OPERATION_IDS, REQUEST_EXAMPLES, TAGS
from infra.docs import operations, size_line, template_openapi
from infra.template import Template

# Grows with the API; a jump means something repeats that should be shared (before the clean-up: 257 KB).
SIZE_BUDGET = 295_000  # 240 KB and 103 operations before feeds and webhooks (267 KB, 118), campaigns (128)


@pytest.fixture(scope="module")
def doc() -> dict[str, Any]:
    return template_openapi("http://127.0.0.1:3000")


def by_route(doc: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {f"{method.upper()} {path}": operation
            for path, methods in doc["paths"].items() for method, operation in methods.items()}


def test_the_document_is_valid_openapi_3_1(doc):
    assert doc["openapi"].startswith("3.1")
    validate(doc, cls=OpenAPIV31SpecValidator)


def test_the_validator_refuses_a_dangling_reference(doc):
    """What the document had: Powertools' ResponseValidationError pointing at a schema we removed."""
    broken = copy.deepcopy(doc)
    broken["components"]["schemas"]["ResponseValidationError"] = {
        "type": "object", "properties": {"detail": {"items": {"$ref": "#/components/schemas/ValidationError"}}}}
    with pytest.raises((OpenAPIValidationError, PointerToNowhere), match="/components/schemas/ValidationError"):
        validate(broken, cls=OpenAPIV31SpecValidator)


def test_every_route_has_one_clean_operation_id_from_the_contract(doc):
    routes = {route.key for route in Template().routes()}
    assert set(OPERATION_IDS) == routes, "infra/contract.py OPERATION_IDS must list every route, and only those"
    ids = [operation["operationId"] for operation in operations(doc)]
    assert len(ids) == len(set(ids)), [i for i in ids if ids.count(i) > 1]
    assert {key: op["operationId"] for key, op in by_route(doc).items()} == OPERATION_IDS
    assert all(re.fullmatch(r"[a-z]+(?:[A-Z][a-z0-9]*)*", i) for i in ids), [
        i for i in ids if not re.fullmatch(r"[a-z]+(?:[A-Z][a-z0-9]*)*", i)]


def test_every_tag_is_described_and_every_description_is_used(doc):
    used = {tag for operation in operations(doc) for tag in operation["tags"]}
    described = {tag["name"]: tag["description"] for tag in doc["tags"]}
    assert used == set(described) == {tag["name"] for tag in TAGS}
    assert all(len(text) > 20 for text in described.values())


def test_invalid_fields_are_documented_only_where_input_can_be_refused(doc):
    routes = by_route(doc)
    for key in ("GET /health", "GET /regions", "GET /me", "GET /me/export", "DELETE /me/subscription"):
        assert "422" not in routes[key]["responses"], key
    for key, operation in routes.items():
        if "requestBody" in operation or any(p["in"] == "query" and p["required"]
                                             for p in operation.get("parameters", [])):
            assert "422" in operation["responses"], key
    assert routes["GET /events/{id}"]["responses"]["422"] == {"$ref": "#/components/responses/InvalidFields"}
    # A route's own 422 is kept (the preferences form shown again), with the JSON error shape beside it.
    assert set(routes["POST /subscriptions/manage"]["responses"]["422"]["content"]) == {"text/html", "application/json"}
    assert doc["components"]["responses"]["InvalidFields"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/ErrorBody"}


def test_the_write_quota_is_documented_on_writes_only(doc):
    for key, operation in by_route(doc).items():
        assert ("429" in operation["responses"]) == (not key.startswith("GET ")), key


def test_outdated_links_and_erased_accounts_are_documented(doc):
    routes = by_route(doc)
    for route in ("GET /subscriptions/preferences", "PUT /subscriptions/preferences", "GET /subscriptions/manage",
                  "POST /subscriptions/confirm", "POST /subscriptions/unsubscribe"):
        assert "410" in routes[route]["responses"], route
    signed_in = [op for op in routes.values() if op.get("security") and "401" in op["responses"]]
    assert signed_in and all("account_erased" in op["responses"]["401"]["description"] for op in signed_in)


def test_no_schema_is_left_unreferenced(doc):
    text = str({k: v for k, v in doc.items() if k != "components"} | {
        "responses": doc["components"]["responses"], "schemas": list(doc["components"]["schemas"].values())})
    unused = [name for name in doc["components"]["schemas"] if f"#/components/schemas/{name}'" not in text]
    assert not unused


@pytest.mark.parametrize("operation_id", sorted(REQUEST_EXAMPLES))
def test_request_examples_are_valid_against_their_schema(doc, operation_id):
    operation = next(op for op in operations(doc) if op["operationId"] == operation_id)
    media = operation["requestBody"]["content"]["application/json"]
    validator = Draft202012Validator({**media["schema"], "components": doc["components"]},
                                     format_checker=FormatChecker())
    assert media["examples"]
    for name, example in media["examples"].items():
        errors = [f"{'/'.join(map(str, e.path))}: {e.message}" for e in validator.iter_errors(example["value"])]
        assert not errors, (name, errors)


def test_the_main_request_bodies_have_examples(doc):
    with_examples = {op["operationId"] for op in operations(doc)
                     if "examples" in op.get("requestBody", {}).get("content", {}).get("application/json", {})}
    assert {"registerAssociation", "createEvent", "castBallot", "answerPoll", "subscribe"} <= with_examples
    # RSVP takes no body: the event is in the path and the person is the caller.
    assert "requestBody" not in by_route(doc)["POST /events/{id}/rsvp"]


def _input_models() -> list[type]:
    import importlib
    import pkgutil

    import hromada.models
    from hromada.models.common import Strict

    for module in pkgutil.iter_modules(hromada.models.__path__):
        importlib.import_module(f"hromada.models.{module.name}")
    seen, stack = set(), list(Strict.__subclasses__())
    while stack:
        model = stack.pop()
        if model not in seen:
            seen.add(model)
            stack += model.__subclasses__()
    # Stored records built on an input model's fields ignore extra fields: they are not request bodies.
    return sorted((m for m in seen if m.model_config.get("extra") == "forbid"), key=lambda m: m.__qualname__)


def test_input_booleans_take_only_json_booleans():
    """The document says `boolean`: 0, 1, "yes" or "off" (which pydantic's lax mode turns into booleans) are
    refused, as an integrator's validator and the fuzzer's schema-violation check expect."""
    from pydantic import TypeAdapter, ValidationError

    checked = []
    for model in _input_models():
        for name, field in model.model_fields.items():
            if "bool" not in str(field.annotation):
                continue
            adapter = TypeAdapter(Annotated[field.annotation, *field.metadata] if field.metadata else field.annotation)
            assert adapter.validate_python(True) is True
            for lax in (0, 1, "yes", "off"):
                with pytest.raises(ValidationError):
                    adapter.validate_python(lax)
            checked.append(f"{model.__name__}.{name}")
    assert {"AssociationCreate.show_contact_email", "EventCreate.is_free", "EventPatch.registration_required"} <= set(
        checked)


def test_size_and_operation_count(doc):
    line = size_line(doc)
    print(line)
    assert f"{len(Template().routes())} operations" in line
    size = int(re.search(r"\((\d+) bytes\)", line).group(1))
    assert size < SIZE_BUDGET, line
