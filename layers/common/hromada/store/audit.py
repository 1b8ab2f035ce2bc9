"""Append-only audit items, written in the same transaction as the act they record."""

from __future__ import annotations

import secrets
from typing import Any

from hromada.domain.ports import AuditEntry
from hromada.store import keys
from hromada.store.client import table_name
from hromada.store.codec import to_item


def audit_put(target_pk: str, entry: AuditEntry) -> dict[str, Any]:
    """A transaction item adding one audit entry under the audited item's partition."""
    item = {"actor_id": entry.actor_id, "action": entry.action, "target": entry.target, "at": entry.at,
            "reason": entry.reason, "on_behalf_of": entry.on_behalf_of,
            "gsi2pk": keys.audit_collection(entry.at), "gsi2sk": entry.at}
    item |= keys.person_entry(entry.actor_id, "AUDIT", entry.at)
    item |= keys.audit(target_pk, entry.at, secrets.token_hex(4))
    return {"Put": {"TableName": table_name(), "Item": to_item(item),
                    "ConditionExpression": "attribute_not_exists(pk)"}}
