"""The open-data export: which public facts are published, as which rows, in which files (pure: no I/O).

Three datasets, each as JSON and CSV, and an index in the Frictionless Data Package style
(datapackage.json) naming every file with its size and SHA-256, its schema and the licence. The schemas
below are the single source of the fields: the rows are built from them, the index lists them, and
docs/open-data.md is checked against them (tests/unit/test_open_data.py).

Only public facts: verified associations that are not hidden by moderation (their published profile, never an
editor's or a contact's e-mail), their events that are not hidden (the past 12 months and every upcoming one),
and the results of elections once published (the ranking, never a ballot, a voter or a roll entry).
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

LICENCE = {
    "name": "etalab-2.0",
    "title": "Licence Ouverte / Open Licence 2.0 (Etalab)",
    "path": "https://www.etalab.gouv.fr/licence-ouverte-open-licence/",
}
LICENCE_FILE = f"""{LICENCE['title']}
{LICENCE['path']}

The Hromada open data (datapackage.json and the files it lists) may be reused freely, for any purpose,
commercial ones included, provided the source and the date of the last update are mentioned, for example:
"Hromada open data, updated <date>".

Les données ouvertes de Hromada (datapackage.json et les fichiers qu'il liste) sont réutilisables librement,
y compris à des fins commerciales, sous réserve de mentionner leur source et la date de leur dernière mise à jour.
Texte intégral de la licence : {LICENCE['path']}
"""
EVENTS_PAST = timedelta(days=365)  # events from the past 12 months, and every upcoming one
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")  # what a spreadsheet may read as a formula


@dataclass(frozen=True)
class Field:
    name: str
    type: str  # Frictionless Table Schema types: string, integer, number, boolean, datetime
    description: str


@dataclass(frozen=True)
class Dataset:
    name: str
    title: str
    description: str
    fields: tuple[Field, ...]

    @property
    def field_names(self) -> list[str]:
        return [f.name for f in self.fields]


def _localized(prefix: str, what: str) -> tuple[Field, ...]:
    return tuple(Field(f"{prefix}_{lang}", "string", f"{what} in {name} (empty when not given)")
                 for lang, name in (("fr", "French"), ("uk", "Ukrainian"), ("en", "English")))


ASSOCIATIONS = Dataset("associations", "Associations", "Verified associations of the directory (public profile)", (
    Field("id", "string", "Stable identifier of the association"),
    Field("slug", "string", "Short name used in its web address"),
    Field("name", "string", "Name"),
    *_localized("description", "Description"),
    Field("categories", "string", "Topics, separated by ';' (culture, language_school, humanitarian_aid, youth, "
                                  "business, media_fact_checking, sport, arts, other)"),
    Field("languages", "string", "Languages it works in, ISO 639 codes separated by ';'"),
    Field("region", "string", "INSEE code of the French region"),
    Field("department", "string", "French department code"),
    Field("city", "string", "City"),
    Field("postal_code", "string", "Postal code"),
    Field("website", "string", "Web site (empty when none)"),
    Field("rna", "string", "Number in the French associations registry (RNA), when given"),
    Field("verified_at", "datetime", "When moderators verified it (UTC)"),
    Field("updated_at", "datetime", "Last change of its profile (UTC)"),
    Field("page_url", "string", "Its page on the Hromada site"),
))

EVENTS = Dataset("events", "Events", "Events of verified associations, from the past 12 months and upcoming", (
    Field("id", "string", "Stable identifier of the event"),
    Field("association_id", "string", "The association organising it (see associations.id)"),
    Field("association_name", "string", "Its name"),
    *_localized("title", "Title"),
    Field("start", "datetime", "Start (UTC)"),
    Field("end", "datetime", "End (UTC)"),
    Field("timezone", "string", "IANA time zone the event is shown in"),
    Field("status", "string", "scheduled or cancelled"),
    Field("online", "boolean", "Whether it can be followed online"),
    Field("venue_name", "string", "Venue (empty for an online-only event)"),
    Field("venue_city", "string", "City of the venue"),
    Field("venue_postal_code", "string", "Postal code of the venue"),
    Field("venue_department", "string", "Department code of the venue"),
    Field("venue_region", "string", "INSEE region code of the venue"),
    Field("latitude", "number", "Latitude of the venue (WGS 84), when given"),
    Field("longitude", "number", "Longitude of the venue (WGS 84), when given"),
    Field("categories", "string", "Topics, separated by ';'"),
    Field("languages", "string", "Languages, ISO 639 codes separated by ';'"),
    Field("is_free", "boolean", "Free of charge"),
    Field("price_cents", "integer", "Price in euro cents, when not free"),
    Field("capacity", "integer", "Seats, when limited"),
    Field("page_url", "string", "Its page on the Hromada site"),
))

ELECTION_RESULTS = Dataset("election_results", "Election results",
                           "Published results of elections: one row per candidate, in the order of the result", (
    Field("election_id", "string", "Stable identifier of the election"),
    *_localized("election_title", "Title of the election"),
    Field("method", "string", "Counting method (schulze, irv, majority_judgment, approval, plurality)"),
    Field("voting_closed_at", "datetime", "When the vote closed (UTC)"),
    Field("published_at", "datetime", "When the result was published (UTC)"),
    Field("ballots", "integer", "Ballots counted"),
    Field("rank", "integer", "Place of the candidate in the result (1: elected)"),
    Field("candidate_id", "string", "Stable identifier of the candidate"),
    Field("candidate_name", "string", "Candidate's name as shown on the ballot"),
    Field("association_id", "string", "Association that nominated the candidate"),
    Field("association_name", "string", "Its name"),
    Field("elected", "boolean", "Whether the candidate won"),
))

DATASETS = (ASSOCIATIONS, EVENTS, ELECTION_RESULTS)
MEDIA_TYPES = {"json": "application/json", "csv": "text/csv"}


def events_since(now: datetime) -> datetime:
    return now - EVENTS_PAST


def _joined(values: Iterable[Any]) -> str:
    return ";".join(str(getattr(v, "value", v)) for v in values)


def _text(localized: Any, lang: str) -> str:
    """A text in one language from a dict or a localized model (empty when not given)."""
    if localized is None:
        return ""
    if hasattr(localized, "model_dump"):
        localized = localized.model_dump()
    return localized.get(lang) or ""


def association_row(a: Any, web_url: str) -> dict[str, Any]:
    return {
        "id": a.id, "slug": a.slug, "name": a.name,
        **{f"description_{lang}": _text(a.description, lang) for lang in ("fr", "uk", "en")},
        "categories": _joined(a.categories), "languages": _joined(a.languages),
        "region": a.region, "department": a.department, "city": a.city, "postal_code": a.postal_code,
        "website": a.website or "", "rna": a.rna or "", "verified_at": a.verified_at, "updated_at": a.updated_at,
        "page_url": f"{web_url}/#/associations/{a.slug}",
    }


def event_row(e: Any, web_url: str) -> dict[str, Any]:
    venue = e.venue
    return {
        "id": e.id, "association_id": e.association_id, "association_name": e.association_name,
        **{f"title_{lang}": _text(e.title, lang) for lang in ("fr", "uk", "en")},
        "start": e.start, "end": e.end, "timezone": e.timezone, "status": getattr(e.status, "value", e.status),
        "online": bool(e.online_url),
        "venue_name": venue.name if venue else "", "venue_city": venue.city if venue else "",
        "venue_postal_code": venue.postal_code if venue else "",
        "venue_department": venue.department if venue else "", "venue_region": venue.region if venue else "",
        "latitude": venue.latitude if venue else None, "longitude": venue.longitude if venue else None,
        "categories": _joined(e.categories), "languages": _joined(e.languages),
        "is_free": e.is_free, "price_cents": e.price_cents, "capacity": e.capacity,
        "page_url": f"{web_url}/#/events/{e.id}",
    }


def result_rows(election: Any, result: dict[str, Any]) -> list[dict[str, Any]]:
    """One row per ranked candidate of a published result (the tallies' `ranking`: candidate ids, best first)."""
    ballot = {c.id: c for c in election.ballot}
    ranking = result.get("ranking") or []
    rows = []
    for place, candidate_id in enumerate(ranking, start=1):
        candidate = ballot.get(candidate_id)
        rows.append({
            "election_id": election.id,
            **{f"election_title_{lang}": _text(election.title, lang) for lang in ("fr", "uk", "en")},
            "method": getattr(election.method, "value", election.method),
            "voting_closed_at": election.closed_at or election.voting_closes_at,
            "published_at": election.published_at, "ballots": int(result.get("ballots") or 0),
            "rank": place, "candidate_id": candidate_id,
            "candidate_name": candidate.name if candidate else "",
            "association_id": candidate.association_id if candidate else "",
            "association_name": candidate.association_name if candidate else "",
            "elected": candidate_id == result.get("winner"),
        })
    return rows


def safe_cell(value: Any) -> Any:
    """A text cell a spreadsheet would run as a formula (=, +, -, @...) is prefixed with a quote (OWASP's advice
    for CSV injection); numbers stay numbers."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _csv_value(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"  # Table Schema's default trueValues/falseValues
    return safe_cell(value)


def to_csv(dataset: Dataset, rows: list[dict[str, Any]]) -> bytes:
    """A header row, then the rows: UTF-8, RFC 4180 quoting (the csv module), CRLF line ends."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(dataset.field_names)
    for row in rows:
        writer.writerow([_csv_value(row.get(name)) for name in dataset.field_names])
    return out.getvalue().encode("utf-8")


def to_json(dataset: Dataset, rows: list[dict[str, Any]]) -> bytes:
    return json.dumps([{name: row.get(name) for name in dataset.field_names} for row in rows],
                      ensure_ascii=False, indent=1).encode("utf-8")


@dataclass(frozen=True)
class ExportFile:
    name: str  # e.g. associations.csv
    body: bytes
    media_type: str

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.body).hexdigest()


def files_of(rows_by_dataset: dict[str, list[dict[str, Any]]]) -> list[ExportFile]:
    files = []
    for dataset in DATASETS:
        rows = rows_by_dataset.get(dataset.name, [])
        files.append(ExportFile(f"{dataset.name}.json", to_json(dataset, rows), MEDIA_TYPES["json"]))
        files.append(ExportFile(f"{dataset.name}.csv", to_csv(dataset, rows), MEDIA_TYPES["csv"]))
    return files


def run_prefix(day: str, files: list[ExportFile]) -> str:
    """Where a run's files go: the day and a digest of their content, so a second run of the same day with the same
    data writes the same keys (idempotent), and one with new data writes beside them, never over what readers of
    the current index are downloading."""
    digest = hashlib.sha256("".join(f.name + f.sha256 for f in files).encode()).hexdigest()[:12]
    return f"{day}-{digest}"


def datapackage(files: list[ExportFile], prefix: str, updated_at: str, web_url: str) -> dict[str, Any]:
    """The index (Frictionless Data Package): paths are relative to it; `bytes` and `hash` let a reader check a
    download."""
    by_name = {f.name: f for f in files}
    resources = []
    for dataset in DATASETS:
        schema = {"fields": [{"name": f.name, "type": f.type, "description": f.description} for f in dataset.fields]}
        for fmt in ("json", "csv"):
            file = by_name[f"{dataset.name}.{fmt}"]
            resource = {"name": f"{dataset.name}-{fmt}", "title": dataset.title, "description": dataset.description,
                        "path": f"{prefix}/{file.name}", "format": fmt, "mediatype": file.media_type,
                        "encoding": "utf-8", "bytes": len(file.body), "hash": f"sha256:{file.sha256}",
                        "schema": schema}
            if fmt == "csv":
                resource["dialect"] = {"delimiter": ",", "header": True, "lineTerminator": "\r\n"}
            resources.append(resource)
    return {
        "profile": "data-package", "name": "hromada-open-data", "title": "Hromada open data",
        "description": "Ukrainian cultural associations in France, their events and published election results",
        "homepage": f"{web_url}/#/open-data", "created": updated_at, "updated": updated_at,
        "licenses": [LICENCE], "resources": resources,
    }
