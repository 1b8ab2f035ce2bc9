"""Election use cases against the in-memory ports: who may do what, one ballot per voter, the calendar."""

from __future__ import annotations

import itertools

import pytest

from hromada.auth import Principal
from hromada.domain.associations import Associations
from hromada.domain.elections import Elections
from hromada.errors import Conflict, Forbidden, Invalid, NotFound
from hromada.models.association import AssociationCreate
from hromada.models.election import BallotIn, ElectionCreate, NominationIn
from hromada.pseudonyms import normalise_address
from tests.unit.fakes import MemoryAssociationStore
from tests.unit.fakes_voting import MemoryBallotBox, MemoryElectionStore


def who(name: str, *groups: str, verified: bool = True) -> Principal:
    return Principal(user_id=f"sub-{name}", email=f"{name}@example.org", email_verified=verified,
                     groups=frozenset(groups), second_factor=True)


ADMIN, MODERATOR, OWNER = who("admin", "admins"), who("mod", "moderators"), who("owner")
CANDIDATE, VOTER, OTHER = who("candidate"), who("voter"), who("other")


class World:
    """An association (verified), an election service and a clock that only moves when told."""

    def __init__(self) -> None:
        self.time = "2030-01-01T00:00:00.000Z"
        ids = itertools.count()
        trackers = itertools.count()
        self.associations_store = MemoryAssociationStore()
        associations = Associations(self.associations_store, now=lambda: self.time,
                                    make_id=lambda prefix: f"{prefix}_{next(ids):020x}")
        association = associations.register(OWNER, AssociationCreate.model_validate({
            "name": "Maison ukrainienne", "description": {"uk": "Опис"}, "categories": ["culture"],
            "region": "76", "department": "31", "city": "Toulouse", "postal_code": "31000"}))
        self.association = associations.verify(MODERATOR, association.id, None)
        self.box = MemoryBallotBox(self.associations_store, {})
        self.store = MemoryElectionStore(self.box)
        self.elections = Elections(self.store, self.box, self.associations_store, now=lambda: self.time,
                                   make_id=lambda prefix: f"{prefix}_{next(ids):020x}",
                                   make_tracker=lambda: f"TRAC-KER{next(trackers):X}-AAAA-AAAA-AAAA",
                                   voter_key=lambda box, email: f"person:{normalise_address(email)}")

    def create(self, **overrides) -> str:
        data = {"title": {"en": "Youth council"}, "method": "plurality", "nominations_open_at": "2030-01-02T00:00:00Z",
                "voting_opens_at": "2030-01-10T00:00:00Z", "voting_closes_at": "2030-01-20T00:00:00Z"} | overrides
        return self.elections.create(ADMIN, ElectionCreate.model_validate(data)).id

    def nominate(self, election_id: str, name: str = "Olena") -> str:
        return self.elections.nominate(OWNER, election_id, NominationIn.model_validate({
            "association_id": self.association.id, "name": name, "email": CANDIDATE.email,
            "statement": {"uk": "Програма"}})).id

    def approved(self, election_id: str, name: str = "Olena") -> str:
        candidate = self.nominate(election_id, name)
        self.elections.consent(CANDIDATE, election_id, candidate)
        self.elections.approve(ADMIN, election_id, candidate)
        return candidate

    def at(self, when: str) -> None:
        self.time = when


@pytest.fixture
def world() -> World:
    return World()


def test_only_admins_create_and_the_calendar_must_hold(world):
    with pytest.raises(Forbidden):
        world.elections.create(MODERATOR, ElectionCreate.model_validate({
            "title": {"en": "x"}, "method": "irv", "nominations_open_at": "2030-01-02T00:00:00Z",
            "voting_opens_at": "2030-01-10T00:00:00Z", "voting_closes_at": "2030-01-20T00:00:00Z"}))
    with pytest.raises(Invalid):
        world.create(voting_closes_at="2030-01-05T00:00:00Z")
    election = world.create()
    assert world.store.audit_log(election)[0].action == "election.created"


def test_the_calendar_moves_an_election_to_its_published_result(world):
    election = world.create()
    world.at("2030-01-02T00:00:00.000Z")
    assert world.elections.advance(election) == ["nominations"]
    candidate = world.approved(election)
    world.nominate(election, "Not approved")
    world.at("2030-01-10T00:00:00.000Z")
    assert world.elections.advance(election) == ["voting"]
    assert [c.id for c in world.store.get(election).ballot] == [candidate]  # only the approved one
    world.elections.cast(VOTER, election, BallotIn(choice=candidate))
    world.at("2030-01-20T00:00:00.000Z")
    assert world.elections.advance(election) == ["closed", "published"]
    published, stored = world.elections.results(election)
    assert stored["result"]["winner"] == candidate and published.ballot_pages == 1
    assert world.elections.advance(election) == []  # nothing more to do, however often it runs


def test_one_ballot_per_voter_and_nothing_after_the_close(world):
    election = world.create()
    world.elections.open(ADMIN, election)
    candidate = world.approved(election)
    world.elections.open(ADMIN, election)
    tracker = world.elections.cast(VOTER, election, BallotIn(choice=candidate))
    with pytest.raises(Conflict) as twice:
        world.elections.cast(VOTER, election, BallotIn(choice=candidate))
    assert twice.value.code == "already_voted"
    assert world.elections.voter_status(VOTER, election).voted is True
    # Another account (a new sub) with the same mailbox, in another case or with a +tag, is the same voter.
    for email in ("Voter@Example.org", "voter+again@example.org"):
        again = Principal(user_id=f"sub-new-{email}", email=email.lower(), email_verified=True, groups=frozenset())
        assert world.elections.voter_status(again, election).voted is True
        with pytest.raises(Conflict) as reborn:
            world.elections.cast(again, election, BallotIn(choice=candidate))
        assert reborn.value.code == "already_voted"
    assert world.elections.voter_status(OTHER, election).voted is False
    world.elections.close(ADMIN, election, "Incident technique")
    with pytest.raises(Conflict) as closed:
        world.elections.cast(OTHER, election, BallotIn(choice=candidate))
    assert closed.value.code == "voting_closed"
    world.elections.advance(election)
    assert world.elections.ballot(election, tracker) == {"choice": candidate}
    entries = world.elections.audit(ADMIN, election)
    assert [(e.action, e.reason) for e in entries if e.action == "election.closed"] == [
        ("election.closed", "Incident technique")]


def test_the_roll_and_the_associations_decide_who_votes(world):
    roll = world.create(electorate="roll")
    world.elections.open(ADMIN, roll)
    candidate = world.approved(roll)
    world.elections.upload_roll(ADMIN, roll, [VOTER.email])
    world.elections.open(ADMIN, roll)
    with pytest.raises(Conflict) as frozen:  # the electorate is fixed while it votes
        world.elections.upload_roll(ADMIN, roll, [OTHER.email])
    assert frozen.value.code == "roll_frozen"
    with pytest.raises(Forbidden) as outside:
        world.elections.cast(OTHER, roll, BallotIn(choice=candidate))
    assert outside.value.code == "not_eligible"
    world.elections.cast(VOTER, roll, BallotIn(choice=candidate))

    by_association = world.create(electorate="associations")
    world.elections.open(ADMIN, by_association)
    candidate = world.approved(by_association)
    world.elections.open(ADMIN, by_association)
    ballot = BallotIn(choice=candidate, association_id=world.association.id)
    with pytest.raises(Forbidden):
        world.elections.cast(VOTER, by_association, ballot)  # not its owner
    world.elections.cast(OWNER, by_association, ballot)
    with pytest.raises(Conflict):
        world.elections.cast(OWNER, by_association, ballot)  # one ballot per association
    status = world.elections.voter_status(OWNER, by_association)
    assert status.eligible and status.associations == [(world.association.id, world.association.name, True)]


def test_nominations_quota_consent_and_withdrawal(world):
    election = world.create(nominations_per_association=1)
    with pytest.raises(NotFound):
        world.nominate(election)  # a draft does not exist for owners
    world.elections.open(ADMIN, election)
    candidate = world.nominate(election)
    with pytest.raises(Conflict) as full:
        world.nominate(election, "Second")
    assert full.value.code == "nomination_quota_reached"
    with pytest.raises(Forbidden):
        world.elections.consent(OTHER, election, candidate)
    with pytest.raises(Forbidden):
        world.elections.withdraw(OTHER, election, candidate)
    world.elections.withdraw(CANDIDATE, election, candidate)
    world.nominate(election, "Second")  # the withdrawn one freed its slot
    assert [n.name for n in world.elections.nominations(CANDIDATE, election)] == ["Olena", "Second"]
    assert world.elections.nominations(OTHER, election) == []
