"""Partnership and initiative rules, run against in-memory ports: no DynamoDB, no HTTP.

The rules the two kinds share are tested once per kind (KINDS); what only one kind has (a partner to
confirm, territories, needs meeting offers) is tested for that kind.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from pydantic import BaseModel, ValidationError

from hromada.auth import Principal
from hromada.domain.associations import Associations
from hromada.domain.initiatives import Initiatives
from hromada.domain.partnerships import Partnerships
from hromada.domain.twinning import Twinning
from hromada.domain.twinning_events import (
    InitiativePublished,
    InitiativeStatusChanged,
    PartnershipProposed,
    PartnershipStatusChanged,
)
from hromada.domain.twinning_ports import ListQuery
from hromada.errors import Conflict, Forbidden, Invalid, NotFound
from hromada.models.association import AssociationCreate
from hromada.models.initiative import InitiativeCreate, InitiativePatch, InitiativeStatus
from hromada.models.partnership import (
    PartnershipPatch,
    PartnershipProposal,
    PartnershipStatus,
    PartyRole,
    StatusTarget,
)
from hromada.reference.matching import Criteria
from tests.unit.fakes import MemoryAssociationStore
from tests.unit.twinning_fakes import INITIATIVES, PARTNERSHIPS, MemoryMatchIndex, MemoryTwinningStore


def who(name: str, *groups: str, verified: bool = True) -> Principal:
    return Principal(user_id=f"sub-{name}", email=f"{name}@example.org", email_verified=verified,
                     groups=frozenset(groups), second_factor=True)


# EDITOR edits "mine" (and the pending association), PARTNER edits "theirs".
EDITOR, PARTNER, STRANGER = who("editor"), who("partner"), who("stranger")
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


def initiative(**overrides) -> InitiativeCreate:
    data = {"kind": "need", "title": "Station de traitement de l'eau", "description": {"uk": "Потрібна станція"},
            "domain": "reconstruction", "oblast": "UA-48", "hromada": "Mykolaivska"} | overrides
    return InitiativeCreate.model_validate(data)


@dataclass
class World:
    partnerships: Partnerships
    initiatives: Initiatives
    matches: MemoryMatchIndex
    mine: str
    theirs: str
    pending: str
    recorder: Recorder


@pytest.fixture
def world() -> World:
    ticks, ids = itertools.count(), itertools.count()

    def now():
        return f"2026-11-26T10:{next(ticks):02d}:00.000Z"

    def make_id(prefix):
        return f"{prefix}_{next(ids)}"

    associations = Associations(MemoryAssociationStore(), now=now, make_id=make_id)
    data = {"description": {"fr": "Culture"}, "categories": ["culture"], "region": "76", "department": "31",
            "city": "Toulouse", "postal_code": "31000"}
    mine = associations.register(EDITOR, AssociationCreate(name="Maison de Toulouse", **data))
    theirs = associations.register(PARTNER, AssociationCreate(name="Lviv à Toulouse", **data))
    pending = associations.register(EDITOR, AssociationCreate(name="En attente", **data))
    for a in (mine, theirs):
        associations.verify(MODERATOR, a.id, None)
    stores = MemoryTwinningStore(associations.store, PARTNERSHIPS), MemoryTwinningStore(associations.store, INITIATIVES)
    matches, recorder = MemoryMatchIndex(*stores), Recorder()
    return World(Partnerships(stores[0], matches, recorder, now=now, make_id=make_id),
                 Initiatives(stores[1], matches, recorder, now=now, make_id=make_id),
                 matches, mine.id, theirs.id, pending.id, recorder)


# ---------------------------------------------------------------- what the two kinds share
@dataclass(frozen=True)
class Kind:
    service: Callable[[World], Twinning]
    create: Callable[[World, Principal, str], Any]  # an item, created by this person for this association
    move: Any  # a status the new item may move to
    final: Any  # the status nothing leaves
    edit: BaseModel  # a valid patch from an editor
    admin_edit: BaseModel
    bad_edit: tuple[BaseModel, str]  # a patch whose merged content is invalid, and the field named
    edited: Callable[[Any], Any]  # what the valid patch changed, read back


KINDS = {
    "partnership": Kind(
        service=lambda w: w.partnerships,
        create=lambda w, by, association: w.partnerships.propose(by, association, proposal()),
        move=PartnershipStatus.IN_DISCUSSION, final=PartnershipStatus.ENDED,
        edit=PartnershipPatch(title="Nouveau titre"), admin_edit=PartnershipPatch(title="Titre corrigé"),
        bad_edit=(PartnershipPatch.model_validate({"domains": None}), "domains"), edited=lambda p: p.title),
    "initiative": Kind(
        service=lambda w: w.initiatives,
        create=lambda w, by, association: w.initiatives.publish(by, association, initiative()),
        move=InitiativeStatus.MATCHED, final=InitiativeStatus.CLOSED,
        edit=InitiativePatch(title="Station d'épuration"), admin_edit=InitiativePatch(domain="health"),
        bad_edit=(InitiativePatch.model_validate({"oblast": None}), "body"), edited=lambda i: i.title),
}
each_kind = pytest.mark.parametrize("kind", list(KINDS))


def candidate_ids(world: World) -> set[str]:
    """Everything the matching search offers, of either kind, in any domain."""
    domains = ("agriculture", "reconstruction")
    return {c.id for d in domains for c in world.matches.candidates(d, ("partnership", "need", "offer"))}


@each_kind
def test_only_an_editor_of_a_verified_association_creates(world, kind):
    case = KINDS[kind]
    with pytest.raises(Forbidden):
        case.create(world, STRANGER, world.mine)
    with pytest.raises(Forbidden) as unverified:
        case.create(world, EDITOR, world.pending)
    assert unverified.value.code == "association_not_verified"
    with pytest.raises(Forbidden) as no_email:
        case.create(world, who("editor", verified=False), world.mine)
    assert no_email.value.code == "email_not_verified"
    with pytest.raises(NotFound):
        case.create(world, EDITOR, "as_missing")
    assert case.service(world).store.items == {}


@each_kind
def test_every_status_can_reach_the_final_one_and_it_is_final(world, kind):
    case = KINDS[kind]
    table = case.service(world).kind.next
    assert all(case.final in targets for status, targets in table.items() if status != case.final)
    assert table[case.final] == frozenset()


@each_kind
def test_a_lost_version_race_is_a_conflict(world, kind):
    case = KINDS[kind]
    service = case.service(world)
    item = case.create(world, EDITOR, world.mine)
    service.store.items[item.id] = item.model_copy(update={"version": 7})  # someone else wrote meanwhile
    with pytest.raises(Conflict) as conflict:
        service._move(MODERATOR, item, case.move, None, None)
    assert conflict.value.code == "changed_meanwhile"


@each_kind
def test_an_editor_removed_between_read_and_write_is_refused(world, kind):
    case = KINDS[kind]
    service = case.service(world)
    item = case.create(world, EDITOR, world.mine)
    stale = service.store.lookup([world.mine], EDITOR.email, profiles=False)  # read while still an editor
    service.store.lookup = lambda *args, **kwargs: stale
    del service.store.associations.editors_by_assoc[world.mine][EDITOR.email]
    with pytest.raises(Forbidden):
        service.update(EDITOR, item.id, case.edit)
    assert service.store.get(item.id).version == 1


@each_kind
def test_editors_and_admins_edit_the_content_as_a_whole(world, kind):
    case = KINDS[kind]
    service = case.service(world)
    item = case.create(world, EDITOR, world.mine)
    edited = service.update(EDITOR, item.id, case.edit)
    assert edited.version == 2 and case.edited(edited) == case.edited(case.edit)
    assert edited.description == item.description  # what the patch does not name is kept
    assert service.update(ADMIN, item.id, case.admin_edit).version == 3
    for refused in (STRANGER, MODERATOR):
        with pytest.raises(Forbidden):
            service.update(refused, item.id, case.admin_edit)
    patch, field = case.bad_edit
    with pytest.raises(Invalid) as invalid:
        service.update(EDITOR, item.id, patch)
    assert invalid.value.details[0]["field"] == field
    assert service.store.get(item.id).version == 3


@each_kind
def test_hiding_takes_it_out_of_public_view_and_matching(world, kind):
    case = KINDS[kind]
    service = case.service(world)
    item = case.create(world, EDITOR, world.mine)
    assert item.id in candidate_ids(world)
    with pytest.raises(Forbidden):
        service.hide(EDITOR, item.id, "spam")
    assert service.hide(MODERATOR, item.id, "Doublon").hidden_reason == "Doublon"
    with pytest.raises(NotFound) as gone:
        service.public(item.id)
    assert gone.value.code == f"{kind}_not_found"
    assert item.id not in candidate_ids(world)
    assert service.directory(ListQuery()).items == []
    with pytest.raises(Conflict) as again:
        service.hide(MODERATOR, item.id, "Doublon")
    assert again.value.code == "already_hidden"
    assert service.restore(ADMIN, item.id, None).hidden is False
    assert service.public(item.id).hidden_reason is None
    assert item.id in candidate_ids(world)
    assert [i.id for i in service.directory(ListQuery()).items] == [item.id]
    assert [e.action for e in service.store.audit][-2:] == [f"{kind}.hidden", f"{kind}.restored"]


# ---------------------------------------------------------------- partnerships
def test_a_proposal_names_its_parties_and_is_audited(world):
    service, mine, theirs = world.partnerships, world.mine, world.theirs
    p = service.propose(EDITOR, mine, proposal(partner={"association_id": theirs},
                                               bodies=[{"name": "Région Occitanie"}]))
    assert p.status == PartnershipStatus.PROPOSED and p.proposed_by == mine
    assert [(x.role, x.name) for x in p.parties] == [(PartyRole.PROPOSER, "Maison de Toulouse"),
                                                   (PartyRole.PARTNER, "Lviv à Toulouse"),
                                                   (PartyRole.PARTICIPANT, "Région Occitanie")]
    entry = service.store.audit[-1]
    assert (entry.action, entry.actor_id, entry.on_behalf_of) == ("partnership.proposed", EDITOR.user_id, mine)
    assert world.recorder.events == [PartnershipProposed(p.id, mine, theirs)]


def test_the_partner_is_another_verified_association(world):
    service, mine = world.partnerships, world.mine
    with pytest.raises(Invalid) as itself:
        service.propose(EDITOR, mine, proposal(partner={"association_id": mine}))
    assert itself.value.code == "partner_is_proposer"
    for unknown in ("as_missing", world.pending):
        with pytest.raises(Invalid) as invalid:
            service.propose(EDITOR, mine, proposal(partner={"association_id": unknown}))
        assert invalid.value.details[0]["field"] == "partner.association_id"
    assert service.store.items == {}


@pytest.mark.parametrize(("french", "field"), [
    ({"region": "76", "department": "33"}, "french.department"),
    ({"region": "76", "commune": "Albi"}, "french.department"),
    ({"region": "76", "department": "81", "commune": "Albi", "postal_code": "31000"}, "french.postal_code"),
    ({"region": "76", "department": "81", "postal_code": "81000"}, "french.postal_code"),
])
def test_french_territory_must_be_consistent(world, french, field):
    with pytest.raises(Invalid) as invalid:
        world.partnerships.propose(EDITOR, world.mine, proposal(french=french))
    assert invalid.value.details[0]["field"] == field


def test_a_commune_in_its_department_and_region_is_fine(world):
    p = world.partnerships.propose(EDITOR, world.mine, proposal(
        french={"region": "76", "department": "81", "commune": "Albi", "postal_code": "81000"},
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
    service = world.partnerships
    p = service.propose(EDITOR, world.mine, proposal(partner={"association_id": world.theirs}))
    for refused in (EDITOR, STRANGER):
        with pytest.raises(Forbidden) as forbidden:
            service.confirm(refused, p.id, None)
        assert forbidden.value.code == "not_the_other_side"
    confirmed = service.confirm(PARTNER, p.id, "Validé par le conseil")
    assert confirmed.status == PartnershipStatus.IN_DISCUSSION and confirmed.confirmed_at
    assert service.store.audit[-1].on_behalf_of == world.theirs
    with pytest.raises(Conflict) as again:
        service.confirm(MODERATOR, p.id, None)
    assert again.value.code == "transition_not_allowed"


def test_a_territorial_body_partner_is_confirmed_by_a_moderator(world):
    service = world.partnerships
    p = service.propose(EDITOR, world.mine, proposal())
    with pytest.raises(Forbidden):
        service.confirm(PARTNER, p.id, None)
    assert service.confirm(MODERATOR, p.id, None).status == PartnershipStatus.IN_DISCUSSION


def test_partnership_statuses_move_only_along_the_table(world):
    service = world.partnerships
    p = service.propose(EDITOR, world.mine, proposal())
    with pytest.raises(Conflict):
        service.change_status(EDITOR, p.id, StatusTarget.SIGNED, None)
    service.confirm(MODERATOR, p.id, None)
    with pytest.raises(Forbidden):
        service.change_status(STRANGER, p.id, StatusTarget.SIGNED, None)
    assert service.change_status(EDITOR, p.id, StatusTarget.SIGNED, None).status == "signed"
    assert service.change_status(MODERATOR, p.id, StatusTarget.ACTIVE, None).status == "active"
    ended = service.change_status(EDITOR, p.id, StatusTarget.ENDED, "Fin du programme")
    assert ended.status == "ended" and ended.version == 5
    with pytest.raises(Conflict):
        service.change_status(MODERATOR, p.id, StatusTarget.ACTIVE, None)
    assert [e.action for e in service.store.audit] == [
        "partnership.proposed", "partnership.in_discussion", "partnership.signed", "partnership.active",
        "partnership.ended"]
    assert [(e.previous, e.status) for e in world.recorder.events if isinstance(e, PartnershipStatusChanged)] == [
        ("proposed", "in_discussion"), ("in_discussion", "signed"), ("signed", "active"), ("active", "ended")]


def test_every_party_edits_the_milestones(world):
    service = world.partnerships
    p = service.propose(EDITOR, world.mine, proposal(partner={"association_id": world.theirs}))
    edited = service.update(PARTNER, p.id, PartnershipPatch.model_validate(
        {"milestones": [{"date": "2026-03-01", "title": "Visite"}, {"date": "2026-06-01", "title": "Signature"}]}))
    assert [m.title for m in edited.milestones] == ["Visite", "Signature"] and edited.title == p.title
    assert service.store.audit[-1].on_behalf_of == world.theirs


def test_contact_emails_are_for_parties_and_moderators(world):
    service = world.partnerships
    p = service.propose(EDITOR, world.mine, proposal(partner={"association_id": world.theirs}))
    assert service.for_parties(PARTNER, p.id).contacts[0].email == "oksana@example.org"
    assert service.for_parties(MODERATOR, p.id).id == p.id
    with pytest.raises(Forbidden):
        service.for_parties(STRANGER, p.id)


def test_match_ranks_partnerships_of_the_domain_near_the_region(world):
    service, mine = world.partnerships, world.mine
    here = service.propose(EDITOR, mine, proposal(title="Ici"))
    near = service.propose(EDITOR, mine, proposal(title="À côté", french={"region": "75"}))
    service.propose(EDITOR, mine, proposal(title="Loin", french={"region": "53"}))
    service.propose(EDITOR, mine, proposal(title="Autre domaine", domains=["culture"]))
    ranked = service.match(Criteria("agriculture", "76"), 10)
    assert [m.candidate.id for m in ranked] == [here.id, near.id]


def test_a_hidden_partnership_leaves_the_ranked_search(world):
    service = world.partnerships
    p = service.propose(EDITOR, world.mine, proposal())
    assert [m.candidate.id for m in service.match(Criteria("agriculture", "76"), 10)] == [p.id]
    service.hide(MODERATOR, p.id, "Doublon")
    assert service.match(Criteria("agriculture", "76"), 10) == []


# ---------------------------------------------------------------- initiatives
def test_publishing_opens_it_on_behalf_of_the_association(world):
    need = world.initiatives.publish(EDITOR, world.mine, initiative())
    assert need.status == InitiativeStatus.OPEN and need.association_name == "Maison de Toulouse"
    assert world.initiatives.store.audit[-1].action == "initiative.published"
    assert world.recorder.events == [InitiativePublished(need.id, "need", "reconstruction", None, "UA-48")]


@pytest.mark.parametrize(("override", "message"), [
    ({"oblast": None, "hromada": None}, "give a French region, a Ukrainian oblast, or both"),
    ({"oblast": None, "region": "75"}, "a hromada needs its oblast"),
])
def test_an_initiative_has_a_place(override, message):
    with pytest.raises(ValidationError, match=message):
        initiative(**override)


def test_a_need_finds_the_offers_that_fit(world):
    service, mine = world.initiatives, world.mine
    need = service.publish(EDITOR, mine, initiative(region="76"))
    same_place = service.publish(EDITOR, mine, initiative(kind="offer", title="Unités de filtration", region="76",
                                                          oblast="UA-48", hromada=None))
    anywhere = service.publish(EDITOR, mine, initiative(kind="offer", title="Pompes", region="75", oblast=None,
                                                        hromada=None))
    service.publish(EDITOR, mine, initiative(kind="offer", title="Loin", region="53", oblast=None, hromada=None))
    service.publish(EDITOR, mine, initiative(kind="offer", title="Autre domaine", domain="energy"))
    other_need = service.publish(EDITOR, mine, initiative(title="Un autre besoin"))
    matches = service.matches_for(need.id, 10)
    assert [m.candidate.id for m in matches] == [same_place.id, anywhere.id]
    assert matches[0].reasons == ("same_domain", "same_region", "same_oblast", "seeking_partners")
    assert matches[1].reasons == ("same_domain", "neighbouring_region", "any_oblast", "seeking_partners")
    # And the other way round: the needs an offer fits, the one in its region first.
    assert [m.candidate.id for m in service.matches_for(same_place.id, 10)] == [need.id, other_need.id]


def test_only_open_initiatives_are_matched(world):
    service, mine = world.initiatives, world.mine
    need = service.publish(EDITOR, mine, initiative())
    offer = service.publish(EDITOR, mine, initiative(kind="offer", title="Filtres"))
    assert [m.candidate.id for m in service.matches_for(need.id, 10)] == [offer.id]
    service.change_status(EDITOR, offer.id, InitiativeStatus.MATCHED, "Trouvé")
    assert service.matches_for(need.id, 10) == []
    service.change_status(MODERATOR, offer.id, InitiativeStatus.OPEN, "Le partenaire s'est retiré")
    assert [m.candidate.id for m in service.matches_for(need.id, 10)] == [offer.id]


def test_initiative_statuses_and_who_moves_them(world):
    service = world.initiatives
    need = service.publish(EDITOR, world.mine, initiative())
    with pytest.raises(Forbidden):
        service.change_status(STRANGER, need.id, InitiativeStatus.CLOSED, None)
    with pytest.raises(Conflict) as same:
        service.change_status(EDITOR, need.id, InitiativeStatus.OPEN, None)
    assert same.value.code == "transition_not_allowed"
    service.change_status(EDITOR, need.id, InitiativeStatus.MATCHED, None)
    closed = service.change_status(MODERATOR, need.id, InitiativeStatus.CLOSED, "Doublon")
    assert closed.version == 3
    with pytest.raises(Conflict):
        service.change_status(EDITOR, need.id, InitiativeStatus.OPEN, None)
    assert [e.action for e in service.store.audit] == ["initiative.published", "initiative.matched",
                                                       "initiative.closed"]
    assert world.recorder.events[-1] == InitiativeStatusChanged(need.id, "matched", "closed", world.mine)


def test_a_hidden_initiative_has_no_matches_and_filters_still_apply_once_restored(world):
    service = world.initiatives
    need = service.publish(EDITOR, world.mine, initiative())
    service.hide(MODERATOR, need.id, "Arnaque")
    with pytest.raises(NotFound):
        service.matches_for(need.id, 10)
    service.restore(MODERATOR, need.id, None)
    assert [i.id for i in service.directory(ListQuery(kind="need")).items] == [need.id]
    assert service.directory(ListQuery(kind="offer")).items == []
