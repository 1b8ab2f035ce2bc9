"""MIME messages built with the standard `email` package: text and HTML alternatives, headers, attachments.

SES v2 `Content.Raw` is used (not `Simple`) so that List-Unsubscribe headers and .ics attachments survive.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import formatdate, make_msgid

from hromada.mail.render import Rendered

# Line breaks (CR, LF, and their Unicode cousins) and other control characters: none may reach a header.
_NOT_IN_HEADER = re.compile(r"[\x00-\x1f\x7f\x85\u2028\u2029]+")


def one_line(value: str) -> str:
    """A header value on one line. Titles and names are checked at the API already; this also covers what
    was stored before (or by another path), so a stray CR/LF can neither add a header nor stop the mail."""
    return " ".join(_NOT_IN_HEADER.sub(" ", value).split())


@dataclass(frozen=True)
class Attachment:
    filename: str
    content: bytes
    maintype: str
    subtype: str
    params: tuple[tuple[str, str], ...] = ()


def unsubscribe_headers(one_click_url: str, mailto: str | None = None) -> dict[str, str]:
    """RFC 2369 + RFC 8058: a POST to the HTTPS URL unsubscribes at once, without a page or a login."""
    links = f"<{one_click_url}>" + (f", <mailto:{mailto}>" if mailto else "")
    return {"List-Unsubscribe": links, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}


def build(sender: str, recipient: str, rendered: Rendered, *, lang: str, headers: dict[str, str] | None = None,
          attachments: list[Attachment] | None = None) -> bytes:
    message = EmailMessage(policy=SMTP)
    message["From"] = one_line(sender)
    message["To"] = one_line(recipient)
    message["Subject"] = one_line(rendered.subject)
    message["Date"] = formatdate(localtime=False, usegmt=True)
    message["Message-ID"] = make_msgid(domain=sender.rsplit("@", 1)[-1].strip(">"))
    message["Content-Language"] = lang
    for name, value in (headers or {}).items():
        message[one_line(name)] = one_line(value)
    message.set_content(rendered.text)
    message.add_alternative(rendered.html, subtype="html")
    for attachment in attachments or []:
        message.add_attachment(attachment.content, maintype=attachment.maintype, subtype=attachment.subtype,
                               filename=attachment.filename, params=dict(attachment.params))
    return message.as_bytes()
