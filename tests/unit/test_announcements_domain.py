"""Announcement rules against in-memory ports: what each type carries, expiry, who may post."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime

import pytest

from hromada.domain.announcement_ports import AnnouncementQuery
from hromada.domain.announcements import Announcements
from hromada.errors import Conflict, Forbidden, Invalid
from hromada.models.announcement import AnnouncementCreate, AnnouncementPatch
from hromada.models.association import AssociationCreate
from tests.unit.event_fakes import MemoryAnnouncementStore
from tests.unit.event_world import ADMIN, EDITOR, MEMBER, OTHER, OWNER


def post(**overrides) -> AnnouncementCreate:
    data = {"type": "news", "title": {"fr": "Nouvelles"}, "body": {"fr": "Texte *important*."},
            "categories": ["culture"], "region": "76"} | overrides
    return AnnouncementCreate.model_validate(data)


@pytest.fixture
def board(world):
    events, mine, theirs, clock, _ = world
    ids = itertools.count()
    service = Announcements(MemoryAnnouncementStore(events.associations), events.associations, now=clock,
                            make_id=lambda prefix: f"{prefix}_{next(ids)}")
    return service, mine, theirs, clock


PROJECT = {"type": "project", "needs": ["volunteers", "donations"], "donation_target_eur": 5000,
           "donation_url": "https://dons.example.org/projet"}


def test_each_type_carries_what_it_must(board):
    service, mine, *_ = board
    project = service.create(OWNER, mine, post(**PROJECT))
    assert project.needs == ["volunteers", "donations"] and project.donation_target_eur == 5000
    check = service.create(EDITOR, mine, post(type="fact_check", sources=[
        {"title": "Rapport", "url": "https://example.org/rapport"}]))
    assert check.sources[0].title == "Rapport"
    assert check.body_html == {"fr": "<p>Texte <em>important</em>.</p>"}


@pytest.mark.parametrize(("overrides", "field"), [
    ({"type": "project"}, "needs"),
    ({"needs": ["goods"]}, "needs"),
    ({"type": "project", "needs": ["donations"]}, "donation_target_eur"),
    ({"type": "project", "needs": ["donations"], "donation_target_eur": 100}, "donation_url"),
    ({"type": "project", "needs": ["goods"], "donation_url": "https://x.org"}, "donation_url"),
    ({"type": "fact_check"}, "sources"),
    ({"expires_at": "2026-03-20T12:00:00"}, "expires_at"),  # 11:00 UTC: past
])
def test_what_each_type_must_not_miss_or_carry(board, overrides, field):
    service, mine, *_ = board
    with pytest.raises(Invalid) as refused:
        service.create(OWNER, mine, post(**overrides))
    assert refused.value.details[0]["field"] == field
    assert service.store.announcements == {}


def test_only_the_association_editors_post_and_edit(board):
    service, mine, theirs, _ = board
    for stranger in (MEMBER, OTHER):
        with pytest.raises(Forbidden):
            service.create(stranger, mine, post())
    mine_post = service.create(OWNER, mine, post())
    with pytest.raises(Forbidden):
        service.update(OTHER, mine_post.id, AnnouncementPatch(pinned=True))
    with pytest.raises(Forbidden):  # a change to nothing writes nothing, and is refused all the same
        service.update(OTHER, mine_post.id, AnnouncementPatch(pinned=mine_post.pinned))
    with pytest.raises(Forbidden):
        service.delete(OTHER, mine_post.id)
    service.create(ADMIN, theirs, post())


def test_edits_are_validated_whole_and_versioned(board):
    service, mine, *_ = board
    created = service.create(OWNER, mine, post(**PROJECT))
    with pytest.raises(Invalid):
        service.update(OWNER, created.id, AnnouncementPatch.model_validate({"type": "news"}))
    updated = service.update(OWNER, created.id, AnnouncementPatch.model_validate(
        {"type": "news", "needs": [], "donation_target_eur": None, "donation_url": None}))
    assert updated.version == 2 and updated.needs == [] and updated.donation_url is None
    assert service.update(OWNER, created.id, AnnouncementPatch(pinned=False)).version == 2  # no change


def test_expired_announcements_leave_the_list_but_stay_readable(board):
    service, mine, _, clock = board
    soon = service.create(OWNER, mine, post(expires_at="2026-03-21T12:00:00"))
    assert soon.expires_at == "2026-03-21T11:00:00.000Z"
    assert [a.id for a in service.listing(AnnouncementQuery()).items] == [soon.id]
    clock.at = datetime(2026, 3, 22, tzinfo=UTC)
    assert service.listing(AnnouncementQuery()).items == []
    assert service.get(soon.id) == soon


def test_unknown_region_filter_and_unverified_association(board, world):
    service, *_ = board
    with pytest.raises(Invalid):
        service.listing(AnnouncementQuery(region="99"))
    directory = world[4]
    pending = directory.register(OWNER, AssociationCreate.model_validate({
        "name": "En attente", "description": {"fr": "x"}, "categories": ["culture"], "region": "76",
        "department": "31", "city": "Toulouse", "postal_code": "31000"}))
    with pytest.raises(Conflict):
        service.create(OWNER, pending.id, post())
