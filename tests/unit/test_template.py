"""template.yaml is the single source: valid for cfn-lint and SAM, and in step with the code."""

from __future__ import annotations

import importlib.util
import re
import tomllib
from pathlib import Path

import pytest

from hromada.api import openapi_document
from infra.template import TEMPLATE, Template

ROOT = Path(__file__).resolve().parents[2]


def test_cfn_lint_finds_no_error_or_warning():
    from cfnlint.api import ManualArgs, lint

    matches = lint(TEMPLATE.read_text(), config=ManualArgs(regions=["eu-west-3", "eu-west-1", "eu-central-1"]))
    assert [str(m) for m in matches if m.rule.severity in ("error", "warning")] == []
    stateful = [str(m) for m in matches if m.rule.id == "I3011"]
    assert stateful == []


def test_sam_translates_the_template():
    import boto3
    from samtranslator.translator.transform import transform
    from samtranslator.yaml_helper import yaml_parse

    class _NoManagedPolicies:  # the translator needs no AWS account for the policies we use
        def load(self):
            return {}

        def __getattr__(self, _):
            return {}

    session = boto3.session.Session(region_name="eu-west-3")
    document = yaml_parse(TEMPLATE.read_text())
    for resource in document["Resources"].values():  # what `sam package` does: local code -> S3
        props = resource.get("Properties", {})
        for key in ("CodeUri", "ContentUri"):
            if isinstance(props.get(key), str):
                props[key] = f"s3://artifacts/{props[key].strip('/')}.zip"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("AWS_DEFAULT_REGION", "eu-west-3")
        output = transform(document, {}, _NoManagedPolicies())
    assert session.region_name == "eu-west-3"
    types = {r["Type"] for r in output["Resources"].values()}
    assert {"AWS::ApiGatewayV2::Api", "AWS::Lambda::Function", "AWS::Lambda::LayerVersion",
            "AWS::DynamoDB::Table", "AWS::Cognito::UserPool"} <= types
    api = next(r for r in output["Resources"].values() if r["Type"] == "AWS::ApiGatewayV2::Api")
    assert "securitySchemes" in str(api["Properties"]["Body"])


def _resolver_routes(function: str) -> set[str]:
    """The routes a function's Powertools resolver serves, read from the OpenAPI document it generates."""
    code, _ = Template().function_code(function)
    spec = importlib.util.spec_from_file_location(f"check_{function}", code)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    paths = openapi_document(module.app)["paths"]
    return {f"{method.upper()} {path}" for path, operations in paths.items() for method in operations}


def test_every_template_route_has_a_handler_route_and_back():
    template = Template()
    by_function: dict[str, set[str]] = {}
    for route in template.routes():
        by_function.setdefault(route.function, set()).add(route.key)
    for function, routes in by_function.items():
        assert _resolver_routes(function) == routes, function


def test_public_routes_are_exactly_the_read_only_ones():
    public = {r.key for r in Template().routes() if r.authorizer is None}
    assert public == {"GET /health", "GET /regions", "GET /associations", "GET /associations/{id}",
                      "GET /events", "GET /events.ics", "GET /events/{id}", "GET /associations/{id}/events.ics",
                      "GET /events/counts", "GET /share/events/{id}", "GET /events/{id}/occurrences",
                      "GET /announcements", "GET /announcements/{id}", "GET /announcements/{id}/shifts",
                      "GET /claims", "GET /claims/{id}",
                      # elections: the public record (the ballot box and result once published)
                      "GET /elections", "GET /elections/{election_id}", "GET /elections/{election_id}/candidates",
                      "GET /elections/{election_id}/results", "GET /elections/{election_id}/ballots",
                      "GET /elections/{election_id}/ballots/{tracker}",
                      "GET /partnerships", "GET /partnerships/match", "GET /partnerships/{id}",
                      "GET /initiatives", "GET /initiatives/{id}", "GET /initiatives/{id}/matches",
                      # subscriptions: no account needed; the link routes are authorized by their signed token
                      "POST /subscriptions", "GET /subscriptions/confirm", "POST /subscriptions/confirm",
                      "GET /subscriptions/unsubscribe", "POST /subscriptions/unsubscribe",
                      "GET /subscriptions/manage", "POST /subscriptions/manage",
                      "GET /subscriptions/preferences", "PUT /subscriptions/preferences",
                      # moderation: an association's record (counts only)
                      "GET /associations/{id}/moderation",
                      # feeds and crawlable pages (FeedsFunction, a read-only role)
                      "GET /events.atom", "GET /announcements.atom", "GET /pages/events/{id}",
                      "GET /pages/associations/{id}", "GET /pages/announcements/{id}", "GET /sitemap.xml",
                      "GET /sitemap/{kind}", "GET /robots.txt",
                      # campaigns: a campaign, its events by region, its announcements
                      "GET /campaigns", "GET /campaigns/{id}", "GET /campaigns/{id}/events",
                      "GET /campaigns/{id}/announcements"}


def test_layer_requirements_match_pyproject():
    pinned = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    lines = (ROOT / "layers/common/requirements.txt").read_text().splitlines()
    assert [line for line in lines if line and not line.startswith("#")] == pinned
    assert all("==" in dep for dep in pinned)


def test_table_has_ttl_pitr_stream_and_the_indexes_the_store_uses():
    table = Template().resources["Table"]["Properties"]
    assert table["TimeToLiveSpecification"]["Enabled"] is True
    assert table["PointInTimeRecoverySpecification"]["PointInTimeRecoveryEnabled"] is True
    assert table["StreamSpecification"]["StreamViewType"]
    indexes = {i["IndexName"] for i in table["GlobalSecondaryIndexes"]}
    store_code = "\n".join(p.read_text() for p in (ROOT / "layers/common/hromada/store").glob("*.py"))
    assert set(re.findall(r'IndexName="(\w+)"', store_code)) <= indexes


def test_the_ballot_box_table_keeps_no_change_history():
    """Ballots and counters live apart from the voters' markers, in a table with no stream (whose records
    would line a ballot up with the marker written in the same transaction) and no point-in-time recovery
    (a per-second restore diffed against the main table's stream would do the same)."""
    template = Template()
    resource = template.resources["BallotTable"]
    table = resource["Properties"]
    assert "StreamSpecification" not in table and "KinesisStreamSpecification" not in table
    assert table["PointInTimeRecoverySpecification"]["PointInTimeRecoveryEnabled"] is False
    assert table["SSESpecification"]["SSEEnabled"] is True
    assert resource["DeletionPolicy"] == resource["UpdateReplacePolicy"] == "Retain"
    # Only the voting functions are told where the ballot box is (and only they may read it).
    assert "BALLOT_TABLE_NAME" not in template.function_environment("MeFunction")
    # Every function that opens the ballot box may read and write it.
    for name in ("ElectionsFunction", "PollsFunction", "VotingClockFunction"):
        assert "BALLOT_TABLE_NAME" in template.function_environment(name), name
        policies = template.resources[name]["Properties"]["Policies"]
        assert any(p.get("DynamoDBCrudPolicy", {}).get("TableName") == {"Ref": "BallotTable"}
                   for p in policies if isinstance(p, dict)), name
