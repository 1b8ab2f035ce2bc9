"""What partnerships and initiatives share, written once: read, edit, move along the status table, hide.

Each kind declares what differs (TwinningKind): its name, its editable content, its statuses, who edits an
item, what a status change tells the outside world. Creating an item and the kind's own acts (confirming a
partnership, matching an initiative) live in the kind's module (hromada.domain.partnerships, .initiatives).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from contextlib import nullcontext
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ValidationError

from hromada.auth import Principal
from hromada.domain.acting import guarded_write
from hromada.domain.clock import new_id, utc_now
from hromada.domain.event_ports import DomainEvent, Publisher
from hromada.domain.ports import AuditEntry
from hromada.domain.twinning_events import NoNotifications, Notifications, TwinningEvent
from hromada.domain.twinning_ports import ActingEditor, AssociationLookup, Listed, ListQuery, MatchIndex, TwinningStore
from hromada.errors import Conflict, Invalid, NotFound
from hromada.models.twinning import TwinningRecord

Item = TypeVar("Item", bound=TwinningRecord)  # Partnership or Initiative (each with its own `status`)


@dataclass(frozen=True)
class TwinningKind(Generic[Item]):
    name: str  # in audit actions: partnership.updated
    id_prefix: str
    missing: Callable[[], NotFound]  # the error for an id that names no visible item
    content: type[BaseModel]  # what an edit may change; a patch merged into it is validated as a whole
    status: type[StrEnum]
    next: Mapping[Any, frozenset[Any]]  # the status table: where an item may go from each status
    editor: Callable[[AssociationLookup, Principal, Item], ActingEditor]  # who edits an item, else Forbidden
    status_changed: Callable[[Item, Any], TwinningEvent]  # (the item before the move, the status reached)
    stamps: Mapping[Any, str] = field(default_factory=dict)  # a status reached -> the field dated then


class Twinning(Generic[Item]):
    kind: TwinningKind[Item]

    def __init__(self, store: TwinningStore[Item], matches: MatchIndex, notifications: Notifications | None = None,
                 now: Callable[[], str] = utc_now, make_id: Callable[[str], str] = new_id,
                 publisher: Publisher | None = None):
        self.store = store
        self.publisher = publisher  # the outbox: follow-ups written in the transaction of the write they follow
        self.matches = matches
        self.notifications = notifications or NoNotifications()
        self.now = now
        self.make_id = make_id

    # ------------------------------------------------------------ reading
    def find(self, item_id: str) -> Item:
        found = self.store.get(item_id)
        if found is None:
            raise self.kind.missing()
        return found

    def public(self, item_id: str) -> Item:
        """A hidden item does not exist for visitors."""
        item = self.find(item_id)
        if item.hidden:
            raise self.kind.missing()
        return item

    def directory(self, query: ListQuery) -> Listed[Item]:
        found = self.store.list(query)
        # Hidden by reports (the item keeps its index keys until its next write): the page may be shorter.
        found.items = [i for i in found.items if not i.hidden]
        return found

    # ------------------------------------------------------------ writing
    def update(self, principal: Principal, item_id: str, patch: BaseModel) -> Item:
        """The item's editors keep the content up to date; admins may correct it."""
        current = self.find(item_id)
        editor = None if principal.is_admin else self.kind.editor(self.store, principal, current)
        merged = current.model_dump(include=set(self.kind.content.model_fields)) | patch.model_dump(exclude_unset=True)
        try:
            content = self.kind.content.model_validate(merged)
        except ValidationError as error:
            first = error.errors()[0]
            raise Invalid(".".join(str(p) for p in first["loc"]) or "body", first["msg"]) from error
        now = self.now()
        updated = current.model_copy(update=dict(content) | {"updated_at": now, "version": current.version + 1})
        self._save(updated, current, editor, AuditEntry(
            principal.user_id, f"{self.kind.name}.updated", current.id, now,
            on_behalf_of=editor.association_id if editor else None))
        return updated

    def change_status(self, principal: Principal, item_id: str, target: StrEnum, note: str | None) -> Item:
        """The item's editors, or a moderator."""
        current = self.find(item_id)
        editor = None if principal.is_moderator else self.kind.editor(self.store, principal, current)
        return self._move(principal, current, self.kind.status(target), note, editor)

    def hide(self, principal: Principal, item_id: str, reason: str) -> Item:
        return self._set_hidden(principal, item_id, True, reason)

    def restore(self, principal: Principal, item_id: str, note: str | None) -> Item:
        return self._set_hidden(principal, item_id, False, note)

    # ------------------------------------------------------------ helpers
    def _create(self, principal: Principal, item: Item, association_id: str, action: str, *,
                verified: list[str], event: TwinningEvent) -> Item:
        """Written if the caller still edits association_id and the `verified` associations still are."""
        audit = AuditEntry(principal.user_id, f"{self.kind.name}.{action}", item.id, item.created_at,
                           on_behalf_of=association_id)
        with guarded_write(), self._staged(self._follow_ups(None, item)):
            self.store.create(item, editor=ActingEditor(association_id, principal.email), verified=verified,
                              audit=audit)
        self.notifications.publish(event)
        return item

    def _move(self, principal: Principal, current: Item, target: Any, note: str | None,
              editor: ActingEditor | None) -> Item:
        if target not in self.kind.next[current.status]:
            raise Conflict("transition_not_allowed", current=current.status.value, target=target.value)
        now = self.now()
        changes = {"status": target, "updated_at": now, "version": current.version + 1}
        if target in self.kind.stamps and getattr(current, self.kind.stamps[target], None) is None:
            changes[self.kind.stamps[target]] = now  # the first time only: the date a status was first reached
        updated = current.model_copy(update=changes)
        self._save(updated, current, editor, AuditEntry(
            principal.user_id, f"{self.kind.name}.{target.value}", current.id, now, note,
            on_behalf_of=editor.association_id if editor else None))
        self.notifications.publish(self.kind.status_changed(current, target))
        return updated

    def _set_hidden(self, principal: Principal, item_id: str, hidden: bool, reason: str | None) -> Item:
        principal.require_moderator()
        current = self.find(item_id)
        if current.hidden == hidden:
            raise Conflict("already_hidden" if hidden else "not_hidden")
        now = self.now()
        updated = current.model_copy(update={"hidden": hidden, "hidden_reason": reason if hidden else None,
                                             "updated_at": now, "version": current.version + 1})
        action = f"{self.kind.name}.hidden" if hidden else f"{self.kind.name}.restored"
        self._save(updated, current, None, AuditEntry(principal.user_id, action, current.id, now, reason))
        return updated

    def _save(self, updated: Item, previous: Item, editor: ActingEditor | None, audit: AuditEntry) -> None:
        with guarded_write(), self._staged(self._follow_ups(previous, updated)):
            self.store.save(updated, previous, editor=editor, audit=audit)

    def _follow_ups(self, previous: Item | None, updated: Item) -> list[DomainEvent]:
        """Domain events a write stages in its own transaction (a kind declares its own); none by default."""
        return []

    def _staged(self, events: list[DomainEvent]) -> Any:
        return self.publisher.staged(events) if events and self.publisher is not None else nullcontext()
