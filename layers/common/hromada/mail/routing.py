"""Which domain event from the bus leads to which mail, and which queue a mail waits on (pure: the notifier
wires each route to its planner, the outbox picks the queue).

| bus event (detail-type)                        | route          | mail, to whom                                      |
|------------------------------------------------|----------------|----------------------------------------------------|
| EventChanged, EventCancelled, WaitlistPromoted | `event`        | the event's attendees (the promoted one alone)     |
| AssociationReviewed                            | `association`  | the association's owners: the moderators' decision |
| AnnouncementPublished                          | `announcement` | the association's followers, within a weekly cap   |
| ElectionPhaseChanged                           | `election`     | the electorate: voter roll or digest subscribers   |
| WebhookDisabled                                | `webhook`      | the association's owners: a webhook switched off  |
| AnnouncementDeleted                            | `shifts`       | its shifts' volunteers: each shift cancelled       |
| InitiativeMatchesChanged                       | `matches`      | both sides' owners: each new possible match        |

Every mail they plan is transactional (the priority queue) except announcements and elections told to
subscribers, which are bulk (the bulk queue, with one-click unsubscribe). The bus rule feeding the
notifications queue (template.yaml) lists the same detail-types; anything else is no mail.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from hromada.mail.jobs import MailJob

Route = Literal["event", "association", "announcement", "election", "webhook", "shifts", "matches"]
Queue = Literal["priority", "bulk"]

ROUTES: dict[str, Route] = {
    "EventChanged": "event",
    "EventCancelled": "event",
    "WaitlistPromoted": "event",
    "AssociationReviewed": "association",
    "AnnouncementPublished": "announcement",
    "ElectionPhaseChanged": "election",
    "WebhookDisabled": "webhook",
    "AnnouncementDeleted": "shifts",
    "InitiativeMatchesChanged": "matches",
}


def route(kind: str) -> Route | None:
    """The planner a bus event goes to; None: it leads to no mail."""
    return ROUTES.get(kind)


def queue_of(job: MailJob) -> Queue:
    """Bulk mail (digests, announcements, election notices to subscribers) waits on the bulk queue; the rest
    (confirmations, notices, reminders) on the priority queue, so it never queues behind a digest."""
    return "bulk" if job.bulk else "priority"


def outbox_id(detail: dict) -> tuple[str | None, dict]:
    """The relay's id of the event (the notifier's once-only key: the bus may deliver an event twice) and the
    detail without it, as the planners read it."""
    rest = dict(detail)
    return rest.pop("outbox_id", None), rest
