"""Every key of the single table, in one place.

association   pk ASSOC#<id>    sk PROFILE
              gsi1 ASSOC_SLUG#<slug> / PROFILE           (lookup by slug)
              gsi2 ASSOCS#<status> / <slug or created#slug>   (directory, moderation queue)
              gsi3 ASSOC_REGION#<region> / <dept>#<slug>  (verified only: directory by region)
slug lock     pk SLUG#<slug>   sk SLUG                    (uniqueness, written in the same transaction)
editor        pk ASSOC#<id>    sk EDITOR#<email>
              gsi1 EDITOR#<email> / ASSOC#<id>            (a person's memberships)
audit entry   pk ASSOC#<id> | ELECTION#<id> | POLL#<id>    sk AUDIT#<at>#<nonce>
              gsi2 AUDIT#<yyyy-mm> / <at>                 (admins browse by month)
write quota   pk QUOTA#<user:hash | ip:hash>   sk <window start, epoch s>   (expires_at: TTL)

election      pk ELECTION#<id>  sk ELECTION
              gsi1 ELECTIONS / <created_at>#<id>          (organizers: every election, drafts included)
              gsi2 ELECTIONS#<status> / <due_at>#<id>     (the clock: what is due to move on)
              gsi3 ELECTIONS_PUBLIC / <voting_opens_at>#<id>  (not drafts: the public list)
candidate     pk ELECTION#<id>  sk CANDIDATE#<candidate id>   (sorts just before ELECTION: one Query
                                                               reads the election with its candidates)
nominations   pk ELECTION#<id>  sk QUOTA#<association id>     (how many an association nominated)
result        pk ELECTION#<id>  sk RESULT
published box pk PUBLISHED#<election id>  sk PAGE#<nnnnnn>   (immutable pages, written by the count)
voter roll    pk ROLL#<election id>  sk <email>
poll          pk POLL#<id>      sk POLL
              gsi2 POLLS#<status> / <due_at>#<id>         (the clock)
              gsi3 POLLS#members | POLLS#ASSOC#<id> / <opens_at>#<id>  (lists by audience)
marker        pk VOTED#<box>#<voter>  sk VOTED            (box: an election or poll id; one per voter)
ballot        pk BOX#<box>#<shard>    sk B#<tracker>      (no voter, no time; shards spread the writes)
counters      pk BOX#<box>#<shard>    sk COUNT            (ballots, answers per option; sealed at close)
"""

from __future__ import annotations

PROFILE = "PROFILE"


def association(association_id: str) -> dict[str, str]:
    return {"pk": f"ASSOC#{association_id}", "sk": PROFILE}


def slug_lock(slug: str) -> dict[str, str]:
    return {"pk": f"SLUG#{slug}", "sk": "SLUG"}


def slug_lookup(slug: str) -> str:
    return f"ASSOC_SLUG#{slug}"


def association_collection(status: str) -> str:
    return f"ASSOCS#{status}"


def association_order(status: str, slug: str, created_at: str) -> str:
    # The directory reads alphabetically; the moderation queue first come, first served.
    return slug if status == "verified" else f"{created_at}#{slug}"


def association_region(region: str) -> str:
    return f"ASSOC_REGION#{region}"


def association_region_order(department: str, slug: str) -> str:
    return f"{department}#{slug}"


def editor(association_id: str, email: str) -> dict[str, str]:
    return {"pk": f"ASSOC#{association_id}", "sk": f"EDITOR#{email}"}


EDITOR_PREFIX = "EDITOR#"


def editor_lookup(email: str) -> str:
    return f"EDITOR#{email}"


def audit(target_pk: str, at: str, nonce: str) -> dict[str, str]:
    return {"pk": target_pk, "sk": f"AUDIT#{at}#{nonce}"}


def audit_collection(at: str) -> str:
    return f"AUDIT#{at[:7]}"


# ---------------------------------------------------------------- elections and polls
ELECTION = "ELECTION"
CANDIDATE_PREFIX = "CANDIDATE#"
AUDIT_PREFIX = "AUDIT#"
ELECTIONS_ALL = "ELECTIONS"
ELECTIONS_PUBLIC = "ELECTIONS_PUBLIC"


def election(election_id: str) -> dict[str, str]:
    return {"pk": f"ELECTION#{election_id}", "sk": ELECTION}


def election_status(status: str) -> str:
    return f"ELECTIONS#{status}"


def due_order(due_at: str, item_id: str) -> str:
    return f"{due_at}#{item_id}"


def due_until(now: str) -> str:
    """The largest due_order at `now` ("~" sorts after every id)."""
    return f"{now}#~"


def candidate(election_id: str, candidate_id: str) -> dict[str, str]:
    return {"pk": f"ELECTION#{election_id}", "sk": f"{CANDIDATE_PREFIX}{candidate_id}"}


def nomination_quota(election_id: str, association_id: str) -> dict[str, str]:
    return {"pk": f"ELECTION#{election_id}", "sk": f"QUOTA#{association_id}"}


def result(election_id: str) -> dict[str, str]:
    return {"pk": f"ELECTION#{election_id}", "sk": "RESULT"}


def roll_entry(election_id: str, email: str) -> dict[str, str]:
    return {"pk": f"ROLL#{election_id}", "sk": email}


def poll(poll_id: str) -> dict[str, str]:
    return {"pk": f"POLL#{poll_id}", "sk": "POLL"}


def poll_status(status: str) -> str:
    return f"POLLS#{status}"


def poll_audience(association_id: str | None) -> str:
    return f"POLLS#ASSOC#{association_id}" if association_id else "POLLS#members"


def marker(box: str, voter: str) -> dict[str, str]:
    return {"pk": f"VOTED#{box}#{voter}", "sk": "VOTED"}


def ballot_shard(box: str, shard: int) -> str:
    return f"BOX#{box}#{shard:02d}"


BALLOT_PREFIX = "B#"


def ballot(box: str, shard: int, tracker: str) -> dict[str, str]:
    return {"pk": ballot_shard(box, shard), "sk": f"{BALLOT_PREFIX}{tracker}"}


def counters(box: str, shard: int) -> dict[str, str]:
    return {"pk": ballot_shard(box, shard), "sk": "COUNT"}


PAGE_PREFIX = "PAGE#"


def published_page(election_id: str, number: int) -> dict[str, str]:
    return {"pk": f"PUBLISHED#{election_id}", "sk": f"{PAGE_PREFIX}{number:06d}"}

def quota(subject: str, window: int) -> dict[str, str]:
    return {"pk": f"QUOTA#{subject}", "sk": str(window)}
