"""Association rules, run against the in-memory port: no DynamoDB, no HTTP."""

from __future__ import annotations

import itertools

import pytest

from hromada.auth import Principal
from hromada.domain.associations import Associations, check_location
from hromada.domain.ports import DirectoryQuery
from hromada.errors import Conflict, Forbidden, Invalid, NotFound
from hromada.models.association import AssociationCreate, AssociationPatch, Status
from tests.unit.fakes import MemoryAssociationStore


def who(name: str, *groups: str, verified: bool = True) -> Principal:
    return Principal(user_id=f"sub-{name}", email=f"{name}@example.org", email_verified=verified,
                     groups=frozenset(groups), second_factor=True)


OWNER, EDITOR, STRANGER = who("owner"), who("editor"), who("stranger")
MODERATOR, ADMIN = who("mod", "moderators"), who("admin", "admins")


def create(**overrides) -> AssociationCreate:
    data = {"name": "Maison ukrainienne", "description": {"uk": "Опис"}, "categories": ["culture"],
            "region": "76", "department": "31", "city": "Toulouse", "postal_code": "31000"} | overrides
    return AssociationCreate.model_validate(data)


@pytest.fixture
def service():
    ticks = itertools.count()
    ids = itertools.count()
    return Associations(MemoryAssociationStore(), now=lambda: f"2026-11-26T10:00:{next(ticks):02d}.000Z",
                        make_id=lambda prefix: f"{prefix}_{next(ids)}")


def test_registration_makes_a_pending_association_owned_by_the_caller(service):
    association = service.register(OWNER, create())
    assert association.status == Status.PENDING
    assert association.owner_id == OWNER.user_id
    assert association.slug == "maison-ukrainienne"
    assert [e.email for e in service.store.editors(association.id)] == [OWNER.email]
    assert service.store.audit[-1].action == "association.registered"


def test_cyrillic_names_get_a_latin_slug(service):
    assert service.register(OWNER, create(name="Українська громада Ліона")).slug == "ukrainska-hromada-liona"


def test_slug_taken_is_a_conflict(service):
    service.register(OWNER, create())
    with pytest.raises(Conflict) as taken:
        service.register(STRANGER, create())
    assert taken.value.code == "slug_taken"


def test_unverified_email_cannot_register(service):
    with pytest.raises(Forbidden):
        service.register(who("x", verified=False), create())


@pytest.mark.parametrize(("region", "dept", "postal", "field"), [
    ("99", "31", "31000", "region"),
    ("76", "99", "31000", "department"),
    ("76", "69", "69000", "department"),
    ("76", "31", "34000", "postal_code"),
])
def test_location_must_be_consistent(region, dept, postal, field):
    with pytest.raises(Invalid) as invalid:
        check_location(region, dept, postal)
    assert invalid.value.details[0]["field"] == field


@pytest.mark.parametrize(("dept", "postal"), [("2A", "20000"), ("2B", "20200"), ("974", "97400"), ("75", "75011")])
def test_corsica_overseas_and_paris_postal_codes(dept, postal):
    from hromada.reference.geography import region_of_department

    check_location(region_of_department(dept), dept, postal)


def test_only_editors_may_edit(service):
    association = service.register(OWNER, create())
    service.add_editor(OWNER, association.id, EDITOR.email)
    assert service.update(EDITOR, association.id, AssociationPatch(city="Albi", postal_code="81000",
                                                                   department="81")).city == "Albi"
    with pytest.raises(Forbidden):
        service.update(STRANGER, association.id, AssociationPatch(city="Rodez"))
    with pytest.raises(Forbidden):
        service.update(MODERATOR, association.id, AssociationPatch(city="Rodez"))
    assert service.update(ADMIN, association.id, AssociationPatch(city="Castres", postal_code="81100")).version == 3


def test_patch_is_validated_after_merging(service):
    association = service.register(OWNER, create())
    with pytest.raises(Invalid) as invalid:
        service.update(OWNER, association.id, AssociationPatch(department="33"))
    assert invalid.value.details[0]["field"] == "department"
    with pytest.raises(Invalid):
        service.update(OWNER, association.id, AssociationPatch.model_validate({"categories": None}))


def test_stale_version_is_a_conflict(service):
    association = service.register(OWNER, create())
    stale = association.model_copy(update={"version": 0})
    service.store.associations[association.id] = stale.model_copy(update={"version": 5})
    with pytest.raises(Conflict) as conflict:
        service._save(stale, 0, None)
    assert conflict.value.code == "concurrent_update"


def test_moderation_transitions(service):
    association = service.register(OWNER, create())
    with pytest.raises(Forbidden):
        service.verify(OWNER, association.id, None)
    verified = service.verify(MODERATOR, association.id, "ok")
    assert verified.status == Status.VERIFIED and verified.verified_at
    with pytest.raises(Conflict):
        service.verify(ADMIN, association.id, None)
    rejected = service.reject(ADMIN, association.id, "Statuts introuvables")
    assert rejected.status == Status.REJECTED and rejected.verified_at is None
    assert rejected.status_reason == "Statuts introuvables"
    assert [e.action for e in service.store.audit] == [
        "association.registered", "association.verified", "association.rejected"]


def test_public_view_hides_unverified(service):
    association = service.register(OWNER, create())
    with pytest.raises(NotFound):
        service.public(association.slug)
    service.verify(MODERATOR, association.id, None)
    assert service.public(association.slug).id == association.id
    with pytest.raises(NotFound):
        service.public("as_unknown")


def test_editor_management(service):
    association = service.register(OWNER, create())
    with pytest.raises(Forbidden):
        service.add_editor(EDITOR, association.id, STRANGER.email)
    service.add_editor(OWNER, association.id, EDITOR.email)
    with pytest.raises(Conflict):
        service.add_editor(OWNER, association.id, EDITOR.email)
    with pytest.raises(Forbidden):
        service.remove_editor(STRANGER, association.id, EDITOR.email)
    with pytest.raises(Conflict) as owner_removal:
        service.remove_editor(OWNER, association.id, OWNER.email)
    assert owner_removal.value.code == "cannot_remove_owner"
    service.remove_editor(EDITOR, association.id, EDITOR.email)  # stepping down
    with pytest.raises(NotFound):
        service.remove_editor(OWNER, association.id, EDITOR.email)
    with pytest.raises(NotFound):
        service.add_editor(OWNER, "as_missing", EDITOR.email)


def test_editors_list_is_for_editors_and_moderators(service):
    association = service.register(OWNER, create())
    assert len(service.editors(MODERATOR, association.id)) == 1
    with pytest.raises(Forbidden):
        service.editors(STRANGER, association.id)


def test_memberships_need_a_verified_email(service):
    service.register(OWNER, create())
    assert len(service.memberships(OWNER)) == 1
    assert service.memberships(who("owner", verified=False)) == []


def test_directory_rejects_inconsistent_filters(service):
    with pytest.raises(Invalid):
        service.directory(DirectoryQuery(region="76", department="69"))
    with pytest.raises(Invalid):
        service.directory(DirectoryQuery(region="99"))


def test_directory_fills_the_region_from_the_department(service):
    association = service.register(OWNER, create())
    service.verify(MODERATOR, association.id, None)
    assert [a.id for a in service.directory(DirectoryQuery(department="31")).items] == [association.id]
