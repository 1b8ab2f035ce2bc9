"""Partnerships API: the public directory and matching search, proposals, confirmation, statuses, moderation."""

from __future__ import annotations

import gc

gc.disable()  # during init only: hromada.coldstart.init_done() resumes it, last

from functools import cache
from typing import Annotated

from aws_lambda_powertools.event_handler.openapi.params import Path, Query

from hromada import api
from hromada.api import CONFLICT, ERRORS_PUBLIC, ERRORS_SIGNED_IN, NOT_FOUND, SIGNED_IN, documented
from hromada.coldstart import init_done
from hromada.domain.partnerships import Partnerships
from hromada.domain.twinning_ports import ListQuery
from hromada.models import ids
from hromada.models.association import RegionCode
from hromada.models.common import Limit, Page
from hromada.models.match import Matches
from hromada.models.partnership import (
    PartnershipContactOut,
    PartnershipOut,
    PartnershipPatch,
    PartnershipProposal,
    PartnershipStatus,
    PartnershipStatusChange,
    contacts_out,
)
from hromada.models.twinning import ActNote, CooperationDomain, OblastCode
from hromada.reference.matching import Criteria
from hromada.store.client import dynamodb
from hromada.store.matches import DynamoMatchIndex
from hromada.store.partnerships import DynamoPartnershipStore
from hromada.twinning_routes import TwinningRoutes, add_item_routes

app = api.create_app()
TAGS = ["partnerships"]
PartnershipId = Annotated[str, Path(pattern=ids.PARTNERSHIP, description="Partnership id (pt_...)")]


@cache
def partnerships() -> Partnerships:
    return Partnerships(DynamoPartnershipStore(), DynamoMatchIndex())


@app.get("/partnerships", tags=TAGS, summary="Browse twinning partnerships",
         responses=documented(200, "A page of partnerships: established first", ERRORS_PUBLIC))
def list_partnerships(
    region: Annotated[RegionCode | None, Query(description="French region (INSEE code), e.g. 76")] = None,
    oblast: Annotated[OblastCode | None, Query(description="Ukrainian oblast, e.g. UA-46")] = None,
    domain: Annotated[CooperationDomain | None, Query()] = None,
    status: Annotated[PartnershipStatus | None, Query()] = None,
    association: Annotated[str | None, Query(pattern=ids.ASSOCIATION,
                                             description="An association taking part (as_...)")] = None,
    limit: Annotated[Limit, Query()] = 20,
    cursor: Annotated[str | None, Query(max_length=1000)] = None,
) -> Page[PartnershipOut]:
    found = partnerships().directory(ListQuery(region=region, oblast=oblast, domain=domain, status=status,
                                               association=association, limit=limit, cursor=cursor))
    return Page[PartnershipOut](items=[PartnershipOut.public(p) for p in found.items], next_cursor=found.next_cursor)


@app.get("/partnerships/match", tags=TAGS,
         summary="Find partners: partnerships, needs and offers of a domain, ranked for a region and/or oblast",
         responses=documented(200, "Best matches first, each with its score and reasons", ERRORS_PUBLIC))
def match_partnerships(
    domain: Annotated[CooperationDomain, Query(description="The domain to cooperate in")],
    region: Annotated[RegionCode | None, Query(description="French region (INSEE code), e.g. 76")] = None,
    oblast: Annotated[OblastCode | None, Query(description="Ukrainian oblast, e.g. UA-46")] = None,
    limit: Annotated[Limit, Query()] = 20,
) -> Matches:
    return Matches.of(partnerships().match(Criteria(domain.value, region, oblast), limit))


@app.get("/partnerships/<id>/contacts", tags=TAGS, summary="Contacts with their e-mails (parties, moderators)",
         security=SIGNED_IN, responses=documented(200, "The contacts", ERRORS_SIGNED_IN, NOT_FOUND))
def partnership_contacts(id: PartnershipId) -> list[PartnershipContactOut]:
    return contacts_out(partnerships().for_parties(api.principal(app), id).contacts, with_emails=True)


@app.post("/partnerships/<id>/confirm", tags=TAGS,
          summary="Confirm a proposal: the other side or a moderator (proposed -> in_discussion)",
          security=SIGNED_IN, responses=documented(200, "Confirmed", ERRORS_SIGNED_IN, NOT_FOUND, CONFLICT))
def confirm_partnership(id: PartnershipId, body: ActNote) -> PartnershipOut:
    return PartnershipOut.for_editors(partnerships().confirm(api.principal(app), id, body.note))


ROUTES = TwinningRoutes(
    collection="partnerships", item_id=PartnershipId, out=PartnershipOut, create_body=PartnershipProposal,
    create=Partnerships.propose, created_metric="PartnershipProposed", patch_body=PartnershipPatch,
    status_body=PartnershipStatusChange,
    texts={"create": ("Propose a partnership on behalf of your verified association",
                      "Proposed; the other side or a moderator confirms it"),
           "get": ("One partnership", "The partnership (contact e-mails are for its parties)"),
           "update": ("Edit a partnership's content (its parties, admins)", "Updated"),
           "status": ("Sign, activate or end a partnership (its parties, moderators)", "Changed"),
           "hide": ("Hide a partnership (moderators)", "Hidden"),
           "restore": ("Show a hidden partnership again (moderators)", "Visible again")})
add_item_routes(app, ROUTES, partnerships)


lambda_handler = api.make_handler(app)
# Built during init, so SnapStart's snapshot holds the DynamoDB client (~40 ms) instead of each restore.
dynamodb()
init_done()
