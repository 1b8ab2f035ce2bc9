"""A local API Gateway (HTTP API) in front of the handlers, driven by template.yaml.

It matches routes the way HTTP API does (exact before parameters, greedy last), verifies Cognito JWTs
like the JWT authorizer (signature through the pool's JWKS, issuer, audience or client_id, expiry),
builds payload-2.0 events, and invokes each function in-process. Every function keeps a small pool of
warm instances, as Lambda would, so concurrent requests really run concurrently.
"""

from __future__ import annotations

import base64
import fnmatch
import functools
import gzip
import importlib.util
import itertools
import json
import logging
import mimetypes
import re
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

import jwt
from werkzeug.wrappers import Request, Response

from hromada.api import error_payload
from hromada.i18n import negotiate
from infra.events import LambdaContext, http_event
from infra.template import ROOT, JwtAuthorizer, Route, Template

WEB = ROOT / "web"
log = logging.getLogger("hromada.gateway")
_counter = itertools.count()


@dataclass
class CompiledRoute:
    route: Route
    pattern: re.Pattern[str]
    literal_segments: int
    greedy: bool

    @classmethod
    def of(cls, route: Route) -> CompiledRoute:
        regex, literals, greedy = "", 0, False
        for segment in route.path.strip("/").split("/"):
            if not segment:
                continue
            if segment.startswith("{") and segment.endswith("+}"):
                regex += f"/(?P<{segment[1:-2]}>.+)"
                greedy = True
            elif segment.startswith("{") and segment.endswith("}"):
                regex += f"/(?P<{segment[1:-1]}>[^/]+)"
            else:
                regex += "/" + re.escape(segment)
                literals += 1
        return cls(route, re.compile(f"^{regex or '/'}$"), literals, greedy)


@dataclass
class FunctionPool:
    """Warm instances of one function; a busy pool loads another (a cold start).

    With an `environment` (what Lambda would give the function: template.yaml's Globals and its own variables),
    its instances load and run with settings read from that environment only (hromada.settings.running_with),
    so a variable the function lacks fails here as in AWS; the other functions of this process are not
    affected. Without one, they read the process's environment."""

    name: str
    code: Path
    handler_name: str
    environment: dict[str, str] | None = None
    idle: list[ModuleType] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    cold_starts: int = 0
    generation: int = 0  # of the environment: instances loaded with an older one are not kept warm
    _settings: Any = None

    def settings(self) -> Any:
        """The function's settings, read once from its environment (None: the process's own)."""
        if self.environment is None:
            return None
        with self.lock:
            if self._settings is None:
                from hromada.settings import Settings

                self._settings = Settings.from_environ(self.environment)
            return self._settings

    def configure(self, environment: dict[str, str]) -> None:
        """A new environment (as `aws lambda update-function-configuration`): the idle instances are dropped,
        the next invocations start cold with it. Invocations running now finish with the old one."""
        with self.lock:
            self.environment = dict(environment)
            self._settings = None
            self.generation += 1
            self.idle.clear()

    @contextmanager
    def running(self) -> Iterator[None]:
        """The function's settings for the code run in this block (this thread only)."""
        settings = self.settings()
        if settings is None:
            yield
            return
        from hromada.settings import running_with

        with running_with(settings):
            yield

    def _load(self) -> ModuleType:
        from infra.powertools_threads import events_per_thread

        events_per_thread()  # instances run concurrently in this one process (Lambda runs one event per process)
        module_name = f"fn_{self.name}_{next(_counter)}"
        spec = importlib.util.spec_from_file_location(module_name, self.code)
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        sys.modules[module_name] = module
        module.__dict__["_pool_generation"] = self.generation
        with self.running():  # init reads the function's settings too (clients made at import)
            spec.loader.exec_module(module)
        self.cold_starts += 1
        return module

    def module_app(self) -> Any:
        instance = self.acquire()
        try:
            return instance.app
        finally:
            self.release(instance)

    def acquire(self) -> ModuleType:
        with self.lock:
            if self.idle:
                return self.idle.pop()
        return self._load()

    def release(self, instance: ModuleType) -> None:
        with self.lock:
            if instance.__dict__.get("_pool_generation") == self.generation:
                self.idle.append(instance)

    def invoke(self, event: dict[str, Any]) -> Any:
        from infra.calls import invoking

        instance = self.acquire()
        try:
            # The AWS calls made now are this function's (infra/calls.py), with its own settings.
            with invoking(self.name), self.running():
                return getattr(instance, self.handler_name)(event, LambdaContext(function_name=self.name))
        finally:
            self.release(instance)


class JwtVerifier:
    def __init__(self, authorizer: JwtAuthorizer, jwks_url: str):
        self.authorizer = authorizer
        self.jwks = jwt.PyJWKClient(jwks_url, cache_keys=True, lifespan=300)

    def claims(self, header_value: str | None) -> dict[str, Any] | None:
        """Verified claims, or None (API Gateway answers 401 for missing, malformed, or invalid)."""
        if not header_value:
            return None
        token = header_value.split(" ", 1)[1] if header_value.lower().startswith("bearer ") else header_value
        try:
            key = self.jwks.get_signing_key_from_jwt(token.strip())
            claims = jwt.decode(token.strip(), key.key, algorithms=["RS256"], issuer=self.authorizer.issuer,
                                options={"verify_aud": False, "require": ["exp", "iss", "sub"]})
        except (jwt.PyJWTError, ValueError):
            return None
        audience = claims.get("aud") or claims.get("client_id")
        if audience not in self.authorizer.audience:
            return None
        return claims


def _error(request: Request, status: int, code: str, headers: dict[str, str] | None = None) -> Response:
    """Refusals the gateway gives itself, in the API's one error shape and the caller's language."""
    lang = negotiate(request.headers.get("Accept-Language"))
    return Response(error_payload(code, lang), status=status, headers=headers or {},
                    content_type="application/json")


def function_pools(template: Template, environments: dict[str, dict[str, str]] | None = None
                   ) -> dict[str, FunctionPool]:
    """Every function of the template, invocable in-process (by the gateway, timers, queue pollers), each with
    its environment in `environments` (by logical id) if given."""
    pools = {}
    for name in template.of_type("AWS::Serverless::Function"):
        code, handler = template.function_code(name)
        pools[name] = FunctionPool(name, code, handler, (environments or {}).get(name))
    return pools


class Gateway:
    def __init__(self, template: Template, cognito_endpoint: str, pools: dict[str, FunctionPool],
                 extra_routes: dict[str, Callable] | None = None, post_routes: dict[str, Callable] | None = None):
        self.template = template
        self.routes = sorted((CompiledRoute.of(r) for r in template.routes()),
                             key=lambda c: (c.greedy, -c.literal_segments))
        self.pools = pools
        self.verifiers = {
            name: JwtVerifier(a, f"{cognito_endpoint}/{template.physical['UserPool']}/.well-known/jwks.json")
            for name, a in template.jwt_authorizers().items()}
        self.cors = template.cors()
        self.web_cors = template.web_cors()  # CloudFront's rules for web/ (the widget's script, config.json)
        self.extra_routes = extra_routes or {}
        self.post_routes = post_routes or {}  # same-origin helpers that take a body (the Cognito proxy)

    # -------------------------------------------------------------- WSGI
    def __call__(self, environ: dict[str, Any], start_response: Callable) -> Iterable[bytes]:
        request = Request(environ)
        response = self.dispatch(request)
        self._add_cors(request, response, self._cors_rule(request))
        return response(environ, start_response)

    def dispatch(self, request: Request) -> Response:
        if request.method == "OPTIONS" and request.headers.get("Access-Control-Request-Method"):
            return Response(status=204)
        matched = self.match(request.method, request.path)
        if matched is None:
            extra = self.extra_routes.get(request.path) or self._extra_prefix(request.path)
            if extra and (request.method in ("GET", "HEAD") or request.path.startswith("/dev/")):
                return extra(request)
            if request.path in self.post_routes and request.method == "POST":
                return self.post_routes[request.path](request)
            static = self._static(request)
            if static is not None:
                return static
            return _error(request, 404, "route_not_found")
        compiled, params = matched
        claims = None
        if compiled.route.authorizer:
            verifier = self.verifiers[compiled.route.authorizer]
            claims = verifier.claims(request.headers.get("Authorization"))
            if claims is None:
                return _error(request, 401, "unauthorized", {"WWW-Authenticate": 'Bearer realm="hromada"'})
        event = http_event(
            method=request.method, path=request.path, route_key=compiled.route.key,
            query=request.query_string.decode("latin-1"), headers=dict(request.headers.items()),
            body=request.get_data() or None, path_parameters=params or None, claims=claims,
            source_ip=request.remote_addr or "127.0.0.1")
        started = time.perf_counter()
        try:
            response = self._to_response(self.pools[compiled.route.function].invoke(event))
        except Exception:  # a crashed invocation: API Gateway answers 500 and the function logs it
            log.exception("function %s failed", compiled.route.function)
            return _error(request, 500, "internal_error")
        response.headers["X-Local-Duration-Ms"] = f"{(time.perf_counter() - started) * 1000:.1f}"
        return response

    def match(self, method: str, path: str) -> tuple[CompiledRoute, dict[str, str]] | None:
        for compiled in self.routes:
            if compiled.route.method not in (method, "ANY"):
                continue
            found = compiled.pattern.match(path)
            if found:
                return compiled, {k: v for k, v in found.groupdict().items()}
        return None

    def _extra_prefix(self, path: str) -> Callable | None:
        for prefix, handler in self.extra_routes.items():
            if prefix.endswith("/") and path.startswith(prefix):
                return handler
        return None

    @staticmethod
    def _to_response(result: Any) -> Response:
        if not (isinstance(result, dict) and "statusCode" in result):
            # HTTP API infers a 200 JSON response from any other return value.
            return Response(json.dumps(result), status=200, content_type="application/json")
        body = result.get("body") or ""
        data = base64.b64decode(body) if result.get("isBase64Encoded") else body.encode()
        response = Response(data, status=int(result["statusCode"]))
        response.headers.clear()
        for key, value in (result.get("headers") or {}).items():
            response.headers[key] = str(value)
        for key, values in (result.get("multiValueHeaders") or {}).items():
            for value in values:
                response.headers.add(key, str(value))
        for cookie in result.get("cookies") or []:
            response.headers.add("Set-Cookie", cookie)
        if "Content-Type" not in response.headers and data:  # werkzeug Headers ignore case
            response.headers["Content-Type"] = "application/json"
        return response

    def _cors_rule(self, request: Request) -> dict[str, Any]:
        """The API's rule for its routes and preflights (API Gateway answers those for any path); for the files
        of web/, the rule of the CloudFront behaviour matching the path, or none."""
        if request.method == "OPTIONS" or self.match(request.method, request.path) is not None:
            return self.cors
        path = request.path.lstrip("/")
        return next((rule for pattern, rule in self.web_cors if fnmatch.fnmatchcase(path, pattern)), {})

    @staticmethod
    def _add_cors(request: Request, response: Response, rule: dict[str, Any]) -> None:
        origin = request.headers.get("Origin")
        allowed = rule.get("AllowOrigins") or []
        if not origin or not (origin in allowed or "*" in allowed):
            return
        if "*" in allowed and not rule.get("AllowCredentials"):
            response.headers["Access-Control-Allow-Origin"] = "*"  # as API Gateway and CloudFront answer
        else:
            response.headers["Access-Control-Allow-Origin"] = origin
            response.headers.add("Vary", "Origin")
        if rule.get("AllowCredentials"):
            response.headers["Access-Control-Allow-Credentials"] = "true"
        if request.method == "OPTIONS":
            response.headers["Access-Control-Allow-Methods"] = ",".join(rule.get("AllowMethods") or [])
            response.headers["Access-Control-Allow-Headers"] = ",".join(rule.get("AllowHeaders") or [])
            response.headers["Access-Control-Max-Age"] = str(rule.get("MaxAge", 0))

    @staticmethod
    def _static(request: Request) -> Response | None:
        if request.method not in ("GET", "HEAD"):
            return None
        relative = request.path.lstrip("/") or "index.html"
        target = (WEB / relative).resolve()
        if not target.is_relative_to(WEB.resolve()) or not target.is_file():
            return None
        content_type = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        if content_type.startswith("text/") or content_type in ("application/javascript", "application/json"):
            content_type += "; charset=utf-8"
        body, headers = target.read_bytes(), {"Cache-Control": "no-cache", "Vary": "Accept-Encoding"}
        # Compressed as CloudFront serves it (template: WebDistribution Compress), so the first page's time
        # measured here over a slow link is the one people get.
        if "gzip" in request.headers.get("Accept-Encoding", "") and _compressible(content_type):
            body = _gzipped(target, target.stat().st_mtime_ns)
            headers["Content-Encoding"] = "gzip"
        return Response(body, content_type=content_type, headers=headers)


def _compressible(content_type: str) -> bool:
    return content_type.startswith(("text/", "application/javascript", "application/json", "image/svg+xml"))


@functools.lru_cache(maxsize=256)
def _gzipped(path: Path, mtime_ns: int) -> bytes:
    """A static file gzip-compressed, once per version of the file (mtime_ns is part of the cache key)."""
    return gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
