"""Ids of what people refer to: a prefix naming the kind, then 20 hex digits (domain.clock.new_id).

The patterns serve the models' fields (the Annotated types below) and the handlers' path and query
parameters alike, so a malformed id is refused the same way wherever it comes in.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import StringConstraints

PREFIXES = {"association": "as", "event": "ev", "announcement": "an", "partnership": "pt", "initiative": "in",
            "election": "el", "candidate": "ca", "poll": "po"}


def pattern(kind: str) -> str:
    return rf"^{PREFIXES[kind]}_[0-9a-f]{{20}}$"


ANY = r"^[a-z]{2}_[0-9a-f]{20}$"
ASSOCIATION = pattern("association")
EVENT = pattern("event")
ANNOUNCEMENT = pattern("announcement")
ELECTION = pattern("election")
CANDIDATE = pattern("candidate")
POLL = pattern("poll")
PARTNERSHIP = pattern("partnership")
INITIATIVE = pattern("initiative")

AnyId = Annotated[str, StringConstraints(pattern=ANY)]
AssociationId = Annotated[str, StringConstraints(pattern=ASSOCIATION)]
ElectionId = Annotated[str, StringConstraints(pattern=ELECTION)]
CandidateId = Annotated[str, StringConstraints(pattern=CANDIDATE)]


def is_id_of(kind: str, value: str) -> bool:
    return value.startswith(PREFIXES[kind] + "_")

WEBHOOK = r"^wh_[0-9a-f]{20}$"  # a webhook of an association (domain.clock.new_id("wh"))
