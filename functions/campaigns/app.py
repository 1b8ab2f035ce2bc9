"""Campaigns API: platform-wide campaigns (admins write them), their events by region and announcements
(everyone reads), and the admins' gap map with its once-only invitations to associations' owners."""

from __future__ import annotations

import gc

gc.disable()  # during init only: hromada.coldstart.init_done() resumes it, last

from functools import cache
from typing import Annotated, Literal

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.openapi.params import Path, Query

from hromada import api
from hromada.api import CONFLICT, ERRORS_PUBLIC, ERRORS_SIGNED_IN, NOT_FOUND, SIGNED_IN, ErrorBody, documented
from hromada.coldstart import init_done
from hromada.domain.campaigns import Campaigns, window_of, window_out
from hromada.models.association import RegionCode
from hromada.models.campaign import (
    CAMPAIGN_ID,
    Campaign,
    CampaignAnnouncementOut,
    CampaignAnnouncements,
    CampaignCreate,
    CampaignEventOut,
    CampaignEvents,
    CampaignList,
    CampaignOut,
    CampaignPatch,
    GapMap,
    InvitationDraft,
    InvitationResult,
    InvitationSend,
    RegionEvents,
)
from hromada.models.common import Limit
from hromada.settings import get_settings
from hromada.store.client import dynamodb

app = api.create_app()
TAGS = ["campaigns"]
CampaignId = Annotated[str, Path(pattern=CAMPAIGN_ID, description="Campaign id (cp_...)")]
CampaignRef = Annotated[str, Path(min_length=3, max_length=60, pattern=r"^(cp_[0-9a-f]{20}|[a-z0-9]+(-[a-z0-9]+)*)$",
                                  description="Campaign id (cp_...) or slug")]
UNPROCESSABLE = {422: {"description": "Invalid dates or rule", "content": {"application/json": {"model": ErrorBody}}}}


@cache
def campaigns() -> Campaigns:
    from hromada.store.campaigns import DynamoCampaignDirectory, DynamoCampaignStore
    from hromada.store.deliveries import SqsMailOutbox

    return Campaigns(DynamoCampaignStore(), DynamoCampaignDirectory(), SqsMailOutbox(),
                     web_url=get_settings().public_web_url, opt_out_ref=_opt_out_ref)


def _opt_out_ref(email: str) -> str:
    from hromada.mail.claims import OPT_OUT_PREFIX
    from hromada.pseudonyms import pseudonym

    return OPT_OUT_PREFIX + pseudonym(email, "campaign-invitations")


def _out(c: Campaign) -> CampaignOut:
    service = campaigns()
    return CampaignOut(**c.model_dump(exclude={"recurrence", "attached"}), recurrence=c.recurrence,
                       window=window_out(window_of(c, service.today()), service.today()),
                       next_days=service.next_days(c))


@app.get("/campaigns", tags=TAGS, summary="Running and coming campaigns, soonest first",
         responses=documented(200, "The campaigns", ERRORS_PUBLIC))
def list_campaigns() -> CampaignList:
    return CampaignList(items=[_out(c) for c, _ in campaigns().listing()])


@app.get("/campaigns/<id>", tags=TAGS, summary="One campaign, by id or slug",
         responses=documented(200, "The campaign", ERRORS_PUBLIC, NOT_FOUND))
def get_campaign(id: CampaignRef) -> CampaignOut:
    return _out(campaigns().get(id))


@app.post("/campaigns", tags=TAGS, security=SIGNED_IN, summary="Create a campaign (admins)",
          responses=documented(201, "Created", ERRORS_SIGNED_IN, CONFLICT, UNPROCESSABLE))
def create_campaign(body: CampaignCreate) -> Response[CampaignOut]:
    return Response(201, "application/json", _out(campaigns().create(api.principal(app), body)))


@app.patch("/campaigns/<id>", tags=TAGS, security=SIGNED_IN, summary="Edit a campaign (admins)",
           responses=documented(200, "Updated", ERRORS_SIGNED_IN, NOT_FOUND, CONFLICT, UNPROCESSABLE))
def update_campaign(id: CampaignId, body: CampaignPatch) -> CampaignOut:
    return _out(campaigns().update(api.principal(app), id, body))


@app.post("/campaigns/<id>/archive", tags=TAGS, security=SIGNED_IN,
          summary="Archive a campaign (admins): out of the lists, nothing more may be attached",
          responses=documented(200, "Archived", ERRORS_SIGNED_IN, NOT_FOUND, CONFLICT))
def archive_campaign(id: CampaignId) -> CampaignOut:
    return _out(campaigns().archive(api.principal(app), id))


@app.get("/campaigns/<id>/events", tags=TAGS, summary="The campaign's events in its current window, by region",
         responses=documented(200, "Events grouped by region (online ones last)", ERRORS_PUBLIC, NOT_FOUND))
def campaign_events(id: CampaignRef,
                    region: Annotated[RegionCode | None, Query(description="Only this region (INSEE code)")] = None,
                    limit: Annotated[Limit, Query()] = 50,
                    cursor: Annotated[str | None, Query(max_length=1000)] = None) -> CampaignEvents:
    service = campaigns()
    _, window, items, next_cursor = service.events(id, region, limit, cursor)
    groups: dict[str | None, list[CampaignEventOut]] = {}
    for item in items:
        groups.setdefault(item.get("region"), []).append(CampaignEventOut.model_validate(item))
    return CampaignEvents(window=window_out(window, service.today()), next_cursor=next_cursor,
                          regions=[RegionEvents(region=r, events=e) for r, e in groups.items()])


@app.get("/campaigns/<id>/announcements", tags=TAGS, summary="The campaign's announcements, newest first",
         responses=documented(200, "Announcements", ERRORS_PUBLIC, NOT_FOUND))
def campaign_announcements(id: CampaignRef) -> CampaignAnnouncements:
    return CampaignAnnouncements(items=[CampaignAnnouncementOut.model_validate(a)
                                        for a in campaigns().announcements(id)])


@app.get("/campaigns/<id>/gaps", tags=TAGS, security=SIGNED_IN,
         summary="The gap map (admins): regions and departments with no planned event, and their associations",
         responses=documented(200, "Every region and department with its count of events", ERRORS_SIGNED_IN,
                              NOT_FOUND))
def campaign_gaps(id: CampaignId) -> GapMap:
    return campaigns().gaps(api.principal(app), id)


@app.get("/campaigns/<id>/invitation", tags=TAGS, security=SIGNED_IN,
         summary="A draft invitation (admins) to edit before sending",
         responses=documented(200, "Subject and body", ERRORS_SIGNED_IN, NOT_FOUND))
def invitation_draft(id: CampaignId,
                     lang: Annotated[Literal["fr", "uk", "en"], Query(description="The mail's language")] = "fr",
                     ) -> InvitationDraft:
    return campaigns().invitation_draft(api.principal(app), id, lang)


@app.post("/campaigns/<id>/invitations", tags=TAGS, security=SIGNED_IN,
          summary="Invite associations' owners (admins), once per association and campaign",
          responses=documented(202, "Queued for the invited; the others listed", ERRORS_SIGNED_IN, NOT_FOUND,
                               {409: {"description": "Every association was invited before (campaign_already_invited)",
                                      "content": {"application/json": {"model": ErrorBody}}}}))
def send_invitations(id: CampaignId, body: InvitationSend) -> Response[InvitationResult]:
    return Response(202, "application/json", campaigns().invite(api.principal(app), id, body))


lambda_handler = api.make_handler(app)
dynamodb()
init_done()
