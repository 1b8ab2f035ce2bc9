"""Deployable means CloudFormation accepts the stack and every function may do what its code does (moto checks no
IAM and no quota): the SAM-transformed template is walked here, not trusted to a linter release."""

from __future__ import annotations

from typing import Any

import pytest

from infra import deploycheck
from infra.template import Template


@pytest.fixture(scope="module")
def cfn() -> dict[str, Any]:
    return deploycheck.transformed()


def _of_type(template: dict[str, Any], kind: str) -> dict[str, dict[str, Any]]:
    return {name: r for name, r in template["Resources"].items() if r["Type"] == kind}


# ------------------------------------------------------------------ 1. no dependency cycle
def test_the_transformed_template_has_no_dependency_cycle(cfn):
    assert deploycheck.dependency_cycles(cfn) == []


def test_the_cycle_walk_sees_a_function_that_subs_its_own_api():
    """The shape CloudFormation refused: HttpApi -> alias -> version -> function -> (env !Sub) HttpApi."""
    text = deploycheck.TEMPLATE.read_text().replace(
        "          POWERTOOLS_SERVICE_NAME: meta\n",
        "          POWERTOOLS_SERVICE_NAME: meta\n"
        '          SELF_URL: !Sub "https://${HttpApi}.execute-api.${AWS::Region}.${AWS::URLSuffix}"\n', 1)
    cycles = deploycheck.dependency_cycles(deploycheck.transform(text))
    assert any({"HttpApi", "MetaFunction"} <= set(cycle) for cycle in cycles)


def test_references_read_every_intrinsic_form():
    value = {"A": {"Ref": "One"}, "B": {"Fn::GetAtt": ["Two", "Arn"]}, "C": {"Fn::GetAtt": "Three.Arn"},
             "D": {"Fn::Sub": "x${Four}y${Five.Arn}${!Literal}${AWS::Region}"},
             "E": {"Fn::Sub": ["${Local}-${Six}", {"Local": {"Ref": "Seven"}}]}}
    assert deploycheck.references(value) == {"One", "Two", "Three", "Four", "Five", "Six", "Seven", "AWS::Region"}


# ------------------------------------------------------------------ 2. quotas a new account lacks
def test_no_function_reserves_concurrency(cfn):
    reserved = [name for name, r in _of_type(cfn, "AWS::Lambda::Function").items()
                if "ReservedConcurrentExecutions" in r["Properties"]]
    assert reserved == []


def test_the_mailer_bounds_its_concurrency_on_the_queue_mapping(cfn):
    mappings = [r["Properties"] for r in _of_type(cfn, "AWS::Lambda::EventSourceMapping").values()
                if "MailerFunction" in str(r["Properties"]["FunctionName"])]
    assert mappings and all(m["ScalingConfig"]["MaximumConcurrency"] >= 2 for m in mappings)


def test_the_local_pollers_follow_the_mapping_concurrency():
    from infra.pollers import sqs_sources

    mailer = [s for s in sqs_sources(Template()) if s.function == "MailerFunction"]
    assert mailer and mailer[0].concurrency == 2


# ------------------------------------------------------------------ 3. IAM versus calls
def test_every_aws_call_a_function_makes_is_allowed_by_its_role(cfn):
    assert [str(f) for f in deploycheck.iam_findings(cfn)] == []


def test_the_iam_check_sees_the_calls_the_mailer_makes():
    calls = {f"{c.service}.{c.operation}" for c in deploycheck.calls_by_function()["MailerFunction"]}
    assert {"sqs.SendMessageBatch", "sesv2.SendEmail", "dynamodb.TransactWriteItems",
            "secretsmanager.GetSecretValue"} <= calls


def test_the_iam_check_fails_when_a_permission_is_missing(cfn):
    """The mailer re-queues the rest of a throttled job on its own queue: without sqs:SendMessage, AccessDenied."""
    broken = deploycheck.deep_copy(cfn)
    for policy in broken["Resources"]["MailerFunctionRole"]["Properties"]["Policies"]:
        for statement in policy["PolicyDocument"]["Statement"]:
            actions = statement["Action"] if isinstance(statement["Action"], list) else [statement["Action"]]
            statement["Action"] = [a for a in actions if not a.startswith("sqs:SendMessage")] or ["sqs:GetQueueUrl"]
    found = [f for f in deploycheck.iam_findings(broken) if f.function == "MailerFunction"]
    assert any(f.action == "sqs:SendMessage" and f.resource == "MailQueue" for f in found)


def test_batch_and_transaction_operations_map_to_the_actions_iam_checks():
    call = deploycheck.Call("dynamodb", "TransactWriteItems", ())
    assert set(call.actions) == {"dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem",
                                 "dynamodb:ConditionCheckItem"}
    assert deploycheck.Call("sqs", "SendMessageBatch", ()).actions == ["sqs:SendMessage"]
    assert deploycheck.Call("sesv2", "SendEmail", ()).actions == ["ses:SendEmail"]


# ------------------------------------------------------------------ 4, 5. mail feedback and the SES sandbox
def test_ses_can_publish_feedback_to_the_topic(cfn):
    topic = cfn["Resources"]["MailFeedbackTopic"]["Properties"]
    key_ref = topic.get("KmsMasterKeyId")
    assert key_ref != "alias/aws/sns"  # its key policy cannot let SES use the key
    if key_ref is not None:
        key = cfn["Resources"][deploycheck.references(key_ref).pop()]
        statements = key["Properties"]["KeyPolicy"]["Statement"]
        ses = [s for s in statements if s.get("Principal", {}).get("Service") == "ses.amazonaws.com"]
        assert ses and {"kms:GenerateDataKey*", "kms:Decrypt"} <= set(ses[0]["Action"])
        assert "aws:SourceAccount" in str(ses[0]["Condition"])
    policies = [r["Properties"] for r in _of_type(cfn, "AWS::SNS::TopicPolicy").values()
                if "MailFeedbackTopic" in str(r["Properties"]["Topics"])]
    statement = policies[0]["PolicyDocument"]["Statement"][0]
    assert statement["Principal"]["Service"] == "ses.amazonaws.com" and statement["Action"] == "sns:Publish"
    assert "aws:SourceAccount" in str(statement["Condition"]) and "aws:SourceArn" in str(statement["Condition"])


def test_the_mailer_may_send_in_the_ses_sandbox_from_its_own_address_only(cfn):
    grants = deploycheck.role_grants(cfn, "MailerFunction")
    recipients = [g for g in grants if "ses:SendEmail" in g.actions and ":identity/*" in str(g.resources)]
    assert recipients, "in the sandbox SES also authorizes the recipient's identity"
    assert all("ses:FromAddress" in str(g.condition) for g in recipients)


# ------------------------------------------------------------------ 6. failed async work
def _queues_with_redrive(cfn):
    return {name for name, r in _of_type(cfn, "AWS::SQS::Queue").items() if "RedrivePolicy" in r["Properties"]}


def _dead_letter_queues(cfn) -> set[str]:
    found = set()
    for r in cfn["Resources"].values():
        text = str(r.get("Properties", {}))
        for name in _of_type(cfn, "AWS::SQS::Queue"):
            if name.endswith("DeadLetterQueue") and name in text:
                found.add(name)
    return found | {n for n in _of_type(cfn, "AWS::SQS::Queue") if n.endswith("DeadLetterQueue")}


def test_every_dead_letter_queue_has_a_depth_alarm(cfn):
    alarmed = {deploycheck.references(d["Value"]).pop() for a in _of_type(cfn, "AWS::CloudWatch::Alarm").values()
               for d in a["Properties"].get("Dimensions", []) if d["Name"] == "QueueName"}
    assert _dead_letter_queues(cfn) <= alarmed


def test_every_async_source_has_a_failure_destination(cfn):
    missing = []
    for name, r in _of_type(cfn, "AWS::Scheduler::Schedule").items():
        target = r["Properties"]["Target"]
        if "DeadLetterConfig" not in target or "RetryPolicy" not in target:
            missing.append(name)
    for name, r in _of_type(cfn, "AWS::Events::Rule").items():
        missing += [f"{name}/{t['Id']}" for t in r["Properties"]["Targets"] if "DeadLetterConfig" not in t]
    for name, r in _of_type(cfn, "AWS::SNS::Subscription").items():
        if "RedrivePolicy" not in r["Properties"]:
            missing.append(name)
    sns_invoked = {deploycheck.references(r["Properties"]["Endpoint"]).pop()
                   for r in _of_type(cfn, "AWS::SNS::Subscription").values() if r["Properties"]["Protocol"] == "lambda"}
    configured = {str(r["Properties"]["FunctionName"]) for r in _of_type(cfn, "AWS::Lambda::EventInvokeConfig").values()
                  if r["Properties"].get("DestinationConfig", {}).get("OnFailure")}
    missing += [f for f in sns_invoked if not any(f"'{f.removesuffix('Aliaslive')}'" in c for c in configured)]
    for name in _queues_with_redrive(cfn) | _dead_letter_queues(cfn):
        assert name in cfn["Resources"]
    assert missing == []


def test_services_may_send_to_the_dead_letter_queues(cfn):
    text = str([r["Properties"] for r in _of_type(cfn, "AWS::SQS::QueuePolicy").values()])
    assert "events.amazonaws.com" in text and "sns.amazonaws.com" in text
    for name, r in _of_type(cfn, "AWS::Scheduler::Schedule").items():  # a schedule sends with its own role
        role = cfn["Resources"][r["Properties"]["Target"]["RoleArn"]["Fn::GetAtt"][0]]
        dlq = deploycheck.references(r["Properties"]["Target"]["DeadLetterConfig"]["Arn"])
        assert any(s["Action"] == "sqs:SendMessage" and deploycheck.references(s["Resource"]) == dlq
                   for p in role["Properties"]["Policies"] for s in p["PolicyDocument"]["Statement"]), name


def test_schedule_names_belong_to_their_stack(cfn):
    """Schedules share the account's default group: a fixed name would collide between dev and prod."""
    for name, r in _of_type(cfn, "AWS::Scheduler::Schedule").items():
        assert "AWS::StackName" in str(r["Properties"]["Name"]), name


# ------------------------------------------------------------------ 8. retention, access logs, placeholders
STATEFUL = ("AWS::DynamoDB::Table", "AWS::Cognito::UserPool", "AWS::SecretsManager::Secret")


def test_what_holds_data_or_work_is_retained_on_delete_and_replace(cfn):
    kept = []
    for name, r in cfn["Resources"].items():
        work_queue = r["Type"] == "AWS::SQS::Queue" and not name.endswith("DeadLetterQueue")
        retained = r.get("DeletionPolicy") == "Retain" and r.get("UpdateReplacePolicy") == "Retain"
        if (r["Type"] in STATEFUL or work_queue) and not retained:
            kept.append(name)
    assert kept == []


def test_the_http_api_writes_access_logs_without_query_strings(cfn):
    stages = [r["Properties"] for r in _of_type(cfn, "AWS::ApiGatewayV2::Stage").values()]
    settings = stages[0]["AccessLogSettings"]
    group = cfn["Resources"][deploycheck.references(settings["DestinationArn"]).pop()]
    assert group["Type"] == "AWS::Logs::LogGroup" and group["Properties"]["RetentionInDays"]
    assert "$context.path" in settings["Format"]  # the path, never $context.routeKey's query or the raw URL
    assert "querystring" not in settings["Format"].lower() and "rawQueryString" not in settings["Format"]


def test_placeholder_mail_and_web_addresses_cannot_deploy(cfn):
    source = Template().raw
    for name in ("MailDomain", "MailFrom", "PublicWebUrl"):
        assert "Default" not in source["Parameters"][name], name
    assert "hromada.example" not in str(source["Parameters"])
    assert "Rules" in source  # assertions with a message for the operator


def test_the_local_stack_still_has_every_parameter_it_needs():
    from infra.template import LOCAL_PARAMETERS

    template = Template(overrides=LOCAL_PARAMETERS)
    assert all(value is not None for value in template.parameters().values())


def test_subscription_links_use_the_domain_the_request_came_to_when_no_url_is_set(monkeypatch):
    from hromada.mail.links import SignedLinks
    from hromada.settings import MissingSetting, get_settings

    monkeypatch.setenv("PUBLIC_API_URL", "")  # the template's PublicApiUrl left empty: no custom domain
    get_settings.cache_clear()
    try:
        links = SignedLinks(web_url="https://web.example.org", key=b"k" * 48,
                            api_url_from=lambda: "https://abc123.execute-api.eu-west-3.amazonaws.com")
        assert links.confirm("s1").startswith(
            "https://abc123.execute-api.eu-west-3.amazonaws.com/subscriptions/confirm?")
        fixed = SignedLinks(api_url="https://api.example.org", key=b"k" * 48, api_url_from=lambda: "https://other")
        assert fixed.confirm("s1").startswith("https://api.example.org/subscriptions/confirm?")
        monkeypatch.delenv("PUBLIC_API_URL")  # not given to the function at all: a mistake, said so
        get_settings.cache_clear()
        with pytest.raises(MissingSetting, match="PUBLIC_API_URL"):
            links.confirm("s1")
    finally:
        get_settings.cache_clear()


# ------------------------------------------------------------------ the layer as Lambda's python3.12 loads it
def test_the_layer_built_for_lambda_imports_every_handler_within_the_size_limit():
    dependencies = deploycheck.layer_dependencies()  # pip, for manylinux2014_x86_64 / 3.12, cached by hash
    assert deploycheck.foreign_wheels(dependencies) == {}
    sizes = deploycheck.unzipped_sizes(dependencies)
    assert sizes and max(sizes.values()) < deploycheck.UNZIPPED_LIMIT
    interpreter = deploycheck.lambda_interpreter()
    if interpreter is None:
        pytest.skip("no python3.12 here: wheel tags and sizes checked, handler imports not run")
    result = deploycheck.import_handlers(dependencies, interpreter)
    assert result["failed"] == {} and result["outside"] == []
    assert result["version"].startswith(deploycheck.LAMBDA_PYTHON)


def test_samconfig_stages_set_every_required_parameter():
    import shlex
    import tomllib

    config = tomllib.loads((deploycheck.ROOT / "samconfig.toml").read_text())
    declared = Template().raw["Parameters"]
    required = {name for name, spec in declared.items() if "Default" not in spec}
    for stage in ("default", "dev", "prod"):
        deploy = config[stage]["deploy"]["parameters"]
        overrides = deploy["parameter_overrides"]
        names = {part.split("=", 1)[0] for item in overrides for part in shlex.split(item)}
        assert required <= names <= set(declared), stage
        assert "CAPABILITY_IAM" in deploy["capabilities"]
    assert config["prod"]["global"]["parameters"]["stack_name"] != config["dev"]["global"]["parameters"]["stack_name"]
