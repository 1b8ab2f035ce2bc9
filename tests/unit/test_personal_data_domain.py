"""Export and erasure use cases against in-memory ports."""

from __future__ import annotations

import pytest

from hromada.auth import Principal
from hromada.domain.personal_data import (
    ERASED_TOKEN_SECONDS,
    TOKEN_LIFETIME_SECONDS,
    Membership,
    PersonalData,
    PersonEntry,
)
from hromada.domain.ports import ConditionFailed
from hromada.errors import Forbidden, Invalid, NotFound

ME = Principal("sub-me", "me@example.org", True, frozenset(), "Me")


class FakeStore:
    def __init__(self) -> None:
        self.index = {
            "sub-me": [PersonEntry("RSVP", "ev_1", {"event_id": "ev_1", "status": "confirmed"}, {"pk": "EVENT#ev_1"}),
                       PersonEntry("RSVP", "ev_gone", {"event_id": "ev_gone", "status": "confirmed"}),
                       PersonEntry("FLAG", "2026#event:ev_9", {"item": "event:ev_9", "reason": "spam", "at": "2026"}),
                       PersonEntry("VOTED", "el_1", {}, {"pk": "VOTED#el_1#member:sub-me"}),
                       PersonEntry("AUDIT", "2026", {"action": "event.published", "target": "ev_1", "at": "2026"})],
            "me@example.org": [PersonEntry("CANDIDATE", "el_2#cd_1", {"name": "Me"}), PersonEntry("ROLL", "el_3", {})],
        }
        self.links = [Membership("as_shared", "owner", {"name": "Shared"}),
                      Membership("as_alone", "owner", {"name": "Alone"}),
                      Membership("as_theirs", "editor", {"name": "Theirs"})]
        self.done: list[tuple] = []

    def entries(self, subject, kind=None):
        found = [] if ("erase",) in self.done else list(self.index.get(subject, []))
        return [e for e in found if kind is None or e.kind == kind]

    def memberships(self, email):
        return self.links

    def subscriptions_of(self, email):
        return [{"digest": "weekly"}]

    def erase_subscriptions(self, email):
        self.done.append(("subscriptions", email))

    def co_editors(self, association_id, email):
        return {"as_shared": ["gone@example.org", "removed@example.org", "co@example.org"]}.get(association_id, [])

    def hand_over(self, association_id, leaving, successor_email, successor_id):
        if successor_email == "removed@example.org":  # removed between the read and the write
            raise ConditionFailed("successor")
        self.done.append(("hand_over", association_id, successor_email, successor_id))

    def freeze(self, association_id, leaving):
        self.done.append(("freeze", association_id))

    def leave_association(self, association_id, email):
        self.done.append(("leave", association_id))

    def anonymise_authored(self, association_id, user_id, email, pseudonym):
        self.done.append(("authored", association_id))

    def anonymise_entry(self, entry, pseudonym):
        self.done.append(("entry", entry.kind))

    def drop_suspension(self, user_id):
        self.done.append(("suspension", user_id))

    def leave_tombstone(self, user_id, expires_at):
        self.done.append(("tombstone", user_id, expires_at))


class FakeAccounts:
    def __init__(self) -> None:
        self.deleted: list[str] = []

    def user_id_of(self, email):
        return {"co@example.org": "sub-co", "removed@example.org": "sub-removed"}.get(email)  # gone@: no account

    def delete(self, principal):
        self.deleted.append(principal.user_id)


@pytest.fixture
def world():
    store, accounts, left = FakeStore(), FakeAccounts(), []

    def leave(principal, event_id):
        if event_id == "ev_gone":
            raise NotFound("rsvp_not_found")
        left.append(event_id)

    return store, accounts, left, PersonalData(store, accounts, leave, now=lambda: "2026-11-26T00:00:00.000Z",
                                               make_pseudonym=lambda: "erased-x")


def test_the_export_sorts_what_the_index_holds(world):
    *_, data = world
    exported = data.export(ME)
    assert exported["profile"]["id"] == "sub-me"
    assert [r["event_id"] for r in exported["rsvps"]] == ["ev_1", "ev_gone"]
    assert exported["rsvps"][0] == {"event_id": "ev_1", "status": "confirmed"}  # the fields, not the store's key
    assert exported["elections"] == [{"box": "el_1"}] and exported["voter_rolls"] == [{"election_id": "el_3"}]
    assert exported["flags"] == [{"item": "event:ev_9", "reason": "spam", "comment": None, "flagged_at": "2026"}]
    assert exported["subscriptions"] == [{"digest": "weekly"}]
    assert [a["association_id"] for a in exported["associations"]] == ["as_shared", "as_alone", "as_theirs"]


def test_erasure_needs_my_own_address(world):
    store, accounts, _, data = world
    with pytest.raises(Invalid) as refused:
        data.erase(ME, "someone@example.org")
    assert refused.value.code == "erasure_not_confirmed"
    assert store.done == [] and accounts.deleted == []


def test_erasure_hands_over_freezes_leaves_and_deletes_the_account_last(world):
    store, accounts, left, data = world
    done = data.erase(ME, " ME@example.org ")
    assert left == ["ev_1"]  # the RSVP already gone is skipped
    # the first co-editor with an account who still edits it
    assert [d for d in store.done if d[0] == "hand_over"] == [("hand_over", "as_shared", "co@example.org", "sub-co")]
    assert ("freeze", "as_alone") in store.done and ("leave", "as_theirs") in store.done
    entries = [d[1] for d in store.done if d[0] == "entry"]
    assert sorted(entries) == ["AUDIT", "CANDIDATE", "FLAG", "ROLL", "VOTED"]
    assert store.done[-1] == ("suspension", "sub-me") and accounts.deleted == ["sub-me"]
    # first of all, the still-valid tokens are barred from writing, for longer than they live
    assert store.done[0] == ("tombstone", "sub-me", 1_795_651_200 + ERASED_TOKEN_SECONDS)
    assert done == {"rsvps": 1, "handed_over": 1, "frozen": 1, "memberships": 1, "flag": 1, "voted": 1,
                    "audit": 1, "candidate": 1, "roll": 1}


def test_an_unverified_address_is_nobody_s_export_nor_erasure(world):
    store, accounts, _, data = world
    claimed = Principal("sub-attacker", "me@example.org", False, frozenset(), "Attacker")
    assert claimed.email == ""  # the claim is dropped where the identity is read
    with pytest.raises(Forbidden) as refused:
        data.export(claimed)
    assert refused.value.code == "email_not_verified"
    with pytest.raises(Forbidden):
        data.erase(claimed, "me@example.org")
    assert store.done == [] and accounts.deleted == []


def test_the_tombstone_outlives_every_token_the_user_pool_issues():
    from infra.template import Template

    client = Template().raw["Resources"]["UserPoolClient"]["Properties"]
    units = {"seconds": 1, "minutes": 60, "hours": 3600, "days": 86400}
    for token in ("IdToken", "AccessToken"):
        lifetime = client[f"{token}Validity"] * units[client["TokenValidityUnits"][token]]
        assert lifetime <= TOKEN_LIFETIME_SECONDS < ERASED_TOKEN_SECONDS


def test_erasure_leaves_each_shift_and_the_export_lists_them(world):
    store, accounts, _, _ = world
    store.index["sub-me"].append(PersonEntry("SHIFT", "an_1#sh_1", {"announcement_id": "an_1", "shift_id": "sh_1",
                                                                    "status": "confirmed", "email": "me@example.org"}))
    store.index["sub-me"].append(PersonEntry("SHIFT", "an_1#sh_gone", {"shift_id": "sh_gone"}))
    shifts_left = []

    def leave_shift(principal, ref):
        if ref.endswith("sh_gone"):
            raise NotFound("shift_not_found")
        shifts_left.append(ref)

    data = PersonalData(store, accounts, lambda *_: None, now=lambda: "2026-11-26T00:00:00.000Z",
                        make_pseudonym=lambda: "erased-x", leave_shift=leave_shift)
    assert data.export(ME)["shifts"][0] == {"announcement_id": "an_1", "shift_id": "sh_1", "status": "confirmed",
                                            "joined_at": None, "promoted_at": None}
    done = data.erase(ME, "me@example.org")
    assert shifts_left == ["an_1#sh_1"] and done["shifts"] == 1
    assert "SHIFT" not in [d[1] for d in store.done if d[0] == "entry"]  # left, not merely unlisted
