"""Announcement use cases: post, edit, delete, find."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import nullcontext
from dataclasses import replace
from datetime import datetime
from typing import Any

from hromada.auth import Principal
from hromada.domain import markdown
from hromada.domain.announcement_ports import AnnouncementQuery, AnnouncementStore
from hromada.domain.clock import new_id
from hromada.domain.events import utc_clock
from hromada.domain.ports import AssociationStore, ConditionFailed
from hromada.domain.publishing import confirm_editor, editor_email, validate_whole, verified_association
from hromada.errors import Conflict, Forbidden, Invalid, NotFound
from hromada.models.announcement import (
    Announcement,
    AnnouncementCreate,
    AnnouncementDraft,
    AnnouncementPatch,
    AnnouncementType,
    ProjectNeed,
)
from hromada.models.common import Page
from hromada.reference import geography, times

ID_PREFIX = "an"
EDITABLE = tuple(AnnouncementDraft.model_fields)


def check_kind(draft: AnnouncementDraft) -> None:
    """What each type of announcement must (and must not) carry."""
    project = draft.type == AnnouncementType.PROJECT
    donations = ProjectNeed.DONATIONS in draft.needs
    if project and not draft.needs:
        raise Invalid("needs", "say what the project needs: volunteers, donations and/or goods")
    if not project and draft.needs:
        raise Invalid("needs", "only projects list needs")
    if donations and (draft.donation_target_eur is None or draft.donation_url is None):
        field = "donation_target_eur" if draft.donation_target_eur is None else "donation_url"
        raise Invalid(field, "a call for donations gives its target and the page to give on")
    if not donations and (draft.donation_target_eur is not None or draft.donation_url is not None):
        field = "donation_target_eur" if draft.donation_target_eur is not None else "donation_url"
        raise Invalid(field, "only a project seeking donations has a donation target and link")
    if draft.type == AnnouncementType.FACT_CHECK and not draft.sources:
        raise Invalid("sources", "a fact-check lists its sources")


def expiry(draft: AnnouncementDraft, now: datetime, previous: str | None) -> str | None:
    if draft.expires_at is None:
        return None
    try:
        instant = times.to_utc(draft.expires_at, times.DEFAULT_ZONE)
    except times.LocalTimeError as error:
        raise Invalid("expires_at", str(error)) from error
    except (OverflowError, ValueError) as error:
        raise Invalid("expires_at", "out of range") from error
    value = times.iso(instant)
    if value != previous and instant <= now:
        raise Invalid("expires_at", "the expiry must be in the future")
    return value


class Announcements:
    def __init__(self, store: AnnouncementStore, associations: AssociationStore,
                 now: Callable[[], datetime] = utc_clock, make_id: Callable[[str], str] = new_id,
                 publisher: Any = None, campaign_check: Callable[[str, None], object] | None = None):
        self.campaign_check = campaign_check  # raises when the announcement may not join that campaign
        self.store = store
        self.associations = associations
        self.now = now
        self.make_id = make_id
        self.publisher = publisher  # domain events: followers of the association are told

    def get(self, announcement_id: str) -> Announcement:
        found = self.store.get(announcement_id)
        if found is None:
            raise NotFound("announcement_not_found")
        return found

    def public(self, announcement_id: str) -> Announcement:
        """A hidden announcement does not exist for visitors."""
        announcement = self.get(announcement_id)
        if announcement.hidden:
            raise NotFound("announcement_not_found")
        return announcement

    def listing(self, query: AnnouncementQuery) -> Page[Announcement]:
        if query.region is not None and not geography.is_region(query.region):
            raise Invalid("region", f"unknown INSEE region code {query.region!r}")
        found = self.store.list(replace(query, now=times.iso(self.now())))
        found.items = [a for a in found.items if not a.hidden]  # the page may be shorter: follow the cursor
        return found

    def create(self, principal: Principal, association_ref: str, data: AnnouncementCreate) -> Announcement:
        editor = editor_email(principal)
        association = verified_association(self.associations, association_ref)
        draft = validate_whole(AnnouncementDraft, data.model_dump())
        check_kind(draft)
        now = times.iso(self.now())
        announcement = Announcement(
            **self._fields(draft, previous_expiry=None, render=True),
            id=self.make_id(ID_PREFIX), association_id=association.id, association_name=association.name,
            association_slug=association.slug, created_at=now, updated_at=now, created_by=principal.user_id)
        if announcement.campaign_id and self.campaign_check is not None:
            self.campaign_check(announcement.campaign_id, None)
        from hromada.domain.event_ports import DomainEvent

        published = [] if self.publisher is None else [DomainEvent("AnnouncementPublished", {
            "announcement_id": announcement.id, "association_id": announcement.association_id})]
        try:
            with self.publisher.staged(published) if published else nullcontext():
                self.store.create(announcement, editor_email=editor)
        except ConditionFailed as failed:
            if failed.which == "editor":
                raise Forbidden() from failed
            if failed.which == "campaign":
                raise Invalid("campaign_id", "this campaign is archived", code="campaign_archived") from failed
            raise Conflict("association_not_verified") from failed
        return announcement

    def update(self, principal: Principal, announcement_id: str, patch: AnnouncementPatch) -> Announcement:
        current = self.get(announcement_id)
        editor = editor_email(principal)
        changes = patch.model_dump(exclude_unset=True)
        stored = current.model_dump(include=set(EDITABLE), exclude_none=True)
        draft = validate_whole(AnnouncementDraft, stored | changes)
        check_kind(draft)
        fields = self._fields(draft, previous_expiry=current.expires_at, render="body" in changes)
        before = current.model_dump()
        if all(before.get(k) == v for k, v in fields.items()):
            confirm_editor(self.store, current.association_id, editor)  # nothing to write, but still only theirs
            return current
        updated = Announcement.model_validate(before | fields | {
            "updated_at": times.iso(self.now()), "version": current.version + 1})
        attaching = bool(updated.campaign_id) and updated.campaign_id != current.campaign_id
        if attaching and self.campaign_check is not None:
            self.campaign_check(updated.campaign_id, None)  # type: ignore[arg-type]
        campaign = {k: v for k, v in {"attaching": attaching,
                                      "detaching": bool(current.campaign_id) and not updated.campaign_id}.items() if v}
        try:
            self.store.save(updated, current.version, editor_email=editor, **campaign)
        except ConditionFailed as failed:
            if failed.which == "editor":
                raise Forbidden() from failed
            if failed.which == "campaign":
                raise Invalid("campaign_id", "this campaign is archived", code="campaign_archived") from failed
            raise Conflict("concurrent_announcement_update") from failed
        return updated

    def delete(self, principal: Principal, announcement_id: str) -> None:
        current = self.get(announcement_id)
        editor = editor_email(principal)
        from hromada.domain.event_ports import DomainEvent

        # Its shifts are cancelled after the delete, from this event (written in the delete's transaction, so
        # neither happens without the other): their volunteers are mailed, their items removed. The event
        # carries what the mail shows, the announcement being gone by then.
        deleted = [] if self.publisher is None else [DomainEvent("AnnouncementDeleted", {
            "announcement_id": current.id, "association_id": current.association_id,
            "association_name": current.association_name, "title": dict(current.title)})]
        try:
            with self.publisher.staged(deleted) if deleted else nullcontext():
                self.store.delete(current.id, current.association_id, editor_email=editor)
        except ConditionFailed as failed:
            if failed.which == "editor":
                raise Forbidden() from failed
            raise NotFound("announcement_not_found") from failed

    # ------------------------------------------------------------ helpers
    def _fields(self, draft: AnnouncementDraft, *, previous_expiry: str | None, render: bool) -> dict[str, Any]:
        fields = draft.model_dump(exclude={"expires_at"})
        fields["expires_at"] = expiry(draft, self.now(), previous_expiry)
        if render:
            fields["body_html"] = markdown.to_html_by_language(draft.body.model_dump(exclude_none=True))
        return fields

