"""Associations API: the public directory, registration and editing, editors, moderation."""

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
from hromada.domain.associations import Associations
from hromada.domain.ports import DirectoryQuery
from hromada.models.association import (
    AssociationCreate,
    AssociationForModeration,
    AssociationNumbersOut,
    AssociationOut,
    AssociationPatch,
    Category,
    Decision,
    DepartmentCode,
    EditorIn,
    EditorOut,
    Language,
    NextEventOut,
    RegionCode,
    Status,
    VerifyDecision,
)
from hromada.models.common import Limit, Page
from hromada.models.figures import FiguresOut, MonthFiguresOut
from hromada.models.ids import ASSOCIATION
from hromada.observability import metrics
from hromada.reference.text import fold
from hromada.store.associations import DynamoAssociationStore
from hromada.store.client import dynamodb

app = api.create_app()
TAGS = ["associations"]
IdOrSlug = Annotated[str, Path(min_length=3, max_length=80, description="Association id (as_...) or slug")]


@cache
def associations() -> Associations:
    from hromada.bus import OutboxPublisher

    return Associations(DynamoAssociationStore(), publisher=OutboxPublisher())


def _editable(association) -> AssociationOut:
    return AssociationOut.for_editor(association)


@app.get("/associations", tags=TAGS, summary="Browse the directory of verified associations",
         responses=documented(200, "A page of verified associations", ERRORS_PUBLIC))
def list_associations(
    region: Annotated[RegionCode | None, Query(description="INSEE region code, e.g. 76")] = None,
    department: Annotated[DepartmentCode | None, Query(description="Department code, e.g. 31")] = None,
    category: Annotated[Category | None, Query()] = None,
    language: Annotated[Language | None, Query()] = None,
    q: Annotated[str | None, Query(min_length=2, max_length=100, description="Free text")] = None,
    limit: Annotated[Limit, Query()] = 20,
    cursor: Annotated[str | None, Query(max_length=1000)] = None,
) -> Page[AssociationOut]:
    found = associations().directory(DirectoryQuery(
        region=region, department=department, category=category, language=language,
        text=fold(q) if q else None, limit=limit, cursor=cursor))
    return Page[AssociationOut](items=[AssociationOut.public(a) for a in found.items], next_cursor=found.next_cursor)


@app.get("/associations/<id>", tags=TAGS, summary="One verified association, by id or slug",
         responses=documented(200, "The association", ERRORS_PUBLIC, NOT_FOUND))
def get_association(id: IdOrSlug) -> Response[AssociationOut]:
    association = associations().public(id)
    return Response(200, "application/json", AssociationOut.public(association),
                    headers={"Cache-Control": "public, max-age=60"})


@app.post("/associations", tags=TAGS, summary="Register an association (you become its owner; pending)",
          security=SIGNED_IN,
          responses=documented(201, "Registered, waiting for verification", ERRORS_SIGNED_IN, CONFLICT))
def register_association(body: AssociationCreate) -> Response[AssociationOut]:
    association = associations().register(api.principal(app), body)
    metrics.add_metric(name="AssociationRegistered", unit="Count", value=1)
    return Response(201, "application/json", _editable(association),
                    headers={"Location": f"/associations/{association.id}"})


@app.patch("/associations/<id>", tags=TAGS, summary="Edit an association (owner, editors, admins)",
           security=SIGNED_IN, responses=documented(200, "Updated", ERRORS_SIGNED_IN, NOT_FOUND, CONFLICT))
def update_association(id: IdOrSlug, body: AssociationPatch) -> AssociationOut:
    return _editable(associations().update(api.principal(app), id, body))


@app.post("/associations/<id>/verify", tags=["moderation"], summary="Verify an association (moderators)",
          security=SIGNED_IN, responses=documented(200, "Verified", ERRORS_SIGNED_IN, NOT_FOUND, CONFLICT))
def verify_association(id: IdOrSlug, body: VerifyDecision) -> AssociationOut:
    return _editable(associations().verify(api.principal(app), id, body.note))


@app.post("/associations/<id>/reject", tags=["moderation"], summary="Reject an association with a reason",
          security=SIGNED_IN, responses=documented(200, "Rejected", ERRORS_SIGNED_IN, NOT_FOUND, CONFLICT))
def reject_association(id: IdOrSlug, body: Decision) -> AssociationOut:
    return _editable(associations().reject(api.principal(app), id, body.reason))


@app.get("/moderation/associations", tags=["moderation"], summary="Associations waiting for a decision",
         security=SIGNED_IN, responses=documented(200, "A page of the queue", ERRORS_SIGNED_IN))
def moderation_queue(
    status: Annotated[Status, Query()] = Status.PENDING,
    limit: Annotated[Limit, Query()] = 20,
    cursor: Annotated[str | None, Query(max_length=1000)] = None,
) -> Page[AssociationForModeration]:
    found = associations().moderation_queue(api.principal(app), status, limit, cursor)
    return Page[AssociationForModeration](items=[AssociationForModeration.of(a) for a in found.items],
                                          next_cursor=found.next_cursor)


@app.get("/associations/<id>/editors", tags=TAGS, summary="Who edits this association",
         security=SIGNED_IN, responses=documented(200, "Owner and co-editors", ERRORS_SIGNED_IN, NOT_FOUND))
def list_editors(id: IdOrSlug) -> list[EditorOut]:
    return [EditorOut(email=e.email, role=e.role, added_at=e.added_at)
            for e in associations().editors(api.principal(app), id)]


@app.get("/associations/<id>/numbers", tags=TAGS,
         summary="Key numbers for the dashboard: upcoming events, registrations, followers (owner, editors)",
         security=SIGNED_IN, responses=documented(200, "The numbers", ERRORS_SIGNED_IN, NOT_FOUND))
def association_numbers(id: IdOrSlug) -> Response[AssociationNumbersOut]:
    n = associations().numbers(api.principal(app), id)
    out = AssociationNumbersOut(
        upcoming_events=n.upcoming_events, registrations=n.registrations, waitlisted=n.waitlisted,
        followers=n.followers,
        next_event=NextEventOut(id=n.next_event.id, title=n.next_event.title, start=n.next_event.start)
        if n.next_event else None)
    return Response(200, "application/json", out, headers={"Cache-Control": "private, no-store"})


@app.get("/associations/<id>/figures", tags=TAGS,
         summary="The association's figures by month over the last 12 months (owner, editors)",
         security=SIGNED_IN, responses=documented(200, "The figures", ERRORS_SIGNED_IN, NOT_FOUND))
def association_figures(id: Annotated[str, Path(pattern=ASSOCIATION, description="Association id (as_...)")]
                        ) -> Response[FiguresOut]:
    from hromada.domain.figures import AssociationFigures
    from hromada.store.figures import DynamoFigures

    found = AssociationFigures(DynamoFigures()).of(api.principal(app), id)
    out = FiguresOut(association_id=found.association_id, upcoming_events=found.upcoming_events,
                     upcoming_registrations=found.upcoming_registrations,
                     months=[MonthFiguresOut(month=m.month, events=m.events, registrations=m.registrations,
                                             confirmed=m.confirmed, attendance=m.attendance, reached=m.reached,
                                             followers=m.followers)
                             for m in found.months])
    return Response(200, "application/json", out, headers={"Cache-Control": "private, no-store"})


@app.post("/associations/<id>/editors", tags=TAGS, summary="Add a co-editor by e-mail (owner)",
          security=SIGNED_IN, responses=documented(201, "Added", ERRORS_SIGNED_IN, NOT_FOUND, CONFLICT))
def add_editor(id: IdOrSlug, body: EditorIn) -> Response[EditorOut]:
    editor = associations().add_editor(api.principal(app), id, body.email)
    return Response(201, "application/json", EditorOut(email=editor.email, role=editor.role,
                                                       added_at=editor.added_at))


@app.delete("/associations/<id>/editors/<email>", tags=TAGS,
            summary="Remove a co-editor (owner), or step down yourself",
            security=SIGNED_IN, responses=documented(204, "Removed", ERRORS_SIGNED_IN, NOT_FOUND, CONFLICT))
def remove_editor(id: IdOrSlug, email: Annotated[str, Path(min_length=3, max_length=254)]) -> Response[None]:
    associations().remove_editor(api.principal(app), id, email.strip().lower())
    return Response(204, None, "")


lambda_handler = api.make_handler(app)
# Built during init, so SnapStart's snapshot holds the DynamoDB client (~40 ms) instead of each restore.
dynamodb()
init_done()
