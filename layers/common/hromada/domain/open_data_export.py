"""The daily export run: read the public items, build the files, publish them so that a reader never sees half an
export. Each run's files go under their own prefix (the day and a digest of the content); the index
(datapackage.json), written last in one PUT, switches readers to them. The same day with the same data writes
nothing new."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Protocol

from hromada.domain import open_data
from hromada.reference import times


class OpenDataSource(Protocol):
    def associations(self) -> list[Any]: ...
    def events(self, since: str) -> list[Any]: ...
    def published_results(self) -> list[tuple[Any, dict[str, Any]]]: ...


class OpenDataFiles(Protocol):
    def current_prefix(self) -> str | None:
        """The prefix the published index points at (None before the first export)."""

    def put(self, path: str, body: bytes, media_type: str, *, immutable: bool) -> None: ...


@dataclass(frozen=True)
class ExportRun:
    prefix: str
    written: bool  # False: the index already pointed at the same content
    rows: dict[str, int]
    index: dict[str, Any]


INDEX = "datapackage.json"
LICENCE_PATH = "LICENCE"


class OpenDataExport:
    def __init__(self, source: OpenDataSource, files: OpenDataFiles, web_url: str,
                 now: Callable[[], datetime] = lambda: datetime.now(UTC)):
        self.source = source
        self.files = files
        self.web_url = web_url
        self.now = now

    def rows(self) -> dict[str, list[dict[str, Any]]]:
        associations = [a for a in self.source.associations()
                        if getattr(a.status, "value", a.status) == "verified" and not a.hidden]
        public = {a.id for a in associations}
        since = times.iso(open_data.events_since(self.now()))
        events = [e for e in self.source.events(since) if not e.hidden and e.association_id in public]
        results = [row for election, result in self.source.published_results()
                   if getattr(election.status, "value", election.status) == "published"
                   for row in open_data.result_rows(election, result)]
        return {
            open_data.ASSOCIATIONS.name: [open_data.association_row(a, self.web_url)
                                          for a in sorted(associations, key=lambda a: a.slug)],
            open_data.EVENTS.name: [open_data.event_row(e, self.web_url) for e in events],
            open_data.ELECTION_RESULTS.name: results,
        }

    def run(self) -> ExportRun:
        rows = self.rows()
        files = open_data.files_of(rows)
        now = self.now()
        prefix = open_data.run_prefix(now.date().isoformat(), files)
        index = open_data.datapackage(files, prefix, times.iso(now), self.web_url)
        counts = {name: len(r) for name, r in rows.items()}
        if self.files.current_prefix() == prefix:
            return ExportRun(prefix, False, counts, index)
        for file in files:
            self.files.put(f"{prefix}/{file.name}", file.body, file.media_type, immutable=True)
        self.files.put(LICENCE_PATH, open_data.LICENCE_FILE.encode(), "text/plain; charset=utf-8", immutable=False)
        self.files.put(INDEX, json.dumps(index, ensure_ascii=False, indent=1).encode(), "application/json",
                       immutable=False)
        return ExportRun(prefix, True, counts, index)
