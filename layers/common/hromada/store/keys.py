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
event         pk EVENT#<id>    sk EVENT
              gsi1 EVENT_ASSOC#<association id> / <start>#<id>   (an association's events, by start)
              gsi2 EVENTS / <start>#<id>                         (every event, by start: "upcoming")
              gsi3 EVENT_REGION#<region> / <start>#<id>          (events with a venue, by region)
seats         pk EVENT#<id>    sk EVENT#SEATS             (capacity, confirmed, waiting, open: every RSVP
                                                           write is conditioned on this small item)
rsvp          pk EVENT#<id>    sk RSVP#<member id>        (one per member and event)
waitlist slot pk EVENT#<id>    sk WAIT#<joined at>#<member id>   (the first slot is promoted first)
announcement  pk ANN#<id>      sk ANN
              gsi1 ANN_ASSOC#<association id> / <P|N>#<created>#<id>  (an association's, pinned first)
              gsi2 ANNS / <created>#<id>                              (newest first)
              gsi3 ANN_REGION#<region> / <created>#<id>               (regional ones, newest first)
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


# ------------------------------------------------------------ events
EVENT = "EVENT"
SEATS = "EVENT#SEATS"
RSVP_PREFIX = "RSVP#"
WAIT_PREFIX = "WAIT#"
EVENTS_COLLECTION = "EVENTS"


def event(event_id: str) -> dict[str, str]:
    return {"pk": f"EVENT#{event_id}", "sk": EVENT}


def event_partition(event_id: str) -> str:
    return f"EVENT#{event_id}"


def seats(event_id: str) -> dict[str, str]:
    return {"pk": f"EVENT#{event_id}", "sk": SEATS}


def event_order(start: str, event_id: str) -> str:
    # ISO-8601 UTC strings sort as time; the id keeps two events at the same minute apart.
    return f"{start}#{event_id}"


def event_association(association_id: str) -> str:
    return f"EVENT_ASSOC#{association_id}"


def event_region(region: str) -> str:
    return f"EVENT_REGION#{region}"


def rsvp(event_id: str, member_id: str) -> dict[str, str]:
    return {"pk": f"EVENT#{event_id}", "sk": f"{RSVP_PREFIX}{member_id}"}


def waitlist_slot(event_id: str, joined_at: str, member_id: str) -> dict[str, str]:
    return {"pk": f"EVENT#{event_id}", "sk": f"{WAIT_PREFIX}{joined_at}#{member_id}"}


# ------------------------------------------------------------ announcements
ANNOUNCEMENT = "ANN"
ANNOUNCEMENTS_COLLECTION = "ANNS"


def announcement(announcement_id: str) -> dict[str, str]:
    return {"pk": f"ANN#{announcement_id}", "sk": ANNOUNCEMENT}


def announcement_order(created_at: str, announcement_id: str) -> str:
    return f"{created_at}#{announcement_id}"


def announcement_association(association_id: str) -> str:
    return f"ANN_ASSOC#{association_id}"


def announcement_association_order(pinned: bool, created_at: str, announcement_id: str) -> str:
    # Read newest first (descending): "P" sorts after "N", so pinned ones come first.
    return f"{'P' if pinned else 'N'}#{created_at}#{announcement_id}"


def announcement_region(region: str) -> str:
    return f"ANN_REGION#{region}"


# ------------------------------------------------------------ abuse limits
def quota(subject: str, window: int) -> dict[str, str]:
    return {"pk": f"QUOTA#{subject}", "sk": str(window)}
