"""The pictures' files in S3: presigned POSTs into the private uploads bucket, renditions in the media bucket
(read by CloudFront through origin access control)."""

from __future__ import annotations

from typing import Any

from hromada import clients
from hromada.errors import PayloadTooLarge
from hromada.settings import get_settings


class S3PictureFiles:
    def __init__(self, client: Any = None):
        self.client = client or clients.client("s3")
        settings = get_settings()
        self.uploads = settings.uploads_bucket
        self.media = settings.media_bucket
        self.post_url = settings.upload_post_url

    def presign(self, key: str, content_type: str, max_bytes: int, seconds: int) -> tuple[str, dict[str, str]]:
        """The policy binds bucket, key, type and size: S3 refuses any other file (EntityTooLarge...)."""
        post = self.client.generate_presigned_post(
            Bucket=self.uploads, Key=key, Fields={"Content-Type": content_type},
            Conditions=[{"Content-Type": content_type}, ["content-length-range", 1, max_bytes]],
            ExpiresIn=seconds)
        # Locally the browser posts through the gateway (same origin); the signed policy does not cover the URL.
        return self.post_url or post["url"], {k: str(v) for k, v in post["fields"].items()}

    def read_upload(self, key: str, max_bytes: int) -> bytes | None:
        from botocore.exceptions import ClientError

        try:
            found = self.client.get_object(Bucket=self.uploads, Key=key)
        except ClientError as error:
            if error.response.get("Error", {}).get("Code") in ("NoSuchKey", "404"):
                return None
            raise
        if int(found.get("ContentLength") or 0) > max_bytes:
            raise PayloadTooLarge("image_too_large", max_mb=max_bytes // (1024 * 1024))
        data = found["Body"].read(max_bytes + 1)
        if len(data) > max_bytes:
            raise PayloadTooLarge("image_too_large", max_mb=max_bytes // (1024 * 1024))
        return data

    def discard_upload(self, key: str) -> None:
        self.client.delete_object(Bucket=self.uploads, Key=key)

    def publish(self, key: str, data: bytes, content_type: str) -> None:
        self.client.put_object(Bucket=self.media, Key=key, Body=data, ContentType=content_type,
                               CacheControl="public, max-age=31536000, immutable")

    def unpublish(self, keys: list[str]) -> None:
        for key in keys:
            self.client.delete_object(Bucket=self.media, Key=key)
