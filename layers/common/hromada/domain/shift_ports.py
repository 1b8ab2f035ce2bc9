"""What the volunteer shifts use cases need from storage and from the mail."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from hromada.domain.rate_limits import WriteGuard
from hromada.models.announcement import Announcement
from hromada.models.shift import Shift, Signup


@dataclass(frozen=True)
class ShiftSlot:
    """A place on a shift's waitlist, in order of arrival."""

    shift_id: str
    member_id: str
    joined_at: str


@dataclass(frozen=True)
class WithdrawnAnnouncement:
    """What a deleted announcement's AnnouncementDeleted event keeps of it for its volunteers' mail."""

    id: str
    association_name: str
    title: dict[str, str]


class ShiftStore(Protocol):
    def announcement_with_shifts(self, announcement_id: str) -> tuple[Announcement | None, list[Shift]]:
        """The announcement and its shifts, soonest first, in one read."""

    def get(self, announcement_id: str, shift_id: str) -> Shift | None: ...

    def create(self, shift: Shift, *, editor_email: str | None) -> None:
        """ConditionFailed("editor"), ("announcement") when it is gone, ("exists")."""

    def save(self, shift: Shift, expected_version: int, *, editor_email: str | None) -> None:
        """The editable fields and status. ConditionFailed("editor") or ("changed"): another write came first,
        or the confirmed volunteers now exceed `people`."""

    def get_with_signup(self, announcement_id: str, shift_id: str,
                        member_id: str) -> tuple[Announcement | None, Shift, Signup | None] | None:
        """The announcement, the shift and the member's signup, in one read; None without the shift."""

    def get_signup(self, shift_id: str, member_id: str) -> Signup | None: ...

    def take_place(self, signup: Signup) -> None:
        """A place, while one is free and nobody waits: ConditionFailed otherwise."""

    def join_waitlist(self, signup: Signup) -> None:
        """A waitlist slot, while the shift is full or others wait: ConditionFailed otherwise."""

    def position(self, signup: Signup) -> int: ...

    def first_waiting(self, shift_id: str) -> ShiftSlot | None: ...

    def leave(self, signup: Signup, *, promote: ShiftSlot | None, at: str, only_if_nobody_waits: bool) -> None: ...

    def promote(self, shift: Shift, slot: ShiftSlot, *, at: str) -> None: ...

    def signups(self, shift_id: str) -> tuple[list[Signup], list[ShiftSlot]]:
        """Every signup of the shift, and the waitlist in order."""

    def is_editor(self, association_id: str, email: str) -> bool: ...

    def claim_message(self, shift_id: str, message_id: str, expires_at: int, quota: WriteGuard) -> bool:
        """True once per (shift, message id): the conditional write is the idempotency. The first claim also
        counts against `quota` in its transaction (QuotaExceeded, nothing claimed); a repeat counts nothing."""

    def claim_reminder(self, shift_id: str, starts_at: str, expires_at: int) -> bool:
        """True once per shift and start time (a shift moved to another time is reminded again)."""

    def release_reminder(self, shift_id: str, starts_at: str) -> None: ...

    def starting_between(self, low: str, high: str) -> list[Shift]:
        """Scheduled shifts starting in [low, high)."""

    def close(self, announcement_id: str, shift_id: str) -> str | None:
        """Cancelled for good, whatever its version (its announcement is gone). The status it had before the
        first close (the same on a retry); None when the shift is gone."""

    def remove(self, announcement_id: str, shift_id: str) -> None:
        """The shift's signups, waitlist and claims, then the shift itself; idempotent."""


class ShiftMail(Protocol):
    """Mail to volunteers, through the normal mail path (hromada.mail)."""

    def signed_up(self, announcement: Announcement, shift: Shift, signup: Signup, position: int | None) -> None: ...

    def promoted(self, announcement: Announcement, shift: Shift, signup: Signup) -> None: ...

    def cancelled(self, announcement: Announcement, shift: Shift, signups: list[Signup]) -> None: ...

    def message(self, announcement: Announcement, shift: Shift, signups: list[Signup], message_id: str,
                text: str, *, reply_to: str) -> None: ...

    def reminder(self, announcement: Announcement, shift: Shift, signups: list[Signup]) -> None: ...

    def withdrawn(self, gone: WithdrawnAnnouncement, shift: Shift, signups: list[Signup]) -> None:
        """The shift's cancellation (the same mail and once-only key as `cancelled`), its announcement deleted:
        no link to a page that no longer exists."""

