"""Initiative rules (needs and offers), run against in-memory ports."""

from __future__ import annotations

import itertools

import pytest
from pydantic import ValidationError

from hromada.auth import Principal
from hromada.domain.associations import Associations
from hromada.domain.initiatives import Initiatives
from hromada.domain.twinning_events import InitiativePublished, InitiativeStatusChanged
from hromada.domain.twinning_ports import ListQuery
from hromada.errors import Conflict, Forbidden, Invalid, NotFound
from hromada.models.association import AssociationCreate
from hromada.models.initiative import InitiativeCreate, InitiativePatch, InitiativeStatus
from tests.unit.fakes import MemoryAssociationStore
from tests.unit.twinning_fakes import MemoryInitiativeStore, MemoryMatchIndex


def who(name: str, *groups: str) -> Principal:
    return Principal(user_id=f"sub-{name}", email=f"{name}@example.org", email_verified=True,
                     groups=frozenset(groups), second_factor=True)


OWNER, STRANGER, MODERATOR, ADMIN = who("owner"), who("stranger"), who("mod", "moderators"), who("a", "admins")


class Recorder:
    def __init__(self):
        self.events = []

    def publish(self, event):
        self.events.append(event)


def initiative(**overrides) -> InitiativeCreate:
    data = {"kind": "need", "title": "Station de traitement de l'eau", "description": {"uk": "Потрібна станція"},
            "domain": "reconstruction", "oblast": "UA-48", "hromada": "Mykolaivska"} | overrides
    return InitiativeCreate.model_validate(data)


@pytest.fixture
def world():
    ticks, ids = itertools.count(), itertools.count()

    def now():
        return f"2026-11-26T11:{next(ticks):02d}:00.000Z"

    def make_id(prefix):
        return f"{prefix}_{next(ids)}"

    associations = Associations(MemoryAssociationStore(), now=now, make_id=make_id)
    data = {"description": {"fr": "Aide"}, "categories": ["humanitarian_aid"], "region": "75", "department": "33",
            "city": "Bordeaux", "postal_code": "33000"}
    mine = associations.register(OWNER, AssociationCreate(name="Bordeaux Solidarité", **data))
    pending = associations.register(OWNER, AssociationCreate(name="Pas encore", **data))
    associations.verify(MODERATOR, mine.id, None)
    store = MemoryInitiativeStore(associations.store)
    recorder = Recorder()
    service = Initiatives(store, MemoryMatchIndex(store), recorder, now=now, make_id=make_id)
    return service, mine.id, pending.id, recorder


def test_publishing_opens_it_on_behalf_of_the_association(world):
    service, mine, _, recorder = world
    need = service.publish(OWNER, mine, initiative())
    assert need.status == InitiativeStatus.OPEN and need.association_name == "Bordeaux Solidarité"
    assert service.store.audit[-1].action == "initiative.published"
    assert recorder.events == [InitiativePublished(need.id, "need", "reconstruction", None, "UA-48")]


def test_only_editors_of_verified_associations_publish(world):
    service, mine, pending, _ = world
    with pytest.raises(Forbidden):
        service.publish(STRANGER, mine, initiative())
    with pytest.raises(Forbidden) as unverified:
        service.publish(OWNER, pending, initiative())
    assert unverified.value.code == "association_not_verified"
    assert service.store.items == {}


@pytest.mark.parametrize(("override", "message"), [
    ({"oblast": None, "hromada": None}, "give a French region, a Ukrainian oblast, or both"),
    ({"oblast": None, "region": "75"}, "a hromada needs its oblast"),
])
def test_an_initiative_has_a_place(override, message):
    with pytest.raises(ValidationError, match=message):
        initiative(**override)


def test_a_need_finds_the_offers_that_fit(world):
    service, mine, _, _ = world
    need = service.publish(OWNER, mine, initiative(region="76"))
    same_place = service.publish(OWNER, mine, initiative(kind="offer", title="Unités de filtration", region="76",
                                                         oblast="UA-48", hromada=None))
    anywhere = service.publish(OWNER, mine, initiative(kind="offer", title="Pompes", region="75", oblast=None,
                                                       hromada=None))
    service.publish(OWNER, mine, initiative(kind="offer", title="Loin", region="53", oblast=None, hromada=None))
    service.publish(OWNER, mine, initiative(kind="offer", title="Autre domaine", domain="energy"))
    other_need = service.publish(OWNER, mine, initiative(title="Un autre besoin"))
    matches = service.matches_for(need.id, 10)
    assert [m.candidate.id for m in matches] == [same_place.id, anywhere.id]
    assert matches[0].reasons == ("same_domain", "same_region", "same_oblast", "seeking_partners")
    assert matches[1].reasons == ("same_domain", "neighbouring_region", "any_oblast", "seeking_partners")
    # And the other way round: the needs an offer fits, the one in its region first.
    assert [m.candidate.id for m in service.matches_for(same_place.id, 10)] == [need.id, other_need.id]


def test_only_open_initiatives_are_matched(world):
    service, mine, _, _ = world
    need = service.publish(OWNER, mine, initiative())
    offer = service.publish(OWNER, mine, initiative(kind="offer", title="Filtres"))
    assert [m.candidate.id for m in service.matches_for(need.id, 10)] == [offer.id]
    service.change_status(OWNER, offer.id, InitiativeStatus.MATCHED, "Trouvé")
    assert service.matches_for(need.id, 10) == []
    service.change_status(MODERATOR, offer.id, InitiativeStatus.OPEN, "Le partenaire s'est retiré")
    assert [m.candidate.id for m in service.matches_for(need.id, 10)] == [offer.id]


def test_statuses_and_who_moves_them(world):
    service, mine, _, recorder = world
    need = service.publish(OWNER, mine, initiative())
    with pytest.raises(Forbidden):
        service.change_status(STRANGER, need.id, InitiativeStatus.CLOSED, None)
    with pytest.raises(Conflict) as same:
        service.change_status(OWNER, need.id, InitiativeStatus.OPEN, None)
    assert same.value.code == "transition_not_allowed"
    service.change_status(OWNER, need.id, InitiativeStatus.MATCHED, None)
    closed = service.change_status(MODERATOR, need.id, InitiativeStatus.CLOSED, "Doublon")
    assert closed.version == 3
    with pytest.raises(Conflict):
        service.change_status(OWNER, need.id, InitiativeStatus.OPEN, None)
    assert [e.action for e in service.store.audit] == ["initiative.published", "initiative.matched",
                                                       "initiative.closed"]
    assert isinstance(recorder.events[-1], InitiativeStatusChanged) and recorder.events[-1].status == "closed"


def test_editing_is_validated_as_a_whole(world):
    service, mine, _, _ = world
    need = service.publish(OWNER, mine, initiative())
    assert service.update(OWNER, need.id, InitiativePatch(title="Station d'épuration")).version == 2
    with pytest.raises(Invalid):
        service.update(OWNER, need.id, InitiativePatch.model_validate({"oblast": None}))
    with pytest.raises(Forbidden):
        service.update(MODERATOR, need.id, InitiativePatch(title="Non"))
    assert service.update(ADMIN, need.id, InitiativePatch(domain="health")).domain == "health"


def test_hidden_initiatives_are_gone_for_the_public(world):
    service, mine, _, _ = world
    need = service.publish(OWNER, mine, initiative())
    service.hide(MODERATOR, need.id, "Arnaque")
    with pytest.raises(NotFound):
        service.public(need.id)
    with pytest.raises(NotFound):
        service.matches_for(need.id, 10)
    assert service.directory(ListQuery()).items == []
    service.restore(MODERATOR, need.id, None)
    assert service.directory(ListQuery(kind="need")).items[0].id == need.id
