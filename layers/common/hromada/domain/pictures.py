"""Pictures on associations, events and announcements: who may upload, and what is shown.

The browser posts the file straight to a private uploads bucket (a presigned POST whose policy bounds its
size and type); the editor then asks for it to be set on the item, with its alt text. Only then is it read,
decoded and re-encoded without metadata (hromada.imaging), written where the public reads it, and recorded on
the item. A refused file leaves nothing behind: the upload is deleted, nothing is published.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from hromada import imaging
from hromada.auth import Principal
from hromada.domain.picture_ports import Owned, PictureFiles, PictureTargets
from hromada.domain.ports import ConditionFailed
from hromada.domain.publishing import editor_email
from hromada.errors import Forbidden, NotFound, PayloadTooLarge
from hromada.models.picture import (
    MAX_UPLOAD_BYTES,
    UPLOAD_SECONDS,
    Picture,
    PictureIn,
    PictureTarget,
    Rendition,
    UploadRequest,
    UploadTicket,
)

MEDIA_PREFIX = "media/"
NOT_FOUND = {PictureTarget.ASSOCIATION: "association_not_found", PictureTarget.EVENT: "event_not_found",
             PictureTarget.ANNOUNCEMENT: "announcement_not_found"}
FOLDER = {PictureTarget.ASSOCIATION: "associations", PictureTarget.EVENT: "events",
          PictureTarget.ANNOUNCEMENT: "announcements"}


def upload_key(target: PictureTarget, item_id: str, upload_id: str) -> str:
    """Where a file is posted: only the server chooses it, so a ticket is good for one item only."""
    return f"incoming/{FOLDER[target]}/{item_id}/{upload_id}"


def media_keys(picture: Picture) -> list[str]:
    return [r.src.lstrip("/") for r in (picture.card, picture.large)]


def _now() -> datetime:
    return datetime.now(UTC)


class Pictures:
    def __init__(self, targets: PictureTargets, files: PictureFiles, now: Callable[[], datetime] = _now,
                 token: Callable[[], str] = lambda: uuid.uuid4().hex, max_bytes: int = MAX_UPLOAD_BYTES):
        self.targets = targets
        self.files = files
        self.now = now
        self.token = token
        self.max_bytes = max_bytes

    def _authorized(self, principal: Principal, target: PictureTarget, item_id: str) -> tuple[Owned, str | None]:
        """The people who may edit the item: its association's owner and editors, and admins."""
        editor = editor_email(principal)
        owned = self.targets.owner(target, item_id)
        if owned is None:
            raise NotFound(NOT_FOUND[target])
        if editor is not None and not self.targets.is_editor(owned.association_id, editor):
            raise Forbidden()
        return owned, editor

    def ticket(self, principal: Principal, request: UploadRequest) -> UploadTicket:
        self._authorized(principal, request.target, request.id)
        if request.size > self.max_bytes:
            raise PayloadTooLarge("image_too_large", max_mb=self.max_bytes // (1024 * 1024))
        upload_id = self.token()
        url, fields = self.files.presign(upload_key(request.target, request.id, upload_id),
                                         request.content_type.value, self.max_bytes, UPLOAD_SECONDS)
        expires = (self.now() + timedelta(seconds=UPLOAD_SECONDS)).isoformat(timespec="seconds")
        return UploadTicket(upload_id=upload_id, url=url, fields=fields, max_bytes=self.max_bytes,
                            expires_at=expires.replace("+00:00", "Z"))

    def attach(self, principal: Principal, target: PictureTarget, item_id: str, body: PictureIn) -> Picture:
        owned, editor = self._authorized(principal, target, item_id)
        key = upload_key(target, item_id, body.upload_id)
        try:
            data = self.files.read_upload(key, self.max_bytes)
            if data is None:
                raise NotFound("upload_not_found")
            renditions = imaging.render(data)
        finally:
            self.files.discard_upload(key)
        stem = f"{MEDIA_PREFIX}{FOLDER[target]}/{item_id}/{self.token()}"
        card, large = f"{stem}-card.webp", f"{stem}-large.webp"
        self.files.publish(card, renditions.card.data, renditions.card.content_type)
        self.files.publish(large, renditions.large.data, renditions.large.content_type)
        picture = Picture(
            card=Rendition(src=f"/{card}", width=renditions.card.width, height=renditions.card.height),
            large=Rendition(src=f"/{large}", width=renditions.large.width, height=renditions.large.height),
            alt=body.alt.model_dump(), updated_at=self.now().isoformat(timespec="seconds").replace("+00:00", "Z"))
        try:
            self._record(target, item_id, owned, picture, editor)
        except BaseException:
            self.files.unpublish([card, large])
            raise
        if owned.picture is not None:
            self.files.unpublish(media_keys(owned.picture))
        return picture

    def remove(self, principal: Principal, target: PictureTarget, item_id: str) -> None:
        owned, editor = self._authorized(principal, target, item_id)
        if owned.picture is None:
            return
        self._record(target, item_id, owned, None, editor)
        self.files.unpublish(media_keys(owned.picture))

    def _record(self, target: PictureTarget, item_id: str, owned: Owned, picture: Picture | None,
                editor: str | None) -> None:
        try:
            self.targets.set_picture(target, item_id, owned.association_id, picture, editor_email=editor)
        except ConditionFailed as failed:
            if failed.which == "editor":
                raise Forbidden() from failed
            raise NotFound(NOT_FOUND[target]) from failed
