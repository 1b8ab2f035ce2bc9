"""Local S3, as the browser sees it: presigned POST uploads (same origin, through the gateway) and the media
files CloudFront serves under /media/ in AWS.

moto stores a POSTed object without reading its policy, so the upload route checks what S3 checks before
storing anything: the SigV4 signature of the policy, its expiry, and every condition (bucket, key, content
type, content-length-range); each form field must be covered by a condition. Refusals are S3's XML errors.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from datetime import UTC, datetime
from typing import Any
from xml.sax.saxutils import escape

from werkzeug.wrappers import Request, Response

_SIGNED_FIELDS = {"policy", "x-amz-signature", "file"}


def _s3_error(status: int, code: str, message: str) -> Response:
    body = (f'<?xml version="1.0" encoding="UTF-8"?>\n'
            f"<Error><Code>{code}</Code><Message>{escape(message)}</Message></Error>")
    return Response(body, status=status, content_type="application/xml")


def _signing_key(secret: str, date: str, region: str) -> bytes:
    key = ("AWS4" + secret).encode()
    for part in (date, region, "s3", "aws4_request"):
        key = hmac.new(key, part.encode(), hashlib.sha256).digest()
    return key


class PolicyRefused(Exception):
    def __init__(self, status: int, code: str, message: str):
        self.status, self.code, self.message = status, code, message
        super().__init__(message)


def check_post(bucket: str, fields: dict[str, str], size: int, secret: str, now: datetime | None = None) -> None:
    """What S3 checks of a browser POST (raises PolicyRefused). `fields` are the form's fields, lower-cased names."""
    policy_b64 = fields.get("policy")
    if not policy_b64 or fields.get("x-amz-algorithm") != "AWS4-HMAC-SHA256":
        raise PolicyRefused(403, "AccessDenied", "Only signed POST policies are accepted")
    credential = fields.get("x-amz-credential", "").split("/")
    if len(credential) != 5:
        raise PolicyRefused(403, "AccessDenied", "Malformed credential")
    _, date, region, _, _ = credential
    expected = hmac.new(_signing_key(secret, date, region), policy_b64.encode(), hashlib.sha256).hexdigest()
    if not hmac.compare_digest(expected, fields.get("x-amz-signature", "")):
        raise PolicyRefused(403, "SignatureDoesNotMatch", "The policy's signature does not match")
    policy = json.loads(base64.b64decode(policy_b64))
    expiration = datetime.fromisoformat(policy["expiration"].replace("Z", "+00:00"))
    if (now or datetime.now(UTC)) >= expiration:
        raise PolicyRefused(403, "AccessDenied", "Invalid according to Policy: Policy expired.")
    values = {**fields, "bucket": bucket}
    covered = {"bucket"}
    for condition in policy.get("conditions", []):
        if isinstance(condition, dict):
            (name, value), = condition.items()
            condition = ["eq", f"${name}", value]
        op, name, value = condition[0].lower(), str(condition[1]), condition[2]
        if op == "content-length-range":
            if not int(name) <= size <= int(value):
                status_code = "EntityTooLarge" if size > int(value) else "EntityTooSmall"
                raise PolicyRefused(400, status_code, f"Your proposed upload size {size} is outside "
                                                      f"[{name}, {value}]")
            continue
        field = name.lstrip("$").lower()
        covered.add(field)
        actual = values.get(field, "")
        if (op == "eq" and actual != value) or (op == "starts-with" and not actual.startswith(value)):
            raise PolicyRefused(403, "AccessDenied", f"Invalid according to Policy: Policy Condition failed: "
                                                     f"[\"{op}\", \"{name}\", \"{value}\"]")
    uncovered = set(fields) - covered - _SIGNED_FIELDS - {"x-amz-signature"}
    if uncovered:
        raise PolicyRefused(403, "AccessDenied", f"Invalid according to Policy: Extra input fields: "
                                                 f"{sorted(uncovered)[0]}")


class LocalS3:
    """POST /local-s3/<bucket> (the presigned POST's url on the local stack) and GET /media/<key>."""

    def __init__(self, s3: Any, uploads_bucket: str, media_bucket: str, secret: str, open_data_bucket: str = ""):
        self.s3 = s3
        self.uploads = uploads_bucket
        self.media = media_bucket
        self.secret = secret
        self.open_data = open_data_bucket

    @property
    def upload_path(self) -> str:
        return f"/local-s3/{self.uploads}"

    def upload(self, request: Request) -> Response:
        form = request.form
        upload = request.files.get("file")
        if upload is None:
            return _s3_error(400, "InvalidArgument", "POST requires exactly one file upload per request.")
        data = upload.read()
        fields = {k.lower(): v for k, v in form.items()}
        try:
            check_post(self.uploads, fields, len(data), self.secret)
        except PolicyRefused as refused:
            return _s3_error(refused.status, refused.code, refused.message)
        self.s3.put_object(Bucket=self.uploads, Key=fields["key"], Body=data,
                           ContentType=fields.get("content-type", "application/octet-stream"))
        return Response(status=int(fields.get("success_action_status") or 204))

    def media_file(self, request: Request, bucket: str | None = None) -> Response:
        from botocore.exceptions import ClientError

        key = request.path.lstrip("/")
        try:
            found = self.s3.get_object(Bucket=bucket or self.media, Key=key)
        except ClientError:
            return Response("Not found", status=404, content_type="text/plain")
        return Response(found["Body"].read(), content_type=found.get("ContentType") or "application/octet-stream",
                        headers={"Cache-Control": found.get("CacheControl") or "no-cache",
                                 "X-Content-Type-Options": "nosniff"})

    def open_data_file(self, request: Request) -> Response:
        """GET /open-data/<path>: the open-data export, as CloudFront serves it from OpenDataBucket."""
        return self.media_file(request, bucket=self.open_data)
