"""Associations and the caller's editor items, read together in one BatchGetItem."""

from __future__ import annotations

from typing import Any

from hromada.domain.twinning_ports import Lookup
from hromada.models.association import Association
from hromada.store import keys
from hromada.store.client import table_name
from hromada.store.codec import from_item, to_item
from hromada.store.errors import call


def lookup_associations(client: Any, association_ids: list[str], editor_email: str | None, *,
                        profiles: bool) -> Lookup:
    ids = list(dict.fromkeys(association_ids))
    wanted = [keys.association(i) for i in ids] if profiles else []
    if editor_email:
        wanted += [keys.editor(i, editor_email) for i in ids]
    associations: dict[str, Association] = {}
    edited: set[str] = set()
    for start in range(0, len(wanted), 100):
        request: dict[str, Any] | None = {table_name(): {"Keys": [to_item(k) for k in wanted[start:start + 100]]}}
        while request:
            response = call(client.batch_get_item, RequestItems=request)
            for item in response.get("Responses", {}).get(table_name(), []):
                data = from_item(item)
                if data["sk"] == keys.PROFILE:
                    association = Association.model_validate(data)
                    associations[association.id] = association
                else:
                    edited.add(data["association_id"])
            request = response.get("UnprocessedKeys") or None
    return Lookup(associations, frozenset(edited))
