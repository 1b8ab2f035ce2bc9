"""hromada.mail is the one home of mail rules: its docstring maps every module, and importing it loads none."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import hromada.mail

PACKAGE = Path(hromada.mail.__file__).parent


def test_the_package_map_names_every_mail_module():
    modules = {p.stem for p in PACKAGE.glob("*.py") if p.stem != "__init__"}
    assert modules
    unnamed = {m for m in modules if f"`{m}" not in hromada.mail.__doc__}
    assert not unnamed, f"hromada/mail/__init__.py does not say where these fit: {sorted(unnamed)}"


def test_importing_the_package_loads_none_of_its_modules():
    code = ("import sys; import hromada.mail; "
            "print(','.join(m for m in sys.modules if m.startswith('hromada.mail.')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=PACKAGE.parents[1]).stdout.strip()
    assert out == ""


PURE = ("claims", "digests", "feedback", "jobs", "letters", "notices", "pacing", "retries", "routing")


def test_the_mail_rules_are_as_pure_as_the_domain():
    from tests.unit.test_boundaries import DOMAIN_MAY_NOT_IMPORT, forbidden_imports

    broken = {name: hits for name in PURE
              if (hits := forbidden_imports((PACKAGE / f"{name}.py").read_text(), f"hromada.mail.{name}",
                                            DOMAIN_MAY_NOT_IMPORT))}
    assert not broken
    assert forbidden_imports("from hromada.mail import ses\n", "hromada.mail.retries", DOMAIN_MAY_NOT_IMPORT)
