"""Ids: a flag names an item by an id of the kind it says, and an election by an election's id."""

import pytest
from pydantic import ValidationError

from hromada.models.moderation import FlagIn

EVENT, ELECTION, CANDIDATE = "ev_" + "0" * 20, "el_" + "1" * 20, "ca_" + "2" * 20


def test_a_flag_names_an_item_of_its_kind():
    assert FlagIn(kind="event", id=EVENT, reason="spam").id == EVENT
    assert FlagIn(kind="candidate", id=CANDIDATE, election_id=ELECTION, reason="spam").election_id == ELECTION


@pytest.mark.parametrize("body", [
    {"kind": "association", "id": EVENT},  # an event's id given as an association's
    {"kind": "event", "id": "ev_short"},
    {"kind": "event", "id": "anything-3-to-80-chars"},
    {"kind": "candidate", "id": CANDIDATE, "election_id": EVENT},
])
def test_an_id_of_another_kind_or_shape_is_refused(body):
    with pytest.raises(ValidationError):
        FlagIn(reason="spam", **body)
