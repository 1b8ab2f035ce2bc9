"""The architecture's boundaries, read from the source (ast, nothing imported):

- domain/ is pure: no AWS SDK, no store, no mail transport (SES) nor token signing (Secrets Manager);
- models/ validate requests and shape responses without the rules: no hromada.domain (shared reference data
  and value types are in hromada.reference, which imports neither);
- handlers (functions/) never reach the local stack nor the tests;
- only store/ knows the table's keys: no key prefix of store/keys.py, no pk/sk/gsi attribute, elsewhere;
- infra/ modules import one another without cycles.

Each rule is also run on a small source that breaks it, so that none can pass by finding nothing.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LIBRARY = ROOT / "layers/common"
PACKAGE = LIBRARY / "hromada"
KEYS = PACKAGE / "store/keys.py"
SCANNED = (PACKAGE, ROOT / "functions", ROOT / "infra")

DOMAIN_MAY_NOT_IMPORT = ("boto3", "botocore", "hromada.store", "hromada.mail.ses", "hromada.mail.tokens")
MODELS_MAY_NOT_IMPORT = ("hromada.domain",)
FUNCTIONS_MAY_NOT_IMPORT = ("infra", "tests")
REFERENCE_MAY_NOT_IMPORT = ("hromada.domain", "hromada.models", "hromada.store")
KEY_ATTRIBUTE = re.compile(r"^(pk|sk|gsi\d+(pk|sk))$")
KEY_PREFIX = re.compile(r"^[A-Z][A-Z0-9_]*#")
ITEM_READERS = frozenset({"get", "pop", "setdefault"})


# ------------------------------------------------------------ reading the source
def module_of(path: Path) -> str:
    """The dotted module name as it is imported (hromada.domain.events, infra.stack, functions.me.app)."""
    base = LIBRARY if path.is_relative_to(LIBRARY) else ROOT
    parts = list(path.relative_to(base).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def sources(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*.py") if "__pycache__" not in p.parts)


def strings(tree: ast.AST) -> Iterator[ast.Constant]:
    """Every string literal (f-strings' literal parts included) but docstrings and other bare strings."""
    bare = {id(node.value) for node in ast.walk(tree) if isinstance(node, ast.Expr)}
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in bare:
            yield node


def imports(source: str, module: str, is_package: bool = False) -> Iterator[tuple[int, str]]:
    """(line, module) for every import, lazy ones too; `from a import b` names both a and a.b (b may be a module)."""
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative: from the importing module's package
                package = module.split(".")
                package = package if is_package else package[:-1]
                anchor = package[:len(package) - (node.level - 1)]
                base = ".".join(anchor + ([base] if base else []))
            yield node.lineno, base
            for alias in node.names:
                yield node.lineno, f"{base}.{alias.name}"


def within(name: str, banned: tuple[str, ...]) -> str | None:
    return next((b for b in banned if name == b or name.startswith(f"{b}.")), None)


# ------------------------------------------------------------ the rules
def forbidden_imports(source: str, module: str, banned: tuple[str, ...], is_package: bool = False) -> list[str]:
    found = {(line, hit) for line, name in imports(source, module, is_package) if (hit := within(name, banned))}
    return [f"{line}: imports {hit}" for line, hit in sorted(found)]


def key_prefixes(keys_source: str) -> set[str]:
    """The key prefixes the catalogue writes: "RSVP#", "VOTED#", "ASSOC#"... (each literal up to its first #)."""
    return {match[0] for node in strings(ast.parse(keys_source)) if (match := KEY_PREFIX.match(node.value))}


def _attribute(node: ast.AST) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, str) and bool(KEY_ATTRIBUTE.match(node.value))


def _elements(node: ast.AST) -> list[ast.AST]:
    return list(node.elts) if isinstance(node, ast.Tuple | ast.List | ast.Set) else [node]


def key_building(source: str, prefixes: set[str]) -> list[str]:
    """What builds or reads a table key outside the store: a key prefix in a literal, or a key attribute
    subscripted, read with .get/.pop, written as a dict key or compared with."""
    tree = ast.parse(source)
    found = []
    for node in strings(tree):
        match = KEY_PREFIX.match(node.value)  # up to the first "#", as the prefixes were collected
        if match and match[0] in prefixes:
            found.append((node.lineno, f"key prefix {match[0]!r} in {node.value!r}"))
    for node in ast.walk(tree):
        named: list[ast.AST] = []
        if isinstance(node, ast.Subscript):
            named = [node.slice]
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in ITEM_READERS:
            named = node.args[:1]
        elif isinstance(node, ast.Dict):
            named = [k for k in node.keys if k is not None]
        elif isinstance(node, ast.Compare):
            named = [e for operand in (node.left, *node.comparators) for e in _elements(operand)]
        found += [(n.lineno, f"key attribute {n.value!r}") for n in named if _attribute(n)]
    return [f"{line}: {what}" for line, what in sorted(set(found))]


def import_cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Each cycle once, as the modules along it (the first repeated at the end)."""
    cycles, seen = [], set()

    def visit(module: str, path: list[str]) -> None:
        for target in sorted(graph.get(module, ())):
            if target in path:
                cycle = [*path[path.index(target):], target]
                if frozenset(cycle) not in seen:
                    seen.add(frozenset(cycle))
                    cycles.append(cycle)
            elif len(path) < len(graph):
                visit(target, [*path, target])

    for module in sorted(graph):
        visit(module, [module])
    return cycles


def relative(path: Path) -> str:
    return str(path.relative_to(ROOT))


def violations(folder: Path, banned: tuple[str, ...]) -> list[str]:
    found = []
    for path in sources(folder):
        hits = forbidden_imports(path.read_text(encoding="utf-8"), module_of(path), banned, path.name == "__init__.py")
        found += [f"{relative(path)}:{hit}" for hit in hits]
    return found


# ------------------------------------------------------------ the code base
def test_the_domain_reaches_no_aws_no_store_no_mail_transport():
    assert len(sources(PACKAGE / "domain")) > 20
    found = violations(PACKAGE / "domain", DOMAIN_MAY_NOT_IMPORT)
    assert not found, "\n".join(found)


def test_models_do_not_import_the_domain():
    assert len(sources(PACKAGE / "models")) > 10
    found = violations(PACKAGE / "models", MODELS_MAY_NOT_IMPORT)
    assert not found, "\n".join(found)


def test_reference_data_sits_below_models_and_domain():
    assert len(sources(PACKAGE / "reference")) >= 5
    found = violations(PACKAGE / "reference", REFERENCE_MAY_NOT_IMPORT)
    assert not found, "\n".join(found)


def test_handlers_import_neither_the_local_stack_nor_the_tests():
    assert len(sources(ROOT / "functions")) > 15
    found = violations(ROOT / "functions", FUNCTIONS_MAY_NOT_IMPORT)
    assert not found, "\n".join(found)


def test_only_the_store_knows_the_table_s_keys():
    prefixes = key_prefixes(KEYS.read_text(encoding="utf-8"))
    assert {"RSVP#", "VOTED#", "PERSON#", "ASSOC#", "EVENT#", "SUB#"} <= prefixes
    store = PACKAGE / "store"
    found = []
    for path in (p for folder in SCANNED for p in sources(folder) if not p.is_relative_to(store)):
        found += [f"{relative(path)}:{hit}" for hit in key_building(path.read_text(encoding="utf-8"), prefixes)]
    assert not found, "\n".join(found)


def test_infra_modules_import_one_another_without_cycles():
    graph = {}
    for path in sources(ROOT / "infra"):
        module = module_of(path)
        names = {name for _, name in imports(path.read_text(encoding="utf-8"), module)}
        graph[module] = {name for name in names if name.startswith("infra.") and name != module}
    assert len(graph) > 10
    cycles = import_cycles(graph)
    assert not cycles, "\n".join(" -> ".join(cycle) for cycle in cycles)


# ------------------------------------------------------------ each rule catches what it is for
def test_the_import_rules_report_a_violation_with_its_line():
    domain = "import json\nimport boto3\nfrom botocore.config import Config\n"
    assert forbidden_imports(domain, "hromada.domain.x", DOMAIN_MAY_NOT_IMPORT) == [
        "2: imports boto3", "3: imports botocore"]
    lazy = "def f():\n    from hromada.store import keys\n    from hromada.mail import letters, tokens\n"
    assert forbidden_imports(lazy, "hromada.domain.x", DOMAIN_MAY_NOT_IMPORT) == [
        "2: imports hromada.store", "3: imports hromada.mail.tokens"]
    assert forbidden_imports("from ..mail.ses import send\n", "hromada.domain.x", DOMAIN_MAY_NOT_IMPORT) == [
        "1: imports hromada.mail.ses"]
    assert forbidden_imports("from hromada.mail import letters\nfrom hromada.mail.claims import MANAGE\n",
                             "hromada.domain.x", DOMAIN_MAY_NOT_IMPORT) == []
    assert forbidden_imports("from hromada.domain import geography\n", "hromada.models.x",
                             MODELS_MAY_NOT_IMPORT) == ["1: imports hromada.domain"]
    assert forbidden_imports("from . import events\n", "hromada.domain", MODELS_MAY_NOT_IMPORT, is_package=True) == [
        "1: imports hromada.domain"]
    assert forbidden_imports("from hromada.reference import geography\n", "hromada.models.x",
                             MODELS_MAY_NOT_IMPORT) == []
    assert forbidden_imports("import infra.stack\nfrom tests.unit import fakes\n", "functions.me.app",
                             FUNCTIONS_MAY_NOT_IMPORT) == ["1: imports infra", "2: imports tests"]
    assert forbidden_imports("import infrastructure\n", "functions.me.app", FUNCTIONS_MAY_NOT_IMPORT) == []


def test_the_key_rule_reports_prefixes_and_key_attributes_with_their_line():
    prefixes = key_prefixes('"""RSVP#<member> in a docstring is no key."""\n'
                            'def rsvp(e, m):\n    return {"pk": f"EVENT#{e}", "sk": f"RSVP#{m}"}\n'
                            'VOTED_PREFIX = "VOTED#"\nSEATS = "EVENT#SEATS"\n'
                            'def order(a, b):\n    return f"{a}#{b}"\n')
    assert prefixes == {"EVENT#", "RSVP#", "VOTED#"}
    broken = ('"""Parses RSVP#... entries (a docstring: not reported)."""\n'
              'def kind(entry):\n'
              '    return entry.get("gsi1sk", "").split("#")[0]\n'
              'def box(entry):\n'
              '    return entry["gsi1sk"].removeprefix("VOTED#")\n'
              'def key(member):\n'
              '    return {"pk": f"RSVP#{member}"}\n'
              'def public(entry):\n'
              '    return {k: v for k, v in entry.items() if k not in ("pk", "sk")}\n')
    assert key_building(broken, prefixes) == [
        "3: key attribute 'gsi1sk'", "5: key attribute 'gsi1sk'", "5: key prefix 'VOTED#' in 'VOTED#'",
        "7: key attribute 'pk'", "7: key prefix 'RSVP#' in 'RSVP#'",
        "9: key attribute 'pk'", "9: key attribute 'sk'"]
    assert key_building('def f(e):\n    return e.kind == "RSVP" and e.fields["event_id"]\n', prefixes) == []


def test_the_cycle_rule_finds_a_cycle_through_a_lazy_import():
    stack = "def start():\n    from infra.schedules import Timers\n"
    schedules = "def run():\n    from infra.stack import state_dir\n"
    graph = {m: {n for _, n in imports(s, m) if n.startswith("infra.")}
             for m, s in (("infra.stack", stack), ("infra.schedules", schedules))}
    assert import_cycles(graph) == [["infra.schedules", "infra.stack", "infra.schedules"]]
    assert import_cycles({"infra.stack": {"infra.state"}, "infra.schedules": {"infra.state"}}) == []
