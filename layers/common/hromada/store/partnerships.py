"""Partnerships in the table: the StoredKind of hromada.store.twinning."""

from __future__ import annotations

from typing import Any

from hromada.domain.partnerships import match_candidate
from hromada.domain.twinning_health import changes, partnership_counts
from hromada.domain.twinning_ports import ListQuery
from hromada.models.partnership import Partnership
from hromada.store import keys
from hromada.store.twinning import DynamoTwinningStore, StoredKind
from hromada.store.twinning_health import counter_update


def _attributes(p: Partnership) -> dict[str, Any]:
    """Flat copies of the nested places and the parties' ids, for the listings' filters."""
    flat: dict[str, Any] = {"region": p.french.region, "oblast": p.ukrainian.oblast}
    if p.association_ids:
        flat["association_ids"] = p.association_ids
    return flat


def _filters(query: ListQuery) -> tuple[dict[str, Any], dict[str, Any]]:
    contains = {"domains": query.domain} if query.domain else {}
    if query.association:
        contains["association_ids"] = query.association
    return {}, contains


PARTNERSHIP: StoredKind[Partnership] = StoredKind(
    keys.PARTNERSHIPS, Partnership, match_candidate, places=lambda p: (p.french.region, p.ukrainian.oblast),
    attributes=_attributes, filters=_filters,
    health=lambda before, after: counter_update(changes(partnership_counts(before), partnership_counts(after))))


class DynamoPartnershipStore(DynamoTwinningStore[Partnership]):
    def __init__(self, client: Any | None = None):
        super().__init__(PARTNERSHIP, client)
