"""Acting on behalf of an association: who the caller speaks for, and what a lost guard means."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from hromada.auth import Principal
from hromada.domain.ports import ConditionFailed
from hromada.domain.twinning_ports import ActingEditor, AssociationLookup, Lookup
from hromada.errors import Conflict, Forbidden, NotFound
from hromada.models.association import Status


def acting_editor(store: AssociationLookup, principal: Principal, association_ids: list[str]) -> ActingEditor:
    """The caller acts for the first of these associations they edit (editors are known by verified e-mail)."""
    principal.require_verified_email()
    edited = store.lookup(association_ids, principal.email, profiles=False).edited
    acting = next((a for a in association_ids if a in edited), None)
    if acting is None:
        raise Forbidden()
    return ActingEditor(acting, principal.email)


def claimed_editor(principal: Principal, association_id: str) -> ActingEditor:
    """The caller acting for the one association that owns the item. Not read first: the write's transaction
    checks their editor item (guarded_write turns a failed check into 403)."""
    principal.require_verified_email()
    return ActingEditor(association_id, principal.email)


def speaking_for(store: AssociationLookup, principal: Principal, association_id: str,
                 others: list[str] | None = None) -> Lookup:
    """Creating on behalf of an association: it exists, the caller edits it, and it is verified.
    The other associations named are read in the same call."""
    principal.require_verified_email()
    found = store.lookup([association_id, *(others or [])], principal.email, profiles=True)
    association = found.associations.get(association_id)
    if association is None:
        raise NotFound("association_not_found")
    if association_id not in found.edited:
        raise Forbidden()
    if association.status != Status.VERIFIED:
        raise Forbidden("association_not_verified")
    return found


@contextmanager
def guarded_write() -> Iterator[None]:
    """An editor removed meanwhile is refused; any other lost guard means the item changed meanwhile."""
    try:
        yield
    except ConditionFailed as failed:
        if failed.which == "editor":
            raise Forbidden() from failed
        raise Conflict("changed_meanwhile") from failed
