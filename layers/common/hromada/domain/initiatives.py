"""Initiatives (needs and offers): the kind's declaration, and its own acts (publish, find the other side).

Reading, editing, moving through the statuses and hiding are the shared rules of hromada.domain.twinning.
"""

from __future__ import annotations

from hromada.auth import Principal
from hromada.domain.acting import claimed_editor, speaking_for
from hromada.domain.event_ports import DomainEvent
from hromada.domain.matching import rank
from hromada.domain.twinning import Twinning, TwinningKind
from hromada.domain.twinning_events import InitiativePublished, InitiativeStatusChanged
from hromada.errors import NotFound
from hromada.models.initiative import (
    Initiative,
    InitiativeCreate,
    InitiativeFields,
    InitiativeStatus,
)
from hromada.reference.matching import Candidate, Criteria, Match

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


def _status_changed(i: Initiative, target: InitiativeStatus) -> InitiativeStatusChanged:
    return InitiativeStatusChanged(i.id, i.status.value, target.value, i.association_id)


KIND: TwinningKind[Initiative] = TwinningKind(
    name="initiative", id_prefix="in", missing=lambda: NotFound("initiative_not_found"),
    content=InitiativeFields, status=InitiativeStatus, next=NEXT,
    # The owner association's editors: one association, checked by the write itself (nothing read first).
    editor=lambda _store, principal, i: claimed_editor(principal, i.association_id),
    status_changed=_status_changed, stamps={S.MATCHED: "answered_at"})


# The follow-up of a write that may change an initiative's possible matches: staged in the write's transaction
# (the outbox), so the pairing happens after it even when the request dies right after the write. It names the
# initiative only: the consumer reads its state then, so a later edit is what counts (hromada.domain.possible_matches).
MATCHES_FOLLOW_UP = "InitiativeMatchesChanged"


def _criteria(i: Initiative) -> tuple[str, str, str | None, str | None]:
    return (i.kind.value, i.domain.value, i.region, i.oblast)


def matches_follow_ups(previous: Initiative | None, updated: Initiative) -> list[DomainEvent]:
    """Published, open again, or its criteria edited while open: look for pairs; closed: cancel its pairs."""
    looks = updated.matchable and (previous is None or not previous.matchable
                                   or _criteria(previous) != _criteria(updated))
    closes = updated.status == S.CLOSED and (previous is None or previous.status != S.CLOSED)
    return [DomainEvent(MATCHES_FOLLOW_UP, {"initiative_id": updated.id})] if looks or closes else []


class Initiatives(Twinning[Initiative]):
    kind = KIND

    def _follow_ups(self, previous: Initiative | None, updated: Initiative) -> list[DomainEvent]:
        return matches_follow_ups(previous, updated)

    # ------------------------------------------------------------ reading
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
        initiative = Initiative(**data.model_dump(), id=self.make_id(KIND.id_prefix), association_id=association_id,
                                association_name=found.associations[association_id].name, status=S.OPEN,
                                created_at=now, updated_at=now)
        return self._create(principal, initiative, association_id, "published", verified=[association_id],
                            event=InitiativePublished(initiative.id, initiative.kind.value, initiative.domain.value,
                                                      initiative.region, initiative.oblast))
