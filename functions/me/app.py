"""The signed-in person: profile, roles and the associations they edit."""

from __future__ import annotations

from functools import cache

from hromada.api import ERRORS_SIGNED_IN, create_app, documented, make_handler, principal
from hromada.domain.associations import Associations
from hromada.models.association import AssociationOut, Membership, MeOut
from hromada.store.associations import DynamoAssociationStore
from hromada.store.client import dynamodb

app = create_app()


@cache
def associations() -> Associations:
    return Associations(DynamoAssociationStore())


@app.get("/me", tags=["me"], summary="My profile, roles and memberships",
         security=[{"cognito": []}], responses=documented(200, "Who I am", ERRORS_SIGNED_IN))
def me() -> MeOut:
    caller = principal(app)
    memberships = [Membership(role=link.role, association=AssociationOut.for_editor(association))
                   for link, association in associations().memberships(caller)]
    return MeOut(id=caller.user_id, email=caller.email, email_verified=caller.email_verified, name=caller.name,
                 roles=caller.roles, groups=sorted(caller.groups), memberships=memberships)


lambda_handler = make_handler(app)
# Built during init, so SnapStart's snapshot holds the DynamoDB client (~40 ms) instead of each restore.
dynamodb()
