"""SnapStart restores many environments from one snapshot: module-level `random` state is shared by all.

Every function is published with SnapStart, so a generator seeded at init draws the same sequence in
every environment restored from the snapshot (retries back off in lockstep). Jitter must come from the
operating system (hromada.jitter), and seeded randomness only where it is meant to be reproducible.
"""

from __future__ import annotations

import ast
import random
from pathlib import Path

from hromada import jitter

ROOT = Path(__file__).resolve().parents[2]
MODULE_RANDOM_FUNCTIONS = {
    "random", "uniform", "randint", "randrange", "choice", "choices", "shuffle", "sample", "getrandbits",
    "randbytes", "gauss", "normalvariate", "triangular", "betavariate", "expovariate", "seed", "getstate",
    "setstate", "binomialvariate", "lognormvariate", "paretovariate", "vonmisesvariate", "weibullvariate",
    "gammavariate",
}
# (file, function): why the module-level generator is right there.
ALLOWED = {
    ("layers/common/hromada/jitter.py", "seed"): "re-seeds the module generator from os.urandom after a restore",
}


def code_files() -> list[Path]:
    return sorted([*ROOT.glob("layers/common/hromada/**/*.py"), *ROOT.glob("functions/*/*.py")])


def module_random_uses(path: Path) -> list[tuple[str, int]]:
    tree = ast.parse(path.read_text(), filename=str(path))
    aliases = {a.asname or a.name for node in ast.walk(tree) if isinstance(node, ast.Import)
               for a in node.names if a.name == "random"}
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == "random":
            found += [(a.name, node.lineno) for a in node.names if a.name in MODULE_RANDOM_FUNCTIONS]
        if (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id in aliases
                and node.attr in MODULE_RANDOM_FUNCTIONS):
            found.append((node.attr, node.lineno))
    return found


def test_no_layer_or_function_module_draws_from_the_module_level_random_generator():
    offenders = []
    for path in code_files():
        relative = path.relative_to(ROOT).as_posix()
        offenders += [f"{relative}:{line} random.{name}" for name, line in module_random_uses(path)
                      if (relative, name) not in ALLOWED]
    assert not offenders, "module-level random is shared by SnapStart restores; use hromada.jitter: " + \
        ", ".join(offenders)


def test_the_scan_sees_the_forms_random_is_used_in(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text("import random as r\nfrom random import choice\nx = r.uniform(0, 1)\n"
                      "y = r.SystemRandom().uniform(0, 1)\n")
    assert module_random_uses(sample) == [("choice", 2), ("uniform", 3)]


def draws_in_restored_copies(draw, copies: int = 2, restore_hook=None) -> list[list[float]]:
    """The memory SnapStart restores, restored twice: the module generator's state as init left it.

    (A fork would not do: CPython re-seeds `random` in a forked child; a snapshot restore has no such hook.)
    """
    random.seed(20260101)  # whatever init did, the snapshot holds the resulting state
    # Every generator whose state lives in memory: the module's, and any jitter keeps (SystemRandom has none).
    generators = [random.getstate.__self__] + [  # type: ignore[attr-defined]
        g for g in vars(jitter).values() if isinstance(g, random.Random) and not isinstance(g, random.SystemRandom)]
    snapshot = [g.getstate() for g in generators]
    results = []
    try:
        for _ in range(copies):
            for generator, state in zip(generators, snapshot, strict=True):
                generator.setstate(state)  # one environment restored from the snapshot
            if restore_hook:
                restore_hook()
            results.append([draw() for _ in range(8)])
    finally:
        random.seed()
    return results


def test_restored_copies_back_off_differently():
    first, second = draws_in_restored_copies(lambda: jitter.uniform(15, 30))
    assert first != second


def test_the_module_generator_is_identical_in_restored_copies_until_the_hook_reseeds_it():
    same_a, same_b = draws_in_restored_copies(lambda: random.uniform(15, 30))
    assert same_a == same_b  # the hazard itself
    after_a, after_b = draws_in_restored_copies(lambda: random.uniform(15, 30), restore_hook=jitter.reseed)
    assert after_a != after_b


def test_every_function_registers_the_reseed_hook_where_the_runtime_offers_it(monkeypatch):
    import sys
    import types

    registered = []
    runtime = types.ModuleType("snapshot_restore_py")
    runtime.register_after_restore = registered.append  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "snapshot_restore_py", runtime)
    assert jitter.register_restore_hook() and registered == [jitter.reseed]
    # The package itself imports jitter, so every handler (they all import hromada) registers it.
    assert "jitter" in (ROOT / "layers/common/hromada/__init__.py").read_text()
