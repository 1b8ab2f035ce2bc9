"""The whole system on one machine: moto provisioned from template.yaml, the gateway, docs, web client."""

from __future__ import annotations

import json
import logging
import os
import socket
import sys
import threading
from pathlib import Path
from typing import Any

from werkzeug.serving import make_server
from werkzeug.wrappers import Request, Response

from infra.state import STATE_DIR
from infra.template import LOCAL_PARAMETERS, Template

REGION = "eu-west-3"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class LocalStack:
    def __init__(self, port: int = 3000, moto_port: int | None = None, host: str = "127.0.0.1",
                 state_dir: Path = STATE_DIR, log_file: Path | None = None,
                 parameters: dict[str, str] | None = None):
        self.host = host
        self.port = port or free_port()
        self.moto_port = moto_port or free_port()
        self.state_dir = state_dir
        self.log_file = log_file or state_dir / "stack.log"
        self.template = Template(region=REGION, overrides=LOCAL_PARAMETERS | dict(parameters or {}))
        self._moto: Any = None
        self.environments: dict[str, dict[str, str]] = {}  # function -> what Lambda would give it
        self._overrides: dict[str, str] = {}  # configure()
        self._server: Any = None
        self._thread: threading.Thread | None = None

    @property
    def api_url(self) -> str:
        return f"http://{self.host}:{self.port}"

    @property
    def moto_url(self) -> str:
        return f"http://{self.host}:{self.moto_port}"

    def info(self) -> dict[str, str]:
        return {"api_url": self.api_url, "cognito_endpoint": self.moto_url, "aws_endpoint": self.moto_url,
                "region": REGION, "user_pool_id": self.template.physical["UserPool"],
                "user_pool_client_id": self.template.physical["UserPoolClient"],
                "table_name": self.template.physical["Table"],
                "ballot_table_name": self.template.physical["BallotTable"], "docs_url": f"{self.api_url}/docs",
                "event_bus_name": self.template.physical["EventsBus"], "mailbox_url": f"{self.api_url}/dev/mailbox"}

    def start(self) -> LocalStack:
        from infra.moto_server import SerializedMotoServer

        self.state_dir.mkdir(parents=True, exist_ok=True)
        self._quiet_moto()
        # moto checks TOTP codes only when asked to (its secret is fixed: infra.users.LOCAL_TOTP_SECRET).
        os.environ["MOTO_COGNITO_IDP_USER_POOL_ENABLE_TOTP"] = "true"
        self._moto = SerializedMotoServer(ip_address=self.host, port=self.moto_port, verbose=False)
        self._moto.start()
        from infra.provision import provision

        provision(self.template, self.moto_url)
        self.environments = self._environments()
        self._process_environment()
        from infra.calls import install
        from infra.docs import SWAGGER_PAGE
        from infra.gateway import Gateway, function_pools
        from infra.webclient import CognitoProxy, config_response

        install()  # records each function's AWS calls, for the IAM check (infra/deploycheck.py)
        self.pools = function_pools(self.template, self.environments)
        self.local_s3 = self._local_s3()
        self.gateway = Gateway(self.template, self.moto_url, self.pools, extra_routes={
            "/openapi.json": self._openapi, "/docs": lambda _: Response(SWAGGER_PAGE, content_type="text/html"),
            "/docs/": self._swagger_asset, "/config.json": lambda _: config_response(self.info()),
            "/media/": self.local_s3.media_file,  # what CloudFront serves from MediaBucket in AWS
            "/open-data/": self.local_s3.open_data_file},  # and from OpenDataBucket
            post_routes={"/cognito/": CognitoProxy(self.moto_url, REGION, self.template.physical["UserPool"],
                                                   self.template.parameters()["MailFrom"]),
                         self.local_s3.upload_path: self.local_s3.upload})
        self._server = make_server(self.host, self.port, self.gateway, threaded=True)
        self._thread = threading.Thread(target=self._server.serve_forever, name="gateway", daemon=True)
        self._thread.start()
        from infra.schedules import Timers

        self.schedules = Timers(self.template, self.invoke).start()  # the template's schedules, on timers
        import boto3

        from infra.dev import DevPages
        from infra.pollers import Pollers

        sqs = boto3.client("sqs", endpoint_url=self.moto_url, region_name=REGION)
        self.pollers = Pollers(self.template, self.invoke, sqs).start()  # SQS event sources
        from infra.pollers import StreamPollers

        streams = boto3.client("dynamodbstreams", endpoint_url=self.moto_url, region_name=REGION)
        self.streams = StreamPollers(self.template, self.invoke, streams, sqs).start()  # DynamoDB stream sources
        self.gateway.extra_routes.update(DevPages(self.moto_url, self.schedules.run_now,
                                                  [s.name for s in self.schedules.schedules]).routes())
        from infra.dev_webhooks import DevWebhookReceiver

        self.webhook_receiver = DevWebhookReceiver()  # the dev demo's webhook receiver (/dev/webhooks)
        self.gateway.extra_routes.update(self.webhook_receiver.routes())
        (self.state_dir / "local.json").write_text(json.dumps(self.info(), indent=2) + "\n")
        return self

    def invoke(self, function: str, event: dict[str, Any]) -> Any:
        """Invoke a function of the template in-process, as Lambda would (used by timers and pollers)."""
        return self.pools[function].invoke(event)

    def configure(self, **variables: str | None) -> None:
        """Set variables in the environment of every function that has them, as `aws lambda
        update-function-configuration` would (their next invocations start cold with them); None puts the
        template's value back. A variable no function has is refused: it would change nothing."""
        unknown = {name for name in variables if not any(name in env for env in self.environments.values())}
        if unknown:
            raise ValueError(f"no function has {sorted(unknown)} in its environment (template.yaml)")
        for name, value in variables.items():
            if value is None:
                self._overrides.pop(name, None)
            else:
                self._overrides[name] = str(value)
        for function, env in self.environments.items():
            if any(name in env for name in variables):
                self.pools[function].configure(env | {k: v for k, v in self._overrides.items() if k in env})

    def stop(self) -> None:
        if getattr(self, "schedules", None):
            self.schedules.stop()
        if getattr(self, "pollers", None):
            self.pollers.stop()
        if getattr(self, "streams", None):
            self.streams.stop()
        if self._server:
            self._server.shutdown()
        if self._moto:
            self._moto.stop()
        state = self.state_dir / "local.json"
        if state.exists():
            state.unlink()

    # ------------------------------------------------------------ helpers
    def _local_s3(self) -> Any:
        import boto3

        from infra.s3post import LocalS3

        s3 = boto3.client("s3", endpoint_url=self.moto_url, region_name=REGION, aws_access_key_id="local",
                          aws_secret_access_key="local")
        return LocalS3(s3, self.template.physical["UploadsBucket"], self.template.physical["MediaBucket"],
                       secret="local", open_data_bucket=self.template.physical["OpenDataBucket"])

    def _environments(self) -> dict[str, dict[str, str]]:
        """What Lambda gives each function: its runtime's region and the template's variables (Globals and its
        own), nothing of the other functions'. Local addresses replace the deployed ones where a function has them:
        links in mails point at this machine (the gateway serves the API and the web client), and pictures are
        posted through the gateway (same origin; infra/s3post.py checks the POST policy as S3 does)."""
        # Webhooks may go to http://127.0.0.1 here only (the dev receiver, /dev/webhooks).
        local = {"PUBLIC_API_URL": self.api_url, "PUBLIC_WEB_URL": self.api_url, "WEBHOOK_LOCAL_RECEIVERS": "true"}
        upload_post_url = f"{self.api_url}/local-s3/{self.template.physical['UploadsBucket']}"
        environments = {}
        for name in self.template.of_type("AWS::Serverless::Function"):
            env = {"AWS_REGION": REGION, "AWS_DEFAULT_REGION": REGION} | self.template.function_environment(name)
            env |= {variable: value for variable, value in local.items() if variable in env}
            if "UPLOADS_BUCKET" in env:
                env["UPLOAD_POST_URL"] = upload_post_url
            environments[name] = env
        return environments

    def _process_environment(self) -> None:
        """The process's own environment: AWS pointed at moto, for everything in it. Functions read their
        settings from their own environment only (infra/gateway.py FunctionPool); code run outside any function
        (tests, the demo loader, the dev pages) acts as an operator knowing every output of the stack, and
        reads the union of the functions' variables. Libraries that read the environment themselves
        (Powertools, pydantic) read it here too."""
        os.environ.update({"AWS_ENDPOINT_URL": self.moto_url, "AWS_DEFAULT_REGION": REGION,
                           "AWS_REGION": REGION, "AWS_ACCESS_KEY_ID": "local", "AWS_SECRET_ACCESS_KEY": "local"})
        for env in self.environments.values():
            os.environ.update({k: v for k, v in env.items() if k != "POWERTOOLS_SERVICE_NAME"})
        os.environ.setdefault("POWERTOOLS_SERVICE_NAME", "hromada")
        for layer in self.template.layer_paths():
            if str(layer) not in sys.path:
                sys.path.insert(0, str(layer))
        from hromada import clients, staff_mfa
        from hromada.settings import get_settings

        get_settings.cache_clear()
        clients.reset()  # clients made for an earlier stack point at its endpoint
        staff_mfa.forget()

    def _quiet_moto(self) -> None:
        handler = logging.FileHandler(self.log_file)
        for name in ("werkzeug", "moto"):
            log = logging.getLogger(name)
            log.handlers = [handler]
            log.propagate = False

    def _openapi(self, _: Request) -> Response:
        from infra.docs import merged_openapi

        routed = {route.function for route in self.template.routes()}
        apps = [pool.module_app() for name, pool in self.pools.items() if name in routed]
        return Response(json.dumps(merged_openapi(apps, self.api_url)), content_type="application/json")

    @staticmethod
    def _swagger_asset(request: Request) -> Response:
        """Swagger UI 5 served from a package (works offline); found without importing FastAPI."""
        from importlib.util import find_spec

        spec = find_spec("fastapi_offline")
        assert spec and spec.origin
        folder = (Path(spec.origin).parent / "static").resolve()
        target = (folder / request.path.removeprefix("/docs/")).resolve()
        if not target.is_relative_to(folder) or not target.is_file():
            return Response(status=404)
        kind = "text/css" if target.suffix == ".css" else "application/javascript"
        return Response(target.read_bytes(), content_type=kind, headers={"Cache-Control": "max-age=3600"})
