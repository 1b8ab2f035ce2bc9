"""An in-memory AssociationStore: the port's contract without DynamoDB, for pure domain tests."""

from __future__ import annotations

from hromada.domain.ports import AuditEntry, ConditionFailed, DirectoryQuery, SlugTaken
from hromada.models.association import Association, Editor, EditorRole, Status
from hromada.models.common import Page


class MemoryAssociationStore:
    def __init__(self) -> None:
        self.associations: dict[str, Association] = {}
        self.editors_by_assoc: dict[str, dict[str, Editor]] = {}
        self.audit: list[AuditEntry] = []

    def create(self, association: Association, owner: Editor, audit: AuditEntry) -> None:
        if any(a.slug == association.slug for a in self.associations.values()):
            raise SlugTaken(association.slug)
        self.associations[association.id] = association
        self.editors_by_assoc[association.id] = {owner.email: owner}
        self.audit.append(audit)

    def get(self, association_id: str) -> Association | None:
        return self.associations.get(association_id)

    def get_by_slug(self, slug: str) -> Association | None:
        return next((a for a in self.associations.values() if a.slug == slug), None)

    def get_many(self, association_ids: list[str]) -> list[Association]:
        return [self.associations[i] for i in association_ids if i in self.associations]

    def save(self, association, expected_version, *, editor_email, audit=None) -> None:
        if editor_email is not None and editor_email not in self.editors_by_assoc.get(association.id, {}):
            raise ConditionFailed("editor")
        if self.associations[association.id].version != expected_version:
            raise ConditionFailed("version")
        self.associations[association.id] = association
        if audit:
            self.audit.append(audit)

    def list_directory(self, query: DirectoryQuery) -> Page:
        items = [a for a in self.associations.values() if a.status == Status.VERIFIED
                 and (not query.region or a.region == query.region)
                 and (not query.department or a.department == query.department)]
        return Page(items=sorted(items, key=lambda a: a.slug)[: query.limit])

    def list_by_status(self, status, limit, cursor) -> Page:
        return Page(items=[a for a in self.associations.values() if a.status == status][:limit])

    def editors(self, association_id: str) -> list[Editor]:
        return list(self.editors_by_assoc.get(association_id, {}).values())

    def add_editor(self, editor: Editor, *, owner_email: str | None) -> None:
        current = self.editors_by_assoc.get(editor.association_id)
        if current is None:
            raise ConditionFailed("owner")
        if owner_email is not None and getattr(current.get(owner_email), "role", None) != EditorRole.OWNER:
            raise ConditionFailed("owner")
        if editor.email in current:
            raise ConditionFailed("exists")
        current[editor.email] = editor

    def remove_editor(self, association_id: str, email: str, *, owner_email: str | None) -> None:
        current = self.editors_by_assoc.get(association_id)
        if current is None or (owner_email is not None
                               and getattr(current.get(owner_email), "role", None) != EditorRole.OWNER):
            raise ConditionFailed("owner")
        if getattr(current.get(email), "role", None) != EditorRole.EDITOR:
            raise ConditionFailed("exists")
        del current[email]

    def memberships(self, email: str) -> list[Editor]:
        return [e for editors in self.editors_by_assoc.values() for e in editors.values() if e.email == email]
