"""What the domain needs from storage. The DynamoDB store implements these; unit tests use fakes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from hromada.models.association import Association, Category, Editor, Language, Status
from hromada.models.common import Page


@dataclass(frozen=True)
class AuditEntry:
    actor_id: str
    action: str
    target: str
    at: str
    reason: str | None = None
    on_behalf_of: str | None = None  # the association an editor acted for


@dataclass(frozen=True)
class DirectoryQuery:
    region: str | None = None
    department: str | None = None
    category: Category | None = None
    language: Language | None = None
    text: str | None = None  # already folded (see reference.text.fold)
    limit: int = 20
    cursor: str | None = None


@dataclass(frozen=True)
class NextEvent:
    id: str
    title: dict[str, str]
    start: str


@dataclass(frozen=True)
class AssociationNumbers:
    """An association's key numbers: its upcoming events, their registrations, its followers."""

    upcoming_events: int = 0
    registrations: int = 0
    waitlisted: int = 0
    followers: int = 0
    next_event: NextEvent | None = None


class SlugTaken(Exception):
    pass


class ConditionFailed(Exception):
    """A guarded write lost: `which` names the failed guard ("editor", "owner", "version", "exists")."""

    def __init__(self, which: str):
        self.which = which
        super().__init__(which)


class AssociationStore(Protocol):
    def create(self, association: Association, owner: Editor, audit: AuditEntry) -> None:
        """All or nothing; raises SlugTaken when the slug is held by another association."""

    def get(self, association_id: str) -> Association | None: ...

    def get_by_slug(self, slug: str) -> Association | None: ...

    def get_many(self, association_ids: list[str]) -> list[Association]: ...

    def numbers(self, association_id: str, now: str, *, editor_email: str | None = None
                ) -> tuple[bool, bool, AssociationNumbers]:
        """Whether the association exists, whether `editor_email` edits it, and its numbers: events starting
        from `now` (not cancelled), their seats, the follower entries. The caller decides before showing them."""

    def save(self, association: Association, expected_version: int, *, editor_email: str | None,
             audit: AuditEntry | None = None) -> None:
        """Write if still at expected_version and (when given) editor_email still edits it.
        Raises ConditionFailed("editor") or ConditionFailed("version")."""

    def list_directory(self, query: DirectoryQuery) -> Page[Association]: ...

    def list_by_status(self, status: Status, limit: int, cursor: str | None) -> Page[Association]: ...

    def editors(self, association_id: str) -> list[Editor]: ...

    def add_editor(self, editor: Editor, *, owner_email: str | None) -> None:
        """Raises ConditionFailed("owner") if owner_email no longer owns it, ("exists") if already there."""

    def remove_editor(self, association_id: str, email: str, *, owner_email: str | None) -> None:
        """Removes an editor (never the owner). ConditionFailed("owner") or ("exists") as above."""

    def memberships(self, email: str) -> list[Editor]: ...
