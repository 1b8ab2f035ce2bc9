"""Read template.yaml (cfn-lint's decoder) and resolve the intrinsics the local stack needs."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from cfnlint.decode import decode

ROOT = Path(__file__).resolve().parents[1]
TEMPLATE = ROOT / "template.yaml"
# The template's required parameters, for local stacks only (a deployment sets its own: samconfig.toml).
LOCAL_PARAMETERS = {"MailDomain": "hromada.example", "MailFrom": "Hromada <nouvelles@hromada.example>",
                    "PublicWebUrl": "https://hromada.example"}


@dataclass(frozen=True)
class Route:
    method: str  # upper case, or ANY
    path: str  # as in the template: /associations/{id}
    function: str  # logical id
    authorizer: str | None  # None: public

    @property
    def key(self) -> str:
        return f"{self.method} {self.path}"


@dataclass(frozen=True)
class JwtAuthorizer:
    name: str
    issuer: str
    audience: tuple[str, ...]
    identity_source: str


@dataclass
class Template:
    """The parsed template plus the physical ids the local stack has given its resources."""

    path: Path = TEMPLATE
    stack_name: str = "hromada-local"
    region: str = "eu-west-3"
    account_id: str = "123456789012"
    overrides: dict[str, str] = field(default_factory=dict)  # like `sam deploy --parameter-overrides`
    physical: dict[str, str] = field(default_factory=dict)
    attributes: dict[str, dict[str, str]] = field(default_factory=dict)

    @cached_property
    def raw(self) -> dict[str, Any]:
        data, errors = decode(str(self.path))
        if errors or data is None:
            raise ValueError(f"cannot parse {self.path}: {errors}")
        return data

    @property
    def resources(self) -> dict[str, dict[str, Any]]:
        return self.raw["Resources"]

    def of_type(self, resource_type: str) -> dict[str, dict[str, Any]]:
        return {name: res for name, res in self.resources.items() if res["Type"] == resource_type}

    def parameters(self) -> dict[str, Any]:
        declared = self.raw.get("Parameters", {})
        unknown = set(self.overrides) - set(declared)
        if unknown:
            raise ValueError(f"unknown template parameters: {sorted(unknown)}")
        return {name: self.overrides.get(name, spec.get("Default")) for name, spec in declared.items()}

    # --------------------------------------------------------- intrinsics
    def resolve(self, value: Any) -> Any:
        if isinstance(value, dict):
            if len(value) == 1:
                (key, arg), = value.items()
                if key == "Ref":
                    return self._ref(arg)
                if key == "Fn::Sub":
                    return self._sub(arg)
                if key == "Fn::GetAtt":
                    name, attr = arg if isinstance(arg, list) else arg.split(".", 1)
                    return self.attributes.get(name, {}).get(attr, f"{self._ref(name)}.{attr}")
                if key == "Fn::Join":
                    sep, parts = arg
                    return sep.join(str(self.resolve(p)) for p in parts)
                if key == "Fn::If":
                    condition, when_true, when_false = arg
                    return self.resolve(when_true if self.condition(condition) else when_false)
            return {k: self.resolve(v) for k, v in value.items()}
        if isinstance(value, list):
            return [self.resolve(v) for v in value]
        return value

    def condition(self, name: str) -> bool:
        return bool(self._evaluate(self.raw.get("Conditions", {})[name]))

    def _evaluate(self, value: Any) -> Any:
        if isinstance(value, dict) and len(value) == 1:
            (key, arg), = value.items()
            if key == "Fn::Equals":
                return str(self._evaluate(arg[0])) == str(self._evaluate(arg[1]))
            if key == "Fn::Not":
                return not self._evaluate(arg[0])
            if key == "Fn::And":
                return all(self._evaluate(a) for a in arg)
            if key == "Fn::Or":
                return any(self._evaluate(a) for a in arg)
            if key == "Condition":
                return self.condition(arg)
        return self.resolve(value)

    def _ref(self, name: str) -> Any:
        pseudo = {"AWS::Region": self.region, "AWS::StackName": self.stack_name,
                  "AWS::AccountId": self.account_id, "AWS::Partition": "aws", "AWS::URLSuffix": "amazonaws.com"}
        if name in pseudo:
            return pseudo[name]
        params = self.parameters()
        if name in params:
            default = params[name]
            spec = self.raw["Parameters"][name]
            if spec.get("Type") == "CommaDelimitedList" and isinstance(default, str):
                return [part.strip() for part in default.split(",")]
            return default
        return self.physical.get(name, f"{self.stack_name}-{name}")

    def _sub(self, arg: Any) -> str:
        text, variables = (arg, {}) if isinstance(arg, str) else (arg[0], arg[1])

        def replace(match: re.Match[str]) -> str:
            name = match.group(1)
            if name in variables:
                return str(self.resolve(variables[name]))
            if "." in name:
                return str(self.resolve({"Fn::GetAtt": name.split(".", 1)}))
            return str(self._ref(name))

        return re.sub(r"\$\{([^}!]+)\}", replace, text)

    # --------------------------------------------------------- the HTTP API
    def routes(self) -> list[Route]:
        apis = self.of_type("AWS::Serverless::HttpApi")
        default_auth = {name: (api.get("Properties", {}).get("Auth") or {}).get("DefaultAuthorizer")
                        for name, api in apis.items()}
        found = []
        for name, function in self.of_type("AWS::Serverless::Function").items():
            for event in (function.get("Properties", {}).get("Events") or {}).values():
                if event.get("Type") != "HttpApi":
                    continue
                props = event.get("Properties") or {}
                api_ref = props.get("ApiId", {}).get("Ref") if isinstance(props.get("ApiId"), dict) else None
                authorizer = (props.get("Auth") or {}).get("Authorizer") or default_auth.get(api_ref or "")
                found.append(Route(method=str(props.get("Method", "ANY")).upper(), path=str(props["Path"]),
                                   function=name, authorizer=None if authorizer == "NONE" else authorizer))
        return found

    def jwt_authorizers(self) -> dict[str, JwtAuthorizer]:
        found = {}
        for api in self.of_type("AWS::Serverless::HttpApi").values():
            auth = api.get("Properties", {}).get("Auth") or {}
            for name, spec in (auth.get("Authorizers") or {}).items():
                jwt = self.resolve(spec.get("JwtConfiguration") or {})
                found[name] = JwtAuthorizer(name=name, issuer=jwt["issuer"], audience=tuple(jwt["audience"]),
                                            identity_source=spec.get("IdentitySource",
                                                                     "$request.header.Authorization"))
        return found

    def cors(self) -> dict[str, Any]:
        for api in self.of_type("AWS::Serverless::HttpApi").values():
            return self.resolve(api.get("Properties", {}).get("CorsConfiguration") or {})
        return {}

    def web_cors(self) -> list[tuple[str, dict[str, Any]]]:
        """(path pattern, CORS rule) of the web distribution's behaviours whose response headers policy has one,
        in the HttpApi's CorsConfiguration shape, so the local gateway serves web/ as CloudFront does."""
        found = []
        for distribution in self.of_type("AWS::CloudFront::Distribution").values():
            config = distribution.get("Properties", {}).get("DistributionConfig") or {}
            for behaviour in config.get("CacheBehaviors") or []:
                policy = (behaviour.get("ResponseHeadersPolicyId") or {}).get("Ref")
                props = (self.resources.get(policy) or {}).get("Properties", {})
                cors = (props.get("ResponseHeadersPolicyConfig") or {}).get("CorsConfig")
                if cors:
                    found.append((behaviour["PathPattern"], {
                        "AllowOrigins": cors["AccessControlAllowOrigins"]["Items"],
                        "AllowMethods": cors["AccessControlAllowMethods"]["Items"],
                        "AllowHeaders": cors["AccessControlAllowHeaders"]["Items"],
                        "AllowCredentials": cors.get("AccessControlAllowCredentials", False),
                        "MaxAge": cors.get("AccessControlMaxAgeSec", 0)}))
        return found

    # --------------------------------------------------------- functions
    def function_environment(self, name: str) -> dict[str, str]:
        globals_env = ((self.raw.get("Globals", {}).get("Function") or {}).get("Environment") or {})
        own_env = (self.resources[name].get("Properties", {}).get("Environment") or {})
        merged = dict(globals_env.get("Variables") or {}) | dict(own_env.get("Variables") or {})
        return {k: str(self.resolve(v)) for k, v in merged.items()}

    def function_code(self, name: str) -> tuple[Path, str]:
        props = self.resources[name].get("Properties", {})
        handler = props.get("Handler") or (self.raw.get("Globals", {}).get("Function") or {}).get("Handler")
        module, _, attr = str(handler).rpartition(".")
        return ROOT / str(props["CodeUri"]) / f"{module}.py", attr

    def layer_paths(self) -> list[Path]:
        return [ROOT / str(layer["Properties"]["ContentUri"])
                for layer in self.of_type("AWS::Serverless::LayerVersion").values()]


def parse_overrides(text: str | None) -> dict[str, str]:
    """`Name=value Other=value`, as `sam deploy --parameter-overrides` takes them."""
    return dict(part.split("=", 1) for part in (text or "").split() if "=" in part)
