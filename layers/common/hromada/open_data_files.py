"""The open-data files in S3 (the OpenDataBucket, read by CloudFront through origin access control under
/open-data/). A run's files never change once written (cached for a year); the index and the licence are
cached for five minutes, so a new export reaches readers within minutes."""

from __future__ import annotations

import json
from typing import Any

from hromada import clients
from hromada.settings import get_settings

ROOT = "open-data/"
IMMUTABLE = "public, max-age=31536000, immutable"
SHORT = "public, max-age=300"


class S3OpenDataFiles:
    def __init__(self, client: Any = None, bucket: str | None = None):
        self.client = client or clients.client("s3")
        self.bucket = bucket or get_settings().open_data_bucket

    def current_prefix(self) -> str | None:
        from botocore.exceptions import ClientError

        try:
            found = self.client.get_object(Bucket=self.bucket, Key=ROOT + "datapackage.json")
        except ClientError as error:
            if error.response.get("Error", {}).get("Code") in ("NoSuchKey", "404", "AccessDenied"):
                return None
            raise
        resources = json.loads(found["Body"].read()).get("resources") or []
        return resources[0]["path"].split("/")[0] if resources else None

    def put(self, path: str, body: bytes, media_type: str, *, immutable: bool) -> None:
        self.client.put_object(Bucket=self.bucket, Key=ROOT + path, Body=body, ContentType=media_type,
                               CacheControl=IMMUTABLE if immutable else SHORT)
