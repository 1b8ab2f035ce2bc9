"""Partnership use cases: propose, confirm, move through the statuses, edit, moderate, browse, match."""

from __future__ import annotations

from collections.abc import Callable

from pydantic import ValidationError

from hromada.auth import Principal
from hromada.domain.acting import acting_editor, guarded_write, speaking_for
from hromada.domain.clock import new_id, utc_now
from hromada.domain.matching import rank
from hromada.domain.ports import AuditEntry
from hromada.domain.territories import check_french
from hromada.domain.twinning_events import (
    NoNotifications,
    Notifications,
    PartnershipProposed,
    PartnershipStatusChanged,
)
from hromada.domain.twinning_ports import ActingEditor, Listed, ListQuery, MatchIndex, PartnershipStore
from hromada.errors import Conflict, Forbidden, Invalid, NotFound
from hromada.models.association import Status
from hromada.models.partnership import (
    Partnership,
    PartnershipContent,
    PartnershipPatch,
    PartnershipProposal,
    PartnershipStatus,
    Party,
    PartyKind,
    PartyRole,
    StatusTarget,
)
from hromada.reference.matching import Candidate, Criteria, Match

ID_PREFIX = "pt"
MATCH_KINDS = ("partnership", "need", "offer")

S = PartnershipStatus
# Where a partnership may go next. Leaving `proposed` for `in_discussion` is the other side's confirmation.
NEXT: dict[PartnershipStatus, frozenset[PartnershipStatus]] = {
    S.PROPOSED: frozenset({S.IN_DISCUSSION, S.ENDED}),
    S.IN_DISCUSSION: frozenset({S.SIGNED, S.ENDED}),
    S.SIGNED: frozenset({S.ACTIVE, S.ENDED}),
    S.ACTIVE: frozenset({S.ENDED}),
    S.ENDED: frozenset(),
}


def match_candidate(partnership: Partnership) -> Candidate | None:
    """What the matching search knows of a partnership; None while it is hidden or ended."""
    if not partnership.matchable:
        return None
    return Candidate("partnership", partnership.id, partnership.title, partnership.status.value,
                     tuple(d.value for d in partnership.domains), partnership.french.region,
                     partnership.ukrainian.oblast)


class Partnerships:
    def __init__(self, store: PartnershipStore, matches: MatchIndex,
                 notifications: Notifications | None = None, now: Callable[[], str] = utc_now,
                 make_id: Callable[[str], str] = new_id):
        self.store = store
        self.matches = matches
        self.notifications = notifications or NoNotifications()
        self.now = now
        self.make_id = make_id

    # ------------------------------------------------------------ reading
    def find(self, partnership_id: str) -> Partnership:
        found = self.store.get(partnership_id)
        if found is None:
            raise NotFound("partnership_not_found")
        return found

    def public(self, partnership_id: str) -> Partnership:
        """A hidden partnership does not exist for visitors."""
        partnership = self.find(partnership_id)
        if partnership.hidden:
            raise NotFound("partnership_not_found")
        return partnership

    def directory(self, query: ListQuery) -> Listed[Partnership]:
        found = self.store.list(query)
        # Hidden by reports (the item keeps its index keys until its next write): the page may be shorter.
        found.items = [p for p in found.items if not p.hidden]
        return found

    def match(self, criteria: Criteria, limit: int) -> list[Match]:
        return rank(criteria, self.matches.candidates(criteria.domain, MATCH_KINDS), limit)

    def for_parties(self, principal: Principal, partnership_id: str) -> Partnership:
        """The view with contact e-mails: the parties' editors and moderators."""
        partnership = self.find(partnership_id)
        if not principal.is_moderator:
            acting_editor(self.store, principal, partnership.association_ids)
        return partnership

    # ------------------------------------------------------------ writing
    def propose(self, principal: Principal, association_id: str, data: PartnershipProposal) -> Partnership:
        partner_id = data.partner.association_id
        if partner_id == association_id:
            raise Invalid("partner.association_id", "the partner cannot be the proposing association",
                          code="partner_is_proposer")
        check_french(data.french, "french")
        found = speaking_for(self.store, principal, association_id, [partner_id] if partner_id else [])
        parties = [Party(kind=PartyKind.ASSOCIATION, role=PartyRole.PROPOSER, association_id=association_id,
                         name=found.associations[association_id].name)]
        if partner_id:
            partner = found.associations.get(partner_id)
            if partner is None or partner.status != Status.VERIFIED:
                raise Invalid("partner.association_id", "no verified association has this id",
                              code="partner_not_found")
            parties.append(Party(kind=PartyKind.ASSOCIATION, role=PartyRole.PARTNER, association_id=partner_id,
                                 name=partner.name))
        else:
            parties.append(Party(kind=PartyKind.TERRITORIAL_BODY, role=PartyRole.PARTNER, name=data.partner.name))
        parties += [Party(kind=PartyKind.TERRITORIAL_BODY, role=PartyRole.PARTICIPANT, name=b.name)
                    for b in data.bodies]
        now = self.now()
        partnership = Partnership(
            **data.model_dump(exclude={"partner", "bodies"}), id=self.make_id(ID_PREFIX), parties=parties,
            status=S.PROPOSED, proposed_by=association_id, created_at=now, updated_at=now)
        audit = AuditEntry(principal.user_id, "partnership.proposed", partnership.id, now,
                           on_behalf_of=association_id)
        with guarded_write():
            self.store.create(partnership, editor=ActingEditor(association_id, principal.email),
                              verified=partnership.association_ids, audit=audit)
        self.notifications.publish(PartnershipProposed(partnership.id, association_id, partner_id))
        return partnership

    def update(self, principal: Principal, partnership_id: str, patch: PartnershipPatch) -> Partnership:
        """The parties' editors keep the content up to date; admins may correct it."""
        current = self.find(partnership_id)
        editor = None if principal.is_admin else acting_editor(self.store, principal, current.association_ids)
        merged = current.model_dump(include=set(PartnershipContent.model_fields)) | patch.model_dump(
            exclude_unset=True)
        try:
            content = PartnershipContent.model_validate(merged)
        except ValidationError as error:
            first = error.errors()[0]
            raise Invalid(".".join(str(p) for p in first["loc"]) or "body", first["msg"]) from error
        now = self.now()
        updated = current.model_copy(update=dict(content) | {"updated_at": now, "version": current.version + 1})
        self._save(updated, current, editor, AuditEntry(
            principal.user_id, "partnership.updated", current.id, now,
            on_behalf_of=editor.association_id if editor else None))
        return updated

    def confirm(self, principal: Principal, partnership_id: str, note: str | None) -> Partnership:
        """The other side (an editor of the partner association) or a moderator confirms a proposal."""
        current = self.find(partnership_id)
        editor = None
        if not principal.is_moderator:
            principal.require_verified_email()
            partner = current.partner_association_id
            edited = self.store.lookup(current.association_ids, principal.email, profiles=False).edited
            if partner is None or partner not in edited or current.proposed_by in edited:
                raise Forbidden("not_the_other_side")
            editor = ActingEditor(partner, principal.email)
        return self._move(principal, current, S.IN_DISCUSSION, note, editor)

    def change_status(self, principal: Principal, partnership_id: str, target: StatusTarget,
                      note: str | None) -> Partnership:
        """Sign, activate or end: any party's editor, or a moderator."""
        current = self.find(partnership_id)
        editor = None if principal.is_moderator else acting_editor(self.store, principal, current.association_ids)
        return self._move(principal, current, PartnershipStatus(target.value), note, editor)

    def hide(self, principal: Principal, partnership_id: str, reason: str) -> Partnership:
        return self._set_hidden(principal, partnership_id, True, reason)

    def restore(self, principal: Principal, partnership_id: str, note: str | None) -> Partnership:
        return self._set_hidden(principal, partnership_id, False, note)

    # ------------------------------------------------------------ helpers
    def _move(self, principal: Principal, current: Partnership, target: PartnershipStatus, note: str | None,
              editor: ActingEditor | None) -> Partnership:
        if target not in NEXT[current.status]:
            raise Conflict("transition_not_allowed", current=current.status.value, target=target.value)
        now = self.now()
        changes = {"status": target, "updated_at": now, "version": current.version + 1}
        if target == S.IN_DISCUSSION:
            changes["confirmed_at"] = now
        updated = current.model_copy(update=changes)
        self._save(updated, current, editor, AuditEntry(
            principal.user_id, f"partnership.{target.value}", current.id, now, note,
            on_behalf_of=editor.association_id if editor else None))
        self.notifications.publish(PartnershipStatusChanged(current.id, current.status.value, target.value,
                                                            tuple(current.association_ids)))
        return updated

    def _set_hidden(self, principal: Principal, partnership_id: str, hidden: bool, reason: str | None):
        principal.require_moderator()
        current = self.find(partnership_id)
        if current.hidden == hidden:
            raise Conflict("already_hidden" if hidden else "not_hidden")
        now = self.now()
        updated = current.model_copy(update={"hidden": hidden, "hidden_reason": reason if hidden else None,
                                             "updated_at": now, "version": current.version + 1})
        action = "partnership.hidden" if hidden else "partnership.restored"
        self._save(updated, current, None, AuditEntry(principal.user_id, action, current.id, now, reason))
        return updated

    def _save(self, updated: Partnership, previous: Partnership, editor: ActingEditor | None,
              audit: AuditEntry) -> None:
        with guarded_write():
            self.store.save(updated, previous, editor=editor, audit=audit)
