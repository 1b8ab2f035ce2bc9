"""In-memory TwinningStore (either kind) and MatchIndex: the ports' contracts without DynamoDB."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from hromada.domain.initiatives import match_candidate as initiative_candidate
from hromada.domain.partnerships import match_candidate as partnership_candidate
from hromada.domain.ports import AuditEntry, ConditionFailed
from hromada.domain.twinning_ports import ActingEditor, Listed, ListQuery, Lookup
from hromada.models.association import Status
from hromada.models.initiative import Initiative
from hromada.models.partnership import Partnership
from hromada.reference.matching import Candidate
from tests.unit.fakes import MemoryAssociationStore


@dataclass(frozen=True)
class MemoryKind:
    fits: Callable[[Any, ListQuery], bool]  # whether an item belongs in a listing
    candidate: Callable[[Any], Candidate | None]  # its match entry, as the DynamoDB store writes it


def _partnership_fits(p: Partnership, q: ListQuery) -> bool:
    return ((not q.region or p.french.region == q.region) and (not q.oblast or p.ukrainian.oblast == q.oblast)
            and (not q.domain or q.domain in p.domains) and (not q.status or p.status == q.status))


def _initiative_fits(i: Initiative, q: ListQuery) -> bool:
    return all(not wanted or getattr(i, name) == wanted for name, wanted in
               (("region", q.region), ("oblast", q.oblast), ("domain", q.domain), ("status", q.status),
                ("kind", q.kind)))


PARTNERSHIPS = MemoryKind(_partnership_fits, partnership_candidate)
INITIATIVES = MemoryKind(_initiative_fits, initiative_candidate)


class MemoryTwinningStore:
    def __init__(self, associations: MemoryAssociationStore, kind: MemoryKind):
        self.associations = associations
        self.kind = kind
        self.items: dict = {}
        self.audit: list[AuditEntry] = []
        self.lookups = 0

    def lookup(self, association_ids: list[str], editor_email: str | None, *, profiles: bool) -> Lookup:
        self.lookups += 1
        found = {i: a for i in association_ids if (a := self.associations.get(i))} if profiles else {}
        edited = frozenset(i for i in association_ids
                           if editor_email in self.associations.editors_by_assoc.get(i, {}))
        return Lookup(found, edited)

    def _check_editor(self, editor: ActingEditor | None) -> None:
        if editor and editor.email not in self.associations.editors_by_assoc.get(editor.association_id, {}):
            raise ConditionFailed("editor")

    def create(self, item, *, editor: ActingEditor, verified: list[str], audit: AuditEntry) -> None:
        self._check_editor(editor)
        if any(getattr(self.associations.get(a), "status", None) != Status.VERIFIED for a in verified):
            raise ConditionFailed("verified")
        self.items[item.id] = item
        self.audit.append(audit)

    def save(self, item, previous, *, editor: ActingEditor | None, audit: AuditEntry) -> None:
        self._check_editor(editor)
        if self.items[item.id].version != previous.version:
            raise ConditionFailed("version")
        self.items[item.id] = item
        self.audit.append(audit)

    def get(self, item_id: str):
        return self.items.get(item_id)

    def list(self, query: ListQuery) -> Listed:
        found = [i for i in self.items.values() if not i.hidden and self.kind.fits(i, query)]
        return Listed(found[: query.limit])


class MemoryMatchIndex:
    """What the match entries hold: derived from the stores, as the DynamoDB stores write them."""

    def __init__(self, *stores: MemoryTwinningStore):
        self.stores = stores

    def candidates(self, domain: str, kinds: tuple[str, ...]) -> list[Candidate]:
        found = []
        for store in self.stores:
            for item in store.items.values():
                candidate = store.kind.candidate(item)
                if candidate and domain in candidate.domains and candidate.kind in kinds:
                    found.append(candidate)
        return found
