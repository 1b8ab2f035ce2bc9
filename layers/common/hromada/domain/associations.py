"""Association use cases: register, edit, moderate, manage editors, browse the directory."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import nullcontext
from dataclasses import replace
from typing import Any

from pydantic import ValidationError

from hromada.auth import Principal
from hromada.domain.clock import new_id, utc_now
from hromada.domain.ports import (
    AssociationNumbers,
    AssociationStore,
    AuditEntry,
    ConditionFailed,
    DirectoryQuery,
    SlugTaken,
)
from hromada.errors import Conflict, Forbidden, Invalid, NotFound
from hromada.models.association import (
    Association,
    AssociationCreate,
    AssociationPatch,
    AssociationProfile,
    Editor,
    EditorRole,
    Status,
)
from hromada.models.common import Page
from hromada.reference import geography
from hromada.reference.text import make_slug

ID_PREFIX = "as"


def is_association_id(value: str) -> bool:
    return value.startswith(f"{ID_PREFIX}_")


def check_location(region: str, department: str, postal_code: str) -> None:
    """Cross-field rules the schema cannot express: codes exist and agree with each other."""
    if not geography.is_region(region):
        raise Invalid("region", f"unknown INSEE region code {region!r}")
    dept_region = geography.region_of_department(department)
    if dept_region is None:
        raise Invalid("department", f"unknown department code {department!r}")
    if dept_region != region:
        raise Invalid("department", f"department {department} is not in region {region}")
    if department not in geography.department_of_postal_code(postal_code):
        raise Invalid("postal_code", f"postal code {postal_code} is not in department {department}")


class Associations:
    def __init__(self, store: AssociationStore, now: Callable[[], str] = utc_now,
                 make_id: Callable[[str], str] = new_id, publisher: Any = None):
        self.store = store
        self.now = now
        self.make_id = make_id
        self.publisher = publisher  # domain events (the owner is told of the moderators' decision)

    # ------------------------------------------------------------ reading
    def find(self, id_or_slug: str) -> Association:
        found = self.store.get(id_or_slug) if is_association_id(id_or_slug) else self.store.get_by_slug(id_or_slug)
        if found is None:
            raise NotFound("association_not_found")
        return found

    def public(self, id_or_slug: str) -> Association:
        """Visitors see verified associations only; the rest does not exist for them."""
        association = self.find(id_or_slug)
        if association.status != Status.VERIFIED or association.hidden:
            raise NotFound("association_not_found")
        return association

    def directory(self, query: DirectoryQuery) -> Page[Association]:
        if query.department and query.region and geography.region_of_department(query.department) != query.region:
            raise Invalid("department", f"department {query.department} is not in region {query.region}")
        if query.department and geography.region_of_department(query.department) is None:
            raise Invalid("department", f"unknown department code {query.department!r}")
        if query.region and not geography.is_region(query.region):
            raise Invalid("region", f"unknown INSEE region code {query.region!r}")
        if query.department and not query.region:
            query = replace(query, region=geography.region_of_department(query.department))
        found = self.store.list_directory(query)
        found.items = [a for a in found.items if not a.hidden]  # the page may be shorter: follow the cursor
        return found

    def moderation_queue(self, principal: Principal, status: Status, limit: int,
                         cursor: str | None) -> Page[Association]:
        principal.require_moderator()
        return self.store.list_by_status(status, limit, cursor)

    # ------------------------------------------------------------ writing
    def register(self, principal: Principal, data: AssociationCreate) -> Association:
        principal.require_verified_email()
        check_location(data.region, data.department, data.postal_code)
        now = self.now()
        fields = data.model_dump(exclude={"slug"})
        association = Association(
            **fields, id=self.make_id(ID_PREFIX), slug=data.slug or make_slug(data.name),
            status=Status.PENDING, owner_id=principal.user_id, created_at=now, updated_at=now,
            owner_email_domain=principal.email.rpartition("@")[2] or None,
        )
        owner = Editor(association_id=association.id, email=principal.email, role=EditorRole.OWNER,
                       added_at=now, added_by=principal.user_id)
        try:
            self.store.create(association, owner, AuditEntry(principal.user_id, "association.registered",
                                                             association.id, now))
        except SlugTaken as taken:
            raise Conflict("slug_taken", details=[{"field": "slug", "message": "already taken"}],
                           slug=association.slug) from taken
        return association

    def update(self, principal: Principal, association_id: str, patch: AssociationPatch) -> Association:
        current = self.find(association_id)
        if not principal.is_admin:
            principal.require_verified_email()
        changes = patch.model_dump(exclude_unset=True)
        merged = current.model_dump(include=set(AssociationProfile.model_fields)) | changes
        try:
            profile = AssociationProfile.model_validate(merged)
        except ValidationError as error:
            first = error.errors()[0]
            raise Invalid(".".join(str(p) for p in first["loc"]) or "body", first["msg"]) from error
        check_location(profile.region, profile.department, profile.postal_code)
        updated = Association.model_validate(current.model_dump() | profile.model_dump() | {
            "updated_at": self.now(), "version": current.version + 1})
        self._save(updated, current.version, None if principal.is_admin else principal.email)
        return updated

    def verify(self, principal: Principal, association_id: str, note: str | None) -> Association:
        return self._decide(principal, association_id, Status.VERIFIED, note)

    def reject(self, principal: Principal, association_id: str, reason: str) -> Association:
        return self._decide(principal, association_id, Status.REJECTED, reason)

    def _decide(self, principal: Principal, association_id: str, status: Status, reason: str | None):
        principal.require_moderator()
        current = self.find(association_id)
        if current.status == status:
            raise Conflict("invalid_transition", state=status.value)
        now = self.now()
        updated = Association.model_validate(current.model_dump() | {
            "status": status, "status_reason": reason, "updated_at": now, "version": current.version + 1,
            "verified_at": now if status == Status.VERIFIED else None,
        })
        audit = AuditEntry(principal.user_id, f"association.{status.value}", current.id, now, reason)
        from hromada.domain.event_ports import DomainEvent

        reviewed = self.publisher is not None and status in (Status.VERIFIED, Status.REJECTED)
        with self.publisher.staged([DomainEvent("AssociationReviewed", {
                "association_id": updated.id, "status": status.value, "version": updated.version,
                "reason": reason})]) if reviewed else nullcontext():
            self._save(updated, current.version, None, audit)
        return updated

    def _save(self, updated: Association, expected_version: int, editor_email: str | None,
              audit: AuditEntry | None = None) -> None:
        try:
            self.store.save(updated, expected_version, editor_email=editor_email, audit=audit)
        except ConditionFailed as failed:
            if failed.which == "editor":
                raise Forbidden() from failed
            raise Conflict("concurrent_update") from failed

    # ------------------------------------------------------------ editors
    def editors(self, principal: Principal, id_or_slug: str) -> list[Editor]:
        # By id this is one Query: every association has an owner, so no editors means no association.
        association_id = id_or_slug if is_association_id(id_or_slug) else self.find(id_or_slug).id
        editors = self.store.editors(association_id)
        if not editors:
            raise NotFound("association_not_found")
        if not principal.is_moderator and principal.verified_email not in {e.email for e in editors}:
            raise Forbidden()
        return editors

    def numbers(self, principal: Principal, id_or_slug: str) -> AssociationNumbers:
        """The dashboard's key numbers: for the association's owner and editors (and admins) only."""
        association_id = id_or_slug if is_association_id(id_or_slug) else self.find(id_or_slug).id
        # The caller's editor item is read with the numbers (one call fewer); nothing is shown before the check.
        asking = None if principal.is_admin or not principal.email_verified else principal.email
        exists, edits, numbers = self.store.numbers(association_id, self.now(), editor_email=asking)
        if not exists:
            raise NotFound("association_not_found")
        if not principal.is_admin:
            principal.require_verified_email()
            if not edits:
                raise Forbidden()
        return numbers

    def add_editor(self, principal: Principal, association_id: str, email: str) -> Editor:
        principal.require_verified_email()
        if email == principal.email and not principal.is_admin:
            # One transaction cannot both check and write the caller's own editor item; and an owner
            # inviting themself is already there, anyone else is not allowed to.
            editors = {e.email for e in self.editors(principal, association_id)}
            raise Conflict("already_editor") if email in editors else Forbidden()
        editor = Editor(association_id=association_id, email=email, role=EditorRole.EDITOR,
                        added_at=self.now(), added_by=principal.user_id)
        try:
            self.store.add_editor(editor, owner_email=None if principal.is_admin else principal.email)
        except ConditionFailed as failed:
            self.find(association_id)  # 404 before 403: an unknown association has no owner
            if failed.which == "owner":
                raise Forbidden() from failed
            raise Conflict("already_editor") from failed
        return editor

    def remove_editor(self, principal: Principal, association_id: str, email: str) -> None:
        """The owner removes anyone but themself; an editor may step down (as themself: verified address)."""
        leaving = email == principal.verified_email if not principal.is_admin else email == principal.email
        try:
            self.store.remove_editor(association_id, email,
                                     owner_email=None if (principal.is_admin or leaving) else principal.email)
        except ConditionFailed as failed:
            self.find(association_id)
            if failed.which == "owner":
                raise Forbidden() from failed
            if any(e.email == email and e.role == EditorRole.OWNER for e in self.store.editors(association_id)):
                raise Conflict("cannot_remove_owner") from failed
            raise NotFound("editor_not_found") from failed

    def memberships(self, principal: Principal) -> list[tuple[Editor, Association]]:
        if not principal.email_verified:
            return []
        links = self.store.memberships(principal.email)
        by_id = {a.id: a for a in self.store.get_many([link.association_id for link in links])}
        return [(link, by_id[link.association_id]) for link in links if link.association_id in by_id]
