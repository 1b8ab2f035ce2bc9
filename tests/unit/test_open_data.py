"""The open-data export's rules (pure): which items are published, the CSV's quoting and formula neutralising,
the index's sizes and hashes, idempotent runs, and docs/open-data.md kept to the exported fields."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from datetime import UTC, datetime
from pathlib import Path
from types import SimpleNamespace

import pytest

from hromada.domain import open_data
from hromada.domain.open_data_export import OpenDataExport

DOC = Path(__file__).resolve().parents[2] / "docs" / "open-data.md"
NOW = datetime(2026, 12, 6, 22, 0, tzinfo=UTC)


def documented() -> dict[str, list[tuple[str, str]]]:
    """Each `## Dataset `name`` section's table rows: (field, type)."""
    sections = re.split(r"^## Dataset `([a-z_]+)`$", DOC.read_text(encoding="utf-8"), flags=re.M)
    return {name: re.findall(r"^\| `([a-z_]+)` \| ([a-z]+) \|", body, flags=re.M)
            for name, body in zip(sections[1::2], sections[2::2], strict=True)}


def test_the_documentation_lists_exactly_the_exported_fields():
    assert documented() == {d.name: [(f.name, f.type) for f in d.fields] for d in open_data.DATASETS}


def test_the_documented_example_rows_have_the_exported_fields():
    sections = re.split(r"^## Dataset `([a-z_]+)`$", DOC.read_text(encoding="utf-8"), flags=re.M)
    for name, body in zip(sections[1::2], sections[2::2], strict=True):
        dataset = next(d for d in open_data.DATASETS if d.name == name)
        example = json.loads(re.search(r"```json\n(.+?)\n```", body, flags=re.S).group(1))
        assert list(example) == dataset.field_names
        header = re.search(r"```csv\n(.+?)\n", body).group(1)
        assert header == ",".join(dataset.field_names)


@pytest.mark.parametrize("text", ["=1+1", "+33 1 23", "-2", "@SUM(A1)", "\t=1", "\r=1"])
def test_a_cell_a_spreadsheet_would_run_is_prefixed(text):
    assert open_data.safe_cell(text) == "'" + text


@pytest.mark.parametrize("value", ["Kyiv", "a=b", " =1", "", 42, -3, 1.5, None, True])
def test_other_cells_are_left_alone(value):
    assert open_data.safe_cell(value) == value


def test_csv_quotes_as_rfc_4180_and_reads_back():
    dataset = open_data.Dataset("t", "T", "test", (open_data.Field("a", "string", ""),
                                                   open_data.Field("b", "integer", ""),
                                                   open_data.Field("c", "boolean", "")))
    rows = [{"a": 'He said "hi", then\nleft', "b": -5, "c": False}, {"a": "=cmd|' /C calc'!A0", "b": None, "c": True}]
    body = open_data.to_csv(dataset, rows)
    assert body.startswith(b"a,b,c\r\n")
    assert b'"He said ""hi"", then\nleft"' in body
    read = list(csv.reader(io.StringIO(body.decode("utf-8"), newline="")))
    assert read == [["a", "b", "c"], ['He said "hi", then\nleft', "-5", "false"], ["'=cmd|' /C calc'!A0", "", "true"]]


# ------------------------------------------------------------------ the run, with fakes
def association(slug, status="verified", hidden=False):
    return SimpleNamespace(id=f"as_{slug}", slug=slug, name=slug.title(), description={"fr": "Texte"},
                           categories=["culture"], languages=["uk", "fr"], region="76", department="31",
                           city="Toulouse", postal_code="31000", website=None, rna=None, status=status,
                           hidden=hidden, verified_at="2026-01-01T00:00:00.000Z",
                           updated_at="2026-01-01T00:00:00.000Z", contact_email="contact@example.org")


def event(event_id, association_id, start="2026-12-20T18:00:00.000Z", hidden=False):
    venue = SimpleNamespace(name="Salle", city="Toulouse", postal_code="31000", department="31", region="76",
                            latitude=None, longitude=None)
    return SimpleNamespace(id=event_id, association_id=association_id, association_name="A", title={"fr": "Concert"},
                           start=start, end=start, timezone="Europe/Paris", status="scheduled", online_url=None,
                           venue=venue, categories=["concert"], languages=["uk"], is_free=True, price_cents=None,
                           capacity=None, hidden=hidden)


def election(election_id, status="published"):
    ballot = [SimpleNamespace(id=f"ca_{n}", name=n, association_id="as_a", association_name="A") for n in "xyz"]
    return SimpleNamespace(id=election_id, title={"fr": "Élection"}, method="schulze", status=status,
                           closed_at="2026-10-01T18:00:00.000Z", voting_closes_at="2026-10-01T18:00:00.000Z",
                           published_at="2026-10-01T18:01:00.000Z", ballot=ballot)


class Source:
    def __init__(self):
        self.associations_ = [association("a"), association("pending", status="pending"),
                              association("hidden", hidden=True), association("frozen", status="frozen")]
        self.events_ = [event("ev_1", "as_a"), event("ev_hidden", "as_a", hidden=True),
                        event("ev_pending", "as_pending"), event("ev_of_hidden", "as_hidden")]
        self.results = [(election("el_1"), {"ballots": 3, "winner": "ca_y", "ranking": ["ca_y", "ca_x", "ca_z"]}),
                        (election("el_open", status="voting"), {"ballots": 1, "winner": "ca_x", "ranking": ["ca_x"]})]
        self.since: list[str] = []

    def associations(self):
        return self.associations_

    def events(self, since):
        self.since.append(since)
        return [e for e in self.events_ if e.start >= since]

    def published_results(self):
        return self.results


class Files:
    def __init__(self):
        self.objects: dict[str, bytes] = {}
        self.puts: list[str] = []

    def current_prefix(self):
        index = self.objects.get("datapackage.json")
        return json.loads(index)["resources"][0]["path"].split("/")[0] if index else None

    def put(self, path, body, media_type, *, immutable):
        self.objects[path] = body
        self.puts.append(path)


def test_only_public_items_are_exported():
    rows = OpenDataExport(Source(), Files(), "https://h.example", now=lambda: NOW).rows()
    assert [a["id"] for a in rows["associations"]] == ["as_a"]
    assert [e["id"] for e in rows["events"]] == ["ev_1"]
    assert [(r["election_id"], r["rank"], r["candidate_id"], r["elected"]) for r in rows["election_results"]] == [
        ("el_1", 1, "ca_y", True), ("el_1", 2, "ca_x", False), ("el_1", 3, "ca_z", False)]
    assert "contact@example.org" not in json.dumps(rows)


def test_events_from_the_past_twelve_months_and_upcoming():
    source = Source()
    source.events_ = [event("ev_old", "as_a", start="2025-12-06T21:59:59.000Z"),
                      event("ev_year", "as_a", start="2025-12-06T22:00:00.000Z")]
    rows = OpenDataExport(source, Files(), "https://h.example", now=lambda: NOW).rows()
    assert source.since == ["2025-12-06T22:00:00.000Z"] and [e["id"] for e in rows["events"]] == ["ev_year"]


def test_the_index_describes_every_file_and_is_written_last():
    files = Files()
    run = OpenDataExport(Source(), files, "https://h.example", now=lambda: NOW).run()
    assert run.written and files.puts[-1] == "datapackage.json"
    index = json.loads(files.objects["datapackage.json"])
    assert index["licenses"][0]["name"] == "etalab-2.0" and index["updated"] == "2026-12-06T22:00:00.000Z"
    for resource in index["resources"]:
        body = files.objects[resource["path"]]
        assert resource["bytes"] == len(body) and resource["hash"] == "sha256:" + hashlib.sha256(body).hexdigest()
        assert resource["path"].startswith(run.prefix + "/") and run.prefix.startswith("2026-12-06-")
    assert files.objects["LICENCE"].decode().startswith("Licence Ouverte / Open Licence 2.0 (Etalab)")


def test_a_second_run_with_the_same_data_writes_nothing_and_new_data_goes_beside():
    source, files = Source(), Files()
    first = OpenDataExport(source, files, "https://h.example", now=lambda: NOW).run()
    written = list(files.puts)
    again = OpenDataExport(source, files, "https://h.example", now=lambda: NOW).run()
    assert not again.written and again.prefix == first.prefix and files.puts == written
    source.events_.append(event("ev_2", "as_a"))
    later = OpenDataExport(source, files, "https://h.example", now=lambda: NOW).run()
    assert later.written and later.prefix != first.prefix
    assert all(p in files.objects for p in written)  # the first run's files are still there
