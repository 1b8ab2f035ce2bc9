"""Settings read from the environment once per cold start (lazily, so tests need no import tricks)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cache


@dataclass(frozen=True)
class Settings:
    table_name: str
    stage: str
    max_body_bytes: int
    region: str
    writes_per_minute_per_user: int
    writes_per_minute_per_ip: int
    event_bus_name: str
    flags_to_hide: int = 3
    user_pool_id: str = ""
    ballot_table_name: str = "hromada-ballots"
    # Confirmation and notice mails (the subscribe form) per mail domain and hour; the big webmail
    # providers, where many unrelated people subscribe, get the second, higher cap.
    form_mails_per_domain_hour: int = 30
    form_mails_per_webmail_hour: int = 2000
    mail_max_concurrency: int = 1  # mailer instances at once (its event source's MaximumConcurrency)
    uploads_bucket: str = ""  # pictures as posted (private; incoming/ expires after a day)
    media_bucket: str = ""  # pictures as shown (re-encoded; read by CloudFront)
    upload_post_url: str = ""  # local stack only: where the browser posts (the gateway, same origin)


@cache
def get_settings() -> Settings:
    return Settings(
        table_name=os.environ.get("TABLE_NAME", "hromada"),
        stage=os.environ.get("STAGE", "dev"),
        max_body_bytes=int(os.environ.get("MAX_BODY_BYTES", "65536")),
        region=os.environ.get("AWS_REGION") or os.environ.get("AWS_DEFAULT_REGION") or "eu-west-3",
        writes_per_minute_per_user=int(os.environ.get("WRITES_PER_MINUTE_PER_USER", "60")),
        writes_per_minute_per_ip=int(os.environ.get("WRITES_PER_MINUTE_PER_IP", "300")),
        event_bus_name=os.environ.get("EVENT_BUS_NAME", "default"),
        flags_to_hide=int(os.environ.get("FLAGS_TO_HIDE", "3")),
        user_pool_id=os.environ.get("USER_POOL_ID", ""),
        ballot_table_name=os.environ.get("BALLOT_TABLE_NAME", "hromada-ballots"),
        form_mails_per_domain_hour=int(os.environ.get("FORM_MAILS_PER_DOMAIN_HOUR", "30")),
        form_mails_per_webmail_hour=int(os.environ.get("FORM_MAILS_PER_WEBMAIL_HOUR", "2000")),
        mail_max_concurrency=max(1, int(os.environ.get("MAIL_MAX_CONCURRENCY", "1"))),
        uploads_bucket=os.environ.get("UPLOADS_BUCKET", ""),
        media_bucket=os.environ.get("MEDIA_BUCKET", ""),
        upload_post_url=os.environ.get("UPLOAD_POST_URL", ""),
    )
