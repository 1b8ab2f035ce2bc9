"""A ballot as cast: checked against the election's method and candidates, then put in canonical form
(the form that is stored, published and counted). Trackers and shards."""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from hromada.errors import Invalid
from hromada.models.election import BallotIn, Grade, Method

SHARDS = 32  # ballot shards per box: writes spread over 32 partitions; a turnout read is one BatchGetItem
FIELDS = {Method.PLURALITY: "choice", Method.APPROVAL: "approve", Method.SCHULZE: "ranking",
          Method.IRV: "ranking", Method.MAJORITY_JUDGMENT: "grades"}
BALLOT_FIELDS = ("choice", "approve", "ranking", "grades")


def person_voter(box: str, email: str) -> str:
    """The key of a person's "has voted" marker in one box: a keyed pseudonym of their normalised, verified
    address (hromada.pseudonyms). The same for every account that address ever opens, so erasing an account
    and signing up again does not give a second vote; one per box, so markers of different votes do not
    link to each other; and naming nobody, so it outlives erasure."""
    from hromada.pseudonyms import pseudonym  # its key is read once per cold start

    return f"person:{pseudonym(email, f'voter:{box}')}"


def new_tracker() -> str:
    """100 random bits, base32 in groups of four: nothing in it relates to the voter or the time."""
    raw = base64.b32encode(secrets.token_bytes(13)).decode()[:20]
    return "-".join(raw[i:i + 4] for i in range(0, 20, 4))


def shard_of(tracker: str, shards: int) -> int:
    """The tracker decides its shard: uniform, and anyone can find a ballot from its tracker alone."""
    return int.from_bytes(hashlib.sha256(tracker.encode()).digest()[:4], "big") % shards


def canonical(content: dict[str, Any]) -> str:
    return json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def box_order(ballots: Iterable[tuple[str, dict[str, Any]]], shards: int) -> list[tuple[str, dict[str, Any]]]:
    """The published order: by shard, then tracker (the order the store reads them in)."""
    return sorted(ballots, key=lambda b: (shard_of(b[0], shards), b[0]))


class Digest:
    """SHA-256 over "tracker<TAB>canonical JSON<LF>" lines in box order, computed as ballots stream by."""

    def __init__(self, ballots: Iterable[tuple[str, dict[str, Any]]]):
        self._ballots = ballots
        self._hash = hashlib.sha256()
        self.count = 0

    def __iter__(self) -> Iterator[tuple[str, dict[str, Any]]]:
        for tracker, content in self._ballots:
            self._hash.update(f"{tracker}\t{canonical(content)}\n".encode())
            self.count += 1
            yield tracker, content

    def hexdigest(self) -> str:
        return self._hash.hexdigest()


PAGE_BALLOTS, PAGE_BYTES = 1000, 256_000  # a published page must fit a DynamoDB item (400 KB)


class Pages:
    """Cuts the published ballot box into numbered pages as ballots stream by (`flush` the last one)."""

    def __init__(self, write: Callable[[int, list[dict[str, Any]]], None]):
        self._write = write
        self._page: list[dict[str, Any]] = []
        self._bytes = 0
        self.written = 0

    def add(self, tracker: str, content: dict[str, Any]) -> None:
        ballot = {"tracker": tracker, **content}
        size = len(canonical(ballot).encode())
        if self._page and (len(self._page) == PAGE_BALLOTS or self._bytes + size > PAGE_BYTES):
            self.flush()
        self._page.append(ballot)
        self._bytes += size

    def flush(self) -> None:
        if self._page:
            self.written += 1
            self._write(self.written, self._page)
            self._page, self._bytes = [], 0


def _on_ballot(candidate: str, on_ballot: dict[str, int], field: str) -> int:
    if candidate not in on_ballot:
        raise Invalid(field, f"{candidate} is not on the ballot", code="candidate_not_on_ballot")
    return on_ballot[candidate]


def normalise(method: Method, candidates: list[str], ballot: BallotIn) -> dict[str, Any]:
    """The stored form, or Invalid naming the field: wrong field for the method, a candidate not on the
    ballot (unknown, withdrawn, not approved), a candidate twice, a tie where ties are not allowed."""
    wanted = FIELDS[method]
    for name in BALLOT_FIELDS:
        given = getattr(ballot, name) is not None
        if name == wanted and not given:
            raise Invalid(name, f"a {method.value} ballot fills in {wanted}")
        if name != wanted and given:
            raise Invalid(name, f"not part of a {method.value} ballot (fill in {wanted})")
    order = {c: i for i, c in enumerate(candidates)}
    if method == Method.PLURALITY:
        _on_ballot(ballot.choice, order, "choice")
        return {"choice": ballot.choice}
    if method == Method.APPROVAL:
        approved = ballot.approve or []
        for i, c in enumerate(approved):
            _on_ballot(c, order, f"approve.{i}")
        if len(set(approved)) != len(approved):
            raise Invalid("approve", "a candidate is approved twice")
        return {"approve": sorted(approved, key=order.__getitem__)}
    if method == Method.MAJORITY_JUDGMENT:
        grades = ballot.grades or {}
        for c in grades:
            _on_ballot(c, order, f"grades.{c}")
        return {"grades": {c: Grade(grades.get(c, Grade.TO_REJECT)).value for c in candidates}}
    seen: set[str] = set()
    groups = []
    for g, group in enumerate(ballot.ranking or []):
        if method == Method.IRV and len(group) > 1:
            raise Invalid(f"ranking.{g}", "instant-runoff ranks one candidate per place: no ties")
        for i, c in enumerate(group):
            _on_ballot(c, order, f"ranking.{g}.{i}")
            if c in seen:
                raise Invalid(f"ranking.{g}.{i}", f"{c} is ranked twice")
            seen.add(c)
        groups.append(sorted(group, key=order.__getitem__))
    return {"ranking": groups}
