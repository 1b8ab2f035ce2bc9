"""Initiative use cases: publish a need or an offer, find the other side, follow it until matched or closed."""

from __future__ import annotations

from collections.abc import Callable

from pydantic import ValidationError

from hromada.auth import Principal
from hromada.domain.acting import claimed_editor, guarded_write, speaking_for
from hromada.domain.clock import new_id, utc_now
from hromada.domain.matching import rank
from hromada.domain.ports import AuditEntry
from hromada.domain.twinning_events import (
    InitiativePublished,
    InitiativeStatusChanged,
    NoNotifications,
    Notifications,
)
from hromada.domain.twinning_ports import ActingEditor, InitiativeStore, Listed, ListQuery, MatchIndex
from hromada.errors import Conflict, Invalid, NotFound
from hromada.models.initiative import (
    Initiative,
    InitiativeCreate,
    InitiativeFields,
    InitiativePatch,
    InitiativeStatus,
)
from hromada.reference.matching import Candidate, Criteria, Match

ID_PREFIX = "in"

S = InitiativeStatus
# Where an initiative may go next: a match can fall through (back to open); closed is final.
NEXT: dict[InitiativeStatus, frozenset[InitiativeStatus]] = {
    S.OPEN: frozenset({S.MATCHED, S.CLOSED}),
    S.MATCHED: frozenset({S.OPEN, S.CLOSED}),
    S.CLOSED: frozenset(),
}


def match_candidate(initiative: Initiative) -> Candidate | None:
    """What the matching search knows of an initiative; None unless it is visible and open."""
    if not initiative.matchable:
        return None
    return Candidate(initiative.kind.value, initiative.id, initiative.title, initiative.status.value,
                     (initiative.domain.value,), initiative.region, initiative.oblast)


class Initiatives:
    def __init__(self, store: InitiativeStore, matches: MatchIndex, notifications: Notifications | None = None,
                 now: Callable[[], str] = utc_now, make_id: Callable[[str], str] = new_id):
        self.store = store
        self.matches = matches
        self.notifications = notifications or NoNotifications()
        self.now = now
        self.make_id = make_id

    # ------------------------------------------------------------ reading
    def find(self, initiative_id: str) -> Initiative:
        found = self.store.get(initiative_id)
        if found is None:
            raise NotFound("initiative_not_found")
        return found

    def public(self, initiative_id: str) -> Initiative:
        initiative = self.find(initiative_id)
        if initiative.hidden:
            raise NotFound("initiative_not_found")
        return initiative

    def directory(self, query: ListQuery) -> Listed[Initiative]:
        return self.store.list(query)

    def matches_for(self, initiative_id: str, limit: int) -> list[Match]:
        """For a need, the open offers of its domain in compatible places; for an offer, the needs."""
        initiative = self.public(initiative_id)
        criteria = Criteria(initiative.domain.value, initiative.region, initiative.oblast)
        candidates = self.matches.candidates(initiative.domain.value, (initiative.kind.opposite.value,))
        return rank(criteria, [c for c in candidates if c.id != initiative.id], limit)

    # ------------------------------------------------------------ writing
    def publish(self, principal: Principal, association_id: str, data: InitiativeCreate) -> Initiative:
        found = speaking_for(self.store, principal, association_id)
        now = self.now()
        initiative = Initiative(**data.model_dump(), id=self.make_id(ID_PREFIX), association_id=association_id,
                                association_name=found.associations[association_id].name, status=S.OPEN,
                                created_at=now, updated_at=now)
        audit = AuditEntry(principal.user_id, "initiative.published", initiative.id, now, on_behalf_of=association_id)
        with guarded_write():
            self.store.create(initiative, editor=ActingEditor(association_id, principal.email), audit=audit)
        self.notifications.publish(InitiativePublished(initiative.id, initiative.kind.value, initiative.domain.value,
                                                       initiative.region, initiative.oblast))
        return initiative

    def update(self, principal: Principal, initiative_id: str, patch: InitiativePatch) -> Initiative:
        """The owner association's editors; admins may correct it."""
        current = self.find(initiative_id)
        editor = None if principal.is_admin else claimed_editor(principal, current.association_id)
        merged = current.model_dump(include=set(InitiativeFields.model_fields)) | patch.model_dump(exclude_unset=True)
        try:
            fields = InitiativeFields.model_validate(merged)
        except ValidationError as error:
            first = error.errors()[0]
            raise Invalid(".".join(str(p) for p in first["loc"]) or "body", first["msg"]) from error
        now = self.now()
        updated = current.model_copy(update=dict(fields) | {"updated_at": now, "version": current.version + 1})
        self._save(updated, current, editor, AuditEntry(principal.user_id, "initiative.updated", current.id, now,
                                                        on_behalf_of=editor.association_id if editor else None))
        return updated

    def change_status(self, principal: Principal, initiative_id: str, target: InitiativeStatus,
                      note: str | None) -> Initiative:
        """The owner association's editors, or a moderator."""
        current = self.find(initiative_id)
        editor = None if principal.is_moderator else claimed_editor(principal, current.association_id)
        if target not in NEXT[current.status]:
            raise Conflict("transition_not_allowed", current=current.status.value, target=target.value)
        now = self.now()
        updated = current.model_copy(update={"status": target, "updated_at": now, "version": current.version + 1})
        self._save(updated, current, editor, AuditEntry(principal.user_id, f"initiative.{target.value}", current.id,
                                                        now, note,
                                                        on_behalf_of=editor.association_id if editor else None))
        self.notifications.publish(InitiativeStatusChanged(current.id, current.status.value, target.value,
                                                           current.association_id))
        return updated

    def hide(self, principal: Principal, initiative_id: str, reason: str) -> Initiative:
        return self._set_hidden(principal, initiative_id, True, reason)

    def restore(self, principal: Principal, initiative_id: str, note: str | None) -> Initiative:
        return self._set_hidden(principal, initiative_id, False, note)

    # ------------------------------------------------------------ helpers
    def _set_hidden(self, principal: Principal, initiative_id: str, hidden: bool, reason: str | None) -> Initiative:
        principal.require_moderator()
        current = self.find(initiative_id)
        if current.hidden == hidden:
            raise Conflict("already_hidden" if hidden else "not_hidden")
        now = self.now()
        updated = current.model_copy(update={"hidden": hidden, "hidden_reason": reason if hidden else None,
                                             "updated_at": now, "version": current.version + 1})
        action = "initiative.hidden" if hidden else "initiative.restored"
        self._save(updated, current, None, AuditEntry(principal.user_id, action, current.id, now, reason))
        return updated

    def _save(self, updated: Initiative, previous: Initiative, editor: ActingEditor | None,
              audit: AuditEntry) -> None:
        with guarded_write():
            self.store.save(updated, previous, editor=editor, audit=audit)
