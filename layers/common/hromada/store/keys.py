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
write quota   pk QUOTA#<user:hash | ip:hash>   sk <window start, epoch s>   (expires_at: TTL)
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


def quota(subject: str, window: int) -> dict[str, str]:
    return {"pk": f"QUOTA#{subject}", "sk": str(window)}
