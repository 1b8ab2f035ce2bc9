"""In-memory ElectionStore and BallotBox: the ports' contracts (guards included) without DynamoDB."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from hromada.domain.ports import AuditEntry, ConditionFailed
from hromada.domain.voting_ports import Guard, VoterView
from hromada.models.association import EditorRole, Status
from hromada.models.common import Page
from hromada.models.election import Candidate, Election, ElectionStatus
from hromada.pseudonyms import normalise_address


class MemoryBallotBox:
    def __init__(self, associations: Any, rolls: dict[str, set[str]]):
        self.associations = associations  # a MemoryAssociationStore, for the ownership guards
        self.rolls = rolls
        self.markers: set[tuple[str, str]] = set()
        self.stored: dict[tuple[str, int], dict[str, dict]] = {}
        self.counts: dict[tuple[str, int], dict[str, int]] = {}
        self.sealed: set[str] = set()

    def _guard_holds(self, guard: Guard) -> bool:
        if guard.kind == "roll":
            return guard.email in self.rolls.get(guard.subject, set())
        if guard.kind == "verified":
            association = self.associations.get(guard.subject)
            return association is not None and association.status == Status.VERIFIED
        editor = self.associations.editors_by_assoc.get(guard.subject, {}).get(guard.email)
        return editor is not None and (guard.kind == "editor" or editor.role == EditorRole.OWNER)

    def cast(self, box, voter, shard, tallies, *, tracker, ballot, guards) -> None:
        if box in self.sealed:
            raise ConditionFailed("sealed")
        if (box, voter) in self.markers:
            raise ConditionFailed("marker")
        for guard in guards:
            if not self._guard_holds(guard):
                raise ConditionFailed(guard.kind)
        self.markers.add((box, voter))
        if ballot is not None:
            self.stored.setdefault((box, shard), {})[tracker] = ballot
        counters = self.counts.setdefault((box, shard), {})
        for name, value in tallies.items():
            counters[name] = counters.get(name, 0) + value

    def voted(self, box, voters) -> set[str]:
        return {v for v in voters if (box, v) in self.markers}

    def seal(self, box, shards) -> None:
        self.sealed.add(box)

    @contextmanager
    def sealing(self, box, shards) -> Iterator[None]:
        yield  # sealed with the write inside the block: not when it fails
        self.seal(box, shards)

    def counters(self, box, shards) -> dict[str, int]:
        sums: dict[str, int] = {}
        for (b, _), counters in self.counts.items():
            if b == box:
                for name, value in counters.items():
                    sums[name] = sums.get(name, 0) + value
        return sums

    def ballots(self, box, shards) -> Iterator[tuple[str, dict]]:
        for shard in range(shards):
            yield from sorted(self.stored.get((box, shard), {}).items())

    def ballot(self, box, shard, tracker):
        return self.stored.get((box, shard), {}).get(tracker)


class MemoryElectionStore:
    def __init__(self, box: MemoryBallotBox):
        self.box = box
        self.elections: dict[str, Election] = {}
        self.candidates_by_election: dict[str, dict[str, Candidate]] = {}
        self.quotas: dict[tuple[str, str], int] = {}
        self.audit: dict[str, list[AuditEntry]] = {}
        self.pages: dict[str, dict[int, list[dict]]] = {}
        self.results: dict[str, dict] = {}

    def _log(self, election_id: str, entry: AuditEntry | None) -> None:
        if entry:
            self.audit.setdefault(election_id, []).append(entry)

    def create(self, election, audit) -> None:
        self.elections[election.id] = election
        self._log(election.id, audit)

    def get(self, election_id):
        return self.elections.get(election_id)

    def get_with_association(self, election_id, association_id):
        return self.get(election_id), self.box.associations.get(association_id)

    def get_with_turnout(self, election_id):
        election = self.get(election_id)
        return election, self.box.counters(election_id, 0).get("n", 0)

    def save(self, election, expected_version, audit=None) -> None:
        if self.elections[election.id].version != expected_version:
            raise ConditionFailed("version")
        self.elections[election.id] = election
        self._log(election.id, audit)

    def list_public(self, limit, cursor) -> Page:
        return Page(items=[e for e in self.elections.values() if e.status != ElectionStatus.DRAFT][:limit])

    def list_all(self, limit, cursor) -> Page:
        return Page(items=list(self.elections.values())[:limit])

    def due(self, status, now) -> list[str]:
        return [e.id for e in self.elections.values() if e.status == status and (e.due_at() or "~") <= now]

    def with_candidates(self, election_id):
        return self.get(election_id), list(self.candidates_by_election.get(election_id, {}).values())

    def get_candidate(self, election_id, candidate_id):
        return self.candidates_by_election.get(election_id, {}).get(candidate_id)

    def nominate(self, candidate, *, owner_email, quota, audit) -> None:
        election = self.elections[candidate.election_id]
        if election.status != ElectionStatus.NOMINATIONS:
            raise ConditionFailed("phase")
        for guard in (Guard("owner", candidate.association_id, owner_email),
                      Guard("verified", candidate.association_id)):
            if not self.box._guard_holds(guard):
                raise ConditionFailed(guard.kind)
        key = (candidate.election_id, candidate.association_id)
        if self.quotas.get(key, 0) >= quota:
            raise ConditionFailed("quota")
        self.quotas[key] = self.quotas.get(key, 0) + 1
        self.candidates_by_election.setdefault(candidate.election_id, {})[candidate.id] = candidate
        self._log(candidate.election_id, audit)

    def update_candidate(self, candidate, *, allowed_from, audit, candidate_email=None, owner_email=None,
                         release_quota=False) -> None:
        election = self.elections[candidate.election_id]
        current = self.get_candidate(candidate.election_id, candidate.id)
        if election.status != ElectionStatus.NOMINATIONS:
            raise ConditionFailed("phase")
        if current.status not in allowed_from or (candidate_email and current.email != candidate_email):
            raise ConditionFailed("status")
        if owner_email and not self.box._guard_holds(Guard("owner", candidate.association_id, owner_email)):
            raise ConditionFailed("owner")
        if release_quota:
            self.quotas[(candidate.election_id, candidate.association_id)] -= 1
        self.candidates_by_election[candidate.election_id][candidate.id] = candidate
        self.elections[election.id] = election.model_copy(update={"version": election.version + 1})
        self._log(candidate.election_id, audit)

    def add_to_roll(self, election_id, emails, audit) -> None:
        election = self.elections[election_id]
        if election.status not in (ElectionStatus.DRAFT, ElectionStatus.NOMINATIONS):
            raise ConditionFailed("phase")
        self.box.rolls.setdefault(election_id, set()).update(normalise_address(e) for e in emails)
        self._log(election_id, audit)

    def voter_view(self, election_id, voters, roll_email) -> VoterView:
        return VoterView(self.get(election_id), self.box.voted(election_id, voters),
                         bool(roll_email) and roll_email in self.box.rolls.get(election_id, set()))

    def audit_log(self, election_id):
        return list(self.audit.get(election_id, []))

    def put_page(self, election_id, number, ballots) -> None:
        self.pages.setdefault(election_id, {})[number] = ballots

    def publish(self, election, expected_version, result, digest, audit) -> None:
        self.save(election, expected_version, audit)
        self.results[election.id] = {"result": result, "ballots_sha256": digest}

    def result(self, election_id):
        return self.get(election_id), self.results.get(election_id)

    def published_page(self, election_id, cursor):
        number = int(cursor or 1)
        election = self.get(election_id)
        more = election is not None and number < election.ballot_pages
        return election, self.pages.get(election_id, {}).get(number, []), str(number + 1) if more else None

    def published_ballot(self, election_id, shard, tracker):
        return self.get(election_id), self.box.ballot(election_id, shard, tracker)
