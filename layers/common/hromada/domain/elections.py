"""Election use cases: organize (create, edit, open, close, roll), nominate, vote, publish, verify.

Who may do what is decided here; the invariants (one ballot per voter, the nomination quota, a closed
ballot box) are guarded writes in the store, so a race can never get past them.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from hromada.auth import Principal
from hromada.domain.ballots import SHARDS, Digest, Pages, new_tracker, normalise, person_voter, shard_of
from hromada.domain.clock import new_id, utc_now
from hromada.domain.ports import AuditEntry, ConditionFailed
from hromada.domain.tally import tally
from hromada.domain.voting_ports import AssociationReader, BallotBox, ElectionStore, Guard
from hromada.errors import Conflict, Forbidden, Invalid, NotFound
from hromada.models.association import EditorRole, Status
from hromada.models.common import Page
from hromada.models.election import (
    BallotCandidate,
    BallotIn,
    Candidate,
    CandidateStatus,
    Election,
    ElectionCreate,
    ElectionPatch,
    ElectionStatus,
    Electorate,
    NominationIn,
)
from hromada.models.voting import iso
from hromada.pseudonyms import normalise_address

ID_PREFIX, CANDIDATE_PREFIX = "el", "ca"
SCHEDULER = "scheduler"  # the actor the audit log names for what happens on time by itself
ROLL_OPEN_STATUSES = (ElectionStatus.DRAFT, ElectionStatus.NOMINATIONS)
RETRIES = 5


def require_admin(principal: Principal) -> None:
    principal.require_admin()


def check_schedule(nominations_open_at: str, voting_opens_at: str, voting_closes_at: str, now: str) -> None:
    if not nominations_open_at < voting_opens_at:
        raise Invalid("voting_opens_at", "voting opens after nominations open")
    if not voting_opens_at < voting_closes_at:
        raise Invalid("voting_closes_at", "voting closes after it opens")
    if voting_closes_at <= now:
        raise Invalid("voting_closes_at", "voting must close in the future")


def next_status(election: Election, now: str) -> ElectionStatus | None:
    """The phase the calendar has reached and the election has not (one step at a time)."""
    due = election.due_at()
    if due is None or due > now:
        return None
    return {ElectionStatus.DRAFT: ElectionStatus.NOMINATIONS, ElectionStatus.NOMINATIONS: ElectionStatus.VOTING,
            ElectionStatus.VOTING: ElectionStatus.CLOSED, ElectionStatus.CLOSED: ElectionStatus.PUBLISHED,
            }[election.status]


@dataclass
class VoterStatus:
    election: Election
    eligible: bool
    voted: bool
    associations: list[tuple[str, str, bool]]  # (association id, name, voted)


class Elections:
    def __init__(self, store: ElectionStore, box: BallotBox, associations: AssociationReader,
                 now: Callable[[], str] = utc_now, make_id: Callable[[str], str] = new_id,
                 make_tracker: Callable[[], str] = new_tracker, publisher: Any = None,
                 voter_key: Callable[[str, str], str] = person_voter):
        self.store = store
        self.box = box
        self.associations = associations
        self.now = now
        self.make_id = make_id
        self.make_tracker = make_tracker
        self.voter_key = voter_key  # (box, verified address) -> the marker's key
        self.publisher = publisher  # domain events: voters and associations are told of each phase

    def _announcing(self, election: Election) -> AbstractContextManager[Any]:
        """Around the write that moves the election to its new phase: voters and associations are told."""
        if self.publisher is None:
            return contextlib.nullcontext()
        from hromada.domain.event_ports import DomainEvent

        return self.publisher.staged([DomainEvent("ElectionPhaseChanged", {
            "election_id": election.id, "status": election.status.value, "version": election.version})])

    # ------------------------------------------------------------ reading
    def _find(self, election_id: str, *, drafts: bool = False) -> Election:
        election = self.store.get(election_id)
        if election is None or (election.status == ElectionStatus.DRAFT and not drafts):
            raise NotFound("election_not_found")
        return election

    def public(self, election_id: str) -> tuple[Election, int]:
        """Drafts do not exist for the public; turnout counts from the opening of the vote."""
        election, turnout = self.store.get_with_turnout(election_id)
        if election is None or election.status == ElectionStatus.DRAFT:
            raise NotFound("election_not_found")
        return election, turnout

    def list_public(self, limit: int, cursor: str | None) -> Page[Election]:
        return self.store.list_public(limit, cursor)

    def list_all(self, principal: Principal, limit: int, cursor: str | None) -> Page[Election]:
        require_admin(principal)
        return self.store.list_all(limit, cursor)

    def candidates(self, election_id: str) -> list[Candidate]:
        election, candidates = self.store.with_candidates(election_id)
        if election is None or election.status == ElectionStatus.DRAFT:
            raise NotFound("election_not_found")
        return [c for c in candidates if c.status == CandidateStatus.APPROVED and not c.hidden]

    def nominations(self, principal: Principal, election_id: str) -> list[Candidate]:
        """Organizers see every nomination; others what concerns them (as candidate or association)."""
        election, candidates = self.store.with_candidates(election_id)
        if election is None or (election.status == ElectionStatus.DRAFT and not principal.is_admin):
            raise NotFound("election_not_found")
        if principal.is_admin:
            return candidates
        if not principal.email_verified:
            return []
        mine = {link.association_id for link in self.associations.memberships(principal.email)}
        return [c for c in candidates if c.association_id in mine or c.email == principal.email]

    def audit(self, principal: Principal, election_id: str) -> list[AuditEntry]:
        require_admin(principal)
        entries = self.store.audit_log(election_id)
        if not entries:  # every election has at least its creation
            raise NotFound("election_not_found")
        return entries

    # ------------------------------------------------------------ organizing
    def create(self, principal: Principal, data: ElectionCreate) -> Election:
        require_admin(principal)
        now = self.now()
        times = (iso(data.nominations_open_at), iso(data.voting_opens_at), iso(data.voting_closes_at))
        check_schedule(*times, now)
        election = Election(
            id=self.make_id(ID_PREFIX), title=data.title, description=data.description, method=data.method,
            electorate=data.electorate, nominations_per_association=data.nominations_per_association,
            nominations_open_at=times[0], voting_opens_at=times[1], voting_closes_at=times[2],
            shards=SHARDS, created_by=principal.user_id, created_at=now, updated_at=now)
        self.store.create(election, AuditEntry(principal.user_id, "election.created", election.id, now))
        return election

    def update(self, principal: Principal, election_id: str, patch: ElectionPatch) -> Election:
        require_admin(principal)
        current = self._find(election_id, drafts=True)
        if current.status != ElectionStatus.DRAFT:
            raise Conflict("invalid_phase", state=current.status.value)
        changes = patch.model_dump(exclude_unset=True)
        for name in ("nominations_open_at", "voting_opens_at", "voting_closes_at"):
            if changes.get(name) is not None:
                changes[name] = iso(getattr(patch, name))
        changes = {k: v for k, v in changes.items() if v is not None or k == "description"}
        now = self.now()
        try:
            updated = Election.model_validate(current.model_dump() | changes | {"updated_at": now,
                                                                                "version": current.version + 1})
        except ValidationError as error:
            first = error.errors()[0]
            raise Invalid(".".join(str(p) for p in first["loc"]) or "body", first["msg"]) from error
        check_schedule(updated.nominations_open_at, updated.voting_opens_at, updated.voting_closes_at, now)
        self._save(updated, current.version, AuditEntry(principal.user_id, "election.updated", current.id, now))
        return updated

    def open(self, principal: Principal, election_id: str) -> Election:
        """Start the next phase now: nominations (from draft) or voting (from nominations)."""
        require_admin(principal)
        current = self._find(election_id, drafts=True)
        if current.status == ElectionStatus.DRAFT:
            return self._to_nominations(current, principal.user_id, early=True)
        if current.status == ElectionStatus.NOMINATIONS:
            election, candidates = self.store.with_candidates(election_id)
            assert election is not None
            return self._to_voting(election, candidates, principal.user_id, early=True)
        raise Conflict("invalid_phase", state=current.status.value)

    def close(self, principal: Principal, election_id: str, reason: str) -> Election:
        """Close the vote now, with a reason (the count follows, as after a scheduled close)."""
        require_admin(principal)
        current = self._find(election_id, drafts=True)
        if current.status != ElectionStatus.VOTING:
            raise Conflict("invalid_phase", state=current.status.value)
        return self._to_closed(current, principal.user_id, reason)

    def upload_roll(self, principal: Principal, election_id: str, emails: list[str]) -> int:
        require_admin(principal)
        election = self._find(election_id, drafts=True)
        if election.electorate != Electorate.ROLL:
            raise Conflict("roll_not_used")
        # Frozen once the vote opens: nobody is added to an electorate while it votes. The store checks it again
        # in each write (a batch of entries with its audit entry), so an upload racing the opening is refused;
        # a large one may be cut between two batches, and what was written was written before the opening.
        if election.status not in ROLL_OPEN_STATUSES:
            raise Conflict("roll_frozen", state=election.status.value)
        unique = sorted(set(emails))
        mailboxes = len({normalise_address(e) for e in unique})  # one entry per mailbox
        try:
            self.store.add_to_roll(election.id, unique, AuditEntry(principal.user_id, "roll.uploaded", election.id,
                                                                   self.now(), f"{mailboxes} addresses"))
        except ConditionFailed as failed:
            raise Conflict("roll_frozen", state=ElectionStatus.VOTING.value) from failed
        return mailboxes

    # ------------------------------------------------------------ phases
    def _save(self, updated: Election, expected_version: int, audit: AuditEntry) -> None:
        try:
            self.store.save(updated, expected_version, audit)
        except ConditionFailed as failed:
            raise Conflict("modified_meanwhile") from failed

    def _moved(self, current: Election, status: ElectionStatus, **changes: object) -> Election:
        return Election.model_validate(current.model_dump() | changes | {
            "status": status, "updated_at": self.now(), "version": current.version + 1})

    def _to_nominations(self, current: Election, actor: str, early: bool = False) -> Election:
        now = self.now()
        changes = {"nominations_open_at": min(now, current.nominations_open_at)} if early else {}
        updated = self._moved(current, ElectionStatus.NOMINATIONS, **changes)
        with self._announcing(updated):
            self._save(updated, current.version, AuditEntry(actor, "election.nominations_opened", current.id, now))
        return updated

    def _to_voting(self, current: Election, candidates: list[Candidate], actor: str, early: bool = False) -> Election:
        """The ballot is frozen from the candidates approved at this version of the election."""
        now = self.now()
        ballot = [BallotCandidate(id=c.id, name=c.name, association_id=c.association_id,
                                  association_name=c.association_name)
                  for c in sorted(candidates, key=lambda c: (c.name.casefold(), c.id))
                  if c.status == CandidateStatus.APPROVED]
        changes: dict[str, object] = {"ballot": ballot}
        if early:
            changes["voting_opens_at"] = min(now, current.voting_opens_at)
        updated = self._moved(current, ElectionStatus.VOTING, **changes)
        with self._announcing(updated):
            self._save(updated, current.version, AuditEntry(actor, "election.voting_opened", current.id, now,
                                                            f"{len(ballot)} candidates on the ballot"))
        return updated

    def _to_closed(self, current: Election, actor: str, reason: str | None) -> Election:
        now = self.now()
        updated = self._moved(current, ElectionStatus.CLOSED, closed_at=now, status_reason=reason)
        # Closed and sealed in one transaction: votes already under way are refused from here. (The count
        # seals the box again before reading it: idempotent.)
        with self.box.sealing(current.id, current.shards):
            self._save(updated, current.version, AuditEntry(actor, "election.closed", current.id, now, reason))
        return updated

    def _publish(self, current: Election) -> Election:
        """Seal the box (idempotent), then read it once: each ballot is hashed into the digest, written
        to the published pages and counted, so what is published is exactly what was counted."""
        self.box.seal(current.id, current.shards)
        expected = self.box.counters(current.id, current.shards).get("n", 0)
        ballots = Digest(self.box.ballots(current.id, current.shards))
        pages = Pages(lambda number, page: self.store.put_page(current.id, number, page))

        def published() -> Iterator[dict]:
            for tracker, content in ballots:
                pages.add(tracker, content)
                yield content

        result = tally(current.method.value, [c.id for c in current.ballot], published(), ballots.hexdigest)
        pages.flush()
        if ballots.count != expected:
            raise RuntimeError(f"{current.id}: {ballots.count} ballots read, the counters say {expected}")
        now = self.now()
        updated = self._moved(current, ElectionStatus.PUBLISHED, published_at=now, ballot_pages=pages.written)
        try:
            with self._announcing(updated):
                self.store.publish(updated, current.version, result, ballots.hexdigest(),
                                   AuditEntry(SCHEDULER, "election.published", current.id, now,
                                              f"{ballots.count} ballots counted"))
        except ConditionFailed as failed:
            raise Conflict("modified_meanwhile") from failed
        return updated

    def advance(self, election_id: str) -> list[str]:
        """Move an election through every phase its calendar has reached (the clock calls this).
        Idempotent: each step is a write guarded by the version it read; a lost race is read again."""
        done: list[str] = []
        for _ in range(RETRIES):
            current = self.store.get(election_id)
            step = next_status(current, self.now()) if current else None
            if step is None:
                return done
            try:
                if step == ElectionStatus.NOMINATIONS:
                    self._to_nominations(current, SCHEDULER)
                elif step == ElectionStatus.VOTING:
                    election, candidates = self.store.with_candidates(election_id)
                    self._to_voting(election or current, candidates, SCHEDULER)
                elif step == ElectionStatus.CLOSED:
                    self._to_closed(current, SCHEDULER, None)
                else:
                    self._publish(current)
            except Conflict:
                continue
            done.append(step.value)
        return done

    # ------------------------------------------------------------ nominations
    def nominate(self, principal: Principal, election_id: str, data: NominationIn) -> Candidate:
        principal.require_verified_email()
        election, association = self.store.get_with_association(election_id, data.association_id)
        if election is None or election.status == ElectionStatus.DRAFT:
            raise NotFound("election_not_found")
        if election.status != ElectionStatus.NOMINATIONS:
            raise Conflict("nominations_not_open")
        if association is None:
            raise NotFound("association_not_found")
        if association.status != Status.VERIFIED:
            raise Forbidden("association_not_verified")
        now = self.now()
        candidate = Candidate(
            id=self.make_id(CANDIDATE_PREFIX), election_id=election.id, association_id=association.id,
            association_name=association.name, name=data.name, email=data.email, statement=data.statement,
            bio=data.bio, photo_url=data.photo_url, nominated_by=principal.user_id, nominated_at=now, updated_at=now)
        try:
            self.store.nominate(candidate, owner_email=principal.email, quota=election.nominations_per_association,
                                audit=AuditEntry(principal.user_id, "candidate.nominated", candidate.id, now))
        except ConditionFailed as failed:
            raise {"phase": Conflict("nominations_not_open"), "owner": Forbidden(),
                   "verified": Forbidden("association_not_verified"),
                   "quota": Conflict("nomination_quota_reached", limit=election.nominations_per_association),
                   }.get(failed.which, Conflict()) from failed
        return candidate

    def _candidate(self, election_id: str, candidate_id: str) -> Candidate:
        candidate = self.store.get_candidate(election_id, candidate_id)
        if candidate is None:
            raise NotFound("candidate_not_found")
        return candidate

    def _decide(self, principal: Principal, current: Candidate, status: CandidateStatus,
                allowed_from: set[CandidateStatus], action: str, reason: str | None = None, *,
                candidate_email: str | None = None, owner_email: str | None = None,
                release_quota: bool = False) -> Candidate:
        now = self.now()
        updated = Candidate.model_validate(current.model_dump() | {
            "status": status, "status_reason": reason, "updated_at": now})
        try:
            self.store.update_candidate(updated, allowed_from=allowed_from, candidate_email=candidate_email,
                                        owner_email=owner_email, release_quota=release_quota,
                                        audit=AuditEntry(principal.user_id, action, current.id, now, reason))
        except ConditionFailed as failed:
            if failed.which == "phase":
                raise Conflict("nominations_not_open") from failed
            if failed.which == "owner":
                raise Forbidden() from failed
            raise Conflict("candidate_state", state=current.status.value) from failed
        return updated

    def consent(self, principal: Principal, election_id: str, candidate_id: str) -> Candidate:
        """The candidate confirms, signed in with the e-mail the association gave."""
        principal.require_verified_email()
        current = self._candidate(election_id, candidate_id)
        if current.email != principal.email:
            raise Forbidden()
        return self._decide(principal, current, CandidateStatus.CONSENTED, {CandidateStatus.NOMINATED},
                            "candidate.consented", candidate_email=principal.email)

    def approve(self, principal: Principal, election_id: str, candidate_id: str) -> Candidate:
        require_admin(principal)
        current = self._candidate(election_id, candidate_id)
        return self._decide(principal, current, CandidateStatus.APPROVED, {CandidateStatus.CONSENTED},
                            "candidate.approved")

    def reject(self, principal: Principal, election_id: str, candidate_id: str, reason: str) -> Candidate:
        require_admin(principal)
        current = self._candidate(election_id, candidate_id)
        return self._decide(principal, current, CandidateStatus.REJECTED,
                            {CandidateStatus.NOMINATED, CandidateStatus.CONSENTED, CandidateStatus.APPROVED},
                            "candidate.rejected", reason)

    def withdraw(self, principal: Principal, election_id: str, candidate_id: str) -> Candidate:
        """The candidate, the nominating association's owner or an organizer; the slot is freed."""
        current = self._candidate(election_id, candidate_id)
        candidate_email = owner_email = None
        if not principal.is_admin:
            principal.require_verified_email()
            if principal.email == current.email:
                candidate_email = principal.email
            else:
                owner_email = principal.email
        return self._decide(principal, current, CandidateStatus.WITHDRAWN,
                            {CandidateStatus.NOMINATED, CandidateStatus.CONSENTED, CandidateStatus.APPROVED},
                            "candidate.withdrawn", candidate_email=candidate_email, owner_email=owner_email,
                            release_quota=True)

    # ------------------------------------------------------------ voting
    def _voter(self, principal: Principal, election: Election, association_id: str | None) -> tuple[str, list[Guard]]:
        """The voter's key (what the marker is about) and the checks the vote's transaction makes."""
        principal.require_verified_email()
        if election.electorate == Electorate.ASSOCIATIONS:
            if association_id is None:
                raise Invalid("association_id", "name the verified association you own and vote for")
            return f"association:{association_id}", [Guard("owner", association_id, principal.email),
                                                     Guard("verified", association_id)]
        if association_id is not None:
            raise Invalid("association_id", "only for elections by association")
        # One person, one vote: the marker names the mailbox (a pseudonym), not the account.
        voter = self.voter_key(election.id, principal.email)
        if election.electorate == Electorate.ROLL:
            return voter, [Guard("roll", election.id, normalise_address(principal.email))]
        return voter, []

    def cast(self, principal: Principal, election_id: str, data: BallotIn) -> str:
        """One ballot per voter, in one transaction with the voter's marker; returns the tracker."""
        election = self._find(election_id)
        now = self.now()
        if election.status in (ElectionStatus.DRAFT, ElectionStatus.NOMINATIONS) or now < election.voting_opens_at:
            raise Conflict("voting_not_open")
        if election.status != ElectionStatus.VOTING or now >= election.voting_closes_at:
            raise Conflict("voting_closed")
        voter, guards = self._voter(principal, election, data.association_id)
        content = normalise(election.method, [c.id for c in election.ballot], data)
        tracker = self.make_tracker()
        try:
            self.box.cast(election.id, voter, shard_of(tracker, election.shards), {"n": 1}, tracker=tracker,
                          ballot=content, guards=guards)
        except ConditionFailed as failed:
            raise {"marker": Conflict("already_voted"), "sealed": Conflict("voting_closed"),
                   "verified": Forbidden("association_not_verified"),
                   }.get(failed.which, Forbidden("not_eligible")) from failed
        return tracker

    def voter_status(self, principal: Principal, election_id: str) -> VoterStatus:
        """Whether the caller may vote and has voted: only ever about the caller's own markers."""
        person = self.voter_key(election_id, principal.email) if principal.email_verified else None
        view = self.store.voter_view(election_id, [person] if person else [],
                                     normalise_address(principal.email) if principal.email_verified else None)
        election = view.election
        if election is None or election.status == ElectionStatus.DRAFT:
            raise NotFound("election_not_found")
        if election.electorate == Electorate.ROLL:
            return VoterStatus(election, principal.email_verified and view.on_roll, person in view.voted, [])
        if election.electorate == Electorate.MEMBERS:
            return VoterStatus(election, principal.email_verified, person in view.voted, [])
        owned: dict[str, str] = {}
        if principal.email_verified:
            links = [link for link in self.associations.memberships(principal.email) if link.role == EditorRole.OWNER]
            owned = {a.id: a.name for a in self.associations.get_many([link.association_id for link in links])
                     if a.status == Status.VERIFIED}
        voted = self.box.voted(election.id, [f"association:{a}" for a in owned])
        rows = [(a, name, f"association:{a}" in voted) for a, name in owned.items()]
        return VoterStatus(election, bool(owned), bool(voted), rows)

    # ------------------------------------------------------------ after the vote
    def _published(self, election: Election | None) -> Election:
        if election is None or election.status == ElectionStatus.DRAFT:
            raise NotFound("election_not_found")
        if election.status != ElectionStatus.PUBLISHED:
            raise Conflict("results_not_published")
        return election

    def results(self, election_id: str) -> tuple[Election, dict]:
        election, stored = self.store.result(election_id)
        return self._published(election), stored or {}

    def ballots_page(self, election_id: str, cursor: str | None) -> tuple[list[dict], str | None]:
        election, page, next_cursor = self.store.published_page(election_id, cursor)
        self._published(election)
        return page, next_cursor

    def ballot(self, election_id: str, tracker: str) -> dict:
        election, content = self.store.published_ballot(election_id, shard_of(tracker, SHARDS), tracker)
        election = self._published(election)
        if election.shards != SHARDS:
            content = self.box.ballot(election.id, shard_of(tracker, election.shards), tracker)
        if content is None:
            raise NotFound("ballot_not_found")
        return content
