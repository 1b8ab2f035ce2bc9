"""One configuration (hromada.settings) and one AWS client factory (hromada.clients), and template.yaml giving each
function every variable its code needs: read statically, so a variable missing in AWS is caught before a deploy."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from hromada.settings import InvalidSetting, MissingSetting, Settings, get_settings, running_with
from infra.template import LOCAL_PARAMETERS, ROOT, Template

LAYER = ROOT / "layers" / "common"
SETTINGS = LAYER / "hromada" / "settings.py"
CLIENTS = LAYER / "hromada" / "clients.py"
# What Lambda gives every function by itself (reserved variables), whatever the template says.
LAMBDA_RUNTIME = {"AWS_REGION", "AWS_DEFAULT_REGION"}
# Variables of the template read by libraries themselves, not by our code.
READ_BY_LIBRARIES = {"POWERTOOLS_SERVICE_NAME", "POWERTOOLS_LOG_LEVEL", "PYDANTIC_DISABLE_PLUGINS"}


def _sources() -> Iterator[Path]:
    for folder in (ROOT / "layers", ROOT / "functions"):
        yield from sorted(p for p in folder.rglob("*.py") if "__pycache__" not in p.parts)


def _parse(path: Path) -> ast.Module:
    return ast.parse(path.read_text(), filename=str(path))


# ------------------------------------------------------------------ (a) the environment is read in settings.py only
def environment_reads(tree: ast.Module) -> list[int]:
    """Lines reading the process environment: os.environ, os.getenv (however os is imported or renamed)."""
    os_names = {"os"}
    lines = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            os_names |= {alias.asname or alias.name for alias in node.names if alias.name == "os"}
        elif isinstance(node, ast.ImportFrom) and node.module == "os" and any(
                alias.name in ("environ", "environb", "getenv", "getenvb") for alias in node.names):
            lines.append(node.lineno)
    for node in ast.walk(tree):
        if (isinstance(node, ast.Attribute) and node.attr in ("environ", "environb", "getenv", "getenvb")
                and isinstance(node.value, ast.Name) and node.value.id in os_names):
            lines.append(node.lineno)
    return sorted(lines)


def test_only_the_settings_read_the_environment():
    found = {str(path.relative_to(ROOT)): lines for path in _sources() if path != SETTINGS
             if (lines := environment_reads(_parse(path)))}
    assert found == {}, "read the variable through hromada.settings.get_settings()"
    assert environment_reads(_parse(SETTINGS))  # the check sees a read where there is one


def test_the_environment_check_sees_every_spelling():
    for source in ("import os\nos.environ['X']", "import os\nos.getenv('X')", "import os as o\no.environ.get('X')",
                   "from os import environ", "from os import getenv as g", "def f():\n    import os\n    os.environ"):
        assert environment_reads(ast.parse(source)), source
    assert not environment_reads(ast.parse("import os\nos.path.join('a')"))


# ------------------------------------------------------------------ (b) clients are made in clients.py only
MAKERS = ("client", "resource", "Session", "session", "setup_default_session")


def client_constructions(tree: ast.Module) -> list[int]:
    """Lines making a boto3 client, resource or session, or importing those makers (boto3's helpers, such as
    its DynamoDB type serializer, are fine)."""
    boto3_names = {"boto3"}
    lines = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            boto3_names |= {alias.asname or alias.name for alias in node.names if alias.name == "boto3"}
        elif isinstance(node, ast.ImportFrom) and (node.module == "boto3.session" or (node.module == "boto3" and any(
                alias.name in MAKERS for alias in node.names))):
            lines.append(node.lineno)
    for node in ast.walk(tree):
        if (isinstance(node, ast.Attribute) and node.attr in MAKERS
                and isinstance(node.value, ast.Name) and node.value.id in boto3_names):
            lines.append(node.lineno)
    return sorted(lines)


def factory_calls(tree: ast.Module) -> list[tuple[int, str]]:
    """`clients.client(...)` calls whose service is not a string constant, and the factory imported by name
    (infra/deploycheck.py finds the services a function reaches by reading `<x>.client("service")`)."""
    problems = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == "hromada.clients":
            problems.append((node.lineno, "import the module: `from hromada import clients`"))
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "client"
              and isinstance(node.func.value, ast.Name) and node.func.value.id == "clients"
              and not (node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str))):
            problems.append((node.lineno, "name the service with a string"))
    return problems


def test_only_the_factory_makes_aws_clients():
    found = {str(path.relative_to(ROOT)): lines for path in _sources() if path != CLIENTS
             if (lines := client_constructions(_parse(path)))}
    assert found == {}, "use hromada.clients.client(service)"
    assert client_constructions(_parse(CLIENTS))  # the check sees the factory's own call
    calls = {str(path.relative_to(ROOT)): problems for path in _sources() if (problems := factory_calls(_parse(path)))}
    assert calls == {}


def test_the_client_check_sees_every_spelling():
    for source in ("import boto3\nboto3.client('s3')", "import boto3 as b\nb.resource('dynamodb')",
                   "from boto3 import client", "from boto3.session import Session", "import boto3\nboto3.Session()"):
        assert client_constructions(ast.parse(source)), source
    assert factory_calls(ast.parse("from hromada.clients import client"))
    assert factory_calls(ast.parse("clients.client(name)"))
    assert not factory_calls(ast.parse("clients.client('sqs')"))
    assert not client_constructions(ast.parse("from boto3.dynamodb.types import TypeSerializer"))


def test_the_factory_gives_one_client_per_service_with_its_timeouts(monkeypatch):
    from hromada import clients

    monkeypatch.setenv("AWS_REGION", "eu-west-3")
    get_settings.cache_clear()
    clients.reset()
    try:
        table = clients.client("dynamodb")
        assert clients.client("dynamodb") is table and clients.client("sqs") is not table
        assert table.meta.region_name == "eu-west-3"
        config = table.meta.config
        assert (config.connect_timeout, config.read_timeout) == (2, 5)
        assert config.retries == {"total_max_attempts": 4, "mode": "standard"}  # 3 retries
        for service in ("sesv2", "s3", "sqs"):
            assert clients.client(service).meta.config.read_timeout == 10
        assert clients.client("s3").meta.config.signature_version == "s3v4"
        monkeypatch.delenv("AWS_REGION")
        monkeypatch.delenv("AWS_DEFAULT_REGION", raising=False)
        get_settings.cache_clear()
        with pytest.raises(MissingSetting, match="AWS_REGION"):
            clients.client("dynamodb")  # no region guessed
    finally:
        clients.reset()
        get_settings.cache_clear()


# ------------------------------------------------------------------ the settings themselves
def test_deployment_values_have_no_default_and_say_which_variable_is_missing():
    settings = Settings.from_environ({})
    for name, variable in Settings.variables().items():
        if variable.required:
            with pytest.raises(MissingSetting) as missing:
                getattr(settings, name)
            assert missing.value.variable == variable.name and variable.name in str(missing.value)
    assert {"table_name", "region", "mail_from", "public_web_url", "mail_queue_url"} <= {
        name for name, variable in Settings.variables().items() if variable.required}
    with pytest.raises(MissingSetting, match="TABLE_NAME"):
        settings.require("table_name")
    assert Settings.from_environ({"TABLE_NAME": " "}).is_set("table_name") is False  # blank is not a value


def test_knobs_keep_their_documented_defaults_and_numbers_are_checked():
    settings = Settings.from_environ({"MAX_BODY_BYTES": "1024", "MAIL_RETRY_BASE_SECONDS": "0"})
    assert (settings.max_body_bytes, settings.mail_retry_base_seconds, settings.flags_to_hide) == (1024, 0.0, 3)
    assert settings.writes_per_minute_per_user == 60 and settings.form_mails_per_webmail_hour == 2000
    for variable, value in (("MAX_BODY_BYTES", "64k"), ("FLAGS_TO_HIDE", "0"), ("MAIL_MAX_CONCURRENCY", "-1"),
                            ("MAIL_RETRY_BASE_SECONDS", "soon"), ("MAIL_RETRY_BASE_SECONDS", "nan")):
        with pytest.raises(InvalidSetting, match=variable):
            Settings.from_environ({variable: value})


def test_an_empty_api_url_means_the_request_domain_but_an_absent_one_is_missing():
    assert Settings.from_environ({"PUBLIC_API_URL": ""}).public_api_url == ""
    assert Settings.from_environ({"PUBLIC_API_URL": "https://api.example.org/"}).public_api_url == \
        "https://api.example.org"
    with pytest.raises(MissingSetting, match="PUBLIC_API_URL"):
        _ = Settings.from_environ({}).public_api_url


def test_the_region_is_lambdas_own_variable():
    assert Settings.from_environ({"AWS_REGION": "eu-west-3", "AWS_DEFAULT_REGION": "x"}).region == "eu-west-3"
    assert Settings.from_environ({"AWS_DEFAULT_REGION": "eu-west-1"}).region == "eu-west-1"


def test_settings_are_read_once_until_the_cache_is_cleared(monkeypatch):
    monkeypatch.setenv("TABLE_NAME", "first")
    get_settings.cache_clear()
    try:
        assert get_settings().table_name == "first"
        monkeypatch.setenv("TABLE_NAME", "second")
        assert get_settings().table_name == "first"  # once per cold start
        get_settings.cache_clear()
        assert get_settings().table_name == "second"
    finally:
        get_settings.cache_clear()


def test_an_invocation_can_run_with_settings_of_its_own_without_touching_others():
    """How the local stack runs each function with its own environment in one multithreaded process."""
    import threading

    own = Settings.from_environ({"TABLE_NAME": "own"})
    seen: dict[str, object] = {}
    inside = threading.Event()
    leave = threading.Event()

    def invocation() -> None:
        with running_with(own):
            seen["inside"] = get_settings().table_name
            inside.set()
            leave.wait(5)
        seen["after"] = get_settings() is not own

    thread = threading.Thread(target=invocation)
    thread.start()
    inside.wait(5)
    seen["other thread"] = get_settings() is not own  # the other threads keep the process's settings
    leave.set()
    thread.join(5)
    assert seen == {"inside": "own", "other thread": True, "after": True}


# ------------------------------------------------------------------ (c) template.yaml gives what the code reads
@dataclass
class Unit:
    """A top-level function or class, a method, or a module's own top-level code."""
    refs: set[str] = field(default_factory=set)  # names used
    attributes: set[str] = field(default_factory=set)  # attribute names used (x.name)
    imports: dict[str, tuple[str, str | None]] = field(default_factory=dict)  # alias -> (module, name or None)
    reads: set[str] = field(default_factory=set)  # settings fields read
    unclear: list[int] = field(default_factory=list)  # lines using settings in a way not followed here
    is_class: bool = False


MODULE = "<module>"


def _module_path(name: str) -> Path | None:
    base = LAYER.joinpath(*name.split("."))
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


class CodeReader:
    """Which settings each function's code reads, followed from its handler module through the names it uses
    (functions, classes, methods by name) into the hromada package: precise enough that a module the function
    imports for one helper does not count with all it could do."""

    def __init__(self) -> None:
        self.fields = Settings.variables()
        self.modules: dict[str, dict[str, Unit]] = {}

    def units(self, module: str, path: Path) -> dict[str, Unit]:
        if module not in self.modules:
            self.modules[module] = self._read(module, path)
        return self.modules[module]

    def _read(self, module: str, path: Path) -> dict[str, Unit]:
        package = module if path.name == "__init__.py" else module.rpartition(".")[0]
        tree = _parse(path)
        units = {MODULE: Unit()}
        for node in tree.body:
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                units[node.name] = self._unit(node, package)
            elif isinstance(node, ast.ClassDef):
                body = [n for n in node.body if not isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)]
                units[node.name] = self._unit(ast.Module(body=[*node.bases, *node.decorator_list, *body],
                                                         type_ignores=[]), package)
                units[node.name].is_class = True
                for method in node.body:
                    if isinstance(method, ast.FunctionDef | ast.AsyncFunctionDef):
                        units[f"{node.name}.{method.name}"] = self._unit(method, package)
            else:
                self._into(units[MODULE], node, package)
        top_imports = units[MODULE].imports
        for unit in units.values():  # module-level imports are seen from everywhere in the module
            unit.imports = top_imports | unit.imports
        return units

    def _unit(self, node: ast.AST, package: str) -> Unit:
        unit = Unit()
        self._into(unit, node, package)
        return unit

    def _into(self, unit: Unit, node: ast.AST, package: str) -> None:
        bound = set()  # names given get_settings()'s result in this unit
        followed: set[int] = set()  # get_settings() calls whose use is understood
        for sub in ast.walk(node):
            if isinstance(sub, ast.Assign) and _is_get_settings(sub.value) and all(
                    isinstance(t, ast.Name) for t in sub.targets):
                bound |= {t.id for t in sub.targets if isinstance(t, ast.Name)}
                followed.add(id(sub.value))
        for sub in ast.walk(node):
            if isinstance(sub, ast.Import):
                for alias in sub.names:
                    if alias.asname:
                        unit.imports[alias.asname] = (alias.name, None)
                    else:
                        unit.imports[alias.name.split(".")[0]] = (alias.name.split(".")[0], None)
                        unit.refs.add(alias.name)  # importing a.b.c runs each of them
                        unit.imports[alias.name] = (alias.name, None)
            elif isinstance(sub, ast.ImportFrom):
                base = sub.module or ""
                if sub.level:
                    parts = package.split(".")
                    base = ".".join(parts[: len(parts) - sub.level + 1] + ([base] if base else []))
                for alias in sub.names:
                    target = f"{base}.{alias.name}"
                    unit.imports[alias.asname or alias.name] = (target, None) if _module_path(target) else (
                        base, alias.name)
            elif isinstance(sub, ast.Name):
                unit.refs.add(sub.id)
            elif isinstance(sub, ast.Attribute):
                unit.attributes.add(sub.attr)
                if isinstance(sub.value, ast.Name):
                    unit.refs.add(f"{sub.value.id}.{sub.attr}")
                if sub.attr in self.fields and (_is_get_settings(sub.value) or (
                        isinstance(sub.value, ast.Name) and sub.value.id in bound)):
                    unit.reads.add(sub.attr)
                    followed.add(id(sub.value))
            elif (isinstance(sub, ast.Call) and isinstance(sub.func, ast.Attribute) and sub.func.attr == "require"
                  and sub.args and isinstance(sub.args[0], ast.Constant) and sub.args[0].value in self.fields):
                unit.reads.add(str(sub.args[0].value))
                followed.add(id(sub.func.value))
        for sub in ast.walk(node):
            if _is_get_settings(sub) and id(sub) not in followed:
                unit.unclear.append(getattr(sub, "lineno", 0))
            elif isinstance(sub, ast.Name) and sub.id in bound and isinstance(sub.ctx, ast.Load) and id(sub) not in \
                    followed:
                unit.unclear.append(sub.lineno)

    def reads(self, app: Path) -> tuple[dict[str, set[str]], list[str]]:
        """field -> the units reading it, and the places whose use of the settings is not followed."""
        handler = f"{app.parent.name}/{app.stem}"  # the function's own module: all of it runs or may
        todo: list[tuple[str, str]] = [(handler, name) for name in self.units(handler, app)]
        seen: set[tuple[str, str]] = set()
        classes: set[tuple[str, str]] = set()
        attributes: set[str] = set()
        while todo:
            while todo:
                key = todo.pop()
                if key in seen:
                    continue
                module, name = key
                path = app if module == handler else _module_path(module)
                units = self.units(module, path) if path else {}
                if name not in units:
                    continue
                seen.add(key)
                todo.append((module, MODULE))
                unit = units[name]
                if unit.is_class:
                    classes.add(key)
                attributes |= unit.attributes
                for ref in unit.refs:
                    todo += self._resolve(module, units, unit, ref)
            for module, cls in classes:  # methods of reachable classes, by the names the code uses
                units = self.modules[module]
                for name in units:
                    method = name.partition(".")[2]
                    if name.startswith(f"{cls}.") and (method in attributes or method.startswith("__")) and (
                            module, name) not in seen:
                        todo.append((module, name))
        found: dict[str, set[str]] = {}
        unclear = []
        for module, name in seen:
            unit = self.modules[module][name]
            for read in unit.reads:
                found.setdefault(read, set()).add(f"{module}:{name}")
            unclear += [f"{module}:{name} line {line}" for line in unit.unclear]
        return found, sorted(unclear)

    def _resolve(self, module: str, units: dict[str, Unit], unit: Unit, ref: str) -> list[tuple[str, str]]:
        head, _, attr = ref.partition(".")
        if head in unit.imports:
            target, name = unit.imports[head]
            if name is None:  # a module: its top level, and the attribute taken from it
                found = [(part, MODULE) for part in _packages(target)]
                return found + ([(target, attr)] if attr else [])
            return [(part, MODULE) for part in _packages(target)] + [(target, name)] + self._reexported(target, name)
        if ref in unit.imports:
            return [(part, MODULE) for part in _packages(unit.imports[ref][0])]
        if not attr and head in units:
            return [(module, head)]
        return []

    def _reexported(self, module: str, name: str) -> list[tuple[str, str]]:
        path = _module_path(module)
        if path is None:
            return []
        imports = self.units(module, path)[MODULE].imports
        if name in imports:
            target, inner = imports[name]
            return [(target, inner)] if inner else [(target, MODULE)]
        return []


def _packages(module: str) -> list[str]:
    """Importing a.b.c runs a, a.b and a.b.c: those of them in the hromada package."""
    parts = module.split(".")
    return [".".join(parts[:i]) for i in range(1, len(parts) + 1) if _module_path(".".join(parts[:i]))]


def _is_get_settings(node: ast.AST) -> bool:
    return isinstance(node, ast.Call) and (
        (isinstance(node.func, ast.Name) and node.func.id == "get_settings")
        or (isinstance(node.func, ast.Attribute) and node.func.attr == "get_settings"))


def declared(template: Template, function: str) -> set[str]:
    return set(template.function_environment(function)) | LAMBDA_RUNTIME


def missing_variables(template: Template, reader: CodeReader | None = None) -> dict[str, dict[str, list[str]]]:
    """function -> variable its code reads without a default that its environment lacks -> where it is read."""
    reader = reader or CodeReader()
    variables = Settings.variables()
    missing: dict[str, dict[str, list[str]]] = {}
    for function in template.of_type("AWS::Serverless::Function"):
        app, _ = template.function_code(function)
        reads, _ = reader.reads(app)
        env = declared(template, function)
        for name, where in reads.items():
            if variables[name].required and variables[name].name not in env:
                missing.setdefault(function, {})[variables[name].name] = sorted(where)
    return missing


@pytest.fixture(scope="module")
def template() -> Template:
    return Template(overrides=LOCAL_PARAMETERS)


@pytest.fixture(scope="module")
def reader() -> CodeReader:
    return CodeReader()


def test_every_function_is_given_every_variable_its_code_needs(template, reader):
    assert missing_variables(template, reader) == {}


def test_every_use_of_the_settings_is_followed(template, reader):
    for function in template.of_type("AWS::Serverless::Function"):
        _, unclear = reader.reads(template.function_code(function)[0])
        assert unclear == [], f"{function}: read settings as get_settings().field or settings.field"


def test_what_the_functions_read_is_what_they_are_known_to_need(template, reader):
    """The reading is precise: the ballot box only for the voting functions, the bus only for the relay, the mail
    queues only for those that mail; not every function reaching the module that names them."""
    reads = {name: set(reader.reads(template.function_code(name)[0])[0])
             for name in template.of_type("AWS::Serverless::Function")}
    assert {n for n, fields in reads.items() if "ballot_table_name" in fields} == {
        "ElectionsFunction", "PollsFunction", "VotingClockFunction"}
    assert {n for n, fields in reads.items() if "event_bus_name" in fields} == {"OutboxRelayFunction"}
    assert {n for n, fields in reads.items() if "mail_signing_key_arn" in fields} == {
        "SubscriptionsFunction", "MailerFunction"}
    assert {n for n, fields in reads.items() if "mail_queue_url" in fields} == {
        "SubscriptionsFunction", "MailPlannerFunction", "MailerFunction", "NotifierFunction",
        "CampaignsFunction"}  # invitations from the gap map
    assert {"stage", "region"} <= reads["MetaFunction"] and "table_name" in reads["AssociationsFunction"]
    assert {"uploads_bucket", "media_bucket"} <= reads["PicturesFunction"]
    assert "mail_feedback_topic_arn" in reads["MailFeedbackFunction"]


def test_the_check_finds_a_variable_taken_out_of_a_function(template, reader):
    environment = template.resources["OutboxRelayFunction"]["Properties"]["Environment"]["Variables"]
    saved = environment.pop("EVENT_BUS_NAME")
    try:
        missing = missing_variables(template, reader)
    finally:
        environment["EVENT_BUS_NAME"] = saved
    assert missing == {"OutboxRelayFunction": {"EVENT_BUS_NAME": ["hromada.bus:EventBridgePublisher.bus_name"]}}


def test_the_check_finds_a_setting_read_in_new_code(tmp_path):
    app = tmp_path / "app.py"
    app.write_text("from hromada.settings import get_settings\n\n\ndef handler(event, context):\n"
                   "    settings = get_settings()\n    return settings.mail_from, get_settings().require('stage')\n")
    reads, unclear = CodeReader().reads(app)
    assert set(reads) == {"mail_from", "stage"} and unclear == []
    app.write_text("from hromada.settings import get_settings\n\n\ndef handler(event, context):\n"
                   "    return do(get_settings())\n")
    assert CodeReader().reads(app)[1] == [f"{tmp_path.name}/app:handler line 5"]  # passed on: not followed


def test_every_variable_of_the_template_is_read(template):
    """A variable nobody reads is a typo or a leftover: the code would go on without what it was meant to say."""
    known = {variable.name for variable in Settings.variables().values()} | READ_BY_LIBRARIES
    for function in template.of_type("AWS::Serverless::Function"):
        assert set(template.function_environment(function)) - known == set(), function
