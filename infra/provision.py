"""Create in moto what template.yaml declares: tables, user pools, app clients, groups, event buses.

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
              "MfaConfiguration", "AccountRecoverySetting", "AdminCreateUserConfig", "DeletionProtection")
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
        dynamodb.create_table(TableName=table, **args)
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

    return dict(template.physical)
