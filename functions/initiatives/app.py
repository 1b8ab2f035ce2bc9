"""Initiatives API: needs and offers, the matches between them, their status and moderation."""

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
from hromada.domain.initiatives import Initiatives
from hromada.domain.possible_matches import Answer, PossibleMatches
from hromada.domain.twinning_health import TwinningHealth
from hromada.domain.twinning_ports import ListQuery
from hromada.models import ids
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
from hromada.models.possible_match import PossibleMatchOut
from hromada.models.twinning import CooperationDomain, OblastCode
from hromada.models.twinning_health import TwinningHealthOut
from hromada.settings import get_settings
from hromada.store.client import dynamodb
from hromada.store.initiatives import DynamoInitiativeStore
from hromada.store.matches import DynamoMatchIndex
from hromada.store.possible_matches import DynamoPossibleMatches
from hromada.store.twinning_health import DynamoTwinningHealth
from hromada.twinning_routes import TwinningRoutes, add_item_routes

app = api.create_app()
TAGS = ["initiatives"]
InitiativeId = Annotated[str, Path(pattern=ids.INITIATIVE, description="Initiative id (in_...)")]
OtherInitiativeId = Annotated[str, Path(pattern=ids.INITIATIVE, description="The other side's initiative (in_...)")]


@cache
def initiatives() -> Initiatives:
    from hromada.bus import OutboxPublisher

    # Pairing follows each write through the outbox (the notifier records and tells the possible matches).
    return Initiatives(DynamoInitiativeStore(), DynamoMatchIndex(), publisher=OutboxPublisher())


@cache
def possible_matches() -> PossibleMatches:
    from hromada.mail.match_notices import MatchMailer
    from hromada.store.associations import DynamoAssociationStore
    from hromada.store.notice_queue import PriorityMailOutbox

    settings = get_settings()
    mailer = MatchMailer(DynamoAssociationStore(), PriorityMailOutbox(), settings.public_web_url)
    return PossibleMatches(DynamoPossibleMatches(), DynamoInitiativeStore(), DynamoMatchIndex(), mailer,
                           settings.match_notice_threshold)


@app.get("/initiatives", tags=TAGS, summary="Browse needs and offers",
         responses=documented(200, "A page of initiatives: open ones first", ERRORS_PUBLIC))
def list_initiatives(
    kind: Annotated[InitiativeKind | None, Query()] = None,
    region: Annotated[RegionCode | None, Query(description="French region (INSEE code), e.g. 76")] = None,
    oblast: Annotated[OblastCode | None, Query(description="Ukrainian oblast, e.g. UA-48")] = None,
    domain: Annotated[CooperationDomain | None, Query()] = None,
    status: Annotated[InitiativeStatus | None, Query()] = None,
    association: Annotated[str | None, Query(pattern=ids.ASSOCIATION,
                                             description="The association that published it (as_...)")] = None,
    limit: Annotated[Limit, Query()] = 20,
    cursor: Annotated[str | None, Query(max_length=1000)] = None,
) -> Page[InitiativeOut]:
    found = initiatives().directory(ListQuery(region=region, oblast=oblast, domain=domain, status=status, kind=kind,
                                              association=association, limit=limit, cursor=cursor))
    return Page[InitiativeOut](items=[InitiativeOut.public(i) for i in found.items], next_cursor=found.next_cursor)


@app.get("/initiatives/<id>/matches", tags=TAGS,
         summary="For a need, the open offers that fit it; for an offer, the open needs",
         responses=documented(200, "Best matches first, each with its score and reasons", ERRORS_PUBLIC, NOT_FOUND))
def initiative_matches(id: InitiativeId, limit: Annotated[Limit, Query()] = 20) -> Matches:
    return Matches.of(initiatives().matches_for(id, limit))


@cache
def health() -> TwinningHealth:
    return TwinningHealth(DynamoTwinningHealth())


@app.get("/twinning/health", tags=["moderation"], security=SIGNED_IN,
         summary="Twinning health: open needs, unanswered offers, time to a first answer (moderators, admins)",
         responses=documented(200, "The figures, kept up to date by every write (no scan)", ERRORS_SIGNED_IN))
def twinning_health() -> Response[TwinningHealthOut]:
    figures = TwinningHealthOut.of(health().read(api.principal(app)))
    return Response(200, "application/json", figures, headers={"Cache-Control": "private, no-store"})


@app.get("/initiatives/<id>/possible-matches", tags=TAGS, security=SIGNED_IN,
         summary="The possible matches told to this initiative's association (its editors, moderators)",
         responses=documented(200, "Each pair with both answers; contacts once both confirmed", ERRORS_SIGNED_IN,
                              NOT_FOUND))
def list_possible_matches(id: InitiativeId) -> list[PossibleMatchOut]:
    initiative = initiatives().find(id)
    return [PossibleMatchOut.of(s.pair, id, s.contacts) for s in possible_matches().of(api.principal(app), initiative)]


def _answer(id: str, other: str, answer: Answer) -> PossibleMatchOut:
    initiative = initiatives().find(id)
    seen = possible_matches().answer(api.principal(app), initiative, other, answer)
    return PossibleMatchOut.of(seen.pair, id, seen.contacts)


@app.post("/initiatives/<id>/possible-matches/<other>/confirm", tags=TAGS, security=SIGNED_IN,
          summary="Confirm a possible match for your side (contacts are shared once both sides confirmed)",
          responses=documented(200, "Confirmed", ERRORS_SIGNED_IN, NOT_FOUND, CONFLICT))
def confirm_possible_match(id: InitiativeId, other: OtherInitiativeId) -> PossibleMatchOut:
    return _answer(id, other, Answer.CONFIRMED)


@app.post("/initiatives/<id>/possible-matches/<other>/decline", tags=TAGS, security=SIGNED_IN,
          summary="Decline a possible match: nothing is shared, and the pair is not proposed again",
          responses=documented(200, "Declined", ERRORS_SIGNED_IN, NOT_FOUND, CONFLICT))
def decline_possible_match(id: InitiativeId, other: OtherInitiativeId) -> PossibleMatchOut:
    return _answer(id, other, Answer.DECLINED)


ROUTES = TwinningRoutes(
    collection="initiatives", item_id=InitiativeId, out=InitiativeOut, create_body=InitiativeCreate,
    create=Initiatives.publish, created_metric="InitiativePublished", patch_body=InitiativePatch,
    status_body=InitiativeStatusChange,
    texts={"create": ("Publish a need or an offer on behalf of your verified association", "Published (open)"),
           "get": ("One need or offer", "The initiative; reach it through its association"),
           "update": ("Edit an initiative (its association's editors, admins)", "Updated"),
           "status": ("Mark an initiative matched, open again or closed (its editors, moderators)", "Changed"),
           "hide": ("Hide an initiative (moderators)", "Hidden"),
           "restore": ("Show a hidden initiative again (moderators)", "Visible again")})
add_item_routes(app, ROUTES, initiatives)


lambda_handler = api.make_handler(app)
# Built during init, so SnapStart's snapshot holds the DynamoDB client (~40 ms) instead of each restore.
dynamodb()
init_done()
