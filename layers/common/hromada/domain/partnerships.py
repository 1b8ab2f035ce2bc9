"""Partnerships: the kind's declaration, and its own acts (propose, confirm, match, the parties' view).

Reading, editing, moving through the statuses and hiding are the shared rules of hromada.domain.twinning.
"""

from __future__ import annotations

from hromada.auth import Principal
from hromada.domain.acting import acting_editor, speaking_for
from hromada.domain.matching import rank
from hromada.domain.territories import check_french
from hromada.domain.twinning import Twinning, TwinningKind
from hromada.domain.twinning_events import PartnershipProposed, PartnershipStatusChanged
from hromada.domain.twinning_ports import ActingEditor
from hromada.errors import Forbidden, Invalid, NotFound
from hromada.models.association import Status
from hromada.models.partnership import (
    Partnership,
    PartnershipContent,
    PartnershipProposal,
    PartnershipStatus,
    Party,
    PartyKind,
    PartyRole,
)
from hromada.reference.matching import Candidate, Criteria, Match

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


def _status_changed(p: Partnership, target: PartnershipStatus) -> PartnershipStatusChanged:
    return PartnershipStatusChanged(p.id, p.status.value, target.value, tuple(p.association_ids))


KIND: TwinningKind[Partnership] = TwinningKind(
    name="partnership", id_prefix="pt", missing=lambda: NotFound("partnership_not_found"),
    content=PartnershipContent, status=PartnershipStatus, next=NEXT,
    # Any party's editor: the parties are looked up (a partnership has one or two associations).
    editor=lambda store, principal, p: acting_editor(store, principal, p.association_ids),
    status_changed=_status_changed, stamps={S.IN_DISCUSSION: "confirmed_at"})


class Partnerships(Twinning[Partnership]):
    kind = KIND

    # ------------------------------------------------------------ reading
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
            **data.model_dump(exclude={"partner", "bodies"}), id=self.make_id(KIND.id_prefix), parties=parties,
            status=S.PROPOSED, proposed_by=association_id, created_at=now, updated_at=now)
        return self._create(principal, partnership, association_id, "proposed",
                            verified=partnership.association_ids,
                            event=PartnershipProposed(partnership.id, association_id, partner_id))

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
