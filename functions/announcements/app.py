"""Announcements API: news, projects seeking help, calls for partners, fact-checks."""

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
from hromada.domain.announcement_ports import AnnouncementQuery
from hromada.domain.announcements import Announcements
from hromada.models import ids
from hromada.models.announcement import (
    Announcement,
    AnnouncementCreate,
    AnnouncementOut,
    AnnouncementPatch,
    AnnouncementType,
)
from hromada.models.association import Category, RegionCode
from hromada.models.common import Limit, Page
from hromada.models.shift import (
    SHIFT,
    MessageSent,
    ShiftCreate,
    ShiftOut,
    ShiftPatch,
    SignupOut,
    VolunteerMessage,
    VolunteersOut,
)
from hromada.observability import metrics
from hromada.reference.text import fold
from hromada.store.announcements import DynamoAnnouncementStore
from hromada.store.associations import DynamoAssociationStore
from hromada.store.client import dynamodb

app = api.create_app()
TAGS = ["announcements"]
AnnouncementId = Annotated[str, Path(pattern=ids.ANNOUNCEMENT, description="Announcement id (an_...)")]
AssociationRef = Annotated[str, Path(min_length=3, max_length=80, description="Association id (as_...) or slug")]


@cache
def announcements() -> Announcements:
    from hromada.bus import OutboxPublisher

    return Announcements(DynamoAnnouncementStore(), DynamoAssociationStore(), publisher=OutboxPublisher(),
                         campaign_check=_campaign_check)


def _campaign_check(campaign_id: str, day: None) -> object:
    from hromada.domain.campaigns import Campaigns
    from hromada.store.campaigns import DynamoCampaignStore

    return Campaigns(DynamoCampaignStore()).attachable(campaign_id, day)


def with_fact_checks(found: list[Announcement]) -> list[AnnouncementOut]:
    """The announcements as shown, each with the notices of the claims its links spread (one read for all)."""
    from hromada.claim_notices import notices
    from hromada.domain.claims import links_in

    marked = notices({a.id: links_in(a.body_html, a.donation_url, *(s.url for s in a.sources)) for a in found})
    return [AnnouncementOut.of(a).model_copy(update={"fact_checks": marked.get(a.id, [])}) for a in found]


@app.get("/announcements", tags=TAGS, summary="Announcements, newest first (expired ones hidden)",
         description="With `association`, that association's pinned announcements come first.",
         responses=documented(200, "A page of announcements (it may hold fewer than `limit`: follow next_cursor)",
                              ERRORS_PUBLIC))
def list_announcements(
    type: Annotated[AnnouncementType | None, Query()] = None,
    region: Annotated[RegionCode | None, Query(description="INSEE region code, e.g. 76")] = None,
    association: Annotated[str | None, Query(pattern=ids.ASSOCIATION, description="Association id")] = None,
    category: Annotated[Category | None, Query()] = None,
    q: Annotated[str | None, Query(min_length=2, max_length=100, description="Free text")] = None,
    limit: Annotated[Limit, Query()] = 20,
    cursor: Annotated[str | None, Query(max_length=1000)] = None,
) -> Response[Page[AnnouncementOut]]:
    found = announcements().listing(AnnouncementQuery(
        type=type.value if type else None, region=region, association_id=association,
        category=category.value if category else None, text=fold(q) if q else None, limit=limit, cursor=cursor))
    page = Page[AnnouncementOut](items=with_fact_checks(found.items), next_cursor=found.next_cursor)
    return Response(200, "application/json", page, headers={"Cache-Control": "public, max-age=60"})


@app.get("/announcements/<id>", tags=TAGS, summary="One announcement (expired ones stay readable)",
         responses=documented(200, "The announcement", ERRORS_PUBLIC, NOT_FOUND))
def get_announcement(id: AnnouncementId) -> Response[AnnouncementOut]:
    return Response(200, "application/json", with_fact_checks([announcements().public(id)])[0],
                    headers={"Cache-Control": "public, max-age=60"})


@app.post("/associations/<id>/announcements", tags=TAGS,
          summary="Post an announcement (editors of a verified association)", security=SIGNED_IN,
          responses=documented(201, "Posted", ERRORS_SIGNED_IN, NOT_FOUND, CONFLICT))
def create_announcement(id: AssociationRef, body: AnnouncementCreate) -> Response[AnnouncementOut]:
    created = announcements().create(api.principal(app), id, body)
    metrics.add_metric(name="AnnouncementPosted", unit="Count", value=1)
    return Response(201, "application/json", AnnouncementOut.of(created),
                    headers={"Location": f"/announcements/{created.id}"})


@app.patch("/announcements/<id>", tags=TAGS, summary="Edit an announcement (its association's editors)",
           security=SIGNED_IN, responses=documented(200, "Updated", ERRORS_SIGNED_IN, NOT_FOUND, CONFLICT))
def update_announcement(id: AnnouncementId, body: AnnouncementPatch) -> AnnouncementOut:
    return AnnouncementOut.of(announcements().update(api.principal(app), id, body))


@app.delete("/announcements/<id>", tags=TAGS, summary="Delete an announcement (its association's editors)",
            description="Its volunteer shifts are cancelled with it: each volunteer still expected is told once by "
                        "mail, shortly after the delete, and the shifts and sign-ups are removed.",
            security=SIGNED_IN, responses=documented(204, "Deleted", ERRORS_SIGNED_IN, NOT_FOUND))
def delete_announcement(id: AnnouncementId) -> Response[None]:
    announcements().delete(api.principal(app), id)
    return Response(204, None, "")


# ---------------------------------------------------------------- volunteer shifts
ShiftId = Annotated[str, Path(pattern=SHIFT, description="Shift id (sh_...)")]
PRIVATE = {"Cache-Control": "private, no-store"}


@cache
def shifts():
    from hromada.domain.clock import utc_now
    from hromada.domain.shifts import Shifts
    from hromada.mail.shift_notices import ShiftNotices
    from hromada.settings import get_settings
    from hromada.store.shift_mail import PriorityMailOutbox
    from hromada.store.shifts import DynamoShiftStore

    mail = ShiftNotices(PriorityMailOutbox(), get_settings().public_web_url, now=utc_now)
    return Shifts(DynamoShiftStore(), DynamoAssociationStore(), mail=mail)


def _signup_out(shift_id: str, signup, position) -> SignupOut:
    if signup is None:
        return SignupOut(shift_id=shift_id)
    return SignupOut(shift_id=shift_id, status=signup.status, position=position, joined_at=signup.joined_at)


@app.get("/announcements/<id>/shifts", tags=TAGS, summary="The announcement's volunteer shifts, soonest first",
         responses=documented(200, "Shifts with the places left", ERRORS_PUBLIC, NOT_FOUND))
def list_shifts(id: AnnouncementId) -> Response[list[ShiftOut]]:
    _, found = shifts().listing(id)
    return Response(200, "application/json", [ShiftOut.of(s) for s in found],
                    headers={"Cache-Control": "public, max-age=10"})


@app.post("/announcements/<id>/shifts", tags=TAGS, summary="Offer a shift (the association's editors)",
          security=SIGNED_IN, responses=documented(201, "Created", ERRORS_SIGNED_IN, NOT_FOUND, CONFLICT))
def create_shift(id: AnnouncementId, body: ShiftCreate) -> Response[ShiftOut]:
    created = shifts().create(api.principal(app), id, body)
    return Response(201, "application/json", ShiftOut.of(created),
                    headers={"Location": f"/announcements/{id}/shifts/{created.id}"})


@app.patch("/announcements/<id>/shifts/<shift>", tags=TAGS, summary="Edit a shift (the association's editors)",
           description="`people` below the volunteers already confirmed is refused (409): nobody is moved back.",
           security=SIGNED_IN, responses=documented(200, "Updated", ERRORS_SIGNED_IN, NOT_FOUND, CONFLICT))
def update_shift(id: AnnouncementId, shift: ShiftId, body: ShiftPatch) -> ShiftOut:
    return ShiftOut.of(shifts().update(api.principal(app), id, shift, body))


@app.post("/announcements/<id>/shifts/<shift>/cancel", tags=TAGS,
          summary="Cancel a shift; its volunteers are told by mail (the association's editors)", security=SIGNED_IN,
          responses=documented(200, "Cancelled", ERRORS_SIGNED_IN, NOT_FOUND, CONFLICT))
def cancel_shift(id: AnnouncementId, shift: ShiftId) -> ShiftOut:
    return ShiftOut.of(shifts().cancel(api.principal(app), id, shift))


@app.post("/announcements/<id>/shifts/<shift>/signup", tags=TAGS,
          summary="Sign up: a place if one is free, else the waitlist", security=SIGNED_IN,
          responses=documented(201, "Signed up", ERRORS_SIGNED_IN, NOT_FOUND, CONFLICT, {200: {
              "description": "Already signed up", "content": {"application/json": {"model": SignupOut}}}}))
def sign_up(id: AnnouncementId, shift: ShiftId) -> Response[SignupOut]:
    mine, position, created = shifts().join(api.principal(app), id, shift)
    if created:
        metrics.add_metric(name="ShiftSignup", unit="Count", value=1)
    return Response(201 if created else 200, "application/json", _signup_out(shift, mine, position), headers=PRIVATE)


@app.get("/announcements/<id>/shifts/<shift>/signup", tags=TAGS, summary="My signup and waitlist position",
         security=SIGNED_IN, responses=documented(200, "My signup; `status` null when none", ERRORS_SIGNED_IN,
                                                  NOT_FOUND))
def my_signup(id: AnnouncementId, shift: ShiftId) -> Response[SignupOut]:
    mine, position = shifts().mine(api.principal(app), id, shift)
    return Response(200, "application/json", _signup_out(shift, mine, position), headers=PRIVATE)


@app.delete("/announcements/<id>/shifts/<shift>/signup", tags=TAGS,
            summary="Cancel my signup (the freed place goes to the first on the waitlist)", security=SIGNED_IN,
            responses=documented(204, "Cancelled", ERRORS_SIGNED_IN, NOT_FOUND))
def cancel_signup(id: AnnouncementId, shift: ShiftId) -> Response[None]:
    shifts().leave(api.principal(app), id, shift)
    return Response(204, None, "")


@app.get("/announcements/<id>/shifts/<shift>/volunteers", tags=TAGS,
         summary="Who comes: names and waitlist, never addresses (the association's editors)", security=SIGNED_IN,
         responses=documented(200, "Volunteers", ERRORS_SIGNED_IN, NOT_FOUND))
def list_volunteers(id: AnnouncementId, shift: ShiftId) -> Response[VolunteersOut]:
    return Response(200, "application/json", shifts().volunteers(api.principal(app), id, shift), headers=PRIVATE)


@app.post("/announcements/<id>/shifts/<shift>/messages", tags=TAGS,
          summary="Mail the confirmed volunteers (Reply-To: the association's published contact)",
          description="Sent once per message `id`; a repeat answers 200 with `already_sent`.", security=SIGNED_IN,
          responses=documented(202, "Sent", ERRORS_SIGNED_IN, NOT_FOUND, CONFLICT, {200: {
              "description": "Already sent", "content": {"application/json": {"model": MessageSent}}}}))
def message_volunteers(id: AnnouncementId, shift: ShiftId, body: VolunteerMessage) -> Response[MessageSent]:
    recipients, repeat = shifts().message(api.principal(app), id, shift, body.id, body.text)
    return Response(200 if repeat else 202, "application/json",
                    MessageSent(id=body.id, recipients=recipients, already_sent=repeat), headers=PRIVATE)


lambda_handler = api.make_handler(app)
# Built during init, so SnapStart's snapshot holds the DynamoDB client (~40 ms) instead of each restore.
dynamodb()
init_done()
