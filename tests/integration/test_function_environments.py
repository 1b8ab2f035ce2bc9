"""Each function runs on the local stack with its own environment from template.yaml, as in Lambda: a variable its
entry lacks fails here too, and what one function is given is not seen by another (they share one process)."""

from __future__ import annotations

import json

import pytest

from hromada.settings import MissingSetting, Settings, get_settings
from infra.events import http_event
from infra.gateway import FunctionPool

HEALTH = http_event(method="GET", path="/health", route_key="GET /health")


def test_each_function_reads_only_its_own_environment(stack):
    local_only = {"AWS_REGION", "UPLOAD_POST_URL"}  # Lambda's own, and the local stack's way of posting pictures
    for name, pool in stack.pools.items():
        environment = stack.template.function_environment(name)
        with pool.running():
            settings = get_settings()
            given = {v.name for field, v in Settings.variables().items() if settings.is_set(field)} - local_only
        assert given == {v.name for v in Settings.variables().values()} & set(environment) - local_only, name
    with stack.pools["MetaFunction"].running(), pytest.raises(MissingSetting, match="MAIL_QUEUE_URL"):
        _ = get_settings().mail_queue_url
    # Outside any function (the tests, the demo loader) the process plays an operator knowing every output.
    assert get_settings().is_set("mail_queue_url") and get_settings().is_set("ballot_table_name")


def test_a_variable_missing_from_a_functions_environment_fails_locally_as_in_aws(stack):
    meta = stack.pools["MetaFunction"]
    assert meta.environment is not None
    lacking = FunctionPool("MetaFunction", meta.code, meta.handler_name,
                           {k: v for k, v in meta.environment.items() if k != "STAGE"})
    assert lacking.invoke(HEALTH)["statusCode"] == 500  # though this process's own environment has STAGE
    with lacking.running(), pytest.raises(MissingSetting, match="STAGE"):
        _ = get_settings().stage
    answered = meta.invoke(HEALTH)
    assert answered["statusCode"] == 200 and json.loads(answered["body"])["stage"] == "dev"


def test_configure_changes_only_the_functions_that_have_the_variable(stack):
    with pytest.raises(ValueError, match="NOT_A_VARIABLE"):
        stack.configure(NOT_A_VARIABLE="1")
    moderation, events = stack.pools["ModerationFunction"], stack.pools["EventsFunction"]
    moderation.release(moderation.acquire())
    stack.configure(FLAGS_TO_HIDE="7")
    try:
        assert moderation.idle == []  # warm instances had the old environment: the next invocation starts cold
        with moderation.running():
            assert get_settings().flags_to_hide == 7
        with events.running():
            assert not get_settings().is_set("flags_to_hide")
    finally:
        stack.configure(FLAGS_TO_HIDE=None)
    with moderation.running():
        assert get_settings().flags_to_hide == int(stack.template.function_environment("ModerationFunction")[
            "FLAGS_TO_HIDE"])
