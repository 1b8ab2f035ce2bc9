"""Local-only pages: the dev mailbox (every mail the stack asked SES to send, read back from moto) and
buttons that run any schedule now. Never part of the deployed system."""

from __future__ import annotations

import html
import json
import re
from email import message_from_bytes
from email.message import Message
from email.policy import default
from typing import Any

import requests
from werkzeug.wrappers import Request, Response


def sent_mail(moto_url: str) -> list[dict[str, Any]]:
    """Every raw message moto's SES holds, parsed: headers, text, HTML, attachment names; newest first.

    The local stack runs moto in this process, so its SES backend is read directly; `/moto-api/data.json`
    (every service's whole state, slow once the table holds thousands of items) is the fallback for a
    moto server elsewhere."""
    raw_messages = _in_process_raw_mail()
    if raw_messages is None:
        data = requests.get(f"{moto_url}/moto-api/data.json", timeout=30).json()
        raw_messages = [m.get("raw_data") or "" for m in (data.get("ses") or {}).get("RawMessage") or []]
    parsed = []
    for index, body in enumerate(raw_messages):
        cached = _PARSED.get((index, len(body)))
        if cached is None:
            message = message_from_bytes(body.encode() if isinstance(body, str) else body, policy=default)
            cached = _PARSED[(index, len(body))] = {"index": index, **describe(message)}
        parsed.append(cached)
    return list(reversed(parsed))


_PARSED: dict[tuple[int, int], dict[str, Any]] = {}


def _in_process_raw_mail() -> list[str] | None:
    from moto.ses.models import ses_backends

    found: list[str] = []
    seen_any = False
    for account in list(ses_backends.keys()):
        for region in list(ses_backends[account].keys()):
            seen_any = True
            found += [m.raw_data for m in ses_backends[account][region].sent_messages if hasattr(m, "raw_data")]
    return found if seen_any else None


# A mail is shown as a mail client would: no script runs in it, and its links open in a new tab, outside the
# sandbox, where the page they lead to (the confirm button's form, the web client) works as in a real browser.
FRAME_SANDBOX = "allow-popups allow-popups-to-escape-sandbox allow-forms"


def in_new_tab(mail_html: str) -> str:
    """The mail's HTML with its links opening in a new tab (a <base target> in its head)."""
    base = '<base target="_blank">'
    head = re.search(r"<head[^>]*>", mail_html, re.IGNORECASE)
    return mail_html[:head.end()] + base + mail_html[head.end():] if head else base + mail_html


def describe(message: Message) -> dict[str, Any]:
    text = html_part = None
    attachments = []
    for part in message.walk():
        if part.is_multipart():
            continue
        if part.get_filename():
            attachments.append({"filename": part.get_filename(), "content_type": part.get_content_type(),
                                "content": part.get_content() if part.get_content_maintype() == "text" else None})
        elif part.get_content_type() == "text/plain" and text is None:
            text = part.get_content()
        elif part.get_content_type() == "text/html" and html_part is None:
            html_part = part.get_content()
    return {"to": str(message.get("To", "")), "from": str(message.get("From", "")),
            "subject": str(message.get("Subject", "")), "date": str(message.get("Date", "")),
            "headers": {k: str(v) for k, v in message.items()}, "text": text, "html": html_part,
            "attachments": attachments}


class DevPages:
    def __init__(self, moto_url: str, run_schedule: Any, schedule_names: list[str]):
        self.moto_url, self.run_schedule, self.schedule_names = moto_url, run_schedule, schedule_names
        self.last_runs: dict[str, Any] = {}  # what each schedule run here answered (digests: the sending estimate)

    def routes(self) -> dict[str, Any]:
        return {"/dev/mailbox": self.mailbox, "/dev/mailbox.json": self.mailbox_json, "/dev/schedules/": self.schedule}

    def mailbox_json(self, request: Request) -> Response:
        return Response(json.dumps(sent_mail(self.moto_url), ensure_ascii=False), content_type="application/json")

    def schedule(self, request: Request) -> Response:
        name = request.path.removeprefix("/dev/schedules/")
        if request.method != "POST":
            return Response(status=405)
        try:
            result = self.last_runs[name] = self.run_schedule(name)
        except KeyError:
            return Response(json.dumps({"error": f"no schedule {name}"}), status=404, content_type="application/json")
        if request.headers.get("accept", "").startswith("text/html"):
            return Response(status=303, headers={"Location": "/dev/mailbox"})
        return Response(json.dumps(result, default=str), content_type="application/json")

    @staticmethod
    def _sending(results: Any) -> str:
        """The planner's estimate of the time SES's quota needs for a digest, when the run has one."""
        for result in results if isinstance(results, list) else [results]:
            if isinstance(result, dict) and (result.get("sending") or {}).get("estimate"):
                return f"sending at the SES quota: {result['sending']['estimate']}"
        return "done"

    def mailbox(self, request: Request) -> Response:
        mails = sent_mail(self.moto_url)
        buttons = "".join(
            f'<form method="post" action="/dev/schedules/{html.escape(n)}"><button>Run {html.escape(n)} now'
            f"</button></form>" for n in self.schedule_names)
        runs = "".join(
            f"<li><strong>{html.escape(n)}</strong>: {html.escape(self._sending(r))}"
            f"<pre>{html.escape(json.dumps(r, default=str, ensure_ascii=False))}</pre></li>"
            for n, r in self.last_runs.items())
        runs = f"<h2>Last runs</h2><ul>{runs}</ul>" if runs else ""
        rows = []
        for mail in mails:
            headers = "".join(f"<tr><th>{html.escape(k)}</th><td>{html.escape(v)}</td></tr>"
                              for k, v in mail["headers"].items())
            files = ", ".join(html.escape(a["filename"]) for a in mail["attachments"]) or "none"
            frame = (f'<iframe title="{html.escape(mail["subject"])}" sandbox="{FRAME_SANDBOX}" '
                     f'srcdoc="{html.escape(in_new_tab(mail["html"]))}"></iframe>') if mail["html"] else ""
            rows.append(f'<details><summary><strong>{html.escape(mail["subject"])}</strong> → '
                        f'{html.escape(mail["to"])} <small>{html.escape(mail["date"])}</small></summary>'
                        f'<table>{headers}</table><p>Attachments: {files}</p>{frame}'
                        f'<h3>Plain text</h3><pre>{html.escape(mail["text"] or "")}</pre></details>')
        page = f"""<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Dev mailbox · Hromada</title>
<style>body{{font-family:system-ui,sans-serif;margin:20px;max-width:1000px}}form{{display:inline-block;margin:4px}}
details{{border:1px solid #ccd;border-radius:6px;margin:8px 0;padding:8px}}table{{font-size:12px}}
th{{text-align:left;padding-right:8px;vertical-align:top}}iframe{{width:100%;height:520px;border:1px solid #ccd}}
pre{{white-space:pre-wrap;background:#f6f7fa;padding:8px}}</style></head><body>
<h1>Dev mailbox</h1><p>{len(mails)} message(s) the local stack asked SES to send (newest first).
<a href="/dev/mailbox">Refresh</a> · <a href="/dev/mailbox.json">JSON</a> ·
<a href="/dev/webhooks">Webhooks received</a></p>
<div>{buttons}</div>{runs}{"".join(rows) or "<p>No mail yet.</p>"}</body></html>"""
        return Response(page, content_type="text/html; charset=utf-8")
