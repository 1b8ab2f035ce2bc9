"""Possible matches: a need and an offer that fit well enough are told to both associations, opt-in.

When an initiative is published (or opened again, or its place or domain edited), its write's follow-up (the
outbox, then the notifier: MatchFollowUp) finds the open initiatives of the other kind scoring at least the threshold
(hromada.domain.matching's points; MATCH_NOTICE_THRESHOLD) become possible matches. Each pair is recorded
once (a conditional write: its first recording alone sends the "possible match" mail, to each side's
owners, without the other's contacts). Each side confirms or declines through the API. Only when both
confirmed are the contacts shared (both sides' association contact addresses, mailed once, and readable by
both sides' editors); a decline ends the pair for good; closing an initiative cancels its pending pairs.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Protocol

from hromada.auth import Principal
from hromada.domain.acting import claimed_editor, guarded_write
from hromada.domain.clock import utc_now
from hromada.domain.matching import rank
from hromada.domain.twinning_ports import ActingEditor, AssociationLookup, MatchIndex
from hromada.errors import Conflict, Forbidden, NotFound
from hromada.models.initiative import Initiative, InitiativeKind
from hromada.reference.matching import Criteria

MOST_NOTICES_PER_PUBLICATION = 10  # the best pairs only: an initiative never floods the other side
# A pair recorded this long ago and still untold was recorded by a follow-up that died before queueing its mail
# (longer than the notifier's 30 s timeout, shorter than the notifications queue's 180 s visibility timeout, after
# which the follow-up is delivered again): the redelivery tells it (the mail's keys keep it once).
UNTOLD_AFTER = timedelta(seconds=60)


class Answer(StrEnum):
    CONFIRMED = "confirmed"
    DECLINED = "declined"


class PairStatus(StrEnum):
    PENDING = "pending"  # told; waiting for one side or both
    CONFIRMED = "confirmed"  # both confirmed: contacts shared
    DECLINED = "declined"  # one side declined: nothing more for this pair
    CANCELLED = "cancelled"  # an initiative was closed before both confirmed


@dataclass(frozen=True)
class Side:
    initiative_id: str
    title: str
    association_id: str
    association_name: str
    answer: Answer | None = None


@dataclass(frozen=True)
class PossibleMatch:
    need: Side
    offer: Side
    score: int
    created_at: str
    shared_at: str | None = None  # when both had confirmed (contacts shared)
    cancelled_at: str | None = None
    untold: str | None = None  # recorded (or its telling taken over) then, its mail not queued yet

    @property
    def status(self) -> PairStatus:
        if Answer.DECLINED in (self.need.answer, self.offer.answer):
            return PairStatus.DECLINED
        if self.need.answer == self.offer.answer == Answer.CONFIRMED:
            return PairStatus.CONFIRMED
        return PairStatus.CANCELLED if self.cancelled_at else PairStatus.PENDING

    def side(self, initiative_id: str) -> str:
        if initiative_id == self.need.initiative_id:
            return "need"
        if initiative_id == self.offer.initiative_id:
            return "offer"
        raise NotFound("possible_match_not_found")

    def mine(self, initiative_id: str) -> Side:
        return self.need if self.side(initiative_id) == "need" else self.offer

    def theirs(self, initiative_id: str) -> Side:
        return self.offer if self.side(initiative_id) == "need" else self.need

    def answered(self, side: str, answer: Answer) -> PossibleMatch:
        return replace(self, **{side: replace(getattr(self, side), answer=answer)})


@dataclass(frozen=True)
class Contact:
    association_id: str
    name: str
    emails: tuple[str, ...]


@dataclass(frozen=True)
class Seen:
    """A pair as one side reads it: with both sides' contacts once both confirmed."""

    pair: PossibleMatch
    contacts: list[Contact]


class PossibleMatchStore(AssociationLookup, Protocol):
    def record(self, pair: PossibleMatch) -> bool:
        """Written unless the pair already exists (whatever its state): True the first time only."""

    def get(self, need_id: str, offer_id: str) -> PossibleMatch | None: ...

    def of_initiative(self, initiative_id: str, kind: str) -> list[PossibleMatch]: ...

    def answer(self, pair: PossibleMatch, side: str, answer: Answer, editor: ActingEditor, now: str) -> None:
        """Set this side's answer if it has none, the pair is not cancelled and the editor still edits the
        side's association. ConditionFailed("editor" | "answered")."""

    def forget(self, pair: PossibleMatch) -> None:
        """Delete a pair nobody answered yet (its notice could not be sent)."""

    def told(self, pair: PossibleMatch) -> None:
        """Its mail is queued: no longer untold."""

    def take_over(self, pair: PossibleMatch, now: str, stale: str) -> bool:
        """Untold since `stale` or before: now untold since `now`, for this caller alone (True once)."""

    def share(self, pair: PossibleMatch, now: str) -> bool:
        """Mark the contacts shared if both sides confirmed and they were not yet: True once."""

    def cancel(self, pair: PossibleMatch, now: str) -> bool:
        """Cancel a pair not yet shared: True if this call did."""

    def contacts(self, association_ids: list[str]) -> list[Contact]:
        """Each association's contact address, or its owners' when it published none."""


class InitiativeSource(Protocol):
    def get(self, item_id: str) -> Initiative | None: ...


class MatchMail(Protocol):
    def possible_match(self, pair: PossibleMatch) -> None:
        """Tell both sides' owners (once per pair: the mail key is the pair)."""

    def contacts_shared(self, pair: PossibleMatch, contacts: list[Contact]) -> None: ...


class PossibleMatches:
    def __init__(self, store: PossibleMatchStore, initiatives: InitiativeSource, index: MatchIndex,
                 mail: MatchMail, threshold: int, now: Callable[[], str] = utc_now):
        self.store, self.initiatives, self.index, self.mail = store, initiatives, index, mail
        self.threshold, self.now = threshold, now

    # ------------------------------------------------------------ told by the initiatives' use cases
    def notice(self, published: Initiative) -> list[PossibleMatch]:
        """The pairs this initiative makes; each mailed on its first recording only."""
        if not published.matchable:
            return []
        criteria = Criteria(published.domain.value, published.region, published.oblast)
        opposite = published.kind.opposite.value
        ranked = rank(criteria, [c for c in self.index.candidates(published.domain.value, (opposite,))
                                 if c.id != published.id], MOST_NOTICES_PER_PUBLICATION)
        told = []
        for match in ranked:
            if match.score < self.threshold:
                break  # best first: the rest score less
            other = self.initiatives.get(match.candidate.id)
            if other is None or not other.matchable or other.association_id == published.association_id:
                continue  # an association is never told of a match with itself
            need, offer = (published, other) if published.kind == InitiativeKind.NEED else (other, published)
            now = self.now()
            pair = PossibleMatch(_side(need), _side(offer), match.score, now, untold=now)
            if self.store.record(pair):
                try:
                    self.mail.possible_match(pair)
                except Exception:
                    self.store.forget(pair)  # untold: a later notice may record and tell it again
                    raise
                self.store.told(pair)
                told.append(pair)
            elif (left := self.store.get(need.id, offer.id)) is not None and self._take_over(left, now):
                self.mail.possible_match(left)  # keyed by the pair: nobody is mailed twice
                self.store.told(left)
                told.append(left)
        return told

    def _take_over(self, pair: PossibleMatch, now: str) -> bool:
        """Left untold by a follow-up that stopped before queueing its mail (not one still at work): this one
        tells it, alone among those delivered at once (a conditional write)."""
        stale = (datetime.fromisoformat(now) - UNTOLD_AFTER).isoformat(timespec="milliseconds").replace("+00:00", "Z")
        return (pair.untold is not None and pair.untold <= stale and pair.status == PairStatus.PENDING
                and self.store.take_over(pair, now, stale))

    def withdrawn(self, initiative_id: str, kind: str) -> int:
        """An initiative closed: its pairs not yet shared are cancelled (no answer can complete them)."""
        now = self.now()
        return sum(self.store.cancel(p, now) for p in self.store.of_initiative(initiative_id, kind)
                   if p.status == PairStatus.PENDING)

    # ------------------------------------------------------------ the two sides
    def of(self, principal: Principal, initiative: Initiative) -> list[Seen]:
        """An initiative's pairs: for its association's editors, and moderators; contacts once both confirmed."""
        self._require_editor(principal, initiative)
        return [self._seen(p) for p in self.store.of_initiative(initiative.id, initiative.kind.value)]

    def answer(self, principal: Principal, initiative: Initiative, other_id: str, answer: Answer) -> Seen:
        """One side's editor confirms or declines, for that side only (moderators do not answer for them)."""
        editor = claimed_editor(principal, initiative.association_id)
        need_id, offer_id = ((initiative.id, other_id) if initiative.kind == InitiativeKind.NEED
                             else (other_id, initiative.id))
        pair = self.store.get(need_id, offer_id)
        if pair is None:
            raise NotFound("possible_match_not_found")
        side = pair.side(initiative.id)
        if pair.mine(initiative.id).association_id != initiative.association_id:
            raise Forbidden()
        if pair.status != PairStatus.PENDING or pair.mine(initiative.id).answer is not None:
            raise Conflict("possible_match_answered", pair_status=pair.status.value)
        now = self.now()
        with guarded_write():
            self.store.answer(pair, side, answer, editor, now)
        updated = pair.answered(side, answer)
        # Fresh read: the other side may have confirmed meanwhile; whichever confirmation completes the
        # pair shares the contacts, once (the conditional write decides between two simultaneous ones).
        latest = self.store.get(need_id, offer_id) or updated
        if latest.status == PairStatus.CONFIRMED and self.store.share(latest, now):
            latest = replace(latest, shared_at=now)
            seen = self._seen(latest)
            self.mail.contacts_shared(latest, seen.contacts)
            return seen
        return self._seen(latest)

    def _seen(self, pair: PossibleMatch) -> Seen:
        """Contacts only once both sides confirmed; before, nobody reads them here."""
        if pair.status != PairStatus.CONFIRMED:
            return Seen(pair, [])
        return Seen(pair, self.store.contacts([pair.need.association_id, pair.offer.association_id]))

    def _require_editor(self, principal: Principal, initiative: Initiative) -> None:
        if principal.is_moderator:
            return
        principal.require_verified_email()
        if initiative.association_id not in self.store.lookup([initiative.association_id], principal.email,
                                                              profiles=False).edited:
            raise Forbidden()


def _side(i: Initiative) -> Side:
    return Side(i.id, i.title, i.association_id, i.association_name)


class MatchFollowUp:
    """The consumer of an initiative write's follow-up (hromada.domain.initiatives.MATCHES_FOLLOW_UP, through the
    outbox and the bus): reads the initiative as it is now, so an edit made meanwhile is what counts. Open and
    visible: its pairs are recorded and told (each once: the record is conditional, the mail keyed by the pair);
    closed: its pending pairs are cancelled; anything else (matched, hidden, edited away): nothing. Delivered
    twice, it tells nobody twice."""

    def __init__(self, matches: Callable[[], PossibleMatches], latest: Callable[[str], Initiative | None]):
        self.matches, self.latest = matches, latest

    def handle(self, initiative_id: str) -> list[PossibleMatch]:
        current = self.latest(initiative_id)
        if current is None:
            return []
        if current.matchable:
            return self.matches().notice(current)
        if current.status.value == "closed":
            self.matches().withdrawn(current.id, current.kind.value)
        return []
