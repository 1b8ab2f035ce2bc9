"""Idempotency-Key on event creation, against in-memory ports: a retry gets what its first attempt created."""

from __future__ import annotations

import pytest

from hromada.domain.creation_keys import fingerprint, keyed_id
from hromada.errors import Conflict
from tests.unit.event_world import EDITOR, OWNER, body


def test_a_keyed_id_is_the_same_for_a_retry_and_another_for_anyone_or_anywhere_else():
    mine = keyed_id("ev", "sub-owner", "as_1", "key-0001")
    assert mine == keyed_id("ev", "sub-owner", "as_1", "key-0001") and mine.startswith("ev_") and len(mine) == 23
    assert len({mine, keyed_id("ev", "sub-editor", "as_1", "key-0001"), keyed_id("ev", "sub-owner", "as_2", "key-0001"),
                keyed_id("ev", "sub-owner", "as_1", "key-0002")}) == 4
    # No separator to play with: the parts are encoded, not joined.
    assert keyed_id("ev", "a#b", "c", "k") != keyed_id("ev", "a", "b#c", "k")


def test_a_fingerprint_follows_the_body_not_its_key_order():
    assert fingerprint("k", {"a": 1, "b": [1, 2]}) == fingerprint("k", {"b": [1, 2], "a": 1})
    assert fingerprint("k", {"a": 1}) != fingerprint("k", {"a": 2}) != fingerprint("j", {"a": 2})


def test_a_retry_gets_the_event_of_its_first_attempt(world):
    events, mine, *_ = world
    first, _, created = events.create_once(OWNER, mine, body(), idempotency_key="retry-0001")
    again, _, created_again = events.create_once(OWNER, mine, body(), idempotency_key="retry-0001")
    assert created and not created_again and again == first
    other, _, _ = events.create_once(OWNER, mine, body(), idempotency_key="retry-0002")
    plain, _, _ = events.create_once(OWNER, mine, body())
    assert len({first.id, other.id, plain.id}) == 3
    assert plain.request_fingerprint is None and first.request_fingerprint


def test_the_key_with_another_body_is_refused_and_another_person_s_key_is_theirs(world):
    events, mine, *_ = world
    first, _, _ = events.create_once(OWNER, mine, body(), idempotency_key="shared-0001")
    with pytest.raises(Conflict) as refused:
        events.create_once(OWNER, mine, body(title={"fr": "Autre chose"}), idempotency_key="shared-0001")
    assert refused.value.code == "idempotency_key_reused"
    theirs, _, created = events.create_once(EDITOR, mine, body(), idempotency_key="shared-0001")
    assert created and theirs.id != first.id and theirs.created_by == EDITOR.user_id
