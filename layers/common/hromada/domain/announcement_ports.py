"""What the announcements use cases need from storage."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from hromada.models.announcement import Announcement
from hromada.models.common import Page


@dataclass(frozen=True)
class AnnouncementQuery:
    type: str | None = None
    region: str | None = None
    association_id: str | None = None
    category: str | None = None
    text: str | None = None  # already folded
    limit: int = 20
    cursor: str | None = None
    now: str = ""  # set by the use case: announcements expired by then are hidden


class AnnouncementStore(Protocol):
    def create(self, announcement: Announcement, *, editor_email: str | None) -> None:
        """ConditionFailed("editor") or ("association") when it is not verified."""

    def get(self, announcement_id: str) -> Announcement | None: ...

    def save(self, announcement: Announcement, expected_version: int, *, editor_email: str | None) -> None:
        """ConditionFailed("editor") or ("version")."""

    def delete(self, announcement_id: str, association_id: str, *, editor_email: str | None) -> None:
        """ConditionFailed("editor") or ("missing")."""

    def list(self, query: AnnouncementQuery) -> Page[Announcement]: ...

    def is_editor(self, association_id: str, email: str) -> bool: ...

    def confirm_editor(self, association_id: str, email: str | None) -> None:
        """ConditionFailed("editor") unless `email` edits the association (None: staff, nothing checked);
        one transaction, so it carries the request's write guard like any write."""
