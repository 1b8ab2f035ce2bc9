"""Ranked ballots (`{"ranking": [[best, ...], [next], ...]}`) as numpy arrays, read in chunks.

A million rankings are ten million candidate ids: a loop in Python per ballot or per pair costs seconds.
Here the only per-item work is C-level iteration (`chain`, `map(len)`, a dict lookup per id) into bytes;
the rest is array arithmetic. Chunks keep memory flat when the ballots stream from the store: only the
arrays are kept, never the ballots' Python objects.

numpy is imported inside the functions, so importing hromada.domain (every API function) does not load it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from itertools import chain, islice
from operator import itemgetter
from typing import Any

CHUNK = 1 << 15  # ballots converted at a time: about 60 MB of them when they stream from the store


def _chunks(ballots: Iterable[Mapping[str, Any]]) -> Iterator[list[Sequence[Sequence[str]]]]:
    """Lists of rankings; the caller drops each before asking for the next, so one chunk is alive at a time."""
    it = iter(ballots)
    while rankings := [ballot["ranking"] for ballot in islice(it, CHUNK)]:
        yield rankings
        del rankings


def _small_ints(values: Iterable[int], below: int) -> Any:
    """An array of non-negative ints; through bytes (the fastest way from an iterator) when they fit."""
    import numpy as np

    if below <= 256:
        return np.frombuffer(bytes(values), np.uint8)
    return np.fromiter(values, np.intp)


def _lengths(items: Sequence[Sequence[Any]]) -> Any:
    import numpy as np

    try:
        lengths = np.frombuffer(bytes(map(len, items)), np.uint8)
    except ValueError:  # some item longer than 255
        return np.fromiter(map(len, items), np.intp, len(items))
    return lengths.astype(np.intp)  # np.repeat is much slower with uint8 counts


def pairwise(candidates: Sequence[str], ballots: Iterable[Mapping[str, Any]]) -> tuple[int, list[list[int]]]:
    """(ballots read, d) where d[i][j] counts the ballots ranking candidate i above candidate j.

    Each chunk becomes a matrix of ranks, one row per candidate and one column per ballot: a candidate's
    rank is the index of its group (tied candidates share it), unranked candidates get a rank below all
    (so they are tied with each other, under every ranked one). d[i][j] is then a count of rank[i] < rank[j].
    """
    import numpy as np

    n = len(candidates)
    index = {c: i for i, c in enumerate(candidates)}  # an unknown candidate is a KeyError
    d = np.zeros((n, n), np.int64)
    total = 0
    for rankings in _chunks(ballots):
        count = len(rankings)
        total += count
        per_ballot = _lengths(rankings)
        members = _small_ints(map(index.__getitem__, chain.from_iterable(chain.from_iterable(rankings))), n)
        groups = int(per_ballot.sum())
        group_ballot = np.repeat(np.arange(count), per_ballot)
        group_rank = np.arange(groups) - np.repeat(np.cumsum(per_ballot) - per_ballot, per_ballot)
        # As many members as groups, none empty: one candidate per group (the common case, and cheaper
        # to establish than every group's size).
        if len(members) == groups and all(chain.from_iterable(rankings)):
            member_ballot, member_rank = group_ballot, group_rank
        else:
            sizes = _lengths(list(chain.from_iterable(rankings)))
            member_ballot, member_rank = np.repeat(group_ballot, sizes), np.repeat(group_rank, sizes)
        deepest = int(per_ballot.max(initial=0))
        dtype = np.uint8 if deepest < 255 else np.int64
        unranked = np.iinfo(dtype).max
        rank = np.full((n, count), unranked, dtype)
        rank[members, member_ballot] = member_rank
        if np.count_nonzero(rank != unranked) != len(members):
            raise ValueError("a candidate is ranked twice on one ballot")
        for i in range(n):
            row = rank[i]
            for j in range(n):
                if i != j:
                    d[i, j] += np.count_nonzero(row < rank[j])
        del rankings  # before the next chunk is read
    return total, d.tolist()


class _Index(dict):
    """Candidate id -> index; any other id -> `outside` (a dict subclass, so lookups stay in C)."""

    def __init__(self, candidates: Sequence[str]):
        super().__init__((c, i) for i, c in enumerate(candidates))
        self.outside = len(candidates)

    def __missing__(self, key: str) -> int:
        return self.outside


class Preferences:
    """Strict rankings for instant-runoff, with each ballot's current choice.

    `choices` holds every ballot's candidates (indexes) back to back, `end` where each ballot's end, and
    `at` where each ballot is read now; `top` is that candidate, or n once the ballot is exhausted. Only
    a group's first candidate counts, and an id that is not a candidate is passed over, like an
    eliminated one.
    """

    def __init__(self, candidates: Sequence[str], ballots: Iterable[Mapping[str, Any]]):
        import numpy as np

        n = len(candidates)
        index = _Index(candidates)
        choices, lengths = [np.zeros(0, np.uint8)], [np.zeros(0, np.intp)]
        for rankings in _chunks(ballots):
            lengths.append(_lengths(rankings))
            choices.append(_small_ints(map(index.__getitem__, map(itemgetter(0), chain.from_iterable(rankings))),
                                       n + 1))
            del rankings
        self.n = n
        self.choices = np.concatenate(choices)
        per_ballot = np.concatenate(lengths)
        self.ballots = len(per_ballot)
        self.end = np.cumsum(per_ballot)
        self.at = self.end - per_ballot
        self.continuing = np.ones(n + 1, bool)
        self.continuing[n] = False
        self.top = np.full(self.ballots, n, np.intp)
        self._advance(np.arange(self.ballots))

    def _advance(self, moving: Any) -> None:
        """Each ballot in `moving` goes from `at` to its first continuing candidate, or is exhausted."""
        while moving.size:
            at = self.at[moving]
            inside = at < self.end[moving]
            self.top[moving[~inside]] = self.n
            moving, at = moving[inside], at[inside]
            choice = self.choices[at]
            found = self.continuing[choice]
            self.top[moving[found]] = choice[found]
            moving = moving[~found]
            self.at[moving] += 1

    def counts(self) -> list[int]:
        """Ballots on each candidate's pile; the last item counts the exhausted ones."""
        import numpy as np

        return np.bincount(self.top, minlength=self.n + 1).tolist()

    def eliminate(self, candidate: int) -> list[int]:
        """Transfers `candidate`'s ballots; returns how many went to each candidate (last: exhausted)."""
        import numpy as np

        self.continuing[candidate] = False
        moving = np.flatnonzero(self.top == candidate)
        self.at[moving] += 1
        self._advance(moving)
        return np.bincount(self.top[moving], minlength=self.n + 1).tolist()
