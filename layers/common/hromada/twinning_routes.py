"""The routes partnerships and initiatives share, added by each of the two functions for its own kind:
create on behalf of an association, one item, edit, change the status, hide, restore.

What differs between the kinds (paths, models, views, texts of the API documentation) is the kind's
TwinningRoutes; the kind's own routes (the directory, matching, confirming...) stay in its function.
"""

# No `from __future__ import annotations` here: the routes' signatures are made of the kind's types, and
# Powertools reads them from the annotations (strings would be looked up in this module, where they are not).

from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Any

from aws_lambda_powertools.event_handler import APIGatewayHttpResolver, Response
from aws_lambda_powertools.event_handler.openapi.params import Path

from hromada.api import CONFLICT, ERRORS_PUBLIC, ERRORS_SIGNED_IN, NOT_FOUND, SIGNED_IN, documented, principal
from hromada.auth import Principal
from hromada.domain.twinning import Twinning
from hromada.models import ids
from hromada.models.twinning import ActNote, HidingReason, TwinningOut
from hromada.observability import metrics

AssociationId = Annotated[str, Path(pattern=ids.ASSOCIATION, description="Your association's id (as_...)")]


@dataclass(frozen=True)
class TwinningRoutes:
    collection: str  # the paths' first segment, and the tag: partnerships, initiatives
    item_id: Any  # the {id} path parameter (Annotated)
    out: type[TwinningOut]  # the response model: its public view, or its editors' after they acted
    create_body: type
    create: Callable[[Any, Principal, str, Any], Any]  # (service, caller, association id, body) -> the new item
    created_metric: str
    patch_body: type
    status_body: type
    # The API documentation's texts: route (create, get, update, status, hide, restore) -> (summary, success)
    texts: dict[str, tuple[str, str]]


def add_item_routes(app: APIGatewayHttpResolver, kind: TwinningRoutes, service: Callable[[], Twinning]) -> None:
    # The kind's types, named for the signatures below.
    Id, Out = kind.item_id, kind.out
    CreateBody, PatchBody, StatusBody = kind.create_body, kind.patch_body, kind.status_body
    tags, path = [kind.collection], f"/{kind.collection}/<id>"

    def signed_in(route: str, status: int = 200) -> dict[str, Any]:
        summary, success = kind.texts[route]
        return {"summary": summary, "security": SIGNED_IN,
                "responses": documented(status, success, ERRORS_SIGNED_IN, NOT_FOUND, CONFLICT)}

    @app.post(f"/associations/<id>/{kind.collection}", tags=tags, **signed_in("create", 201))
    def create(id: AssociationId, body: CreateBody) -> Response[Out]:
        item = kind.create(service(), principal(app), id, body)
        metrics.add_metric(name=kind.created_metric, unit="Count", value=1)
        return Response(201, "application/json", Out.for_editors(item),
                        headers={"Location": f"/{kind.collection}/{item.id}"})

    @app.get(path, tags=tags, summary=kind.texts["get"][0],
             responses=documented(200, kind.texts["get"][1], ERRORS_PUBLIC, NOT_FOUND))
    def get_one(id: Id) -> Response[Out]:
        return Response(200, "application/json", Out.public(service().public(id)),
                        headers={"Cache-Control": "public, max-age=60"})

    @app.patch(path, tags=tags, **signed_in("update"))
    def update(id: Id, body: PatchBody) -> Out:
        return Out.for_editors(service().update(principal(app), id, body))

    @app.post(f"{path}/status", tags=tags, **signed_in("status"))
    def change_status(id: Id, body: StatusBody) -> Out:
        return Out.for_editors(service().change_status(principal(app), id, body.status, body.note))

    @app.post(f"{path}/hide", tags=["moderation"], **signed_in("hide"))
    def hide(id: Id, body: HidingReason) -> Out:
        return Out.for_editors(service().hide(principal(app), id, body.reason))

    @app.post(f"{path}/restore", tags=["moderation"], **signed_in("restore"))
    def restore(id: Id, body: ActNote) -> Out:
        return Out.for_editors(service().restore(principal(app), id, body.note))
