"""Partnership rules, run against in-memory ports: no DynamoDB, no HTTP."""

from __future__ import annotations

import itertools

import pytest
from pydantic import ValidationError

from hromada.auth import Principal
from hromada.domain.associations import Associations
from hromada.domain.partnerships import NEXT, Partnerships
from hromada.domain.twinning_events import PartnershipProposed, PartnershipStatusChanged
from hromada.domain.twinning_ports import ListQuery
from hromada.errors import Conflict, Forbidden, Invalid, NotFound
from hromada.models.association import AssociationCreate
from hromada.models.partnership import (
    PartnershipPatch,
    PartnershipProposal,
    PartnershipStatus,
    PartyRole,
    StatusTarget,
)
from hromada.reference.matching import Criteria
from tests.unit.fakes import MemoryAssociationStore
from tests.unit.twinning_fakes import MemoryMatchIndex, MemoryPartnershipStore


def who(name: str, *groups: str, verified: bool = True) -> Principal:
    return Principal(user_id=f"sub-{name}", email=f"{name}@example.org", email_verified=verified,
                     groups=frozenset(groups), second_factor=True)


PROPOSER, PARTNER, STRANGER = who("proposer"), who("partner"), who("stranger")
MODERATOR, ADMIN = who("mod", "moderators"), who("admin", "admins")


class Recorder:
    def __init__(self):
        self.events = []

    def publish(self, event):
        self.events.append(event)


def proposal(**overrides) -> PartnershipProposal:
    data = {"title": "Occitanie – Lviv : vignes et vergers", "description": {"fr": "Échanges agricoles."},
            "french": {"region": "76"}, "ukrainian": {"oblast": "UA-46"}, "domains": ["agriculture"],
            "partner": {"name": "Lviv Oblast Council"},
            "contacts": [{"name": "Oksana", "role": "coordinatrice", "email": "oksana@example.org"}]} | overrides
    return PartnershipProposal.model_validate(data)


@pytest.fixture
def world():
    ticks, ids = itertools.count(), itertools.count()

    def now():
        return f"2026-11-26T10:{next(ticks):02d}:00.000Z"

    def make_id(prefix):
        return f"{prefix}_{next(ids)}"

    associations = Associations(MemoryAssociationStore(), now=now, make_id=make_id)
    data = {"description": {"fr": "Culture"}, "categories": ["culture"], "region": "76", "department": "31",
            "city": "Toulouse", "postal_code": "31000"}
    mine = associations.register(PROPOSER, AssociationCreate(name="Maison de Toulouse", **data))
    theirs = associations.register(PARTNER, AssociationCreate(name="Lviv à Toulouse", **data))
    pending = associations.register(PROPOSER, AssociationCreate(name="En attente", **data))
    for a in (mine, theirs):
        associations.verify(MODERATOR, a.id, None)
    store = MemoryPartnershipStore(associations.store)
    recorder = Recorder()
    service = Partnerships(store, MemoryMatchIndex(store), recorder, now=now, make_id=make_id)
    return service, mine.id, theirs.id, pending.id, recorder


def test_a_proposal_names_its_parties_and_is_audited(world):
    service, mine, theirs, _, recorder = world
    p = service.propose(PROPOSER, mine, proposal(partner={"association_id": theirs},
                                                 bodies=[{"name": "Région Occitanie"}]))
    assert p.status == PartnershipStatus.PROPOSED and p.proposed_by == mine
    assert [(x.role, x.name) for x in p.parties] == [(PartyRole.PROPOSER, "Maison de Toulouse"),
                                                   (PartyRole.PARTNER, "Lviv à Toulouse"),
                                                   (PartyRole.PARTICIPANT, "Région Occitanie")]
    entry = service.store.audit[-1]
    assert (entry.action, entry.actor_id, entry.on_behalf_of) == ("partnership.proposed", PROPOSER.user_id, mine)
    assert recorder.events == [PartnershipProposed(p.id, mine, theirs)]


def test_only_an_editor_of_a_verified_association_proposes(world):
    service, mine, _, pending, _ = world
    with pytest.raises(Forbidden):
        service.propose(STRANGER, mine, proposal())
    with pytest.raises(Forbidden) as unverified:
        service.propose(PROPOSER, pending, proposal())
    assert unverified.value.code == "association_not_verified"
    with pytest.raises(Forbidden) as no_email:
        service.propose(who("proposer", verified=False), mine, proposal())
    assert no_email.value.code == "email_not_verified"
    with pytest.raises(NotFound):
        service.propose(PROPOSER, "as_missing", proposal())
    assert service.store.items == {}


def test_the_partner_is_another_verified_association(world):
    service, mine, _, pending, _ = world
    with pytest.raises(Invalid) as itself:
        service.propose(PROPOSER, mine, proposal(partner={"association_id": mine}))
    assert itself.value.code == "partner_is_proposer"
    for unknown in ("as_missing", pending):
        with pytest.raises(Invalid) as invalid:
            service.propose(PROPOSER, mine, proposal(partner={"association_id": unknown}))
        assert invalid.value.details[0]["field"] == "partner.association_id"
    assert service.store.items == {}


@pytest.mark.parametrize(("french", "field"), [
    ({"region": "76", "department": "33"}, "french.department"),
    ({"region": "76", "commune": "Albi"}, "french.department"),
    ({"region": "76", "department": "81", "commune": "Albi", "postal_code": "31000"}, "french.postal_code"),
    ({"region": "76", "department": "81", "postal_code": "81000"}, "french.postal_code"),
])
def test_french_territory_must_be_consistent(world, french, field):
    service, mine, *_ = world
    with pytest.raises(Invalid) as invalid:
        service.propose(PROPOSER, mine, proposal(french=french))
    assert invalid.value.details[0]["field"] == field


def test_a_commune_in_its_department_and_region_is_fine(world):
    service, mine, *_ = world
    p = service.propose(PROPOSER, mine, proposal(french={"region": "76", "department": "81", "commune": "Albi",
                                                         "postal_code": "81000"},
                                                 ukrainian={"oblast": "UA-46", "hromada": "Zhovkivska"}))
    assert (p.french.level, p.ukrainian.level) == ("commune", "hromada")


@pytest.mark.parametrize(("override", "field"), [
    ({"french": {"region": "99"}}, "french.region"),
    ({"ukrainian": {"oblast": "UA-99"}}, "ukrainian.oblast"),
    ({"documents": [{"title": "Convention", "url": "http://example.org/c.pdf"}]}, "documents.0.url"),
    ({"milestones": [{"date": "2026-05-01", "title": "Signature"}, {"date": "2026-01-01", "title": "Visite"}]},
     "milestones"),
    ({"partner": {"name": "Lviv", "association_id": "as_1"}}, "partner"),
    ({"partner": {}}, "partner"),
    ({"domains": ["knitting"]}, "domains.0"),
])
def test_schema_refuses_bad_codes_links_and_order(override, field):
    with pytest.raises(ValidationError) as refused:
        proposal(**override)
    assert field in {".".join(str(p) for p in e["loc"]) for e in refused.value.errors()}


def test_the_other_side_or_a_moderator_confirms(world):
    service, mine, theirs, _, _ = world
    p = service.propose(PROPOSER, mine, proposal(partner={"association_id": theirs}))
    for refused in (PROPOSER, STRANGER):
        with pytest.raises(Forbidden) as forbidden:
            service.confirm(refused, p.id, None)
        assert forbidden.value.code == "not_the_other_side"
    confirmed = service.confirm(PARTNER, p.id, "Validé par le conseil")
    assert confirmed.status == PartnershipStatus.IN_DISCUSSION and confirmed.confirmed_at
    assert service.store.audit[-1].on_behalf_of == theirs
    with pytest.raises(Conflict) as again:
        service.confirm(MODERATOR, p.id, None)
    assert again.value.code == "transition_not_allowed"


def test_a_territorial_body_partner_is_confirmed_by_a_moderator(world):
    service, mine, *_ = world
    p = service.propose(PROPOSER, mine, proposal())
    with pytest.raises(Forbidden):
        service.confirm(PARTNER, p.id, None)
    assert service.confirm(MODERATOR, p.id, None).status == PartnershipStatus.IN_DISCUSSION


def test_statuses_move_only_along_the_table(world):
    service, mine, _, _, recorder = world
    p = service.propose(PROPOSER, mine, proposal())
    with pytest.raises(Conflict):
        service.change_status(PROPOSER, p.id, StatusTarget.SIGNED, None)
    service.confirm(MODERATOR, p.id, None)
    with pytest.raises(Forbidden):
        service.change_status(STRANGER, p.id, StatusTarget.SIGNED, None)
    assert service.change_status(PROPOSER, p.id, StatusTarget.SIGNED, None).status == "signed"
    assert service.change_status(MODERATOR, p.id, StatusTarget.ACTIVE, None).status == "active"
    ended = service.change_status(PROPOSER, p.id, StatusTarget.ENDED, "Fin du programme")
    assert ended.status == "ended" and ended.version == 5
    with pytest.raises(Conflict):
        service.change_status(MODERATOR, p.id, StatusTarget.ACTIVE, None)
    assert [e.action for e in service.store.audit] == [
        "partnership.proposed", "partnership.in_discussion", "partnership.signed", "partnership.active",
        "partnership.ended"]
    assert [(e.previous, e.status) for e in recorder.events if isinstance(e, PartnershipStatusChanged)] == [
        ("proposed", "in_discussion"), ("in_discussion", "signed"), ("signed", "active"), ("active", "ended")]


def test_every_status_can_end_and_ended_is_final():
    assert all(PartnershipStatus.ENDED in targets for status, targets in NEXT.items() if status != "ended")
    assert NEXT[PartnershipStatus.ENDED] == frozenset()


def test_a_lost_version_race_is_a_conflict(world):
    service, mine, *_ = world
    p = service.propose(PROPOSER, mine, proposal())
    service.store.items[p.id] = p.model_copy(update={"version": 7})  # someone else wrote meanwhile
    with pytest.raises(Conflict) as conflict:
        service._move(MODERATOR, p, PartnershipStatus.IN_DISCUSSION, None, None)
    assert conflict.value.code == "changed_meanwhile"


def test_an_editor_removed_between_read_and_write_is_refused(world):
    service, mine, *_ = world
    p = service.propose(PROPOSER, mine, proposal())
    stale = service.store.lookup([mine], PROPOSER.email, profiles=False)  # read while still an editor
    service.store.lookup = lambda *args, **kwargs: stale
    del service.store.associations.editors_by_assoc[mine][PROPOSER.email]
    with pytest.raises(Forbidden):
        service.update(PROPOSER, p.id, PartnershipPatch(title="Nouveau titre"))
    assert service.store.get(p.id).version == 1


def test_parties_and_admins_edit_the_content(world):
    service, mine, theirs, _, _ = world
    p = service.propose(PROPOSER, mine, proposal(partner={"association_id": theirs}))
    edited = service.update(PARTNER, p.id, PartnershipPatch.model_validate(
        {"milestones": [{"date": "2026-03-01", "title": "Visite"}, {"date": "2026-06-01", "title": "Signature"}]}))
    assert [m.title for m in edited.milestones] == ["Visite", "Signature"] and edited.title == p.title
    assert service.update(ADMIN, p.id, PartnershipPatch(title="Titre corrigé")).version == 3
    for refused in (STRANGER, MODERATOR):
        with pytest.raises(Forbidden):
            service.update(refused, p.id, PartnershipPatch(title="Pas le droit"))
    with pytest.raises(Invalid) as invalid:
        service.update(PROPOSER, p.id, PartnershipPatch.model_validate({"domains": None}))
    assert invalid.value.details[0]["field"] == "domains"


def test_contact_emails_are_for_parties_and_moderators(world):
    service, mine, theirs, _, _ = world
    p = service.propose(PROPOSER, mine, proposal(partner={"association_id": theirs}))
    assert service.for_parties(PARTNER, p.id).contacts[0].email == "oksana@example.org"
    assert service.for_parties(MODERATOR, p.id).id == p.id
    with pytest.raises(Forbidden):
        service.for_parties(STRANGER, p.id)


def test_hiding_takes_it_out_of_public_view_and_matching(world):
    service, mine, *_ = world
    p = service.propose(PROPOSER, mine, proposal())
    assert [m.candidate.id for m in service.match(Criteria("agriculture", "76"), 10)] == [p.id]
    with pytest.raises(Forbidden):
        service.hide(PROPOSER, p.id, "spam")
    service.hide(MODERATOR, p.id, "Doublon")
    with pytest.raises(NotFound):
        service.public(p.id)
    assert service.match(Criteria("agriculture", "76"), 10) == []
    assert service.directory(ListQuery()).items == []
    with pytest.raises(Conflict) as again:
        service.hide(MODERATOR, p.id, "Doublon")
    assert again.value.code == "already_hidden"
    assert service.restore(ADMIN, p.id, None).hidden is False
    assert service.public(p.id).hidden_reason is None


def test_match_ranks_partnerships_of_the_domain_near_the_region(world):
    service, mine, *_ = world
    here = service.propose(PROPOSER, mine, proposal(title="Ici"))
    near = service.propose(PROPOSER, mine, proposal(title="À côté", french={"region": "75"}))
    service.propose(PROPOSER, mine, proposal(title="Loin", french={"region": "53"}))
    service.propose(PROPOSER, mine, proposal(title="Autre domaine", domains=["culture"]))
    ranked = service.match(Criteria("agriculture", "76"), 10)
    assert [m.candidate.id for m in ranked] == [here.id, near.id]
