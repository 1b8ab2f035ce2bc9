"""Initiatives API: needs and offers, the matches between them, their status and moderation."""

from __future__ import annotations

import gc

gc.disable()  # during init only: hromada.coldstart.init_done() resumes it, last

from functools import cache
from typing import Annotated

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.openapi.params import Path, Query

from hromada.api import (
    CONFLICT,
    ERRORS_PUBLIC,
    ERRORS_SIGNED_IN,
    NOT_FOUND,
    SIGNED_IN,
    create_app,
    documented,
    make_handler,
    principal,
)
from hromada.coldstart import init_done
from hromada.domain.initiatives import Initiatives
from hromada.domain.twinning_ports import ListQuery
from hromada.models.association import RegionCode
from hromada.models.common import Limit, Page
from hromada.models.initiative import (
    InitiativeCreate,
    InitiativeKind,
    InitiativeOut,
    InitiativePatch,
    InitiativeStatus,
    InitiativeStatusChange,
)
from hromada.models.match import Matches
from hromada.models.twinning import ActNote, CooperationDomain, HidingReason, OblastCode
from hromada.observability import metrics
from hromada.store.client import dynamodb
from hromada.store.initiatives import DynamoInitiativeStore
from hromada.store.matches import DynamoMatchIndex

app = create_app()
TAGS = ["initiatives"]
InitiativeId = Annotated[str, Path(min_length=3, max_length=80, description="Initiative id (in_...)")]
AssociationId = Annotated[str, Path(min_length=3, max_length=80, description="Your association's id (as_...)")]


@cache
def initiatives() -> Initiatives:
    return Initiatives(DynamoInitiativeStore(), DynamoMatchIndex())


@app.get("/initiatives", tags=TAGS, summary="Browse needs and offers",
         responses=documented(200, "A page of initiatives: open ones first", ERRORS_PUBLIC))
def list_initiatives(
    kind: Annotated[InitiativeKind | None, Query()] = None,
    region: Annotated[RegionCode | None, Query(description="French region (INSEE code), e.g. 76")] = None,
    oblast: Annotated[OblastCode | None, Query(description="Ukrainian oblast, e.g. UA-48")] = None,
    domain: Annotated[CooperationDomain | None, Query()] = None,
    status: Annotated[InitiativeStatus | None, Query()] = None,
    association: Annotated[str | None, Query(min_length=3, max_length=80, pattern=r"^as_[A-Za-z0-9_-]+$",
                                             description="The association that published it (as_...)")] = None,
    limit: Annotated[Limit, Query()] = 20,
    cursor: Annotated[str | None, Query(max_length=1000)] = None,
) -> Page[InitiativeOut]:
    found = initiatives().directory(ListQuery(region=region, oblast=oblast, domain=domain, status=status, kind=kind,
                                              association=association, limit=limit, cursor=cursor))
    return Page[InitiativeOut](items=[InitiativeOut.public(i) for i in found.items], next_cursor=found.next_cursor)


@app.get("/initiatives/<id>", tags=TAGS, summary="One need or offer",
         responses=documented(200, "The initiative; reach it through its association", ERRORS_PUBLIC, NOT_FOUND))
def get_initiative(id: InitiativeId) -> Response[InitiativeOut]:
    initiative = initiatives().public(id)
    return Response(200, "application/json", InitiativeOut.public(initiative),
                    headers={"Cache-Control": "public, max-age=60"})


@app.get("/initiatives/<id>/matches", tags=TAGS,
         summary="For a need, the open offers that fit it; for an offer, the open needs",
         responses=documented(200, "Best matches first, each with its score and reasons", ERRORS_PUBLIC, NOT_FOUND))
def initiative_matches(id: InitiativeId, limit: Annotated[Limit, Query()] = 20) -> Matches:
    return Matches.of(initiatives().matches_for(id, limit))


@app.post("/associations/<id>/initiatives", tags=TAGS,
          summary="Publish a need or an offer on behalf of your verified association",
          security=SIGNED_IN, responses=documented(201, "Published (open)", ERRORS_SIGNED_IN, NOT_FOUND, CONFLICT))
def publish_initiative(id: AssociationId, body: InitiativeCreate) -> Response[InitiativeOut]:
    initiative = initiatives().publish(principal(app), id, body)
    metrics.add_metric(name="InitiativePublished", unit="Count", value=1)
    return Response(201, "application/json", InitiativeOut.for_owner(initiative),
                    headers={"Location": f"/initiatives/{initiative.id}"})


@app.patch("/initiatives/<id>", tags=TAGS, summary="Edit an initiative (its association's editors, admins)",
           security=SIGNED_IN, responses=documented(200, "Updated", ERRORS_SIGNED_IN, NOT_FOUND, CONFLICT))
def update_initiative(id: InitiativeId, body: InitiativePatch) -> InitiativeOut:
    return InitiativeOut.for_owner(initiatives().update(principal(app), id, body))


@app.post("/initiatives/<id>/status", tags=TAGS,
          summary="Mark an initiative matched, open again or closed (its editors, moderators)",
          security=SIGNED_IN, responses=documented(200, "Changed", ERRORS_SIGNED_IN, NOT_FOUND, CONFLICT))
def change_initiative_status(id: InitiativeId, body: InitiativeStatusChange) -> InitiativeOut:
    return InitiativeOut.for_owner(initiatives().change_status(principal(app), id, body.status, body.note))


@app.post("/initiatives/<id>/hide", tags=["moderation"], summary="Hide an initiative (moderators)",
          security=SIGNED_IN, responses=documented(200, "Hidden", ERRORS_SIGNED_IN, NOT_FOUND, CONFLICT))
def hide_initiative(id: InitiativeId, body: HidingReason) -> InitiativeOut:
    return InitiativeOut.for_owner(initiatives().hide(principal(app), id, body.reason))


@app.post("/initiatives/<id>/restore", tags=["moderation"], summary="Show a hidden initiative again (moderators)",
          security=SIGNED_IN, responses=documented(200, "Visible again", ERRORS_SIGNED_IN, NOT_FOUND, CONFLICT))
def restore_initiative(id: InitiativeId, body: ActNote) -> InitiativeOut:
    return InitiativeOut.for_owner(initiatives().restore(principal(app), id, body.note))


lambda_handler = make_handler(app)
# Built during init, so SnapStart's snapshot holds the DynamoDB client (~40 ms) instead of each restore.
dynamodb()
init_done()
