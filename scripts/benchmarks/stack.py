"""The environment under test: moto provisioned from template.yaml, seeded with the demo data, its calls
watched."""

from __future__ import annotations

import contextlib
import json
import os
import socket
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .common import REGION, BenchError


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Accounts:
    subs: dict[str, str]

    def claims(self, role: str) -> dict[str, Any]:
        from infra.demo import ACCOUNTS

        account = ACCOUNTS[role]
        return {"sub": self.subs[role], "email": account.email, "email_verified": "true",
                "cognito:groups": list(account.groups), "name": account.name, "token_use": "id"}

    @staticmethod
    def email(role: str) -> str:
        from infra.demo import ACCOUNTS

        return ACCOUNTS[role].email


@dataclass
class Stack:
    """moto provisioned from template.yaml and seeded with the demo data, in this process."""

    template: Any
    moto: Any
    url: str
    accounts: Accounts
    verified_id: str
    verified_slug: str
    pending_ids: list[str]
    calls: CallLog = field(default_factory=lambda: CallLog())
    seeded: dict[str, Any] = field(default_factory=dict)
    measured: dict[str, Any] = field(default_factory=dict)  # figures a measure leaves for another (the clock's tick)

    @property
    def table(self) -> str:
        return self.template.physical["Table"]

    def aws_env(self) -> dict[str, str]:
        return aws_env(self.url)

    def functions(self) -> dict[str, tuple[Path, str]]:
        return {name: self.template.function_code(name)
                for name in self.template.of_type("AWS::Serverless::Function")}

    def layer_paths(self) -> list[Path]:
        return self.template.layer_paths()


def aws_env(endpoint: str) -> dict[str, str]:
    """What a Lambda sandbox has (credentials, region), pointed at moto, isolated from ~/.aws."""
    return {"AWS_ENDPOINT_URL": endpoint, "AWS_DEFAULT_REGION": REGION, "AWS_REGION": REGION,
            "AWS_ACCESS_KEY_ID": "bench", "AWS_SECRET_ACCESS_KEY": "bench",
            "AWS_CONFIG_FILE": os.devnull, "AWS_SHARED_CREDENTIALS_FILE": os.devnull}


def start_stack(state_dir: Path) -> Stack:
    import logging

    from infra.moto_server import SerializedMotoServer
    from infra.provision import provision
    from infra.template import LOCAL_PARAMETERS, Template

    handler = logging.FileHandler(state_dir / "bench-moto.log")
    for name in ("werkzeug", "moto"):
        logger = logging.getLogger(name)
        logger.handlers = [handler]
        logger.propagate = False
    port = free_port()
    # The local stack's moto (infra/moto_server.py), so that the bench sees the same AWS as the tests: plain moto
    # undoes a cancelled transaction by restoring a copy of the table (once, a third flag here answered 409
    # already_flagged under plain moto: its first, cancelled attempt apparently left the flag behind).
    moto = SerializedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    moto.start()
    url = f"http://127.0.0.1:{port}"
    template = Template(region=REGION, overrides=LOCAL_PARAMETERS)
    provision(template, url)

    # This process plays every function (as the local gateway does): the union of their environments.
    env = {}
    for name in template.of_type("AWS::Serverless::Function"):
        env |= template.function_environment(name)
    env.pop("POWERTOOLS_SERVICE_NAME", None)
    os.environ.update(env)
    os.environ.update(aws_env(url) | {"POWERTOOLS_SERVICE_NAME": "bench"})
    for layer in template.layer_paths():
        if str(layer) not in sys.path:
            sys.path.insert(0, str(layer))
    from hromada import clients
    from hromada.settings import get_settings

    get_settings.cache_clear()
    clients.reset()

    from infra.demo import ACCOUNTS, seed
    from infra.users import Users

    info = {"cognito_endpoint": url, "region": REGION, "user_pool_id": template.physical["UserPool"],
            "user_pool_client_id": template.physical["UserPoolClient"]}
    seeded = seed(info)
    users = Users.from_info(info)
    subs = {}
    for role, account in ACCOUNTS.items():
        attrs = users.cognito.admin_get_user(UserPoolId=users.pool, Username=account.email)["UserAttributes"]
        subs[role] = next(a["Value"] for a in attrs if a["Name"] == "sub")

    from hromada.models.association import Status
    from hromada.store.associations import DynamoAssociationStore

    store = DynamoAssociationStore()
    verified = [a for a in (store.get_by_slug(s) for s in seeded["associations"])
                if a is not None and a.status == Status.VERIFIED]
    pending = store.list_by_status(Status.PENDING, 20, None).items
    if not verified or len(pending) < 1:
        raise BenchError(f"demo data missing: {len(verified)} verified, {len(pending)} pending associations")
    stack = Stack(template=template, moto=moto, url=url, accounts=Accounts(subs), verified_id=verified[0].id,
                  verified_slug=verified[0].slug, pending_ids=[a.id for a in pending], seeded=seeded)
    # Every DynamoDB call made by the handlers in this process goes through this client: watch it.
    from hromada.store.client import dynamodb

    stack.calls.watch(dynamodb())
    return stack


class Seen(list[str]):
    """The operation names of the DynamoDB calls made while watching, and the request units they consumed."""

    rru: float = 0.0
    wru: float = 0.0


class CallLog:
    """DynamoDB calls: operation names from botocore's before-call event, request units (cost.request_units)
    from the request and the response's size at after-call."""

    def __init__(self) -> None:
        self.operations: list[str] = []
        self.units: list[tuple[float, float]] = []
        self.scans: list[str] = []
        self.context = "setup"

    def watch(self, client: Any) -> None:
        client.meta.events.register("before-call.dynamodb.*", self.on_call)
        client.meta.events.register("after-call.dynamodb.*", self.on_done)

    def on_call(self, model: Any = None, params: Any = None, context: Any = None, **_: Any) -> None:
        name = getattr(model, "name", "?")
        if isinstance(context, dict):
            context["bench_call"] = (len(self.operations), (params or {}).get("body") or b"")
        self.operations.append(name)
        self.units.append((0.0, 0.0))
        if name == "Scan":
            self.scans.append(self.context)

    def on_done(self, model: Any = None, http_response: Any = None, context: Any = None, **_: Any) -> None:
        from .cost import request_units

        index, body = (context or {}).get("bench_call", (None, b""))
        if index is None:
            return
        try:
            request = json.loads(body) if body else {}
        except ValueError:
            request = {}
        size = len(getattr(http_response, "content", b"") or b"")
        self.units[index] = request_units(getattr(model, "name", "?"), request, size)

    @contextlib.contextmanager
    def watching(self, context: str) -> Iterator[Seen]:
        self.context, start = context, len(self.operations)
        seen = Seen()
        try:
            yield seen
        finally:
            seen += self.operations[start:]
            seen.rru = sum(r for r, _ in self.units[start:])
            seen.wru = sum(w for _, w in self.units[start:])
            self.context = "setup"


def memory_mb(template: Any, function: str) -> int:
    """A function's MemorySize in template.yaml (its own, else the Globals')."""
    own = template.resources[function].get("Properties", {}).get("MemorySize")
    return int(own or template.raw.get("Globals", {}).get("Function", {}).get("MemorySize", 128))


def find_route(stack: Stack, key: str) -> Any:
    route = next((r for r in stack.template.routes() if r.key == key), None)
    if route is None:
        raise BenchError(f"template.yaml has no route {key}: the benchmarks compare against it")
    return route
