"""Create in moto what template.yaml declares: tables, user pools, app clients, groups, event buses, queues,
the mail signing secret, the SES identity and configuration set, SNS topics and the bus rules.

Properties are passed through from the template (CloudFormation and the service APIs share their
names), so a new GSI or a password rule in the template reaches the local stack without code here.
"""

from __future__ import annotations

from typing import Any

import boto3

from infra.template import Template

_TABLE_KEYS = ("AttributeDefinitions", "KeySchema", "GlobalSecondaryIndexes", "LocalSecondaryIndexes",
               "BillingMode", "ProvisionedThroughput", "StreamSpecification", "SSESpecification")
_POOL_KEYS = ("Policies", "AutoVerifiedAttributes", "UsernameAttributes", "AliasAttributes",
              "MfaConfiguration", "AccountRecoverySetting", "AdminCreateUserConfig", "DeletionProtection",
              "UsernameConfiguration", "UserAttributeUpdateSettings")
_CLIENT_KEYS = ("ClientName", "GenerateSecret", "ExplicitAuthFlows", "PreventUserExistenceErrors",
                "IdTokenValidity", "AccessTokenValidity", "RefreshTokenValidity", "TokenValidityUnits",
                "AllowedOAuthFlows", "AllowedOAuthScopes", "CallbackURLs", "LogoutURLs",
                "SupportedIdentityProviders", "AllowedOAuthFlowsUserPoolClient", "ReadAttributes",
                "WriteAttributes")
_BUS_KEYS = ("Description", "EventSourceName", "KmsKeyIdentifier", "DeadLetterConfig")


def _pick(props: dict[str, Any], names: tuple[str, ...]) -> dict[str, Any]:
    return {k: props[k] for k in names if k in props}


def _sse(spec: dict[str, Any]) -> dict[str, Any]:
    return {"Enabled": bool(spec.get("SSEEnabled", False))}


def provision(template: Template, endpoint: str) -> dict[str, str]:
    """Create every supported resource; returns logical id -> physical id (also kept on the template)."""
    session = boto3.session.Session(region_name=template.region, aws_access_key_id="local",
                                     aws_secret_access_key="local")
    dynamodb = session.client("dynamodb", endpoint_url=endpoint)
    cognito = session.client("cognito-idp", endpoint_url=endpoint)
    events = session.client("events", endpoint_url=endpoint)

    for name, res in template.of_type("AWS::DynamoDB::Table").items():
        props = template.resolve(res.get("Properties", {}))
        table = props.get("TableName") or f"{template.stack_name}-{name}"
        args = _pick(props, _TABLE_KEYS)
        if "SSESpecification" in args:
            args["SSESpecification"] = _sse(args["SSESpecification"])
        if "StreamSpecification" in args:
            args["StreamSpecification"] = {"StreamEnabled": True, **args["StreamSpecification"]}
        created = dynamodb.create_table(TableName=table, **args)["TableDescription"]
        template.attributes[name] = {"Arn": created["TableArn"]}
        if created.get("LatestStreamArn"):
            template.attributes[name]["StreamArn"] = created["LatestStreamArn"]
        ttl = props.get("TimeToLiveSpecification")
        if ttl:
            dynamodb.update_time_to_live(TableName=table, TimeToLiveSpecification=ttl)
        template.physical[name] = table

    for name, res in template.of_type("AWS::Cognito::UserPool").items():
        props = template.resolve(res.get("Properties", {}))
        args = _pick(props, _POOL_KEYS)
        if "Schema" in props:
            args["Schema"] = [{k: v for k, v in attr.items()} for attr in props["Schema"]]
        pool = cognito.create_user_pool(PoolName=props.get("UserPoolName", name), **args)["UserPool"]
        template.physical[name] = pool["Id"]
        if "SOFTWARE_TOKEN_MFA" in (props.get("EnabledMfas") or []):
            # CloudFormation's EnabledMfas is SetUserPoolMfaConfig in the service API.
            cognito.set_user_pool_mfa_config(UserPoolId=pool["Id"], MfaConfiguration=props["MfaConfiguration"],
                                             SoftwareTokenMfaConfiguration={"Enabled": True})
        template.attributes[name] = {"Arn": pool["Arn"], "ProviderName": f"cognito-idp.{template.region}"
                                     f".amazonaws.com/{pool['Id']}"}

    for name, res in template.of_type("AWS::Cognito::UserPoolClient").items():
        props = template.resolve(res.get("Properties", {}))
        client = cognito.create_user_pool_client(UserPoolId=props["UserPoolId"], **_pick(props, _CLIENT_KEYS))
        template.physical[name] = client["UserPoolClient"]["ClientId"]

    for name, res in template.of_type("AWS::Cognito::UserPoolGroup").items():
        props = template.resolve(res.get("Properties", {}))
        cognito.create_group(**_pick(props, ("GroupName", "UserPoolId", "Description", "Precedence")))
        template.physical[name] = props["GroupName"]

    for name, res in template.of_type("AWS::Events::EventBus").items():
        props = template.resolve(res.get("Properties", {}))
        bus = events.create_event_bus(Name=props["Name"], **_pick(props, _BUS_KEYS))
        template.physical[name] = props["Name"]  # Ref of an event bus is its name
        template.attributes[name] = {"Arn": bus["EventBusArn"], "Name": props["Name"]}

    _provision_messaging(template, session, endpoint)
    _provision_buckets(template, session, endpoint)
    return dict(template.physical)


def _provision_buckets(template: Template, session: Any, endpoint: str) -> None:
    """Buckets, with their CORS rules (the browser posts pictures to the uploads bucket)."""
    s3 = session.client("s3", endpoint_url=endpoint)
    for name, res in template.of_type("AWS::S3::Bucket").items():
        props = template.resolve(res.get("Properties") or {})
        bucket = props.get("BucketName") or f"{template.stack_name}-{name}".lower()
        s3.create_bucket(Bucket=bucket, CreateBucketConfiguration={"LocationConstraint": template.region})
        template.physical[name] = bucket
        template.attributes[name] = {"Arn": f"arn:aws:s3:::{bucket}",
                                     "RegionalDomainName": f"{bucket}.s3.{template.region}.amazonaws.com"}
        rules = (props.get("CorsConfiguration") or {}).get("CorsRules")
        if rules:
            renamed = {"MaxAge": "MaxAgeSeconds"}
            s3.put_bucket_cors(Bucket=bucket, CORSConfiguration={"CORSRules": [
                {renamed.get(k, k): v for k, v in rule.items() if k != "Id"} for rule in rules]})


_QUEUE_ATTRIBUTES = ("VisibilityTimeout", "MessageRetentionPeriod", "DelaySeconds", "ReceiveMessageWaitTimeSeconds",
                     "SqsManagedSseEnabled", "MaximumMessageSize")


def _provision_messaging(template: Template, session: Any, endpoint: str) -> None:
    import json
    import secrets as random

    sqs = session.client("sqs", endpoint_url=endpoint)
    queues = template.of_type("AWS::SQS::Queue")
    # Dead-letter queues first: a redrive policy names its queue's ARN.
    for name in sorted(queues, key=lambda n: "RedrivePolicy" in (queues[n].get("Properties") or {})):
        props = template.resolve(queues[name].get("Properties") or {})
        attributes = {k: str(props[k]).lower() if isinstance(props[k], bool) else str(props[k])
                      for k in _QUEUE_ATTRIBUTES if k in props}
        if "RedrivePolicy" in props:
            attributes["RedrivePolicy"] = json.dumps(props["RedrivePolicy"])
        queue_name = props.get("QueueName") or f"{template.stack_name}-{name}"
        url = sqs.create_queue(QueueName=queue_name, Attributes=attributes)["QueueUrl"]
        arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
        template.physical[name] = url  # Ref of a queue is its URL
        template.attributes[name] = {"Arn": arn, "QueueName": queue_name, "QueueUrl": url}

    secrets = session.client("secretsmanager", endpoint_url=endpoint)
    for name in template.of_type("AWS::SecretsManager::Secret"):
        # Generated at start, as CloudFormation's GenerateSecretString does; never written anywhere.
        arn = secrets.create_secret(Name=f"{template.stack_name}-{name}", SecretString=random.token_urlsafe(48))["ARN"]
        template.physical[name] = arn

    sns = session.client("sns", endpoint_url=endpoint)
    for name in template.of_type("AWS::SNS::Topic"):
        template.physical[name] = sns.create_topic(Name=f"{template.stack_name}-{name}")["TopicArn"]

    ses, sesv2 = session.client("ses", endpoint_url=endpoint), session.client("sesv2", endpoint_url=endpoint)
    for name, res in template.of_type("AWS::SES::ConfigurationSet").items():
        props = template.resolve(res.get("Properties") or {})
        sesv2.create_configuration_set(ConfigurationSetName=props["Name"])
        template.physical[name] = props["Name"]
    for name, res in template.of_type("AWS::SES::EmailIdentity").items():
        identity = template.resolve(res.get("Properties") or {})["EmailIdentity"]
        # The local SES accepts mail from a verified identity only (as SES does outside its sandbox).
        ses.verify_domain_identity(Domain=identity) if "@" not in identity else ses.verify_email_identity(
            EmailAddress=identity)
        template.physical[name] = identity

    events = session.client("events", endpoint_url=endpoint)
    for name, res in template.of_type("AWS::Events::Rule").items():
        props = template.resolve(res.get("Properties") or {})
        bus = props.get("EventBusName", "default")
        rule = events.put_rule(Name=f"{template.stack_name}-{name}", EventBusName=bus,
                               EventPattern=json.dumps(props["EventPattern"]),
                               State=props.get("State", "ENABLED"))
        template.physical[name] = f"{template.stack_name}-{name}"
        template.attributes[name] = {"Arn": rule["RuleArn"]}
        events.put_targets(Rule=f"{template.stack_name}-{name}", EventBusName=bus,
                           Targets=[{"Id": t["Id"], "Arn": t["Arn"]} for t in props.get("Targets", [])])
