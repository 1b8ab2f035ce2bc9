"""Who may do what on the partnership and initiative routes, kind by kind, route by route, role by role.

"The" association (owner and editor) proposes each partnership with a territorial body as partner, so no
one but a moderator can confirm it, and publishes each initiative; other_editor edits another verified
association, no party to either.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

from tests.conftest import make_cast
from tests.integration.twinning import initiative_body, proposal_body

ROLES = ["anonymous", "member", "other_editor", "editor", "owner", "moderator", "admin"]

# kind -> route key -> expected status per role (same order as ROLES)
MATRIX: dict[str, dict[str, list[int]]] = {
    "partnership": {
        "GET /partnerships": [200, 200, 200, 200, 200, 200, 200],
        "GET /partnerships/match": [200, 200, 200, 200, 200, 200, 200],
        "GET /partnerships/{id}": [200, 200, 200, 200, 200, 200, 200],
        "GET /partnerships/{id}/contacts": [401, 403, 403, 200, 200, 200, 200],
        "POST /associations/{id}/partnerships": [401, 403, 403, 201, 201, 403, 403],
        "PATCH /partnerships/{id}": [401, 403, 403, 200, 200, 403, 200],
        "POST /partnerships/{id}/confirm": [401, 403, 403, 403, 403, 200, 200],
        "POST /partnerships/{id}/status": [401, 403, 403, 200, 200, 200, 200],
        "POST /partnerships/{id}/hide": [401, 403, 403, 403, 403, 200, 200],
        "POST /partnerships/{id}/restore": [401, 403, 403, 403, 403, 200, 200],
    },
    "initiative": {
        "GET /initiatives": [200, 200, 200, 200, 200, 200, 200],
        "GET /initiatives/{id}": [200, 200, 200, 200, 200, 200, 200],
        "GET /initiatives/{id}/matches": [200, 200, 200, 200, 200, 200, 200],
        "POST /associations/{id}/initiatives": [401, 403, 403, 201, 201, 403, 403],
        "PATCH /initiatives/{id}": [401, 403, 403, 200, 200, 403, 200],
        "POST /initiatives/{id}/status": [401, 403, 403, 200, 200, 200, 200],
        "POST /initiatives/{id}/hide": [401, 403, 403, 403, 403, 200, 200],
        "POST /initiatives/{id}/restore": [401, 403, 403, 403, 403, 200, 200],
    },
}


@dataclass(frozen=True)
class Kind:
    collection: str  # partnerships, initiatives
    body: Callable[..., dict[str, Any]]  # a valid creation body, with overrides
    patch: dict[str, Any]  # an edit
    before_status: tuple[tuple[str, dict[str, Any]], ...]  # a moderator's acts before a status change is allowed
    status: dict[str, Any]  # an allowed status change
    queries: dict[str, str]  # route -> the query it needs
    editors_only: str | None  # a read for the item's editors only (path under the item)
    sneaky: dict[str, Any]  # fields the body may not set


KINDS = {
    "partnership": Kind(
        "partnerships", proposal_body, {"title": "Occitanie – Lviv : culture et vignes"}, (("confirm", {}),),
        {"status": "signed"}, {"GET /partnerships/match": "?domain=culture&region=76"}, "/contacts",
        {"status": "active", "proposed_by": "as_00000000000000000000", "parties": [], "hidden": False}),
    "initiative": Kind(
        "initiatives", initiative_body, {"title": "Station de pompage"}, (), {"status": "matched"}, {}, None,
        {"association_id": "as_00000000000000000000", "status": "matched", "association_name": "X"}),
}
ROUTES = [(kind, route) for kind, routes in MATRIX.items() for route in sorted(routes)]
each_kind = pytest.mark.parametrize("kind", list(KINDS))


@pytest.fixture(scope="module")
def cast(person, api):
    """The people, the association, and one item of each kind it created."""
    people, association, _ = make_cast(person, api)
    items = {kind: api("POST", f"/associations/{association['id']}/{k.collection}", people["owner"],
                       json=k.body()).json() for kind, k in KINDS.items()}
    return people, association, items


def _fresh(api, people, association, kind: Kind, *then: tuple[str, dict]) -> dict:
    """A new item taken through the given acts by a moderator (one-shot routes need their own target)."""
    item = api("POST", f"/associations/{association['id']}/{kind.collection}", people["owner"], json=kind.body()).json()
    for act, body in then:
        done = api("POST", f"/{kind.collection}/{item['id']}/{act}", people["moderator"], json=body)
        assert done.status_code == 200, done.text
    return item


def _request_for(kind: Kind, route: str, api, people, association, item) -> tuple[str, str, dict | None]:
    method, template_path = route.split(" ", 1)
    target, body = item, None
    if route == f"POST /associations/{{id}}/{kind.collection}":
        return method, template_path.replace("{id}", association["id"]), kind.body()
    if method == "PATCH":
        body = kind.patch
    elif route.endswith("/confirm"):
        target, body = _fresh(api, people, association, kind), {}
    elif route.endswith("/status"):
        target, body = _fresh(api, people, association, kind, *kind.before_status), kind.status
    elif route.endswith("/hide"):
        target, body = _fresh(api, people, association, kind), {"reason": "Contenu trompeur"}
    elif route.endswith("/restore"):
        target, body = _fresh(api, people, association, kind, ("hide", {"reason": "Vérification"})), {}
    return method, template_path.replace("{id}", target["id"]) + kind.queries.get(route, ""), body


@pytest.mark.parametrize(("kind", "route"), ROUTES, ids=[route for _, route in ROUTES])
@pytest.mark.parametrize("role", ROLES)
def test_route_by_role(kind, route, role, api, cast):
    people, association, items = cast
    expected = MATRIX[kind][route][ROLES.index(role)]
    method, path, body = _request_for(KINDS[kind], route, api, people, association, items[kind])
    response = api(method, path, people.get(role), json=body)
    assert response.status_code == expected, f"{role} {method} {path}: {response.text}"
    if expected >= 400:
        error = response.json()["error"]
        assert set(error) == {"code", "message", "details"} and error["message"]


@each_kind
def test_the_body_cannot_choose_the_association_the_status_or_the_parties(kind, api, cast):
    people, association, _ = cast
    k = KINDS[kind]
    response = api("POST", f"/associations/{association['id']}/{k.collection}", people["owner"],
                   json=k.body(**k.sneaky))
    assert response.status_code == 422
    assert {d["field"] for d in response.json()["error"]["details"]} == set(k.sneaky)


@each_kind
def test_an_editor_speaks_only_for_their_own_association(kind, api, cast):
    people, association, items = cast
    k, path = KINDS[kind], f"/{KINDS[kind].collection}/{items[kind]['id']}"
    # other_editor names the association in the path: refused, whatever the body says.
    response = api("POST", f"/associations/{association['id']}/{k.collection}", people["other_editor"],
                   json=k.body())
    assert response.status_code == 403
    before = api("GET", path).json()
    assert api("PATCH", path, people["other_editor"], json={"title": "Non !"}).status_code == 403
    assert api("GET", path).json() == before


@each_kind
def test_a_removed_editor_loses_the_item_at_once(kind, api, cast, person):
    people, association, items = cast
    k, path = KINDS[kind], f"/{KINDS[kind].collection}/{items[kind]['id']}"
    temp = person(label="temp")
    api("POST", f"/associations/{association['id']}/editors", people["owner"], json={"email": temp.email})
    if k.editors_only:
        assert api("GET", f"{path}{k.editors_only}", temp).status_code == 200
    assert api("PATCH", path, temp, json={"title": "Encore le droit"}).status_code == 200
    api("DELETE", f"/associations/{association['id']}/editors/{temp.email}", people["owner"])
    if k.editors_only:
        assert api("GET", f"{path}{k.editors_only}", temp).status_code == 403
    assert api("PATCH", path, temp, json={"title": "Plus le droit"}).status_code == 403


@each_kind
def test_unverified_emails_do_not_speak_for_an_association(kind, api, cast, person):
    _, association, _ = cast
    k = KINDS[kind]
    unverified = person(verified=False, label="unverified")
    response = api("POST", f"/associations/{association['id']}/{k.collection}", unverified, json=k.body())
    assert response.status_code == 403 and response.json()["error"]["code"] == "email_not_verified"


@each_kind
def test_a_pending_association_cannot_create(kind, api, new_association):
    pending, owner = new_association()
    k = KINDS[kind]
    response = api("POST", f"/associations/{pending['id']}/{k.collection}", owner, json=k.body())
    assert response.status_code == 403 and response.json()["error"]["code"] == "association_not_verified"
