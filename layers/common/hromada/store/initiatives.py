"""Initiatives in the table: the StoredKind of hromada.store.twinning."""

from __future__ import annotations

from typing import Any

from hromada.domain.initiatives import match_candidate
from hromada.domain.twinning_health import awaiting_answer, changes, initiative_counts
from hromada.domain.twinning_ports import ListQuery
from hromada.models.initiative import Initiative
from hromada.store import keys
from hromada.store.twinning import DynamoTwinningStore, StoredKind
from hromada.store.twinning_health import counter_update, waiting_writes


def _filters(query: ListQuery) -> tuple[dict[str, Any], dict[str, Any]]:
    """Kind, domain and owner are plain attributes of the item: equality filters."""
    equals = {name: value for name, value in (("kind", query.kind), ("domain", query.domain),
                                              ("association_id", query.association)) if value}
    return equals, {}


def _health(before: Initiative | None, after: Initiative) -> list[dict[str, Any]]:
    return counter_update(changes(initiative_counts(before), initiative_counts(after))) + waiting_writes(
        before, after, awaiting_answer(before), awaiting_answer(after))


INITIATIVE: StoredKind[Initiative] = StoredKind(
    keys.INITIATIVES, Initiative, match_candidate, places=lambda i: (i.region, i.oblast),
    attributes=lambda _: {}, filters=_filters, health=_health)


class DynamoInitiativeStore(DynamoTwinningStore[Initiative]):
    def __init__(self, client: Any | None = None):
        super().__init__(INITIATIVE, client)
