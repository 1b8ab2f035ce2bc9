"""What CloudFormation and Lambda would refuse, found offline: `make deploy-check` (and tests/unit/test_deployable.py).

- the SAM-transformed template has no dependency cycle (Ref/GetAtt/Sub/DependsOn; linters miss some);
- every AWS operation a function's code makes is allowed by the role SAM gives it (policy templates expanded);
- cfn-lint;
- the layer installed for the Lambda platform imports every handler, and function + layer fit in 250 MB.
"""

from __future__ import annotations

import ast
import copy
import fnmatch
import os
import re
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
TEMPLATE = ROOT / "template.yaml"
REGION = "eu-west-3"


# ------------------------------------------------------------------ the SAM transform
class _NoManagedPolicies:  # the translator needs no AWS account for the policies we use
    def load(self) -> dict[str, str]:
        return {}

    def __getattr__(self, _: str) -> dict[str, str]:
        return {}


def transform(text: str | None = None) -> dict[str, Any]:
    """The template as CloudFormation receives it after `sam package` and the SAM transform."""
    from samtranslator.translator.transform import transform as sam_transform
    from samtranslator.yaml_helper import yaml_parse

    document = yaml_parse(text if text is not None else TEMPLATE.read_text())
    for resource in document["Resources"].values():  # what `sam package` does: local code -> S3
        props = resource.get("Properties", {})
        for key in ("CodeUri", "ContentUri"):
            if isinstance(props.get(key), str):
                props[key] = f"s3://artifacts/{props[key].strip('/')}.zip"
    previous = os.environ.get("AWS_DEFAULT_REGION")
    os.environ["AWS_DEFAULT_REGION"] = REGION
    try:
        return sam_transform(document, {}, _NoManagedPolicies())
    finally:
        if previous is None:
            os.environ.pop("AWS_DEFAULT_REGION", None)
        else:
            os.environ["AWS_DEFAULT_REGION"] = previous


@cache
def transformed() -> dict[str, Any]:
    return transform()


# ------------------------------------------------------------------ dependency cycles
_SUB_NAME = re.compile(r"\$\{([^}!][^}]*)\}")


def references(value: Any, local: frozenset[str] = frozenset()) -> set[str]:
    """Logical ids (and parameters) a property value depends on: Ref, GetAtt, Sub (string and list forms)."""
    found: set[str] = set()
    if isinstance(value, dict):
        for key, arg in value.items():
            if key == "Ref" and isinstance(arg, str):
                found.add(arg)
            elif key == "Fn::GetAtt":
                found.add(arg[0] if isinstance(arg, list) else str(arg).split(".", 1)[0])
            elif key == "Fn::Sub":
                text, variables = (arg, {}) if isinstance(arg, str) else (arg[0], arg[1] if len(arg) > 1 else {})
                for name in _SUB_NAME.findall(text):
                    name = name.split(".", 1)[0]
                    if name not in variables:
                        found.add(name)
                for sub_value in variables.values():
                    found |= references(sub_value)
            else:
                found |= references(arg)
    elif isinstance(value, list):
        for item in value:
            found |= references(item)
    return found - local


def dependency_graph(template: dict[str, Any]) -> dict[str, set[str]]:
    resources = template["Resources"]
    graph: dict[str, set[str]] = {}
    for name, resource in resources.items():
        depends = resource.get("DependsOn") or []
        depends = [depends] if isinstance(depends, str) else list(depends)
        edges = references({k: v for k, v in resource.items() if k not in ("DependsOn", "Type")}) | set(depends)
        graph[name] = {target for target in edges if target in resources and target != name} | (
            {name} if name in edges and name in resources else set())
    return graph


def dependency_cycles(template: dict[str, Any] | None = None) -> list[list[str]]:
    """Every strongly connected component with a cycle (Tarjan), each as a list of logical ids."""
    graph = dependency_graph(template if template is not None else transformed())
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[list[str]] = []
    counter = [0]
    sys.setrecursionlimit(max(10000, sys.getrecursionlimit()))

    def visit(node: str) -> None:
        index[node] = low[node] = counter[0]
        counter[0] += 1
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph[node]):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                item = stack.pop()
                on_stack.discard(item)
                component.append(item)
                if item == node:
                    break
            if len(component) > 1 or node in graph[node]:
                cycles.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return cycles


# ------------------------------------------------------------------ the calls each function makes
# Operations whose IAM authorization is another action (or several): the item-level actions of a transaction,
# the single-message actions of a batch, SESv2 under the `ses` prefix.
_ACTIONS = {
    ("dynamodb", "TransactWriteItems"): ["dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem",
                                         "dynamodb:ConditionCheckItem"],
    ("dynamodb", "TransactGetItems"): ["dynamodb:GetItem"],
    ("sqs", "SendMessageBatch"): ["sqs:SendMessage"],
    ("sqs", "DeleteMessageBatch"): ["sqs:DeleteMessage"],
    ("sqs", "ChangeMessageVisibilityBatch"): ["sqs:ChangeMessageVisibility"],
    ("sesv2", "SendBulkEmail"): ["ses:SendBulkEmail"],
}
_PREFIX = {"sesv2": "ses"}
# Code a function imports but cannot run, with the reason; narrow (function, module, service) keys only.
UNREACHABLE = {
    ("MetaFunction", "hromada.store.rate_limits", "dynamodb"): "only GET routes: the write limiter never runs",
    ("MetaFunction", "hromada.pseudonyms", "secretsmanager"): "only GET routes: the write limiter never runs",
    ("OutboxRelayFunction", "hromada.store.rate_limits", "dynamodb"):
        "no API route: no write guard is staged (hromada.api), so store.write_guards never spends one",
    ("MetaFunction", "hromada.staff_mfa", "cognito-idp"): "no signed-in route: no staff check runs",
    ("VotingClockFunction", "hromada.pseudonyms", "secretsmanager"):
        "keys.py names erased accounts by pseudonym for the write guard; the clock writes no such key",
    **{("FeedsFunction", module, service): "only public GET routes, reading: a read-only role" for module, service in (
        ("hromada.store.events", "dynamodb"), ("hromada.store.associations", "dynamodb"),
        ("hromada.store.guards", "dynamodb"), ("hromada.store.rate_limits", "dynamodb"),
        ("hromada.staff_mfa", "cognito-idp"), ("hromada.pseudonyms", "secretsmanager"))},
    ("OpenDataFunction", "hromada.store.rate_limits", "dynamodb"):
        "no API route: no write guard is staged (hromada.api), so store.write_guards never spends one",
    ("FiguresFunction", "hromada.store.rate_limits", "dynamodb"):
        "no API route: no write guard is staged (hromada.api), so store.write_guards never spends one",
    ("FiguresFunction", "hromada.store.guards", "dynamodb"): "the consumer only uses guards.transact",
    ("FiguresFunction", "hromada.store.paging", "dynamodb"):
        "the consumer only counts; the owners' Query (DynamoFigures.read) runs in AssociationsFunction",
}
# Client methods that are not AWS operations.
_NOT_OPERATIONS = {"can_paginate", "close", "generate_presigned_post", "generate_presigned_url", "get_paginator",
                   "get_waiter"}
# The template resource types holding what a service's calls act on (their Ref/GetAtt appear in the policy).
_RESOURCE_TYPES = {"dynamodb": {"AWS::DynamoDB::Table"}, "sqs": {"AWS::SQS::Queue"},
                   "secretsmanager": {"AWS::SecretsManager::Secret"}, "events": {"AWS::Events::EventBus"},
                   "cognito-idp": {"AWS::Cognito::UserPool"}, "sns": {"AWS::SNS::Topic"},
                   "scheduler": {"AWS::Scheduler::ScheduleGroup"}, "s3": {"AWS::S3::Bucket"}}


@cache
def _operations(service: str) -> dict[str, str]:
    """snake_case method name -> operation name, from botocore's model of the service."""
    import botocore.session
    from botocore import xform_name

    model = botocore.session.get_session().get_service_model(service)
    return {xform_name(name): name for name in model.operation_names}


@dataclass(frozen=True)
class Module:
    """What the check needs of one source file, read in one pass (shared by every function importing it)."""
    name: str
    path: Path
    imports: frozenset[str]  # hromada modules it imports, at any level
    clients: frozenset[str]  # services of the boto3 clients/resources it creates
    attributes: frozenset[str]  # attribute names it uses (called, or passed on as `call(client.get_item, ...)`)
    strings: frozenset[str]  # string constants (the environment variables it reads among them)


def _layer_roots() -> list[Path]:
    return [ROOT / "layers" / "common"]


@cache
def _module_path(name: str) -> Path | None:
    for root in _layer_roots():
        base = root.joinpath(*name.split("."))
        for candidate in (base.with_suffix(".py"), base / "__init__.py"):
            if candidate.is_file():
                return candidate
    return None


@cache
def _read(name: str, path: Path) -> Module:
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    imported: set[str] = set()
    clients: set[str] = set()
    attributes: set[str] = set()
    strings: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            imported |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                base = ".".join(parts[: len(parts) - node.level + 1] + ([base] if base else []))
            imported.add(base)
            imported |= {f"{base}.{alias.name}" for alias in node.names}
        elif isinstance(node, ast.Attribute):
            attributes.add(node.attr)
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            strings.add(node.value)
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.args
              and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)):
            if node.func.attr in ("client", "resource"):
                clients.add(node.args[0].value)
            elif node.func.attr == "get_paginator":
                attributes.add(node.args[0].value)
    modules = set()
    for dotted in imported:
        parts = dotted.split(".")
        if parts[0] != "hromada":
            continue
        for i in range(1, len(parts) + 1):  # importing hromada.a.b runs hromada/__init__ and hromada/a/__init__
            if _module_path(".".join(parts[:i])):
                modules.add(".".join(parts[:i]))
    return Module(name, path, frozenset(modules), frozenset(clients), frozenset(attributes), frozenset(strings))


@cache
def reachable_modules(function_dir: Path) -> list[Module]:
    """The handler and every module of the hromada package it imports, directly or not."""
    seen: dict[str, Module] = {}
    todo = [("app", function_dir / "app.py")]
    while todo:
        name, path = todo.pop()
        if name in seen:
            continue
        module = seen[name] = _read(name, path)
        todo += [(imported, _module_path(imported)) for imported in module.imports if imported not in seen]
    return list(seen.values())


@dataclass(frozen=True)
class Call:
    service: str
    operation: str
    modules: tuple[str, ...]

    @property
    def actions(self) -> list[str]:
        return _ACTIONS.get((self.service, self.operation),
                            [f"{_PREFIX.get(self.service, self.service)}:{self.operation}"])


def static_calls(function_dir: Path) -> list[Call]:
    """The AWS operations a function's code can make: attributes named after an operation of a service whose
    client is created in the code the handler imports (following imports from app.py into the hromada package).
    Deterministic and offline; a call built from a string (getattr) would escape it."""
    modules = reachable_modules(function_dir)
    services = set().union(*(m.clients for m in modules))
    where: dict[tuple[str, str], set[str]] = {}
    for module in modules:
        for method in module.attributes - _NOT_OPERATIONS:
            for service in services:
                operation = _operations(service).get(method)
                if operation:
                    where.setdefault((service, operation), set()).add(module.name)
    return [Call(service, operation, tuple(sorted(names))) for (service, operation), names in sorted(where.items())]


def env_strings(function_dir: Path, modules: tuple[str, ...]) -> set[str]:
    """String constants (the environment variables read among them) of the modules making a call, plus settings."""
    return set().union(*(m.strings for m in reachable_modules(function_dir)
                         if m.name in modules or m.name == "hromada.settings"))


# ------------------------------------------------------------------ what the role allows
@dataclass(frozen=True)
class Grant:
    actions: tuple[str, ...]
    resources: tuple[Any, ...]
    condition: Any


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def role_grants(template: dict[str, Any], function: str) -> list[Grant]:
    """The Allow statements of the function's execution role (inline policies and managed ones we can read)."""
    resources = template["Resources"]
    role = resources[function]["Properties"]["Role"]
    role_name = role["Fn::GetAtt"][0] if isinstance(role, dict) and "Fn::GetAtt" in role else None
    if role_name is None:
        return []
    props = resources[role_name]["Properties"]
    grants = []
    for policy in props.get("Policies") or []:
        for statement in _as_list(policy["PolicyDocument"].get("Statement", [])):
            if statement.get("Effect") != "Allow":
                continue
            grants.append(Grant(tuple(_as_list(statement.get("Action", []))),
                                tuple(_as_list(statement.get("Resource", []))), statement.get("Condition")))
    managed = [str(arn) for arn in props.get("ManagedPolicyArns") or []]
    for arn in managed:  # the managed policies SAM attaches by itself: logs, X-Ray
        if arn.endswith("AWSLambdaBasicExecutionRole") or "AWSXrayWriteOnlyAccess" in arn:
            grants.append(Grant(("logs:*", "xray:*"), ("*",), None))
    return grants


def _allows(grant: Grant, action: str) -> bool:
    return any(fnmatch.fnmatchcase(action.lower(), pattern.lower()) for pattern in grant.actions)


def _names(resource: Any) -> set[str]:
    return {"*"} if resource == "*" else references(resource)


@dataclass(frozen=True)
class Finding:
    function: str
    action: str
    resource: str
    call: Call

    def __str__(self) -> str:
        return (f"{self.function}: {self.call.service}.{self.call.operation} needs {self.action} on {self.resource} "
                f"(called in {', '.join(self.call.modules)})")


def functions(template: dict[str, Any]) -> dict[str, Path]:
    """Logical id of each Lambda function -> its code directory (the artifact key `sam package` gave it)."""
    found = {}
    for name, res in template["Resources"].items():
        if res["Type"] == "AWS::Lambda::Function":
            key = str(res["Properties"]["Code"]["S3Key"]).removesuffix(".zip")
            found[name] = ROOT / key
    return found


def needed_resources(template: dict[str, Any], function: str, service: str, strings: set[str]) -> list[str]:
    """Template resources of the service's type that the function's environment names and the calling code reads.
    None: the function is given no such resource, so the code path cannot run there (e.g. the planner imports the
    link signer for its web address only)."""
    types = _RESOURCE_TYPES.get(service)
    if not types:
        return ["*"]
    env = (template["Resources"][function]["Properties"].get("Environment") or {}).get("Variables") or {}
    found = []
    for variable, value in env.items():
        if variable not in strings:
            continue
        for name in references(value):
            resource = template["Resources"].get(name)
            if resource and resource["Type"] in types:
                found.append(name)
    return sorted(set(found))


def iam_findings(template: dict[str, Any] | None = None) -> list[Finding]:
    template = template if template is not None else transformed()
    findings = []
    for function, code in functions(template).items():
        grants = role_grants(template, function)
        for call in static_calls(code):
            modules = tuple(m for m in call.modules if (function, m, call.service) not in UNREACHABLE)
            if not modules:
                continue
            call = Call(call.service, call.operation, modules)
            strings = env_strings(code, call.modules)
            for action in call.actions:
                for resource in needed_resources(template, function, call.service, strings):
                    if not any(_allows(grant, action) and (resource == "*" or any(
                            "*" in _names(r) or resource in _names(r) for r in grant.resources))
                            for grant in grants):
                        findings.append(Finding(function, action, resource, call))
    return findings


def recorded_findings(recorded: dict[str, dict[tuple[str, str], set[str]]], physical: dict[str, str],
                      template: dict[str, Any] | None = None) -> list[str]:
    """The calls functions made on the local stack (infra/calls.py) that their roles would not allow. Resources
    are the template's, found back from the physical ids the local stack gave them (table name, queue URL...)."""
    template = template if template is not None else transformed()
    logical = {str(value): name for name, value in physical.items()}
    problems = []
    for function, calls in sorted(recorded.items()):
        grants = role_grants(template, function)
        for (service, operation), identifiers in sorted(calls.items()):
            call = Call(service, operation, ("recorded",))
            resources = sorted({logical[i] for i in identifiers if i in logical}) or ["*"]
            for action in call.actions:
                for resource in resources:
                    if not any(_allows(grant, action) and (resource == "*" or any(
                            "*" in _names(r) or resource in _names(r) for r in grant.resources)) for grant in grants):
                        problems.append(f"{function}: {service}.{operation} (recorded) needs {action} on {resource}")
    return problems


def calls_by_function(template: dict[str, Any] | None = None) -> dict[str, list[Call]]:
    template = template if template is not None else transformed()
    return {function: static_calls(code) for function, code in functions(template).items()}


def deep_copy(template: dict[str, Any]) -> dict[str, Any]:
    return copy.deepcopy(template)


# ------------------------------------------------------------------ the layer, as Lambda's python3.12 gets it
LAMBDA_PYTHON = "3.12"
# python3.12 runs on Amazon Linux 2023 (glibc 2.34): manylinux_2_28 wheels load there (Pillow 13 ships no other).
LAMBDA_PLATFORM = "manylinux_2_28_x86_64"
_OLDER_PLATFORMS = ("manylinux2014_x86_64",)
UNZIPPED_LIMIT = 250 * 1024 * 1024  # function + all its layers, unzipped
LAYER = ROOT / "layers" / "common"
CACHE = ROOT / ".hromada" / "deploy-check"


def layer_dependencies() -> Path:
    """The layer's requirements installed for Lambda's platform (binary wheels only), cached by their hash."""
    import hashlib
    import shutil
    import subprocess
    import tempfile

    requirements = LAYER / "requirements.txt"
    digest = hashlib.sha256(requirements.read_bytes() + LAMBDA_PLATFORM.encode() + LAMBDA_PYTHON.encode())
    target = CACHE / f"layer-{digest.hexdigest()[:16]}"
    if target.is_dir():
        return target
    CACHE.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(dir=CACHE))
    platforms = [arg for platform in (LAMBDA_PLATFORM, *_OLDER_PLATFORMS) for arg in ("--platform", platform)]
    done = subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--disable-pip-version-check", "--no-compile",
                    *platforms, "--implementation", "cp", "--python-version", LAMBDA_PYTHON,
                    "--only-binary=:all:", "-r", str(requirements), "-t", str(work)], capture_output=True, text=True)
    if done.returncode:
        shutil.rmtree(work, ignore_errors=True)
        raise RuntimeError(f"pip could not install the layer for Lambda:\n{done.stderr[-3000:]}")
    for old in CACHE.glob("layer-*"):  # installs of older requirements
        if old != target:
            shutil.rmtree(old, ignore_errors=True)
    try:
        work.rename(target)
    except OSError:  # another test worker finished first: same requirements, same result
        shutil.rmtree(work, ignore_errors=True)
    return target


def wheel_tags(dependencies: Path) -> dict[str, list[str]]:
    """Distribution -> the tags of the wheel pip chose (from each .dist-info/WHEEL)."""
    found = {}
    for wheel in dependencies.glob("*.dist-info/WHEEL"):
        tags = [line.split(":", 1)[1].strip() for line in wheel.read_text().splitlines() if line.startswith("Tag:")]
        found[wheel.parent.name.split("-")[0]] = tags
    return found


def foreign_wheels(dependencies: Path) -> dict[str, list[str]]:
    """Wheels Lambda's python3.12 on x86_64 could not load (pure wheels and cp312/abi3 manylinux x86_64 can)."""
    cpython = f"cp{LAMBDA_PYTHON.replace('.', '')}"

    def fits(tag: str) -> bool:
        python, abi, platform = tag.split("-")
        pure = platform == "any" and abi == "none" and python.startswith("py3")
        native = ("x86_64" in platform and "manylinux" in platform
                  and (python == cpython or (abi == "abi3" and python.startswith("cp3"))))
        return pure or native

    return {name: tags for name, tags in wheel_tags(dependencies).items() if not any(fits(t) for t in tags)}


def lambda_interpreter() -> str | None:
    """A python3.12 on this machine (on PATH or under pyenv), or None."""
    import glob
    import shutil
    import subprocess

    candidates = [shutil.which(f"python{LAMBDA_PYTHON}") or "", *sorted(glob.glob(
        os.path.expanduser(f"~/.pyenv/versions/{LAMBDA_PYTHON}*/bin/python{LAMBDA_PYTHON}")))]
    for candidate in candidates:
        if candidate and subprocess.run([candidate, "-c", "import sys"], capture_output=True).returncode == 0:
            return candidate
    return None


_IMPORT_EVERY_HANDLER = """
import importlib.util, json, os, sys
layer, dependencies, functions = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
sys.path[:0] = [layer, dependencies]
failed = {}
for name, folder in functions.items():
    sys.path.insert(0, folder)
    try:
        spec = importlib.util.spec_from_file_location("app_" + name, os.path.join(folder, "app.py"))
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        assert callable(module.lambda_handler), "no lambda_handler"
    except BaseException as error:
        failed[name] = f"{type(error).__name__}: {error}"
    finally:
        sys.path.remove(folder)
print(json.dumps({"failed": failed, "version": sys.version.split()[0],
                  "outside": sorted({m.__file__.split("/site-packages/")[0] for m in list(sys.modules.values())
                                     if "site-packages" in (getattr(m, "__file__", "") or "")
                                     and not (getattr(m, "__file__", "") or "").startswith(dependencies)})}))
"""


def import_handlers(dependencies: Path, interpreter: str) -> dict[str, Any]:
    """Every handler imported in a clean interpreter (-I -S: no site-packages, no user paths, no PYTHONPATH)
    whose only extra paths are the layer (hromada + its dependencies) and the function's own folder."""
    import json
    import subprocess

    folders = {name: str(ROOT / "functions" / folder.name) for name, folder in functions(transformed()).items()}
    env = {"PATH": os.environ.get("PATH", ""), "AWS_DEFAULT_REGION": REGION, "AWS_REGION": REGION,
           "TABLE_NAME": "check", "POWERTOOLS_SERVICE_NAME": "check", "POWERTOOLS_TRACE_DISABLED": "true",
           "AWS_ACCESS_KEY_ID": "check", "AWS_SECRET_ACCESS_KEY": "check"}
    done = subprocess.run([interpreter, "-I", "-S", "-c", _IMPORT_EVERY_HANDLER, str(LAYER), str(dependencies),
                           json.dumps(folders)], capture_output=True, text=True, env=env, timeout=300)
    if done.returncode:
        raise RuntimeError(done.stderr[-2000:])
    return json.loads(done.stdout.strip().splitlines()[-1])


def _size(path: Path) -> int:
    if path.is_file():
        return path.stat().st_size
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and "__pycache__" not in p.parts)


def unzipped_sizes(dependencies: Path) -> dict[str, int]:
    """Function -> its code plus the layer (hromada and its dependencies), unzipped, in bytes."""
    layer = _size(dependencies) + _size(LAYER / "hromada") + _size(LAYER / "requirements.txt")
    return {name: _size(folder) + layer for name, folder in functions(transformed()).items()}


def cfn_lint_problems() -> list[str]:
    from cfnlint.api import ManualArgs, lint

    matches = lint(TEMPLATE.read_text(), config=ManualArgs(regions=["eu-west-3", "eu-west-1", "eu-central-1"]))
    return [str(m) for m in matches if m.rule.severity in ("error", "warning")]


def main() -> int:
    failures = 0

    def report(title: str, problems: list[str]) -> None:
        nonlocal failures
        failures += bool(problems)
        print(f"{'FAIL' if problems else 'ok  '} {title}")
        for problem in problems:
            print(f"     {problem}")

    report("SAM transform: no dependency cycle", [" -> ".join(c) for c in dependency_cycles()])
    report("every AWS call a function makes is allowed by its role", [str(f) for f in iam_findings()])
    report("cfn-lint", cfn_lint_problems())
    dependencies = layer_dependencies()
    report(f"layer wheels for python{LAMBDA_PYTHON} {LAMBDA_PLATFORM}",
           [f"{name}: {tags}" for name, tags in foreign_wheels(dependencies).items()])
    interpreter = lambda_interpreter()
    if interpreter:
        result = import_handlers(dependencies, interpreter)
        report(f"every handler imports from the layer alone (python {result['version']}, -I -S)",
               [f"{name}: {error}" for name, error in result["failed"].items()]
               + [f"imported from outside the layer: {path}" for path in result["outside"]])
    else:
        print(f"skip handler imports: no python{LAMBDA_PYTHON} here (the wheel tags above were checked; "
              f"cp312 builds cannot load in another version)")
    sizes = unzipped_sizes(dependencies)
    for name, size in sorted(sizes.items()):
        print(f"     {name:<24} {size / 1024 / 1024:7.1f} MB unzipped (function + layer; limit 250 MB)")
    report("function + layer within Lambda's 250 MB", [n for n, s in sizes.items() if s > UNZIPPED_LIMIT])
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
