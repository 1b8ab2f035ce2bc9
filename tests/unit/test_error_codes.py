"""Every error code the code can raise has its message, in fr, uk and en."""

from __future__ import annotations

import re
from pathlib import Path

from hromada.i18n.messages import MESSAGES

PACKAGE = Path(__file__).resolve().parents[2] / "layers/common/hromada"
RAISED = re.compile(r'\b(?:BadRequest|Unauthorized|Forbidden|NotFound|Conflict|Gone|PayloadTooLarge|TooManyRequests|'
                    r'Unavailable)\("([a-z_]+)"|\bcode="([a-z_]+)"')


def raised_codes() -> set[str]:
    found = set()
    for source in PACKAGE.rglob("*.py"):
        for match in RAISED.finditer(source.read_text()):
            found.add(match.group(1) or match.group(2))
    return found


def test_every_raised_code_has_a_message_in_every_language():
    codes = raised_codes()
    assert {"already_voted", "voting_closed", "candidate_not_on_ballot", "association_not_found"} <= codes
    missing = sorted(c for c in codes if set(MESSAGES.get(c, {})) < {"fr", "uk", "en"})
    assert missing == []


def test_the_scan_sees_a_code_without_a_message(tmp_path, monkeypatch):
    monkeypatch.setattr("tests.unit.test_error_codes.PACKAGE", tmp_path)
    (tmp_path / "thing.py").write_text('raise Conflict("no_such_message")\n')
    assert raised_codes() == {"no_such_message"}
    assert "no_such_message" not in MESSAGES
