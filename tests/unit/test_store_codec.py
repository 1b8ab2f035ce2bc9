from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hromada.errors import BadRequest
from hromada.store.codec import decode_cursor, encode_cursor

KEYS = {"pk", "sk", "gsi2pk", "gsi2sk"}
key_text = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=40)


@given(st.fixed_dictionaries({"pk": key_text, "sk": key_text, "gsi2sk": key_text}))
def test_cursor_round_trip(values):
    key = {k: {"S": v} for k, v in values.items()} | {"gsi2pk": {"S": "ASSOCS#verified"}}
    cursor = encode_cursor(key)
    assert decode_cursor(cursor, expect={"gsi2pk": "ASSOCS#verified"}, key_names=KEYS) == key


def test_no_key_no_cursor():
    assert encode_cursor(None) is None
    assert decode_cursor(None, expect={}, key_names=KEYS) is None


@given(st.text(max_size=60))
def test_garbage_cursors_are_bad_requests(garbage):
    """Any text is either no cursor (empty) or refused as invalid: never a key, never another error."""
    if not garbage:
        assert decode_cursor(garbage, expect={"gsi2pk": "ASSOCS#verified"}, key_names=KEYS) is None
        return
    with pytest.raises(BadRequest) as refused:
        decode_cursor(garbage, expect={"gsi2pk": "ASSOCS#verified"}, key_names=KEYS)
    assert refused.value.code == "invalid_cursor"


def test_cursor_of_another_partition_is_refused():
    cursor = encode_cursor({k: {"S": "x"} for k in KEYS})
    with pytest.raises(BadRequest):
        decode_cursor(cursor, expect={"gsi2pk": "ASSOCS#verified"}, key_names=KEYS)


def test_a_person_index_entry_reads_back_as_its_kind_its_reference_and_the_fields_a_person_sees():
    from hromada.store import keys

    item = {"pk": "FLAG#event:ev_9", "sk": "BY#sub-me", "item": "event:ev_9", "reason": "spam", "gsi2pk": "X"}
    item |= keys.person_entry("sub-me", "FLAG", "2026-01-01", "event:ev_9")
    assert keys.person_entry_of(item) == ("FLAG", "2026-01-01#event:ev_9")
    assert keys.without_keys(item) == {"item": "event:ev_9", "reason": "spam"}
    assert keys.item_key(item) == {"pk": "FLAG#event:ev_9", "sk": "BY#sub-me"}
