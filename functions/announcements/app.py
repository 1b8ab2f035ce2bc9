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
from hromada.models.announcement import AnnouncementCreate, AnnouncementOut, AnnouncementPatch, AnnouncementType
from hromada.models.association import Category, RegionCode
from hromada.models.common import Limit, Page
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
    page = Page[AnnouncementOut](items=[AnnouncementOut.of(a) for a in found.items], next_cursor=found.next_cursor)
    return Response(200, "application/json", page, headers={"Cache-Control": "public, max-age=60"})


@app.get("/announcements/<id>", tags=TAGS, summary="One announcement (expired ones stay readable)",
         responses=documented(200, "The announcement", ERRORS_PUBLIC, NOT_FOUND))
def get_announcement(id: AnnouncementId) -> Response[AnnouncementOut]:
    return Response(200, "application/json", AnnouncementOut.of(announcements().public(id)),
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
            security=SIGNED_IN, responses=documented(204, "Deleted", ERRORS_SIGNED_IN, NOT_FOUND))
def delete_announcement(id: AnnouncementId) -> Response[None]:
    announcements().delete(api.principal(app), id)
    return Response(204, None, "")


lambda_handler = api.make_handler(app)
# Built during init, so SnapStart's snapshot holds the DynamoDB client (~40 ms) instead of each restore.
dynamodb()
init_done()
