"""Idempotency-Key on creation routes: a retried request creates nothing twice.

The new item's id is derived from the key, scoped to the caller and to where the item is created, so a retry
(after a timeout, a 5xx, a lost answer) names the same item, and the write's own `attribute_not_exists`
condition refuses a second copy, races included: no record of keys to keep, nothing to expire half-way.
Another caller's identical key names another item. The body's fingerprint, stored with the item, tells a
retry (same body: the item is returned) from a reuse of the key for something else (refused).
"""

from __future__ import annotations

import hashlib
import json
from typing import Any


def keyed_id(prefix: str, user_id: str, scope: str, key: str) -> str:
    """The id of what `user_id` creates in `scope` with this key (the shape of clock.new_id's ids)."""
    digest = hashlib.sha256(json.dumps([user_id, scope, key]).encode()).hexdigest()
    return f"{prefix}_{digest[:20]}"


def fingerprint(key: str, body: dict[str, Any]) -> str:
    """The key and the request's body (as validated, JSON-shaped), in a canonical order."""
    canonical = json.dumps([key, body], sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()
