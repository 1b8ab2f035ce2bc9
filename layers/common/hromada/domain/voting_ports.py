"""What elections and polls need from storage. The DynamoDB stores implement these; unit tests use fakes.

Guarded writes report the guard that failed as ConditionFailed(which), e.g. "marker" (already voted),
"sealed" (the ballot box is closed), "roll", "owner", "editor", "verified", "phase", "status", "quota",
"version".
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol

from hromada.domain.ports import AuditEntry
from hromada.models.association import Association
from hromada.models.common import Page
from hromada.models.election import Candidate, CandidateStatus, Election, ElectionStatus
from hromada.models.poll import Poll, PollStatus


@dataclass(frozen=True)
class Guard:
    """A condition a vote or a nomination checks, in the same transaction, on an item that is not its own:
    the voter is on the roll; owns (or edits) the association; the association is verified."""

    kind: Literal["roll", "owner", "editor", "verified"]
    subject: str  # the election (roll) or the association
    email: str | None = None


@dataclass
class VoterView:
    """One read for "have I voted?": the election, the voter keys already used, whether on the roll."""

    election: Election | None
    voted: set[str] = field(default_factory=set)
    on_roll: bool = False


class BallotBox(Protocol):
    """Votes, sharded: a "has voted" marker per voter, anonymous ballots, counters per shard."""

    def cast(self, box: str, voter: str, shard: int, tallies: dict[str, int], *, tracker: str | None,
             ballot: dict[str, Any] | None, guards: list[Guard]) -> None:
        """All or nothing: the marker (once per voter), the ballot (no voter in it), the shard's counters."""

    def voted(self, box: str, voters: list[str]) -> set[str]: ...

    def seal(self, box: str, shards: int) -> None:
        """From now on every cast fails with ConditionFailed("sealed"). Idempotent."""

    def sealing(self, box: str, shards: int) -> AbstractContextManager[None]:
        """seal(), done by the store's first write inside the block, atomically with it."""

    def counters(self, box: str, shards: int) -> dict[str, int]:
        """The shards' counters, summed ("n": ballots, and for polls one count per option)."""

    def ballots(self, box: str, shards: int) -> Iterator[tuple[str, dict[str, Any]]]:
        """(tracker, ballot) for the whole box, shard by shard, trackers in order within a shard."""

    def ballot(self, box: str, shard: int, tracker: str) -> dict[str, Any] | None: ...


class ElectionStore(Protocol):
    def create(self, election: Election, audit: AuditEntry) -> None: ...

    def get(self, election_id: str) -> Election | None: ...

    def get_with_association(self, election_id: str, association_id: str) -> tuple[Election | None,
                                                                                   Association | None]: ...

    def get_with_turnout(self, election_id: str) -> tuple[Election | None, int]: ...

    def save(self, election: Election, expected_version: int, audit: AuditEntry | None = None) -> None:
        """Raises ConditionFailed("version") when someone else changed it meanwhile."""

    def list_public(self, limit: int, cursor: str | None) -> Page[Election]: ...

    def list_all(self, limit: int, cursor: str | None) -> Page[Election]: ...

    def due(self, status: ElectionStatus, now: str) -> list[str]:
        """Ids of elections in `status` whose next phase was due at or before `now`."""

    def with_candidates(self, election_id: str) -> tuple[Election | None, list[Candidate]]: ...

    def get_candidate(self, election_id: str, candidate_id: str) -> Candidate | None: ...

    def nominate(self, candidate: Candidate, *, owner_email: str, quota: int, audit: AuditEntry) -> None:
        """Raises ConditionFailed "phase" (not in nominations), "owner", "verified" or "quota"."""

    def update_candidate(self, candidate: Candidate, *, allowed_from: set[CandidateStatus], audit: AuditEntry,
                         candidate_email: str | None = None, owner_email: str | None = None,
                         release_quota: bool = False) -> None:
        """Write the new status if the election is still in nominations (its version moves on: the ballot
        is built from the approved candidates), the candidate still in one of `allowed_from`, and (when
        given) the e-mail still the candidate's or the owner still the nominating association's owner.
        Raises ConditionFailed "phase", "status", "candidate" or "owner"."""

    def add_to_roll(self, election_id: str, emails: list[str], audit: AuditEntry) -> None: ...

    def voter_view(self, election_id: str, voters: list[str], roll_email: str | None) -> VoterView: ...

    def audit_log(self, election_id: str) -> list[AuditEntry]: ...

    def put_page(self, election_id: str, number: int, ballots: list[dict[str, Any]]) -> None:
        """One page of the published ballot box (written before the result; rewriting it is harmless)."""

    def publish(self, election: Election, expected_version: int, result: dict[str, Any], digest: str,
                audit: AuditEntry) -> None: ...

    def result(self, election_id: str) -> tuple[Election | None, dict[str, Any] | None]:
        """The election and its stored result ({"result", "ballots_sha256"}), in one read."""

    def published_page(self, election_id: str,
                       cursor: str | None) -> tuple[Election | None, list[dict[str, Any]], str | None]:
        """The election and one page of its published box (the first without a cursor), in one read."""

    def published_ballot(self, election_id: str, shard: int,
                         tracker: str) -> tuple[Election | None, dict[str, Any] | None]:
        """The election and one ballot, in one read."""


class PollStore(Protocol):
    def create(self, poll: Poll, audit: AuditEntry, *, editor_email: str | None) -> None:
        """Association polls: raises ConditionFailed("editor") unless editor_email edits the association
        (None: moderators, who only need the association to exist)."""

    def get(self, poll_id: str) -> Poll | None: ...

    def view(self, poll_id: str, voter: str | None) -> tuple[Poll | None, dict[str, int], bool]:
        """The poll, its summed counters and whether `voter` (None: unknown) has answered: one read."""

    def save(self, poll: Poll, expected_version: int, audit: AuditEntry | None = None, *,
             editor_email: str | None = None) -> None: ...

    def list(self, audience: str, limit: int, cursor: str | None) -> Page[Poll]: ...

    def due(self, status: PollStatus, now: str) -> list[str]: ...

    def is_editor(self, association_id: str, email: str) -> bool: ...


class AssociationReader(Protocol):
    """The little elections need to know about associations."""

    def get(self, association_id: str) -> Association | None: ...

    def get_many(self, association_ids: list[str]) -> list[Association]: ...

    def memberships(self, email: str) -> list[Any]: ...
