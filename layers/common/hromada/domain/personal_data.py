"""A person's data: export everything held about them, erase it (GDPR art. 15, 17, 20).

Everything that names a person is listed under them in the person index (their id or e-mail), so both
read with Queries. Erasure removes or anonymises each item; what others rely on survives without the person:
a freed seat goes to the waitlist, flags keep counting, ballots stay (they never named anyone), an association
they solely owned passes to a co-editor or, with none, is frozen. Voted markers are keyed by a keyed pseudonym
of the verified address and listed under nobody: erasure leaves them (a new account with the same address
cannot vote again) and the export does not need them ("my vote" answers per election). Markers of older
layouts, listed under the person, are still re-keyed anonymously.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

from hromada.auth import Principal
from hromada.domain.clock import utc_now
from hromada.domain.ports import ConditionFailed
from hromada.errors import Invalid, NotFound

ERASED = "erased"
SHIFT = "SHIFT"  # a volunteer's signup for a shift, listed under <announcement id>#<shift id>
# How long an erased account's tokens may still be presented: the ID and access tokens' lifetime
# (template.yaml, UserPoolClient: 1 hour; a test keeps the two in step) and a margin for clock skew.
TOKEN_LIFETIME_SECONDS = 3600
ERASED_TOKEN_SECONDS = TOKEN_LIFETIME_SECONDS + 300
# A candidacy as its candidate sees it (who nominated them is someone else's data).
NOMINATION_FIELDS = ("election_id", "id", "association_id", "association_name", "name", "email", "statement",
                     "bio", "photo_url", "status", "status_reason", "nominated_at", "updated_at")


@dataclass(frozen=True)
class PersonEntry:
    """One item listed under a person in the person index, as the store reads it back."""

    kind: str  # RSVP, VOTED, CANDIDATE, ROLL, FLAG, AUDIT, POLL, SERIESREG
    ref: str  # what it is listed under after its kind: the event, the voting box, the election...
    fields: Mapping[str, Any]  # the item as the person sees it: no keys, no index attributes
    key: Mapping[str, Any] = field(default_factory=dict, compare=False, repr=False)  # the store's own: opaque here


@dataclass(frozen=True)
class Membership:
    association_id: str
    role: str
    association: dict[str, Any] | None


class PersonalDataStore(Protocol):
    def entries(self, subject: str, kind: str | None = None) -> list[PersonEntry]:
        """Every item listed under this user id or e-mail in the person index (of one kind, if given)."""

    def memberships(self, email: str) -> list[Membership]: ...

    def subscriptions_of(self, email: str) -> list[dict[str, Any]]: ...

    def erase_subscriptions(self, email: str) -> None: ...

    def co_editors(self, association_id: str, email: str) -> list[str]:
        """The association's other editors' e-mails, oldest first."""

    def hand_over(self, association_id: str, leaving_email: str, successor_email: str, successor_id: str) -> None: ...

    def freeze(self, association_id: str, leaving_email: str) -> None: ...

    def leave_association(self, association_id: str, email: str) -> None: ...

    def anonymise_authored(self, association_id: str, user_id: str, email: str, pseudonym: str) -> None:
        """The association's events, announcements, editor records and profile forget the person."""

    def anonymise_entry(self, entry: PersonEntry, pseudonym: str) -> None:
        """One person-index item (flag, voted marker, candidate, roll entry, audit entry) forgets the person."""

    def drop_suspension(self, user_id: str) -> None: ...

    def leave_tombstone(self, user_id: str, expires_at: int) -> None:
        """Every write by this account is refused until `expires_at` (epoch seconds)."""


class Accounts(Protocol):
    def user_id_of(self, email: str) -> str | None: ...

    def delete(self, principal: Principal) -> None: ...


class PersonalData:
    def __init__(self, store: PersonalDataStore, accounts: Accounts, leave_event: Callable[[Principal, str], None],
                 now: Callable[[], str] = utc_now, make_pseudonym: Callable[[], str] | None = None,
                 leave_shift: Callable[[Principal, str], None] | None = None):
        self.store = store
        self.accounts = accounts
        self.leave_event = leave_event
        self.leave_shift = leave_shift  # (principal, <announcement id>#<shift id>): the place goes to the waitlist
        self.now = now
        self.make_pseudonym = make_pseudonym or (lambda: f"{ERASED}-{secrets.token_hex(8)}")

    def _entries(self, principal: Principal) -> list[PersonEntry]:
        subjects = [principal.user_id] + ([principal.email] if principal.email_verified and principal.email else [])
        return [entry for subject in subjects for entry in self.store.entries(subject)]

    def _hand_over(self, association_id: str, leaving_email: str) -> bool:
        """To the oldest co-editor who still has an account (and still edits it at the moment of the write)."""
        for email in self.store.co_editors(association_id, leaving_email):
            user_id = self.accounts.user_id_of(email)
            if user_id is None:
                continue
            try:
                self.store.hand_over(association_id, leaving_email, email, user_id)
            except ConditionFailed:
                continue  # removed meanwhile: the next one
            return True
        return False

    def expires_after(self, seconds: int) -> int:
        return int(datetime.fromisoformat(self.now().replace("Z", "+00:00")).timestamp()) + seconds

    def rsvps(self, principal: Principal) -> list[dict[str, Any]]:
        """The events the person registered for (or waits for), newest first: event, status, when."""
        rsvps = [e.fields for e in self.store.entries(principal.user_id, "RSVP") if e.kind == "RSVP"]
        # RSVPs are listed under the account (member id = sub), never under the address: one Query.
        items = {str(f["event_id"]): {"event_id": str(f["event_id"]), "status": f.get("status"),
                                      "joined_at": f.get("joined_at")} for f in rsvps if f.get("event_id")}
        return sorted(items.values(), key=lambda item: str(item["joined_at"] or ""), reverse=True)

    def export(self, principal: Principal) -> dict[str, Any]:
        email = principal.verified_email  # what is held under an address goes only to its verified owner
        by_kind: dict[str, list[PersonEntry]] = {}
        for entry in self._entries(principal):
            by_kind.setdefault(entry.kind, []).append(entry)
        fields = {kind: [e.fields for e in entries] for kind, entries in by_kind.items()}
        return {
            "generated_at": self.now(),
            "profile": {"id": principal.user_id, "email": email, "email_verified": principal.email_verified,
                        "name": principal.name, "groups": sorted(principal.groups)},
            "associations": [{"association_id": m.association_id, "role": m.role, "association": m.association}
                             for m in self.store.memberships(email)],
            "rsvps": [dict(f) for f in fields.get("RSVP", [])],
            "shifts": [{k: f.get(k) for k in ("announcement_id", "shift_id", "status", "joined_at", "promoted_at")}
                       for f in fields.get(SHIFT, [])],
            "nominations": [{k: f.get(k) for k in NOMINATION_FIELDS} for f in fields.get("CANDIDATE", [])],
            "flags": [{"item": f.get("item"), "reason": f.get("reason"), "comment": f.get("comment"),
                       "flagged_at": f.get("at")} for f in fields.get("FLAG", [])],
            # That they voted, and where: a marker holds nothing of the ballot, and nothing links them.
            "elections": [{"box": e.ref} for e in by_kind.get("VOTED", [])],
            "voter_rolls": [{"election_id": e.ref} for e in by_kind.get("ROLL", [])],
            "subscriptions": self.store.subscriptions_of(email),
            "audit": [{"action": f.get("action"), "target": f.get("target"), "at": f.get("at")}
                      for f in fields.get("AUDIT", [])],
            "polls": [{"poll_id": f.get("id"), "question": f.get("question"), "created_at": f.get("created_at")}
                      for f in fields.get("POLL", [])],
            "series_registrations": [{"series_id": f.get("series_id"), "joined_at": f.get("joined_at")}
                                     for f in fields.get("SERIESREG", [])],
        }

    def erase(self, principal: Principal, confirmation: str) -> dict[str, int]:
        """Idempotent: a second run finds nothing left (the account itself goes last). The caller confirms
        with their own e-mail address: no stray request erases anyone."""
        email = principal.verified_email
        if confirmation.strip().lower() != email:
            raise Invalid("confirm", "type your own e-mail address to confirm", code="erasure_not_confirmed")
        # First, so that the still-valid token writes nothing while (or after) the rest is erased.
        self.store.leave_tombstone(principal.user_id, self.expires_after(ERASED_TOKEN_SECONDS))
        pseudonym = self.make_pseudonym()
        done: dict[str, int] = {}

        def count(what: str) -> None:
            done[what] = done.get(what, 0) + 1

        entries = self._entries(principal)
        for entry in entries:
            if entry.kind == "SERIESREG":  # first, so no date written later enrols the person again
                self.store.anonymise_entry(entry, pseudonym)
                count("series_registrations")
        for entry in entries:
            if entry.kind == "RSVP":
                try:
                    self.leave_event(principal, str(entry.fields["event_id"]))  # the seat goes to the waitlist
                except NotFound:
                    continue  # left meanwhile
                count("rsvps")
            elif entry.kind == SHIFT and self.leave_shift is not None:
                try:
                    self.leave_shift(principal, entry.ref)
                except NotFound:
                    continue  # left meanwhile, or the shift is gone
                count("shifts")
        for membership in self.store.memberships(email):
            self.store.anonymise_authored(membership.association_id, principal.user_id, email, pseudonym)
            if membership.role != "owner":
                self.store.leave_association(membership.association_id, email)
                count("memberships")
                continue
            if self._hand_over(membership.association_id, email):
                count("handed_over")
            else:
                self.store.freeze(membership.association_id, email)
                count("frozen")
        for entry in self._entries(principal):  # again: the steps above may have listed more (audit entries)
            if entry.kind not in ("RSVP", SHIFT):
                self.store.anonymise_entry(entry, pseudonym)
                count(entry.kind.lower())
        self.store.erase_subscriptions(email)
        # The account's own suspension marker goes; the person's (keyed by the address's pseudonym) stays.
        self.store.drop_suspension(principal.user_id)
        self.accounts.delete(principal)
        return done
