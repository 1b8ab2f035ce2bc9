"""Local-only: a webhook receiver for the dev demo. Register `{api_url}/dev/webhooks/receive` as an association's
webhook (http://127.0.0.1 is allowed on the local stack only); every delivery is kept in memory with whether its
signature and timestamp check out, as a receiver would check them (the secret read from the table, as the
association's own tool would have it). `/dev/webhooks` shows them, `/dev/webhooks.json` gives them."""

from __future__ import annotations

import html
import json
import threading
import time
from typing import Any

from werkzeug.wrappers import Request, Response

KEEP = 200


class DevWebhookReceiver:
    def __init__(self) -> None:
        self.received: list[dict[str, Any]] = []
        self._lock = threading.Lock()
        self.answer = 200  # a test can make the receiver fail (500) to watch the retries

    def routes(self) -> dict[str, Any]:
        return {"/dev/webhooks/receive": self.receive, "/dev/webhooks.json": self.as_json, "/dev/webhooks": self.page}

    def receive(self, request: Request) -> Response:
        if request.method != "POST":
            return Response(status=405)
        body = request.get_data()
        headers = {k: v for k, v in request.headers.items() if k.lower().startswith("hromada-")}
        try:
            event = json.loads(body)
        except ValueError:
            event = {}
        entry = {"received_at": time.time(), "headers": headers, "event": event,
                 "verified": self._verified(headers, body, event), "answered": self.answer}
        with self._lock:
            self.received = [entry, *self.received][:KEEP]
        return Response(json.dumps({"ok": self.answer < 300}), status=self.answer, content_type="application/json")

    @staticmethod
    def _verified(headers: dict[str, str], body: bytes, event: dict[str, Any]) -> bool:
        from hromada.domain.webhook_rules import verify
        from hromada.store.webhooks import DynamoWebhookStore

        association_id = (event.get("data") or {}).get("association_id") or ""
        webhook_id = headers.get("Hromada-Webhook-Id", "")
        hook = DynamoWebhookStore().get(association_id, webhook_id) if association_id and webhook_id else None
        return hook is not None and verify(hook.secret, headers, body, now=time.time())

    def as_json(self, request: Request) -> Response:
        with self._lock:
            return Response(json.dumps(self.received, ensure_ascii=False), content_type="application/json")

    def page(self, request: Request) -> Response:
        with self._lock:
            rows = "".join(
                f"<tr><td>{time.strftime('%H:%M:%S', time.localtime(e['received_at']))}</td>"
                f"<td>{html.escape(str(e['event'].get('type', '?')))}</td>"
                f"<td><code>{html.escape(e['headers'].get('Hromada-Event-Id', ''))}</code></td>"
                f"<td>{'✔ signature valid' if e['verified'] else '✘ signature invalid'}</td>"
                f"<td><pre>{html.escape(json.dumps(e['event'].get('data'), ensure_ascii=False))}</pre></td></tr>"
                for e in self.received)
        page = f"""<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Dev webhooks · Hromada</title>
<style>body{{font-family:system-ui,sans-serif;margin:20px;max-width:1000px}}table{{border-collapse:collapse}}
td,th{{border-bottom:1px solid #ccd;padding:4px 8px;text-align:left;vertical-align:top}}pre{{margin:0}}</style>
</head><body><h1>Dev webhook receiver</h1>
<p>Register <code>{html.escape(request.host_url)}dev/webhooks/receive</code> as a webhook in an association's
dashboard; deliveries land here (newest first). <a href="/dev/webhooks">Refresh</a> ·
<a href="/dev/webhooks.json">JSON</a> · <a href="/dev/mailbox">Dev mailbox</a></p>
<table><thead><tr><th>Time</th><th>Type</th><th>Event id</th><th>Check</th><th>Data</th></tr></thead>
<tbody>{rows or '<tr><td colspan="5">Nothing received yet.</td></tr>'}</tbody></table></body></html>"""
        return Response(page, content_type="text/html; charset=utf-8")
