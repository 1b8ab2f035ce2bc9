"""What the shift use cases' in-memory stores share: the project announcement and the once-only reminder claims."""

from __future__ import annotations

from hromada.models.announcement import Announcement


def project() -> Announcement:
    return Announcement(id="an_1", association_id="as_1", association_name="A", association_slug="a", type="project",
                        title={"fr": "Projet"}, body={"fr": "x"}, body_html={"fr": "x"}, categories=["culture"],
                        created_at="2027-01-01T00:00:00.000Z", updated_at="2027-01-01T00:00:00.000Z", created_by="u")


class ReminderClaims:
    """The store's reminder claims: one per shift and start, released when the send fails."""

    claimed: set[tuple[str, str]]

    def claim_reminder(self, shift_id: str, starts_at: str, expires_at: int) -> bool:
        if (shift_id, starts_at) in self.claimed:
            return False
        self.claimed.add((shift_id, starts_at))
        return True

    def release_reminder(self, shift_id: str, starts_at: str) -> None:
        self.claimed.discard((shift_id, starts_at))
