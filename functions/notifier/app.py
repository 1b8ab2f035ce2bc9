"""Domain events (from the bus, through the notifications queue) turned into mail jobs for the mailer:
attendees hear of their event's changes, owners of the moderators' decision on their association; an
initiative's write is followed by its possible matches, recorded and told. Which event goes to which planner is
hromada.mail.routing's table."""

from __future__ import annotations

import gc

gc.disable()  # during init only: hromada.coldstart.init_done() resumes it, last

import json
from functools import cache
from typing import Any

from aws_lambda_powertools.utilities.batch import BatchProcessor, EventType
from aws_lambda_powertools.utilities.data_classes.sqs_event import SQSRecord

from hromada.coldstart import init_done
from hromada.domain.time_budget import OutOfTime, TimeBudget
from hromada.mail import routing
from hromada.mail.jobs import MailJob
from hromada.mail.links import SignedLinks
from hromada.mail.notices import AnnouncementNotices, AssociationNotices, ElectionNotices, EventNotices
from hromada.mail.webhook_notices import WebhookNotices
from hromada.observability import batch_handler, logger, metrics
from hromada.store.attendees_mail import DynamoAttendeeSource
from hromada.store.client import dynamodb
from hromada.store.deliveries import SqsMailOutbox
from hromada.store.follow_ups import SqsFollowUps
from hromada.store.notices import DynamoNotices

processor = BatchProcessor(event_type=EventType.SQS)


@cache
def notices() -> EventNotices:
    return EventNotices(DynamoAttendeeSource(), SignedLinks().web_url)


@cache
def reviews() -> AssociationNotices:
    from hromada.store.associations import DynamoAssociationStore

    return AssociationNotices(DynamoAssociationStore(), SignedLinks().web_url)


@cache
def elections() -> ElectionNotices:
    from hromada.store.election_mail import DynamoElectionAudience

    return ElectionNotices(DynamoElectionAudience(), SignedLinks().web_url)


@cache
def announcements() -> AnnouncementNotices:
    from hromada.settings import get_settings
    from hromada.store.announcement_mail import DynamoFollowerSource

    return AnnouncementNotices(DynamoFollowerSource(), SignedLinks().web_url,
                               get_settings().announcement_mails_per_week)


@cache
def webhook_notices() -> WebhookNotices:
    from hromada.store.webhook_mail import DynamoWebhookSource

    return WebhookNotices(DynamoWebhookSource(), SignedLinks().web_url)


@cache
def shifts() -> Any:
    from hromada.domain.clock import utc_now
    from hromada.domain.shifts import Shifts
    from hromada.mail.shift_notices import ShiftNotices
    from hromada.store.shift_mail import PriorityMailOutbox
    from hromada.store.shifts import DynamoShiftStore

    return Shifts(DynamoShiftStore(), mail=ShiftNotices(PriorityMailOutbox(), SignedLinks().web_url, now=utc_now))


def withdraw_shifts(detail: dict[str, Any], budget: TimeBudget | None = None) -> list[MailJob]:
    """An announcement deleted: its shifts cancelled, their volunteers mailed on the way (before each shift's
    items go, so a failure half-way leaves the rest for the retry), nothing left for the notifier to send.
    Stops between two shifts when the invocation's time runs short (OutOfTime): the rest is continued later."""
    from hromada.domain.shift_ports import WithdrawnAnnouncement

    shifts().withdraw(WithdrawnAnnouncement(id=detail["announcement_id"], title=detail.get("title") or {},
                                            association_name=detail.get("association_name") or ""), budget)
    return []


@cache
def match_follow_up() -> Any:
    from hromada.domain.possible_matches import MatchFollowUp, PossibleMatches
    from hromada.mail.match_notices import MatchMailer
    from hromada.settings import get_settings
    from hromada.store.associations import DynamoAssociationStore
    from hromada.store.initiatives import DynamoInitiativeStore
    from hromada.store.matches import DynamoMatchIndex
    from hromada.store.notice_queue import PriorityMailOutbox
    from hromada.store.possible_matches import DynamoPossibleMatches

    settings = get_settings()
    initiatives = DynamoInitiativeStore()
    matches = PossibleMatches(DynamoPossibleMatches(), initiatives, DynamoMatchIndex(),
                              MatchMailer(DynamoAssociationStore(), PriorityMailOutbox(), settings.public_web_url),
                              settings.match_notice_threshold)
    return MatchFollowUp(lambda: matches, lambda initiative_id: initiatives.get(initiative_id, consistent=True))


def pair_initiative(detail: dict[str, Any]) -> list[MailJob]:
    """An initiative published, open again, edited or closed: its possible matches recorded and both sides told
    (the mail is queued on the way, keyed by the pair), or its pending pairs cancelled."""
    match_follow_up().handle(detail["initiative_id"])
    return []


@cache
def outbox() -> SqsMailOutbox:
    return SqsMailOutbox()


@cache
def seen() -> DynamoNotices:
    return DynamoNotices()


@cache
def follow_ups() -> SqsFollowUps:
    return SqsFollowUps()


def handle(record: SQSRecord, lambda_context: Any = None) -> None:
    envelope = json.loads(record.body)  # the EventBridge event, as the rule's SQS target delivers it
    kind = envelope["detail-type"]
    # The relay may put an event on the bus twice (a retried batch): its outbox id tells a repeat. A
    # repeat that slips between enqueueing and remembering is caught by the mailer's per-recipient claims.
    outbox_id, detail = routing.outbox_id(envelope.get("detail") or {})
    if outbox_id and seen().seen(outbox_id):
        logger.info("domain event already handled", extra={"kind": kind, "outbox_id": outbox_id})
        return
    try:
        jobs = _plan(routing.route(kind), kind, detail, TimeBudget.of(lambda_context))
    except OutOfTime as paused:
        _continue_later(record, kind, paused)
        return
    if jobs:
        outbox().enqueue(jobs)
        metrics.add_metric(name="NoticesPlanned", unit="Count", value=sum(len(j.recipients) for j in jobs))
    if outbox_id:
        seen().remember(outbox_id)
    logger.info("domain event handled", extra={"kind": kind, "jobs": len(jobs)})


def _continue_later(record: SQSRecord, kind: str, paused: OutOfTime) -> None:
    """The same event as a new message, and the received one deleted (a normal return): the follow-up resumes
    from what is left, its outbox id not yet remembered, and no receive is counted against it. If putting it
    back fails, the exception fails the record, which SQS redelivers: nothing is lost either way."""
    follow_ups().again(record.body)
    metrics.add_metric(name="FollowUpsContinued", unit="Count", value=1)
    logger.info("job continued later", extra={"kind": kind, "done": paused.done, "message_id": record.message_id})


def _plan(route: routing.Route | None, kind: str, detail: dict[str, Any],
          budget: TimeBudget | None = None) -> list[MailJob]:
    if route == "association":
        return reviews().jobs_for(detail)
    if route == "announcement":
        return announcements().jobs_for(detail)
    if route == "election":
        return elections().jobs_for(detail)
    if route == "event":
        return notices().jobs_for(kind, detail)
    if route == "webhook":
        return webhook_notices().jobs_for(detail)
    if route == "shifts":
        return withdraw_shifts(detail, budget)
    if route == "matches":
        return pair_initiative(detail)
    return []


lambda_handler = batch_handler(processor, handle)


dynamodb()
init_done()
