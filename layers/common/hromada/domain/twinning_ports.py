"""What the partnership and initiative use cases need from storage and from the outside world."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Generic, Protocol, TypeVar

if TYPE_CHECKING:  # annotations only
    from hromada.domain.ports import AuditEntry
    from hromada.models.association import Association
    from hromada.reference.matching import Candidate

T = TypeVar("T")


@dataclass(frozen=True)
class Lookup:
    """Associations by id, and which of them the caller edits (read together, in one call)."""

    associations: dict[str, Association]
    edited: frozenset[str]


@dataclass(frozen=True)
class ActingEditor:
    """The write goes through only if this person still edits this association at that moment."""

    association_id: str
    email: str


@dataclass(frozen=True)
class ListQuery:
    region: str | None = None
    oblast: str | None = None
    domain: str | None = None
    status: str | None = None
    kind: str | None = None
    association: str | None = None  # an association taking part (partnerships) or publishing (initiatives)
    limit: int = 20
    cursor: str | None = None


@dataclass
class Listed(Generic[T]):
    items: list[T]
    next_cursor: str | None = None
    calls: int = field(default=1, compare=False)


class AssociationLookup(Protocol):
    def lookup(self, association_ids: list[str], editor_email: str | None, *, profiles: bool) -> Lookup:
        """Profiles (when asked) of these associations, and which of them editor_email edits."""


class TwinningStore(AssociationLookup, Protocol[T]):
    """One kind's items (partnerships or initiatives)."""

    def create(self, item: T, *, editor: ActingEditor, verified: list[str], audit: AuditEntry) -> None:
        """All or nothing. ConditionFailed("editor") if the editor left, ("verified") if one of the
        `verified` associations is no longer verified."""

    def get(self, item_id: str) -> T | None: ...

    def save(self, item: T, previous: T, *, editor: ActingEditor | None, audit: AuditEntry) -> None:
        """Write if still at previous.version (and the editor still edits). ConditionFailed("editor"|"version")."""

    def list(self, query: ListQuery) -> Listed[T]: ...


class MatchIndex(Protocol):
    def candidates(self, domain: str, kinds: tuple[str, ...]) -> list[Candidate]:
        """Matchable partnerships and initiatives of these kinds in this domain (bounded)."""
