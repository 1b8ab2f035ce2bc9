"""Claims API: the registry of claims spread to mislead, their addresses, verdicts and linked fact-checks."""

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
from hromada.domain.claim_ports import ClaimQuery
from hromada.domain.claims import Claims
from hromada.models import ids
from hromada.models.announcement import Announcement
from hromada.models.claim import (
    Claim,
    ClaimCreate,
    ClaimHistoryOut,
    ClaimOut,
    ClaimPatch,
    FactCheckLink,
    FactCheckOut,
    Verdict,
)
from hromada.models.common import Limit, Page
from hromada.observability import metrics
from hromada.reference.text import fold
from hromada.store.claims import DynamoClaimStore
from hromada.store.client import dynamodb

app = api.create_app()
TAGS = ["claims"]
ClaimId = Annotated[str, Path(pattern=r"^cl_[0-9a-f]{20}$", description="Claim id (cl_...)")]
AnnouncementId = Annotated[str, Path(pattern=ids.ANNOUNCEMENT, description="Announcement id (an_...)")]


@cache
def claims() -> Claims:
    return Claims(DynamoClaimStore())


def _out(c: Claim, fact_checks: dict[str, Announcement]) -> ClaimOut:
    linked = [fact_checks[f] for f in c.fact_checks if f in fact_checks]
    return ClaimOut(id=c.id, text=c.text, verdict=c.verdict, first_seen_on=c.first_seen_on,
                    first_seen_where=c.first_seen_where, urls=c.urls, created_at=c.created_at,
                    updated_at=c.updated_at, version=c.version,
                    fact_checks=[FactCheckOut(id=a.id, title=a.title, association_name=a.association_name,
                                              created_at=a.created_at) for a in linked])


def _one(c: Claim) -> ClaimOut:
    return _out(c, claims().fact_checks_of([c]))


@app.get("/claims", tags=TAGS, summary="The claims registry, last edited first",
         description="`q` searches the claim's text in every language, where it was first seen and its addresses "
                     "(case and accents ignored); an address is matched in its normalised form.",
         responses=documented(200, "A page of claims (it may hold fewer than `limit`: follow next_cursor)",
                              ERRORS_PUBLIC))
def list_claims(
    q: Annotated[str | None, Query(min_length=2, max_length=100, description="Free text")] = None,
    verdict: Annotated[Verdict | None, Query()] = None,
    fact_check: Annotated[str | None, Query(pattern=ids.ANNOUNCEMENT,
                                            description="A fact-check announcement: the claims it answers")] = None,
    limit: Annotated[Limit, Query()] = 20,
    cursor: Annotated[str | None, Query(max_length=1000)] = None,
) -> Response[Page[ClaimOut]]:
    found = claims().listing(ClaimQuery(text=fold(q) if q else None, verdict=verdict.value if verdict else None,
                                        fact_check=fact_check, limit=limit, cursor=cursor))
    linked = claims().fact_checks_of(found.items)
    page = Page[ClaimOut](items=[_out(c, linked) for c in found.items], next_cursor=found.next_cursor)
    return Response(200, "application/json", page, headers={"Cache-Control": "public, max-age=60"})


@app.get("/claims/<id>", tags=TAGS, summary="One claim with its verdict and visible fact-checks",
         responses=documented(200, "The claim", ERRORS_PUBLIC, NOT_FOUND))
def get_claim(id: ClaimId) -> Response[ClaimOut]:
    return Response(200, "application/json", _one(claims().get(id)), headers={"Cache-Control": "public, max-age=60"})


@app.post("/claims", tags=TAGS, summary="Record a claim (moderators)",
          description="Addresses are normalised; each belongs to one claim only (409 `claim_url_taken`).",
          security=SIGNED_IN, responses=documented(201, "Recorded", ERRORS_SIGNED_IN, CONFLICT))
def create_claim(body: ClaimCreate) -> Response[ClaimOut]:
    created = claims().create(api.principal(app), body)
    metrics.add_metric(name="ClaimRecorded", unit="Count", value=1)
    return Response(201, "application/json", _out(created, {}), headers={"Location": f"/claims/{created.id}"})


@app.patch("/claims/<id>", tags=TAGS, summary="Edit a claim: text, verdict, addresses (moderators)",
           security=SIGNED_IN, responses=documented(200, "Updated", ERRORS_SIGNED_IN, NOT_FOUND, CONFLICT))
def update_claim(id: ClaimId, body: ClaimPatch) -> ClaimOut:
    return _one(claims().update(api.principal(app), id, body))


@app.get("/claims/<id>/history", tags=TAGS, summary="A claim's edit history: who changed what, when (moderators)",
         security=SIGNED_IN, responses=documented(200, "Newest first", ERRORS_SIGNED_IN, NOT_FOUND))
def claim_history(id: ClaimId) -> Response[ClaimHistoryOut]:
    changes = ClaimHistoryOut(items=claims().history(api.principal(app), id))
    return Response(200, "application/json", changes, headers={"Cache-Control": "private, no-store"})


@app.post("/claims/<id>/fact-checks", tags=TAGS, summary="Link a fact-check announcement to a claim (moderators)",
          security=SIGNED_IN, responses=documented(200, "Linked", ERRORS_SIGNED_IN, NOT_FOUND, CONFLICT))
def link_fact_check(id: ClaimId, body: FactCheckLink) -> ClaimOut:
    return _one(claims().link(api.principal(app), id, body.announcement_id))


@app.delete("/claims/<id>/fact-checks/<announcement_id>", tags=TAGS,
            summary="Unlink a fact-check announcement from a claim (moderators)",
            security=SIGNED_IN, responses=documented(200, "Unlinked", ERRORS_SIGNED_IN, NOT_FOUND, CONFLICT))
def unlink_fact_check(id: ClaimId, announcement_id: AnnouncementId) -> ClaimOut:
    return _one(claims().unlink(api.principal(app), id, announcement_id))


lambda_handler = api.make_handler(app)
dynamodb()
init_done()
