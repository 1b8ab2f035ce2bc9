"""A small world for event rules: two verified associations (owner + editor, and another), a fixed
clock, in-memory ports."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime

import pytest

from hromada.auth import Principal
from hromada.domain.associations import Associations
from hromada.domain.events import Events
from hromada.models.association import AssociationCreate
from hromada.models.event import EventCreate
from tests.unit.event_fakes import MemoryEventStore, RecordingPublisher
from tests.unit.fakes import MemoryAssociationStore


def who(name: str, *groups: str, verified: bool = True) -> Principal:
    return Principal(user_id=f"sub-{name}", email=f"{name}@example.org", email_verified=verified,
                     groups=frozenset(groups), name=name.title(), second_factor=True)


OWNER, EDITOR, OTHER, MEMBER = who("owner"), who("editor"), who("other"), who("member")
MODERATOR, ADMIN = who("mod", "moderators"), who("admin", "admins")
NOW = datetime(2026, 3, 20, 12, 0, tzinfo=UTC)


class Clock:
    def __init__(self, at: datetime):
        self.at = at

    def __call__(self) -> datetime:
        return self.at


def body(**overrides) -> EventCreate:
    data = {"title": {"fr": "Concert de bandoura"}, "description": {"fr": "Un **concert**."},
            "start": "2026-04-10T19:00:00", "end": "2026-04-10T21:00:00", "categories": ["concert"],
            "venue": {"name": "Salle Nougaro", "address": "20 chemin de Garric", "city": "Toulouse",
                      "postal_code": "31200", "department": "31", "region": "76"}} | overrides
    return EventCreate.model_validate(data)


@pytest.fixture
def world():
    associations = MemoryAssociationStore()
    ids = itertools.count()
    directory = Associations(associations, make_id=lambda prefix: f"{prefix}_{next(ids)}")

    def verified_association(owner: Principal, name: str) -> str:
        created = directory.register(owner, AssociationCreate.model_validate({
            "name": name, "description": {"uk": "Опис"}, "categories": ["culture"], "region": "76",
            "department": "31", "city": "Toulouse", "postal_code": "31000"}))
        directory.verify(MODERATOR, created.id, None)
        return created.id

    mine = verified_association(OWNER, "Maison ukrainienne")
    directory.add_editor(OWNER, mine, EDITOR.email)
    theirs = verified_association(OTHER, "Autre association")
    clock = Clock(NOW)
    store, publisher = MemoryEventStore(associations), RecordingPublisher()
    events = Events(store, associations, publisher, now=clock, make_id=lambda prefix: f"{prefix}_{next(ids)}")
    return events, mine, theirs, clock, directory
