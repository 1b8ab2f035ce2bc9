"""What the pictures use case needs from storage: the items pictures are set on, and the files."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from hromada.models.picture import Picture, PictureTarget


@dataclass(frozen=True)
class Owned:
    """An item that may carry a picture: the association whose editors may set it, and its picture now."""

    association_id: str
    picture: Picture | None


class PictureTargets(Protocol):
    def owner(self, target: PictureTarget, item_id: str) -> Owned | None: ...

    def is_editor(self, association_id: str, email: str) -> bool: ...

    def set_picture(self, target: PictureTarget, item_id: str, association_id: str, picture: Picture | None, *,
                    editor_email: str | None) -> None:
        """Raises ConditionFailed("editor") when the editor no longer edits it, ("missing") when it is gone."""


class PictureFiles(Protocol):
    def presign(self, key: str, content_type: str, max_bytes: int, seconds: int) -> tuple[str, dict[str, str]]: ...

    def read_upload(self, key: str, max_bytes: int) -> bytes | None:
        """The uploaded file, or None when there is none; PayloadTooLarge beyond max_bytes."""

    def discard_upload(self, key: str) -> None: ...

    def publish(self, key: str, data: bytes, content_type: str) -> None: ...

    def unpublish(self, keys: list[str]) -> None: ...
