"""What publishing events and announcements share: who may publish for whom, whole-record validation."""

from __future__ import annotations

from typing import Any, Protocol, TypeVar

from pydantic import BaseModel, ValidationError

from hromada.auth import Principal
from hromada.domain.associations import is_association_id
from hromada.domain.ports import AssociationStore, ConditionFailed
from hromada.errors import Conflict, Forbidden, Invalid, NotFound
from hromada.models.association import Association, Status

M = TypeVar("M", bound=BaseModel)


def verified_association(store: AssociationStore, ref: str) -> Association:
    """The association by id or slug; only a verified one publishes."""
    found = store.get(ref) if is_association_id(ref) else store.get_by_slug(ref)
    if found is None:
        raise NotFound("association_not_found")
    if found.status != Status.VERIFIED:
        raise Conflict("association_not_verified")
    return found


def editor_email(principal: Principal) -> str | None:
    """Whose editor item the write is conditioned on: none for admins; editors need a verified e-mail."""
    if principal.is_admin:
        return None
    principal.require_verified_email()
    return principal.email


class EditorConfirmation(Protocol):
    def confirm_editor(self, association_id: str, email: str | None) -> None: ...


def confirm_editor(store: EditorConfirmation, association_id: str, editor: str | None) -> None:
    """Editorship is checked by each write's transaction (no read of its own); a request that writes
    nothing has it checked the same way, alone: 403 unless `editor` (None: staff) edits the association."""
    try:
        store.confirm_editor(association_id, editor)
    except ConditionFailed as failed:
        raise Forbidden() from failed


def validate_whole(model: type[M], data: dict[str, Any]) -> M:
    """A patch merged into the stored record, validated as a whole (422 naming the first bad field)."""
    try:
        return model.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        raise Invalid(".".join(str(p) for p in first["loc"]) or "body", first["msg"]) from error
