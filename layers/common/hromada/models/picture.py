"""Pictures: an association's logo, an event's poster, an announcement's image (uploaded, re-encoded, shown)."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any

from pydantic import Field, StringConstraints, model_serializer, model_validator

from hromada.models.common import Model, Strict, single_line

MAX_UPLOAD_BYTES = 5 * 1024 * 1024  # the POST policy's content-length-range, and the check on reading
UPLOAD_SECONDS = 600  # a presigned POST is good for ten minutes


class PictureTarget(StrEnum):
    ASSOCIATION = "association"
    EVENT = "event"
    ANNOUNCEMENT = "announcement"


class ImageType(StrEnum):
    JPEG = "image/jpeg"
    PNG = "image/png"
    WEBP = "image/webp"


ItemId = Annotated[str, StringConstraints(pattern=r"^[a-z]{2,4}_[A-Za-z0-9_-]{4,60}$")]
UploadId = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{32}$")]
AltLine = single_line(1, 300)


class AltText(Strict):
    """What the picture shows, for people who cannot see it: in French, Ukrainian and/or English."""

    model_config = {"json_schema_extra": {"minProperties": 1}}

    fr: AltLine = None  # type: ignore[assignment]
    uk: AltLine = None  # type: ignore[assignment]
    en: AltLine = None  # type: ignore[assignment]

    @model_serializer(mode="wrap")
    def _only_given(self, handler: Any) -> dict[str, str]:
        return {lang: value for lang, value in handler(self).items() if value is not None}

    @model_validator(mode="after")
    def _at_least_one(self) -> AltText:
        if not any((self.fr, self.uk, self.en)):
            raise ValueError("describe the picture in at least one of fr, uk, en")
        return self


class UploadRequest(Strict):
    target: PictureTarget
    id: ItemId = Field(description="The association (as_...), event or announcement the picture is for")
    content_type: ImageType
    size: int = Field(ge=1, description=f"The file's size in bytes (at most {MAX_UPLOAD_BYTES})")


class UploadTicket(Model):
    """A presigned POST: send `fields` and then the file (form field `file`) as multipart/form-data to `url`."""

    upload_id: str
    url: str
    fields: dict[str, str]
    max_bytes: int
    expires_at: str


class PictureIn(Strict):
    upload_id: UploadId = Field(description="From the upload ticket, once the file is posted")
    alt: AltText


class Rendition(Model):
    src: str = Field(description="Path of the image on the web client's origin (CloudFront /media/*)")
    width: int
    height: int


class Picture(Model):
    """Stored on the item and shown as is: re-encoded WebP renditions, without any metadata."""

    card: Rendition = Field(description="At most 640 px a side, for cards")
    large: Rendition = Field(description="At most 1600 px a side, for the item's page")
    alt: dict[str, str]
    updated_at: str
