"""Every key of the single table, in one place.

association   pk ASSOC#<id>    sk PROFILE
              gsi1 ASSOC_SLUG#<slug> / PROFILE           (lookup by slug)
              gsi2 ASSOCS#<status> / <slug or created#slug>   (directory, moderation queue)
              gsi3 ASSOC_REGION#<region> / <dept>#<slug>  (verified only: directory by region)
slug lock     pk SLUG#<slug>   sk SLUG                    (uniqueness, written in the same transaction)
editor        pk ASSOC#<id>    sk EDITOR#<email>
              gsi1 EDITOR#<email> / ASSOC#<id>            (a person's memberships)
audit entry   pk ASSOC#<id>    sk AUDIT#<at>#<nonce>
              gsi2 AUDIT#<yyyy-mm> / <at>                 (admins browse by month)
partnership   pk PARTNERSHIP#<id>   sk PROFILE            (the gsi keys only while not hidden: sparse)
              gsi1 PARTNERSHIP_OBLAST#<oblast> / <rank>#<created>#<id>   (directory by Ukrainian oblast)
              gsi2 PARTNERSHIPS / <rank>#<created>#<id>                  (the whole directory)
              gsi3 PARTNERSHIP_REGION#<region> / <rank>#<created>#<id>   (directory by French region)
              rank: 1 active, 2 signed, 3 in_discussion, 4 proposed, 5 ended (a status filter is a prefix)
initiative    pk INITIATIVE#<id>    sk PROFILE            (the gsi keys only while not hidden)
              gsi1 INITIATIVE_OBLAST#<oblast> / <rank>#<created>#<id>    (by Ukrainian oblast)
              gsi2 INITIATIVES / <rank>#<created>#<id>                   (all of them)
              gsi3 INITIATIVE_REGION#<region> / <rank>#<created>#<id>    (by French region)
              rank: 1 open, 2 matched, 3 closed
match entry   pk MATCH#<domain>     sk <partnership|need|offer>#<id>
              one per domain of a visible partnership not ended, and per visible open initiative:
              the matching search reads one partition (written in the same transaction as the item)
audit entry   pk PARTNERSHIP#<id> or INITIATIVE#<id>   sk AUDIT#<at>#<nonce>   (as for associations)
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


# ------------------------------------------------------------ partnerships and initiatives
PARTNERSHIPS_COLLECTION = "PARTNERSHIPS"
INITIATIVES_COLLECTION = "INITIATIVES"
PARTNERSHIP_RANKS = {"active": 1, "signed": 2, "in_discussion": 3, "proposed": 4, "ended": 5}
INITIATIVE_RANKS = {"open": 1, "matched": 2, "closed": 3}


def partnership(partnership_id: str) -> dict[str, str]:
    return {"pk": f"PARTNERSHIP#{partnership_id}", "sk": PROFILE}


def partnership_oblast(oblast: str) -> str:
    return f"PARTNERSHIP_OBLAST#{oblast}"


def partnership_region(region: str) -> str:
    return f"PARTNERSHIP_REGION#{region}"


def partnership_status_prefix(status: str) -> str:
    return f"{PARTNERSHIP_RANKS[status]}#"


def partnership_order(status: str, created_at: str, partnership_id: str) -> str:
    # Established partnerships first, then the ones on their way, then the ended; oldest first within each.
    return f"{partnership_status_prefix(status)}{created_at}#{partnership_id}"


def initiative(initiative_id: str) -> dict[str, str]:
    return {"pk": f"INITIATIVE#{initiative_id}", "sk": PROFILE}


def initiative_oblast(oblast: str) -> str:
    return f"INITIATIVE_OBLAST#{oblast}"


def initiative_region(region: str) -> str:
    return f"INITIATIVE_REGION#{region}"


def initiative_status_prefix(status: str) -> str:
    return f"{INITIATIVE_RANKS[status]}#"


def initiative_order(status: str, created_at: str, initiative_id: str) -> str:
    # Open ones first, waiting longest first: first come, first served.
    return f"{initiative_status_prefix(status)}{created_at}#{initiative_id}"


def match_partition(domain: str) -> str:
    return f"MATCH#{domain}"


def match_entry(domain: str, kind: str, item_id: str) -> dict[str, str]:
    return {"pk": match_partition(domain), "sk": f"{kind}#{item_id}"}
