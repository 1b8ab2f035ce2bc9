"""Moderation API: flags, the moderators' queue and decisions, suspensions, associations' moderation records."""

from __future__ import annotations

import gc

gc.disable()  # during init only: hromada.coldstart.init_done() resumes it, last

from functools import cache
from typing import Annotated

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.openapi.params import Path, Query

from hromada import api
from hromada.api import CONFLICT, ERRORS_PUBLIC, ERRORS_SIGNED_IN, NOT_FOUND, SIGNED_IN, documented
from hromada.coldstart import init_done
from hromada.domain.moderation import Moderation
from hromada.domain.moderation_ports import Review, Target
from hromada.models import ids
from hromada.models.common import Limit, Page
from hromada.models.moderation import (
    DecisionIn,
    FlagIn,
    FlagNoteOut,
    FlagOut,
    HiddenItemOut,
    ModerationHistoryOut,
    NoticesOut,
    ReviewDetailOut,
    ReviewOut,
    WarningOut,
)
from hromada.observability import metrics
from hromada.settings import get_settings
from hromada.store.client import dynamodb
from hromada.store.moderation import DynamoModerationStore

app = api.create_app()
TAGS = ["moderation"]
ItemRef = Annotated[str, Path(min_length=3, max_length=200, pattern=r"^[a-z]+(:[A-Za-z0-9_-]+){1,2}$",
                              description="The flagged item: kind:id, or candidate:election_id:candidate_id")]
AssociationId = Annotated[str, Path(pattern=ids.ASSOCIATION, description="Association id (as_...)")]
UserId = Annotated[str, Path(min_length=1, max_length=80, pattern=r"^[A-Za-z0-9_-]+$",
                             description="The suspended user's id")]


def person_of(user_id: str) -> str | None:
    """The pseudonym of the account's verified address (looked up by `sub` in the user pool)."""
    from hromada.pseudonyms import pseudonym
    from hromada.store.accounts import CognitoDirectory

    email = CognitoDirectory(get_settings().user_pool_id).verified_email_of(user_id)
    return pseudonym(email, "person") if email else None


@cache
def moderation() -> Moderation:
    return Moderation(DynamoModerationStore(), threshold=get_settings().flags_to_hide, person_of=person_of)


def _review_out(r: Review) -> dict:
    t = r.target
    return dict(item=t.ref, kind=t.kind, id=t.item_id, election_id=t.election_id, association_id=r.association_id,
                status=r.status, hidden=r.hidden, flags=r.count, total_flags=r.total, reasons=r.reasons,
                first_flagged_at=r.first_flagged_at, last_flagged_at=r.last_flagged_at, decision=r.decision,
                decided_at=r.decided_at, version=r.version)


@app.post("/flags", tags=TAGS, summary="Report an association, event, announcement, partnership or candidate",
          description="Once per person and item. Reported by enough people, the item is hidden until a moderator "
                      "reviews it.",
          security=SIGNED_IN, responses=documented(201, "Reported", ERRORS_SIGNED_IN, NOT_FOUND, CONFLICT))
def flag_item(body: FlagIn) -> Response[FlagOut]:
    target = Target(body.kind.value, body.id, body.election_id)
    flag = moderation().flag(api.principal(app), target, body.reason.value, body.comment)
    metrics.add_metric(name="ItemFlagged", unit="Count", value=1)
    return Response(201, "application/json", FlagOut(item=target.ref, reason=body.reason, flagged_at=flag.at))


@app.get("/moderation/flags", tags=TAGS, summary="The moderation queue: flagged items waiting, oldest first",
         security=SIGNED_IN, responses=documented(200, "A page of flagged items", ERRORS_SIGNED_IN))
def moderation_queue(limit: Annotated[Limit, Query()] = 20,
                     cursor: Annotated[str | None, Query(max_length=1000)] = None) -> Page[ReviewOut]:
    from hromada.claim_notices import notices_of_items

    found = moderation().queue(api.principal(app), limit, cursor)
    marked = notices_of_items([(r.target.kind, r.target.item_id) for r in found.items])
    return Page[ReviewOut](items=[ReviewOut(**_review_out(r), fact_checks=marked.get(r.target.ref, []))
                                  for r in found.items], next_cursor=found.next_cursor)


@app.get("/moderation/flags/<item>", tags=TAGS, summary="One flagged item with its reasons and comments",
         security=SIGNED_IN, responses=documented(200, "The item's review", ERRORS_SIGNED_IN, NOT_FOUND))
def review_detail(item: ItemRef) -> ReviewDetailOut:
    review, flags, content = moderation().detail(api.principal(app), item)
    return ReviewDetailOut(**_review_out(review), content=_public_view(review.target.kind, content), comments=[
        FlagNoteOut(reason=f.reason, comment=f.comment, flagged_at=f.at) for f in flags])


def _public_view(kind: str, content: object | None) -> dict | None:
    """The item through its kind's public shape: what visitors would see, nothing more."""
    if content is None:
        return None
    from hromada.models.announcement import AnnouncementOut
    from hromada.models.association import AssociationOut
    from hromada.models.election import CandidateOut
    from hromada.models.event import EventOut
    from hromada.models.partnership import PartnershipOut

    view = {"association": AssociationOut.public, "event": EventOut.of, "announcement": AnnouncementOut.of,
            "partnership": PartnershipOut.public, "candidate": CandidateOut.of}[kind]
    return view(content).model_dump(mode="json")  # type: ignore[operator]


@app.post("/moderation/flags/<item>/decisions", tags=TAGS,
          summary="Decide on a flagged item: hide, restore, dismiss, warn the association, suspend the author",
          description="Moderators; suspending is for admins. `version` is the review's version the decision was "
                      "taken on: a decision on an item that changed meanwhile is refused with 409.",
          security=SIGNED_IN, responses=documented(200, "Decided", ERRORS_SIGNED_IN, NOT_FOUND, CONFLICT))
def decide(item: ItemRef, body: DecisionIn) -> ReviewOut:
    decided = moderation().decide(api.principal(app), item, body.action.value, body.version, body.note)
    metrics.add_metric(name=f"Moderation{body.action.value.title()}", unit="Count", value=1)
    return ReviewOut(**_review_out(decided))


@app.delete("/moderation/suspensions/<user_id>", tags=TAGS, summary="Lift a suspension (admins)",
            security=SIGNED_IN, responses=documented(204, "Lifted", ERRORS_SIGNED_IN, NOT_FOUND))
def lift_suspension(user_id: UserId) -> Response[None]:
    moderation().lift_suspension(api.principal(app), user_id, None)
    return Response(204, None, "")


@app.get("/associations/<id>/moderation", tags=TAGS,
         summary="An association's public moderation record: hidden items and the reasons reported",
         responses=documented(200, "Counts only: no reporter, no comment", ERRORS_PUBLIC))
def moderation_history(id: AssociationId) -> Response[ModerationHistoryOut]:
    history = ModerationHistoryOut(**moderation().history(id))
    return Response(200, "application/json", history, headers={"Cache-Control": "public, max-age=60"})


@app.get("/associations/<id>/notices", tags=TAGS,
         summary="Moderation notices for an association's editors: warnings and hidden items",
         security=SIGNED_IN, responses=documented(200, "Warnings and hidden items", ERRORS_SIGNED_IN))
def association_notices(id: AssociationId) -> Response[NoticesOut]:
    warnings, hidden = moderation().notices(api.principal(app), id)
    notices = NoticesOut(
        warnings=[WarningOut(at=w.at, item=w.item, note=w.note) for w in warnings],
        hidden=[HiddenItemOut(item=r.target.ref, kind=r.target.kind, id=r.target.item_id, reasons=r.reasons,
                              decision=r.decision) for r in hidden])
    return Response(200, "application/json", notices, headers={"Cache-Control": "private, no-store"})


lambda_handler = api.make_handler(app)
# Built during init, so SnapStart's snapshot holds the DynamoDB client (~40 ms) instead of each restore.
dynamodb()
init_done()
